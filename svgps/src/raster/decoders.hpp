// The bitmap decoders behind decode_raster, one file per format, and the pixel bound they share.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/svgps/limits.hpp"
#include "bimi/svgps/render.hpp"

namespace bimi::svgps::raster {

// True (and `error` set) for an empty image or one over limits.max_pixels: checked from the
// header, before any pixel buffer is allocated.
bool too_many_pixels(std::size_t width, std::size_t height, const Limits& limits, std::string& error);

std::optional<Image> decode_webp(std::string_view bytes, const Limits& limits, std::string& error);
std::optional<Image> decode_gif(std::string_view bytes, const Limits& limits, std::string& error);

}  // namespace bimi::svgps::raster
