// The walk over the raw tree: each element to what draws it, containers with their effects.
#pragma once

#include <cstddef>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

void build_children(BuildState& state, std::size_t index, model::Node& group, const Context& context);
// Work refused inside a stage (the deadline passed, an operation too large to run) is refused
// at the innermost element being built, with its line, and unwinds the whole build.
void build_element(BuildState& state, std::size_t index, model::Node& parent, const Context& context);
// opacity, filter, mask and clip-path on an element. Returns false when the element is not drawn.
bool apply_effects(BuildState& state, std::size_t index, Context& context);

}  // namespace bimi::svgps::convert
