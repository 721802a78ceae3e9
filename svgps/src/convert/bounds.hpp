// Bounding boxes of elements in their user space, for objectBoundingBox units.
#pragma once

#include <cstddef>
#include <optional>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

geo::Path box_path(const geo::Box& box);
// Bounds of an element's own geometry in its user space (for objectBoundingBox units): a
// shape's path, or what a group's shapes and groups draw.
geo::Box local_bounds(BuildState& state, std::size_t index, int depth = 0);
// The unit square of objectBoundingBox units mapped onto an element's bounding box; nullopt
// when the box has no area (the element is then not drawn).
std::optional<geo::Matrix> bounding_box_units(BuildState& state, std::size_t element);

}  // namespace bimi::svgps::convert
