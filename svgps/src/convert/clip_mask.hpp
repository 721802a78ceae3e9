// clip-path and mask: the region each leaves drawn, as a Clip for the shapes below.
#pragma once

#include <cstddef>
#include <string_view>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// The union of a clipPath's shapes and text, in document coordinates for an element whose CTM
// is given. Null when the element is not drawn (or something is refused).
const Clip* clip_region(BuildState& state, std::size_t clip_index, std::size_t clipped, const Context& context);
// Applies a mask that is exactly a clip region and an opacity: content only of shapes, all in
// one opaque colour, so that everything it draws has the same mask value (luminance, or alpha
// for mask-type="alpha"). Returns false when the element is not drawn.
bool apply_mask(BuildState& state, std::size_t index, std::string_view value, Context& context);
// Clips what follows to a viewport rectangle of the current user space (a nested <svg>'s x, y,
// width and height): false when the rectangle is empty and nothing inside can show.
bool clip_to_viewport(BuildState& state, double x, double y, double width, double height, Context& context);

}  // namespace bimi::svgps::convert
