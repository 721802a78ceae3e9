// A mask painted with a gradient (an editor's fade) over content of flat colours: exactly each
// colour as a gradient whose stop opacities are the mask's values.
#pragma once

#include <cstddef>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

enum class GradientMaskResult {
  applied,   // the shapes below fill with the mask's gradient (Context::gradient_mask), clipped to its shape
  hidden,    // the mask leaves nothing drawn
  declined,  // not a gradient mask over one flat colour: masks are read as clips (clip_mask.hpp)
};

// A mask whose content is one shape filled with a linear or radial gradient (pad spread, no
// focal offset), over an element that draws only shapes filled and stroked with flat colours.
GradientMaskResult apply_gradient_mask(BuildState& state, std::size_t masked, std::size_t mask_index, Context& context);

// A shape's flat fill under a gradient mask: the mask's gradient mapped into the shape's user
// space (`ctm` maps it to the document), in the fill's colour, its opacity times the mask's.
model::Paint masked_fill(BuildState& state, const GradientMask& mask, model::Paint fill, const geo::Matrix& ctm,
                         const RawElement& user);

// Once the masked element is drawn: content of one colour has its overlaps joined
// (join_masked_overlaps); content of several (GradientMask::per_region), drawn flat, becomes
// disjoint regions of one colour, each filled with the mask's gradient in its colour.
void finish_gradient_mask(BuildState& state, model::Node& drawn, const GradientMask& mask, const RawElement& e);

// The mask applies to the content as one picture; each shape painted with the mask's fade would
// show it twice where shapes overlap (and seams where they touch), so shapes that overlap are
// joined into one first (exact: all paint the same). Shapes in different spaces that overlap are
// reported as approximated on `e`.
void join_masked_overlaps(BuildState& state, model::Node& group, const RawElement& e);

}  // namespace bimi::svgps::convert
