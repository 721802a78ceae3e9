// The walk over the raw tree: each element to what draws it, containers with their effects.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

void build_children(BuildState& state, std::size_t index, model::Node& group, const Context& context);
// Work refused inside a stage (the deadline passed, an operation too large to run) is refused
// at the innermost element being built, with its line, and unwinds the whole build.
void build_element(BuildState& state, std::size_t index, model::Node& parent, const Context& context);
// opacity, filter, mask and clip-path on an element. Returns false when the element is not drawn.
bool apply_effects(BuildState& state, std::size_t index, Context& context);
// A container (a group, a <switch>, a <use>) drawn as a group of its own: `inner` is its context
// before its effects, `content` builds what it draws into the group under the effects. An
// opacity of the whole group is folded into the shapes once they are built.
void build_container(BuildState& state, std::size_t index, model::Node& parent, Context inner,
                     const std::function<void(const Context&, model::Node&)>& content);
// The context a leaf (a shape, text, an image) is drawn in: its transform and effects applied.
// An opacity that wants an isolated group (a fill and a stroke overlap) is folded into both
// paints, and reported as `approximated` unless that is empty; `folded`, when given, is set
// then. nullopt when it is not drawn.
std::optional<Context> leaf_context(BuildState& state, std::size_t index, const Context& outer,
                                    std::string_view approximated, bool* folded = nullptr);

}  // namespace bimi::svgps::convert
