// The plain documents that the rendered rules can settle without librsvg: a square viewBox, groups
// and basic shapes, plain colours. Read into the layers cairo will paint, in render pixels, with
// librsvg's own outlines (geometry/librsvg_paths.hpp). Anything outside this small subset (styles,
// transforms, gradients, text, units, references, opacity, unusual markup) is not read at all.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "geometry/path.hpp"
#include "style/color.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::detail {

// One fill or stroke as cairo will paint it, in render pixels.
struct SceneLayer {
  bool is_fill = true;
  std::vector<std::vector<geometry::Point>> polygons;  // the flattened path (the proof fills these in)
  geometry::FillRule rule = geometry::FillRule::nonzero;
  std::optional<style::Color> color;  // the paint (plain colours only; anything else is refused)
  double opacity = 1;
  double extent = 0;                      // strokes: how far paint reaches from the path
  std::vector<geometry::Point> moves;     // strokes: where subpaths start (a lone one can still get caps)
  geometry::Box box;                      // everything the layer can touch
  double reach = 0;                       // the farthest it can touch from the render's centre
  double reach_floor = 0;                 // the farthest point on the path itself: reach is at least this
  std::optional<geometry::Box> rectangle;  // fills whose outline is one axis-aligned rectangle
  geometry::Path path;                     // as librsvg hands it to cairo, in render pixels

  bool opaque() const { return color && color->alpha == 1 && opacity == 1; }
};

// The layers of a `size` px render in paint order, or nullopt when the document is outside the
// subset or past its bounds (2,000 elements, 100,000 segments a path).
std::optional<std::vector<SceneLayer>> read_plain_scene(std::string_view svg_text, const RawDocument& document,
                                                        int size);

}  // namespace bimi::svgps::detail
