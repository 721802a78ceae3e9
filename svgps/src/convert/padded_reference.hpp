// librsvg (2.54) filters only what lies inside the viewport it renders into: a blur of an element
// that reaches past the page fades at the page's edge, where browsers blur the whole element. The
// fidelity reference of such a logo is rendered with the page in the middle of a viewport three
// times as wide, then cut back to the page: librsvg then draws it as browsers do.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/svgps/limits.hpp"
#include "bimi/svgps/render.hpp"

namespace bimi::svgps::convert {

// `svg_text` (a whole document) rendered `size` pixels square as render_logo renders it, but with
// room around the page for filters to read. Nullopt when the root cannot be placed so (x or y on
// it; a width and height that are neither 100% nor absolute and of its viewBox's shape), or the
// render fails; the caller then renders as usual.
std::optional<Image> render_with_room(std::string_view svg_text, int size, const Limits& limits);

}  // namespace bimi::svgps::convert
