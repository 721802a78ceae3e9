// Basic shapes and paths: their geometry, paint and stroke, and their placement in the output.
#pragma once

#include <cstddef>
#include <optional>

#include "convert/build_state.hpp"
#include "geometry/clip.hpp"

namespace bimi::svgps::convert {

inline constexpr std::size_t max_path_segments = 1'000'000;

// An element's geometry in its user space; nullopt when it is not a shape.
std::optional<geo::Path> shape_path(BuildState& state, std::size_t index, const Context& context);
void build_shape(BuildState& state, std::size_t index, model::Node& parent, const Context& outer);
// The shape and its markers in paint order (SVG 2 §13.6): markers last unless paint-order names
// them earlier; between the fill and the stroke the shape is drawn as two. `fill_area`, when
// given, is what the fill paints instead of the shape's geometry (the fill is then drawn apart).
void paint_with_markers(BuildState& state, std::size_t index, model::Shape shape, const Context& context,
                        model::Node& parent, const geo::FilledPath* fill_area = nullptr);
// Paints a shape's geometry with the element's fill and stroke and places it in paint order;
// nothing when it paints neither. `fill_area` as for paint_with_markers.
void paint_and_place(BuildState& state, std::size_t index, model::Shape shape, const Context& context,
                     model::Node& parent, const geo::FilledPath* fill_area = nullptr);
// paint-order: a stroke drawn under the fill is the same shape drawn twice, stroke first.
void place_in_paint_order(BuildState& state, std::size_t index, model::Shape shape, const Context& context,
                          model::Node& parent);
// Puts a shape in document coordinates when that is exact, applies clips, adds it to parent.
void place_shape(BuildState& state, const RawElement& e, model::Shape shape, const Context& context,
                 model::Node& parent);

}  // namespace bimi::svgps::convert
