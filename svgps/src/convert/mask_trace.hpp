// A mask no clip or gradient holds (an image, partial transparency, several luminances, content
// with its own effects): the element's own drawing under the mask, its content converted too,
// rendered alone by librsvg and traced into alpha bands (effect_trace.hpp).
#pragma once

#include <cstddef>
#include <string>

#include "convert/build_state.hpp"
#include "convert/filter_effects.hpp"

namespace bimi::svgps::convert {

// An element's mask, with the masks it is drawn through, as defs for a render of the element in
// its user space (the outermost <mask id="bimi-mask0">, its region in userSpaceOnUse), its
// content converted. Empty defs with a failure: it cannot be rendered (why); with none: the
// element is not drawn (said in a note), or the conversion was refused.
struct MaskRender {
  std::string defs;
  geo::Box region;  // the outer mask's region, in the element's user space
  std::string failure;
};
MaskRender mask_render(BuildState& state, std::size_t index, std::size_t mask_index, const Context& context);

// Builds the element apply_mask left to be traced (BuildState::mask_to_trace), when it is
// `index`; false otherwise. When the render cannot be traced the element is drawn again, and its
// mask is then refused (or dropped with --force) with the reason.
bool build_traced_mask(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                       const DrawElement& draw);

// Whether apply_effects is entering the element build_traced_mask draws without its mask.
bool mask_applied_outside(const BuildState& state, std::size_t index);

}  // namespace bimi::svgps::convert
