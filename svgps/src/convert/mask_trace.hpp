// A mask no clip or gradient holds (an image, partial transparency, several luminances, content
// with its own effects): the element's own drawing under the mask, its content converted too,
// rendered alone by librsvg and traced into alpha bands (effect_trace.hpp).
#pragma once

#include <cstddef>

#include "convert/build_state.hpp"
#include "convert/filter_effects.hpp"

namespace bimi::svgps::convert {

// Builds the element apply_mask left to be traced (BuildState::mask_to_trace), when it is
// `index`; false otherwise. When the render cannot be traced the element is drawn again, and its
// mask is then refused (or dropped with --force) with the reason.
bool build_traced_mask(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                       const DrawElement& draw);

// Whether apply_effects is entering the element build_traced_mask draws without its mask.
bool mask_applied_outside(const BuildState& state, std::size_t index);

}  // namespace bimi::svgps::convert
