// Pattern fills (SVG 1.1 §13.3): the output has no <pattern>, so a shape's fill or stroke
// painted with one becomes the pattern's tiles, each drawn as shapes and cut to the tile and to
// the area the fill or stroke paints.
#pragma once

#include <cstddef>
#include <optional>

#include "convert/build_state.hpp"
#include "geometry/clip.hpp"
#include "convert/paint_server.hpp"

namespace bimi::svgps::convert {

// The <pattern> the element's fill or stroke names, if any. A missing one, and one in
// objectBoundingBox units on an element whose box has no width or no height, are left to
// resolve_paint, which draws the fallback colour.
std::optional<std::size_t> pattern_paint(BuildState& state, std::size_t index, PaintProperty property);

// True when the pattern is laid out in the element's bounding box (patternUnits or
// patternContentUnits objectBoundingBox, through its href chain) and that box has no width or no
// height: there is nothing to tile.
bool pattern_lacks_box(BuildState& state, std::size_t pattern, std::size_t element);

// Draws the pattern's tiles over `area` (in the element's user space, context.ctm), cut to it,
// at `opacity` (the fill-opacity or stroke-opacity). False when the element is refused (too many
// tiles); a pattern of no area draws nothing.
bool draw_pattern(BuildState& state, std::size_t index, std::size_t pattern, geo::FilledPath area, double opacity,
                  const Context& context, model::Node& parent);

}  // namespace bimi::svgps::convert
