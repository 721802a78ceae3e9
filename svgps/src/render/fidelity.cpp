#include "bimi/svgps/fidelity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace bimi::svgps {
namespace {

constexpr int window = 8;

// Luma of the pixel composited over white, and its alpha, both in 0..255.
void planes_of(const std::uint8_t* p, float& luma, float& alpha) {
  float a = static_cast<float>(p[3]) / 255.0f;
  float white = 255.0f * (1 - a);
  float r = static_cast<float>(p[0]) * a + white;
  float g = static_cast<float>(p[1]) * a + white;
  float b = static_cast<float>(p[2]) * a + white;
  luma = 0.299f * r + 0.587f * g + 0.114f * b;
  alpha = static_cast<float>(p[3]);
}

// SSIM of one 8×8 window (Wang et al. 2004 constants for 8-bit data).
double window_ssim(const float* x, const float* y) {
  constexpr double c1 = (0.01 * 255) * (0.01 * 255);
  constexpr double c2 = (0.03 * 255) * (0.03 * 255);
  constexpr int count = window * window;
  double mx = 0, my = 0;
  for (int k = 0; k < count; ++k) {
    mx += x[k];
    my += y[k];
  }
  mx /= count;
  my /= count;
  double vx = 0, vy = 0, cov = 0;
  for (int k = 0; k < count; ++k) {
    vx += (x[k] - mx) * (x[k] - mx);
    vy += (y[k] - my) * (y[k] - my);
    cov += (x[k] - mx) * (y[k] - my);
  }
  vx /= count - 1;
  vy /= count - 1;
  cov /= count - 1;
  return ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
}

// Mean SSIM over non-overlapping 8×8 windows, the lower of luma-over-white and alpha. A window
// whose pixels are identical in both scores exactly 1, so only differing windows are computed.
double ssim(const Image& a, const Image& b) {
  const std::size_t row_bytes = window * 4;
  double total_luma = 0, total_alpha = 0;
  int windows = 0;
  float luma_a[window * window], luma_b[window * window], alpha_a[window * window], alpha_b[window * window];
  for (int wy = 0; wy + window <= a.height; wy += window) {
    for (int wx = 0; wx + window <= a.width; wx += window) {
      ++windows;
      bool same = true;
      for (int j = 0; j < window && same; ++j) same = std::memcmp(a.pixel(wx, wy + j), b.pixel(wx, wy + j), row_bytes) == 0;
      if (same) {
        total_luma += 1;
        total_alpha += 1;
        continue;
      }
      for (int j = 0; j < window; ++j) {
        for (int i = 0; i < window; ++i) {
          int k = j * window + i;
          planes_of(a.pixel(wx + i, wy + j), luma_a[k], alpha_a[k]);
          planes_of(b.pixel(wx + i, wy + j), luma_b[k], alpha_b[k]);
        }
      }
      total_luma += window_ssim(luma_a, luma_b);
      total_alpha += window_ssim(alpha_a, alpha_b);
    }
  }
  return windows ? std::min(total_luma / windows, total_alpha / windows) : 1.0;
}

// Whether two pixels differ visibly: alpha, or a channel over white, by more than 1/16.
bool visibly_different(const std::uint8_t* x, const std::uint8_t* y) {
  if (std::memcmp(x, y, 4) == 0) return false;
  if (std::abs(int(x[3]) - int(y[3])) > 16) return true;
  float ax = static_cast<float>(x[3]) / 255.0f, ay = static_cast<float>(y[3]) / 255.0f;
  for (int c = 0; c < 3; ++c) {
    float over_white_x = static_cast<float>(x[c]) * ax + 255.0f * (1 - ax);
    float over_white_y = static_cast<float>(y[c]) * ay + 255.0f * (1 - ay);
    if (std::fabs(over_white_x - over_white_y) > 16) return true;
  }
  return false;
}

// The largest difference of alpha or of a colour channel over white, 0..255: the measure
// visibly_different compares with 16.
std::uint8_t difference_magnitude(const std::uint8_t* x, const std::uint8_t* y) {
  float largest = static_cast<float>(std::abs(int(x[3]) - int(y[3])));
  float ax = static_cast<float>(x[3]) / 255.0f, ay = static_cast<float>(y[3]) / 255.0f;
  for (int c = 0; c < 3; ++c) {
    float over_white_x = static_cast<float>(x[c]) * ax + 255.0f * (1 - ax);
    float over_white_y = static_cast<float>(y[c]) * ay + 255.0f * (1 - ay);
    largest = std::max(largest, std::fabs(over_white_x - over_white_y));
  }
  return static_cast<std::uint8_t>(std::clamp(static_cast<long>(std::ceil(largest)), 0L, 255L));
}

}  // namespace

std::optional<Fidelity> compare_images(const Image& a, const Image& b, int shift) {
  if (a.width != b.width || a.height != b.height || a.rgba.size() != b.rgba.size()) return std::nullopt;
  if (a.rgba == b.rgba) return Fidelity{};  // identical renders: the common case, for free
  const std::size_t row_bytes = static_cast<std::size_t>(a.width) * 4;
  std::size_t pixels = static_cast<std::size_t>(a.width) * static_cast<std::size_t>(a.height);
  Fidelity fidelity;
  DifferenceMap& map = fidelity.difference;
  map.width = a.width;
  map.height = a.height;
  map.magnitude.assign(pixels, 0);
  map.counted.assign(pixels, 0);
  std::size_t differing = 0;
  for (int y = 0; y < a.height; ++y) {
    if (std::memcmp(a.pixel(0, y), b.pixel(0, y), row_bytes) == 0) continue;
    for (int x = 0; x < a.width; ++x) {
      const std::uint8_t* q = b.pixel(x, y);
      const std::size_t index = static_cast<std::size_t>(y) * static_cast<std::size_t>(a.width) + static_cast<std::size_t>(x);
      if (std::memcmp(a.pixel(x, y), q, 4) != 0) map.magnitude[index] = difference_magnitude(a.pixel(x, y), q);
      if (!visibly_different(a.pixel(x, y), q)) continue;
      bool matched = false;
      for (int dy = -shift; dy <= shift && !matched; ++dy) {
        for (int dx = -shift; dx <= shift && !matched; ++dx) {
          int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= a.width || ny >= a.height) continue;
          matched = !visibly_different(a.pixel(nx, ny), q);
        }
      }
      if (!matched) {
        ++differing;
        map.counted[index] = 1;
      }
    }
  }
  fidelity.differing_share = pixels == 0 ? 0 : double(differing) / double(pixels);
  fidelity.ssim = ssim(a, b);
  return fidelity;
}

}  // namespace bimi::svgps
