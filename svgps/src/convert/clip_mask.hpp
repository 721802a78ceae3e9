// clip-path and mask: the region each leaves drawn, as a Clip for the shapes below.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "convert/build_state.hpp"
#include "geometry/clip.hpp"

namespace bimi::svgps::convert {

// The union of a clipPath's shapes and text, in document coordinates for an element whose CTM
// is given. Null when the element is not drawn (or something is refused).
const Clip* clip_region(BuildState& state, std::size_t clip_index, std::size_t clipped, const Context& context);
// Applies a mask that is exactly a clip region and an opacity: content only of shapes, all in
// one opaque colour, so that everything it draws has the same mask value (luminance, or alpha
// for mask-type="alpha"); or one shape painted with a gradient over content of one flat colour
// (gradient_mask.hpp). Returns false when the element is not drawn.
bool apply_mask(BuildState& state, std::size_t index, std::string_view value, Context& context);

// The <mask> a <mask> element's own `mask` property names, if any (one that names no mask, or
// the mask itself, is ignored, as librsvg ignores it).
std::optional<std::size_t> mask_of_mask(const BuildState& state, std::size_t mask_index);
// The mask's rectangle (x, y, width, height in maskUnits) in the masked element's user space.
geo::Box mask_box(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context);
// mask-type="alpha" (in CSS or as the attribute): the mask's opacity, not its luminance.
bool is_alpha_mask(const BuildState& state, std::size_t mask_index);
// The area a mask's pieces (in the masked element's user space) leave drawn, cut to the mask's
// region (x, y, width, height in maskUnits), as a clip for the masked element.
const Clip* mask_clip(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context,
                      std::vector<geo::FilledPath> pieces);
// Clips what follows to a viewport rectangle of the current user space (a nested <svg>'s x, y,
// width and height): false when the rectangle is empty and nothing inside can show.
bool clip_to_viewport(BuildState& state, double x, double y, double width, double height, Context& context);
// Clips what follows to an area of the current user space (a shape a pattern fills).
void clip_to_area(BuildState& state, geo::FilledPath area, Context& context);

}  // namespace bimi::svgps::convert
