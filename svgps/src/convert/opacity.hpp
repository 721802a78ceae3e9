// Opacity folded into paint: an element's own, and a group's (isolated) over its shapes.
#pragma once

#include <cstddef>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// A bound on what a shape paints: its path's box widened by the stroke's reach.
geo::Box painted_box(const model::Shape& shape);
// A group's opacity folded into the shapes built under it.
void fold_isolated_opacity(BuildState& state, model::Node& group, double opacity, const RawElement& e);
// Multiplies what the element draws by `opacity`: straight into its paint when it draws one
// thing (true), else as the opacity of an isolated group (see fold_isolated_opacity).
bool fold_opacity(BuildState& state, std::size_t index, double opacity, Context& context);

}  // namespace bimi::svgps::convert
