#include "raster/resample.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "bimi/svgps/raster.hpp"

namespace bimi::svgps {
namespace raster {
namespace {

struct Tap {
  int source;
  float weight;
};

// For each destination index along one axis, the source pixels it takes and their weights. The
// source spans destination [offset, offset + length * scale); weights outside sum to less than 1,
// which is the coverage of a partly covered edge pixel.
std::vector<std::vector<Tap>> axis_taps(int source_length, int destination_length, double scale, double offset) {
  std::vector<std::vector<Tap>> taps(static_cast<std::size_t>(destination_length));
  for (int i = 0; i < destination_length; ++i) {
    auto& list = taps[static_cast<std::size_t>(i)];
    double from = (i - offset) / scale, to = (i + 1 - offset) / scale;
    if (to <= 0 || from >= source_length) continue;
    if (scale < 1) {
      for (int k = std::max(0, static_cast<int>(std::floor(from))); k < source_length && k < to; ++k) {
        double overlap = std::min<double>(to, k + 1) - std::max<double>(from, k);
        if (overlap > 0) list.push_back({k, static_cast<float>(overlap * scale)});
      }
    } else {
      double coverage = (std::min<double>(to, source_length) - std::max(from, 0.0)) * scale;
      double centre = (i + 0.5 - offset) / scale - 0.5;
      int k0 = static_cast<int>(std::floor(centre));
      double t = centre - k0;
      int a = std::clamp(k0, 0, source_length - 1), b = std::clamp(k0 + 1, 0, source_length - 1);
      list.push_back({a, static_cast<float>((1 - t) * coverage)});
      list.push_back({b, static_cast<float>(t * coverage)});
    }
  }
  return taps;
}

Image resample(const Image& image, int width, int height, double scale_x, double scale_y, double offset_x,
               double offset_y) {
  Image out;
  out.width = width;
  out.height = height;
  out.rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
  if (image.width <= 0 || image.height <= 0) return out;
  auto x_taps = axis_taps(image.width, width, scale_x, offset_x);
  auto y_taps = axis_taps(image.height, height, scale_y, offset_y);
  // Rows (premultiplied as they are read: a premultiplied copy of a 5000 × 5000 source would
  // take 400 MB), then columns.
  std::vector<float> rows(static_cast<std::size_t>(width) * static_cast<std::size_t>(image.height) * 4, 0.0f);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < width; ++x) {
      float* o = &rows[(static_cast<std::size_t>(y) * width + x) * 4];
      for (const Tap& tap : x_taps[static_cast<std::size_t>(x)]) {
        const std::uint8_t* p = image.rgba.data() + (static_cast<std::size_t>(y) * image.width + tap.source) * 4;
        float a = p[3] / 255.0f;
        const float s[4] = {p[0] * a, p[1] * a, p[2] * a, static_cast<float>(p[3])};
        for (int c = 0; c < 4; ++c) o[c] += s[c] * tap.weight;
      }
    }
  }
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      float sum[4] = {0, 0, 0, 0};
      for (const Tap& tap : y_taps[static_cast<std::size_t>(y)]) {
        const float* s = &rows[(static_cast<std::size_t>(tap.source) * width + x) * 4];
        for (int c = 0; c < 4; ++c) sum[c] += s[c] * tap.weight;
      }
      std::uint8_t* o = out.rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
      float alpha = std::clamp(sum[3], 0.0f, 255.0f);
      o[3] = static_cast<std::uint8_t>(std::lround(alpha));
      if (alpha <= 0) continue;
      float unpremultiply = 255.0f / alpha;
      for (int c = 0; c < 3; ++c) {
        o[c] = static_cast<std::uint8_t>(std::lround(std::clamp(sum[c] * unpremultiply, 0.0f, 255.0f)));
      }
    }
  }
  return out;
}

}  // namespace

Image resize(const Image& image, int width, int height) {
  return resample(image, width, height, static_cast<double>(width) / image.width,
                  static_cast<double>(height) / image.height, 0, 0);
}

}  // namespace raster

Image fit_into_square(const Image& image, int size) {
  double scale = static_cast<double>(size) / std::max(image.width, image.height);
  double offset_x = (size - image.width * scale) / 2;
  double offset_y = (size - image.height * scale) / 2;
  return raster::resample(image, size, size, scale, scale, offset_x, offset_y);
}

}  // namespace bimi::svgps
