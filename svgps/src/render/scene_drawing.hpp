// A plain scene's fills drawn with cairo in this process, with the very calls librsvg makes for
// them, so the image equals librsvg's render of the document pixel for pixel while costing a small
// fraction of it (no XML parse, no CSS cascade, no worker process). The rendered rules measure it
// in place of a render.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "bimi/svgps/limits.hpp"
#include "bimi/svgps/render.hpp"
#include "render/plain_scene.hpp"

namespace bimi::svgps::detail {

// The `size` px image, or nullopt when the scene holds what is left to librsvg (a stroke: its
// outline depends on state this drawing does not reproduce), is past the drawing's bounds (20,000
// segments; every point within four sizes of the canvas, so cairo's flattening stays small), or
// cairo cannot be loaded.
std::optional<Image> draw_plain_scene(const std::vector<SceneLayer>& layers, int size);

// The same for a whole document: nullopt when it is not plain (plain_scene.hpp) or not drawn.
std::optional<Image> draw_plain_document(std::string_view svg_text, int size, const Limits& limits);

}  // namespace bimi::svgps::detail
