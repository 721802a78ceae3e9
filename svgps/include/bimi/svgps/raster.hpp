// Bitmap logos (PNG, JPEG, WebP, GIF): recognised by their bytes, decoded under the library's limits.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/svgps/limits.hpp"
#include "bimi/svgps/render.hpp"

namespace bimi::svgps {

enum class RasterFormat { none, png, jpeg, webp, gif };

// By signature, never by file name.
RasterFormat sniff_raster(std::string_view bytes);

// Straight RGBA, 8 bits per channel, whatever the source's colour type, depth or interlacing.
// Refuses (nullopt, `error` set to one line) truncated or corrupt data and images over
// `limits.max_pixels`, the latter before any pixel buffer is allocated.
std::optional<Image> decode_raster(std::string_view bytes, const Limits& limits, std::string& error);

// The image fitted into a size×size square, centred on transparency, as render_svg fits a
// document: area-averaged (premultiplied) when shrinking, bilinear when enlarging.
Image fit_into_square(const Image& image, int size);

}  // namespace bimi::svgps
