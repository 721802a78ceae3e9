// Paint: colours, currentColor, solidColor and gradients resolved into the output's paints.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

enum class PaintProperty { fill, stroke };

// An element's fill or stroke, with its opacity, for a shape whose geometry is `path`; a gradient
// it uses is added to the output document.
model::Paint resolve_paint(BuildState& state, std::size_t index, PaintProperty property, const Context& context,
                           const geo::Path& path);

// Maps a gradient paint's coordinates by `m` (exact where bake_shape uses it).
void bake_paint_transform(BuildState& state, model::Paint& paint, const geo::Matrix& m);

}  // namespace bimi::svgps::convert
