// Shapes cut by the clip regions in force.
#pragma once

#include <optional>
#include <vector>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// The shape cut by every clip in force: nothing, the shape, or its fill and its outlined
// stroke as two shapes. `local` maps the shape's coordinates to the document when they differ.
std::vector<model::Shape> clipped_parts(BuildState& state, const RawElement& e, model::Shape shape,
                                        const Context& context, std::optional<geo::Matrix> local);

}  // namespace bimi::svgps::convert
