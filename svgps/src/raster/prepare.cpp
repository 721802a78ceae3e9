#include "raster/prepare.hpp"

#include <algorithm>
#include <cmath>

#include "raster/resample.hpp"

namespace bimi::svgps::raster {

// Below this RGB distance two colours are noise around one (JPEG at quality 75 strays about 10).
constexpr double similar_color_tolerance = 20;

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

std::optional<Indexed> reduce_colors(const Image& working, int colors, int band, std::string& error) {
  bool automatic = colors <= 0;
  auto indexed = quantize(working, automatic ? max_automatic_colors : colors, automatic ? automatic_quality : 100, error);
  if (!indexed) return std::nullopt;
  merge_similar_colors(*indexed, similar_color_tolerance);
  merge_seam_colors(*indexed, band);
  settle_colors(*indexed, working);
  return indexed;
}

}  // namespace bimi::svgps::raster
