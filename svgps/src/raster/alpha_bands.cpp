#include "raster/alpha_bands.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace bimi::svgps::raster {

namespace {

std::uint8_t channel(double value) { return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 1.0) * 255)); }

}  // namespace

std::optional<AlphaBands> alpha_bands(const Image& image, int steps) {
  const std::size_t pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
  if (pixels == 0 || image.rgba.size() < pixels * 4 || steps < 1) return std::nullopt;
  int top = 0;
  for (std::size_t i = 0; i < pixels; ++i) top = std::max<int>(top, image.rgba[i * 4 + 3]);
  // As many bands as steps of 1/steps fit under the most opaque pixel, evenly spaced up to it.
  const int bands = std::clamp(static_cast<int>(std::ceil(top / 255.0 * steps - 1e-9)), 1,
                               std::min(steps, static_cast<int>(Indexed::transparent)));
  if (top == 0) return std::nullopt;
  const double peak = top / 255.0;
  auto level = [&](int band) { return peak * (band + 1) / bands; };  // alpha of band 0..bands-1

  AlphaBands out;
  out.indexed.width = image.width;
  out.indexed.height = image.height;
  out.indexed.index.assign(pixels, Indexed::transparent);
  // Alpha-weighted sums of the straight colour per band: premultiplied colour, then its mean.
  std::vector<std::array<double, 4>> sums(static_cast<std::size_t>(bands), {0, 0, 0, 0});
  std::vector<bool> used(static_cast<std::size_t>(bands), false);
  // Each pixel's band, -1 for transparent.
  std::vector<int> level_of(pixels);
  for (std::size_t i = 0; i < pixels; ++i) {
    level_of[i] = static_cast<int>(std::lround(image.rgba[i * 4 + 3] / 255.0 / peak * bands)) - 1;
  }
  // A pixel between much more and much less opaque neighbours is the anti-aliasing of a hard
  // edge, not a level of its own: it joins the nearer side, and the tracer places the edge within
  // the pixel. Left alone, every hard edge would become a thin ring per band.
  // An edge spans at least half the levels, and at least five (all of them, when there are
  // fewer): a steep soft fade of few bands (a shadow at 25 % has five) climbs three or four
  // levels across the 3×3 window, and snapped as an edge its isolines would be notched wherever
  // they run diagonally.
  const int jump = std::max(bands / 2, std::min(bands, 5));
  std::vector<int> snapped = level_of;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      int low = level_of[static_cast<std::size_t>(y) * image.width + x], high = low;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
          if (x + dx < 0 || y + dy < 0 || x + dx >= image.width || y + dy >= image.height) continue;
          const int l = level_of[static_cast<std::size_t>(y + dy) * image.width + (x + dx)];
          low = std::min(low, l);
          high = std::max(high, l);
        }
      }
      if (high - low < jump) continue;
      const std::size_t i = static_cast<std::size_t>(y) * image.width + x;
      const double a = image.rgba[i * 4 + 3] / 255.0;
      const double low_alpha = low < 0 ? 0 : level(low), high_alpha = level(high);
      snapped[i] = a - low_alpha < high_alpha - a ? low : high;
    }
  }
  for (std::size_t i = 0; i < pixels; ++i) {
    const std::uint8_t* p = &image.rgba[i * 4];
    const double a = p[3] / 255.0;
    const int band = snapped[i];
    if (band < 0) continue;
    auto& s = sums[static_cast<std::size_t>(band)];
    for (int c = 0; c < 3; ++c) s[c] += a * p[c] / 255.0;
    s[3] += a;
    used[static_cast<std::size_t>(band)] = true;
  }
  // Only the levels some pixel has are drawn: a hard-edged result is one band, not a stack.
  std::vector<int> drawn_as(static_cast<std::size_t>(bands), -1);
  for (int band = 0, next = 0; band < bands; ++band) {
    if (used[static_cast<std::size_t>(band)]) drawn_as[static_cast<std::size_t>(band)] = next++;
  }
  for (std::size_t i = 0; i < pixels; ++i) {
    if (snapped[i] >= 0) out.indexed.index[i] = static_cast<std::uint8_t>(drawn_as[static_cast<std::size_t>(snapped[i])]);
  }
  // Each band is drawn over the stack below it: with opacity o_k the stack's alpha goes from
  // a_{k-1} to a_k = 1 - (1 - a_{k-1})(1 - o_k), and its premultiplied colour from P to
  // o_k c_k + (1 - o_k) P, which is a_k times the band's mean colour when c_k is chosen so.
  std::array<double, 3> below{0, 0, 0};  // premultiplied colour of the stack so far
  double below_alpha = 0;
  for (int band = 0; band < bands; ++band) {
    const auto& s = sums[static_cast<std::size_t>(band)];
    if (!used[static_cast<std::size_t>(band)]) continue;  // s[3] > 0: each pixel in it is visible
    const double a = level(band);
    const double o = below_alpha >= 1 ? 1.0 : std::clamp(1 - (1 - a) / (1 - below_alpha), 0.0, 1.0);
    std::array<std::uint8_t, 3> drawn{};
    for (int c = 0; c < 3; ++c) {
      const double mean = s[c] / s[3];
      drawn[c] = channel(o > 0 ? (a * mean - (1 - o) * below[c]) / o : mean);
      below[c] = o * drawn[c] / 255.0 + (1 - o) * below[c];
    }
    below_alpha = 1 - (1 - below_alpha) * (1 - o);
    out.indexed.colors.push_back({drawn[0], drawn[1], drawn[2]});
    out.opacity.push_back(o);
  }
  if (std::none_of(used.begin(), used.end(), [](bool u) { return u; })) return std::nullopt;
  return out;
}

}  // namespace bimi::svgps::raster
