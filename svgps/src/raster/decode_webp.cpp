// WebP through libwebp's simple decoding API: lossy, lossless and alpha are the library's; an
// animation is refused by name rather than decoded to its first frame, because which frame is the
// logo is the designer's call.
#include <webp/decode.h>

#include "raster/decoders.hpp"

namespace bimi::svgps::raster {

std::optional<Image> decode_webp(std::string_view bytes, const Limits& limits, std::string& error) {
  const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(data, bytes.size(), &features) != VP8_STATUS_OK) {
    error = "unreadable WebP: the header is malformed or truncated";
    return std::nullopt;
  }
  if (features.has_animation) {
    error = "the WebP is an animation; export the logo's frame as a still image";
    return std::nullopt;
  }
  if (too_many_pixels(static_cast<std::size_t>(features.width), static_cast<std::size_t>(features.height), limits,
                      error)) {
    return std::nullopt;
  }
  Image image;
  image.width = features.width;
  image.height = features.height;
  const std::size_t stride = static_cast<std::size_t>(image.width) * 4;
  image.rgba.resize(stride * static_cast<std::size_t>(image.height));
  if (!WebPDecodeRGBAInto(data, bytes.size(), image.rgba.data(), image.rgba.size(), static_cast<int>(stride))) {
    error = "unreadable WebP: the image data is corrupt or truncated";
    return std::nullopt;
  }
  return image;
}

}  // namespace bimi::svgps::raster
