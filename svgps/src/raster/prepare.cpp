#include "raster/prepare.hpp"

#include <algorithm>
#include <cmath>

#include "raster/resample.hpp"

namespace bimi::svgps::raster {

// Below this RGB distance two colours are noise around one (JPEG at quality 75 strays about 10).
constexpr double similar_color_tolerance = 20;
// With fine detail only what is surely noise merges: gradient steps stay apart.
constexpr double fine_similar_color_tolerance = 6;

Image tracing_image(const Image& image) {
  int side = std::max(image.width, image.height);
  int target = side < min_trace_side ? std::min(2 * side, max_trace_side) : std::min(side, max_trace_side);
  if (target == side) return image;
  double scale = static_cast<double>(target) / side;
  int width = std::max(1, static_cast<int>(std::lround(image.width * scale)));
  int height = std::max(1, static_cast<int>(std::lround(image.height * scale)));
  return resize(image, width, height);
}

int edge_band(const Image& original, const Image& working) {
  double scale = static_cast<double>(std::max(working.width, working.height)) / std::max(original.width, original.height);
  return std::max(1, static_cast<int>(std::ceil(scale - 0.01))) + 1;
}

std::optional<Indexed> reduce_colors(const Image& working, int colors, int band, Detail detail, std::string& error) {
  const bool fine = detail == Detail::fine;
  const bool automatic = colors <= 0;
  int most = automatic ? (fine ? max_fine_colors : max_automatic_colors) : colors;
  int quality = automatic ? (fine ? fine_quality : automatic_quality) : 100;
  auto indexed = quantize(working, most, quality, error);
  if (!indexed) return std::nullopt;
  merge_similar_colors(*indexed, fine ? fine_similar_color_tolerance : similar_color_tolerance);
  merge_seam_colors(*indexed, band);
  settle_colors(*indexed, working);
  return indexed;
}

}  // namespace bimi::svgps::raster
