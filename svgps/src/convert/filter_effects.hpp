// Filters evaluated exactly on an element's own drawing (Filter Effects 1): colour maps
// (feColorMatrix, feComponentTransfer) on SourceGraphic or SourceAlpha, a flood composited "in"
// them (a colour overlay), a flood of the filter region, and hard offsets of them merged (feMerge,
// feBlend normal, feComposite over) into copies below or above the element. Any other filter is
// left to apply_effects, which refuses it (or drops it under --force).
#pragma once

#include <cstddef>
#include <functional>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// Draws the element itself (its transform and effects included) in `context`, into `node`.
using DrawElement = std::function<void(const Context& context, model::Node& node)>;

// Builds the element under its filter when the filter is one of those above and says what it
// became; true when handled (drawn, removed or refused on the way), false when the filter is
// another one (the caller then goes on as it does for any filter).
bool build_filtered(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                    const DrawElement& draw);

// Why an element's filter is neither evaluated nor traced, for the refusal: what in it blocks
// (an feImage, an unknown primitive, a paint input of a pattern, a mask on the element, a flood
// where `user`, the element's user space, is turned), else "shadows, blurs".
std::string unplanned_filter(const BuildState& state, std::size_t index, const geo::Matrix& user);

// Whether the element's filter is a <filter> without primitives, whose result is transparent:
// the element is not drawn (Filter Effects 1 §7).
bool empty_filter(const BuildState& state, std::size_t index);

// Why librsvg (2.54) draws the element as if it had no filter: the <filter> it names has an
// invalid filterUnits or primitiveUnits, or a negative width or height. Empty when it has none.
std::string invalid_filter(const BuildState& state, std::size_t index);

// Whether apply_effects is entering the element build_filtered draws: its filter and its own
// opacity are applied there, after the filter (Filter Effects 1 §3: filter, clip, mask, opacity).
bool filter_applied_outside(BuildState& state, std::size_t index);

}  // namespace bimi::svgps::convert
