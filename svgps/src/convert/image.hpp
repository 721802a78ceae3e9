// <image>: an embedded PNG or JPEG traced into shapes.
#pragma once

#include <cstddef>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// A PNG or JPEG embedded as a data: URI is traced into flat colour shapes, as a bitmap logo
// is; an external image (never fetched) or another format cannot be kept.
void build_image(BuildState& state, std::size_t index, model::Node& parent, const Context& outer);

}  // namespace bimi::svgps::convert
