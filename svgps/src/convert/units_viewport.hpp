// Units and viewports: lengths in user units (percentages against the viewport, em and ex
// against a 16 px font), opacity values, the artboard, viewBox and preserveAspectRatio.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

double clamp01(double v);

// An opacity value: a number, or a percentage.
std::optional<double> parse_opacity(std::string_view text);

// Whether a matrix keeps shapes' angles and proportions, so strokes and circles survive baking.
bool is_conformal(const geo::Matrix& m);
double uniform_scale(const geo::Matrix& m);
// Whether a matrix rotates or skews (beyond rounding): the page-aligned box around what it maps
// is then not the image of the box.
bool turns(const geo::Matrix& m);

// A length in user units: percentages against the viewport (w: width, h: height, d: the
// normalized diagonal), em and ex against a 16 px font.
double user_units(std::string_view text, double fallback, const Context& context, char axis);
double user_units(const detail::Length& length, const Context& context, char axis);
// A length attribute in user units (see user_units).
double length(const RawElement& e, std::string_view name, double fallback, const Context& context, char axis);

// The root's viewBox, else its absolute width and height; refused when it has neither.
bool read_view_box(BuildState& state, const RawElement& root, model::ViewBox& box);
// The original with the viewBox its absolute width and height imply (72pt is 96 user units), for
// the reference render: without one librsvg takes the numbers without their units as the viewBox.
// Nothing when the root has a viewBox or its size is in pixels.
std::optional<std::string> with_pixel_view_box(std::string_view text, const RawDocument& raw);
// The byte offset of the root's start tag ("<svg") in `text`, the bytes `raw` was parsed from.
std::optional<std::size_t> root_start(std::string_view text, const RawDocument& raw);
// Whether an element that sets a viewport (a nested <svg>, a <marker>) cuts what it draws to it:
// overflow is hidden there unless it is visible or auto.
bool overflow_hidden(const BuildState& state, std::size_t index);
// viewBox and preserveAspectRatio into a matrix.
geo::Matrix view_box_transform(const RawElement& e, double width, double height);
std::string aspect_mode(const RawElement& e);
// The element's preserveAspectRatio fitting `box` into a width×height viewport at the origin.
geo::Matrix aspect_transform(const RawElement& e, const model::ViewBox& box, double width, double height);

}  // namespace bimi::svgps::convert
