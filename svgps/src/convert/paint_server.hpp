// Paint: colours, currentColor, solidColor and gradients resolved into the output's paints.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// An element's fill or stroke (`name`, with its opacity property and initial value) for a
// shape whose geometry is `path`; a gradient it uses is added to the output document.
model::Paint resolve_paint(BuildState& state, std::size_t index, std::string_view name, std::string_view opacity_name,
                           std::string_view initial, const Context& context, const geo::Path& path);
// The fallback written after a url() paint (SVG 1.1, 11.2), trimmed; empty when there is none.
std::string url_fallback(std::string_view value);
// A colour value with currentColor replaced by the element's color property (black when unset).
std::string with_current_color(const BuildState& state, std::size_t element, std::string value);

// Maps a gradient paint's coordinates by `m` (exact where bake_shape uses it).
void bake_paint_transform(BuildState& state, model::Paint& paint, const geo::Matrix& m);

}  // namespace bimi::svgps::convert
