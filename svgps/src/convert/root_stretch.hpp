// A root whose preserveAspectRatio is "none" stretches its viewBox onto its own width×height
// (SVG 1.1 §7.8): drawn at its own size, a square viewBox on a wide viewport is a wide picture.
// The converter draws the content so stretched, then frames it square like any non-square
// artboard; the original is compared as drawn at its own size, framed square the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "geometry/path.hpp"
#include "model/document.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::convert {

struct RootStretch {
  model::ViewBox view_box;  // as written on the root
  double width = 0;         // the root's own viewport, in pixels
  double height = 0;

  // The viewBox onto 0 0 width height, non-uniformly.
  geometry::Matrix transform() const;
};

// An absolute length in pixels (72pt is 96 px); nothing for percentages, em and ex, which have no
// size of their own on the root, and for a length that is not positive.
std::optional<double> absolute_pixels(const detail::RawAttribute* a);

// The root's viewBox, when it has a valid one (four numbers, a positive width and height).
std::optional<model::ViewBox> written_view_box(const detail::RawElement& root);

// Whether `box` has the shape of a width×height viewport: then fitting it there only scales it.
bool same_shape(const model::ViewBox& box, double width, double height);

// The stretch the root asks for: preserveAspectRatio "none", a viewBox and an absolute width and
// height of another shape than the viewBox's. Nothing otherwise (a uniform stretch changes nothing,
// and without width and height there is nothing to stretch to).
std::optional<RootStretch> root_stretch(const detail::RawElement& root);

// The original wrapped in a square outer <svg> in which it is drawn at its own width×height,
// centred, so that a square render shows the stretch; nothing when the root asks for none.
std::optional<std::string> stretched_in_square(std::string_view text, const detail::RawDocument& raw);

}  // namespace bimi::svgps::convert
