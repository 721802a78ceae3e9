// A group holding several traced effects (a Figma glow: blurred blobs of colour under a mask)
// costs each effect's alpha bands, stacked; drawn together they are one picture of smooth
// colour. When the logo does not fit otherwise (BuildOptions::flatten_effect_groups), the
// group's converted drawing is rendered once and traced as a bitmap logo is, its shading as
// gradients, under the group's own clips.
#pragma once

#include <cstddef>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// Traced effects a group must hold for its drawing to be traced as one picture.
inline constexpr std::size_t min_effects_to_flatten = 2;

// Replaces `node`, the converted drawing of the container `index` (its clips in `inner`), by its
// render traced. False, with `node` untouched, when the render cannot be traced.
// `effects` counts the traced effects inside, for the note.
bool flatten_effect_group(BuildState& state, std::size_t index, const Context& inner, std::size_t effects,
                          model::Node& node);

// Siblings drawn only by traced effects, one after another in `node` (the drawing of the
// container `index`, drawn in `context`): each run of at least min_effects_to_flatten of them is
// traced as one picture, in its place in paint order.
void flatten_effect_runs(BuildState& state, std::size_t index, const Context& context, model::Node& node);

}  // namespace bimi::svgps::convert
