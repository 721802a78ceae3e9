#include "render/cairo_image.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace bimi::svgps::detail {

Image image_from_argb32(const unsigned char* data, int stride, int size) {
  Image image;
  image.width = size;
  image.height = size;
  image.rgba.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4);
  // Cairo stores premultiplied alpha; undo it with one multiply per channel (rounded reciprocals).
  static const auto reciprocal = [] {
    std::array<std::uint32_t, 256> table{};
    for (unsigned a = 1; a < 256; ++a) table[a] = (255u * 65536u + a / 2) / a;
    return table;
  }();
  static_assert(std::endian::native == std::endian::little, "pixels are swizzled as little-endian words");
  std::uint8_t* out = image.rgba.data();
  for (int y = 0; y < size; ++y, out += static_cast<std::size_t>(size) * 4) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    // Opaque and transparent pixels only change byte order (ARGB word → RGBA bytes), a loop the
    // compiler vectorizes; the few partly transparent ones are then divided by their alpha.
    for (int x = 0; x < size; ++x) {
      std::uint32_t argb = row[x];
      std::uint32_t rgba = (argb & 0xFF00FF00u) | ((argb >> 16) & 0xFFu) | ((argb & 0xFFu) << 16);
      std::memcpy(out + static_cast<std::size_t>(x) * 4, &rgba, 4);
    }
    for (int x = 0; x < size; ++x) {
      std::uint32_t argb = row[x];
      unsigned a = argb >> 24;
      if (a == 0 || a == 255) continue;
      std::uint32_t k = reciprocal[a];
      std::uint8_t* p = out + static_cast<std::size_t>(x) * 4;
      p[0] = static_cast<std::uint8_t>(std::min(255u, (((argb >> 16) & 0xFF) * k + 32768u) >> 16));
      p[1] = static_cast<std::uint8_t>(std::min(255u, (((argb >> 8) & 0xFF) * k + 32768u) >> 16));
      p[2] = static_cast<std::uint8_t>(std::min(255u, ((argb & 0xFF) * k + 32768u) >> 16));
    }
  }
  return image;
}

}  // namespace bimi::svgps::detail
