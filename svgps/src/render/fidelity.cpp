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

// The pixel's alpha and its channels over white, 0..255.
void values_of(const std::uint8_t* p, float v[4]) {
  float a = static_cast<float>(p[3]) / 255.0f;
  for (int c = 0; c < 3; ++c) v[c] = static_cast<float>(p[c]) * a + 255.0f * (1 - a);
  v[3] = static_cast<float>(p[3]);
}

// The largest difference of alpha or of a colour channel over white, 0..255.
float largest_difference(const std::uint8_t* x, const std::uint8_t* y) {
  float vx[4], vy[4];
  values_of(x, vx);
  values_of(y, vy);
  float largest = 0;
  for (int c = 0; c < 4; ++c) largest = std::max(largest, std::fabs(vx[c] - vy[c]));
  return largest;
}

// Whether two pixels differ visibly: alpha, or a channel over white, by more than 1/16.
bool visibly_different(const std::uint8_t* x, const std::uint8_t* y) {
  return std::memcmp(x, y, 4) != 0 && largest_difference(x, y) > 16;
}

// largest_difference rounded up, for the difference map.
std::uint8_t difference_magnitude(const std::uint8_t* x, const std::uint8_t* y) {
  return static_cast<std::uint8_t>(std::clamp(static_cast<long>(std::ceil(largest_difference(x, y))), 0L, 255L));
}

// Whether `image`'s 3×3 neighbourhood of (x, y) spans `v` in every value, within 1/16: the
// pixel could be an anti-aliased mix of its neighbours.
bool spans(const Image& image, int x, int y, const float v[4]) {
  float low[4] = {255, 255, 255, 255}, high[4] = {0, 0, 0, 0};
  for (int dy = -1; dy <= 1; ++dy) {
    for (int dx = -1; dx <= 1; ++dx) {
      int nx = x + dx, ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= image.width || ny >= image.height) continue;
      float n[4];
      values_of(image.pixel(nx, ny), n);
      for (int c = 0; c < 4; ++c) {
        low[c] = std::min(low[c], n[c]);
        high[c] = std::max(high[c], n[c]);
      }
    }
  }
  for (int c = 0; c < 4; ++c) {
    if (v[c] < low[c] - 16 || v[c] > high[c] + 16) return false;
  }
  return true;
}

// The axes along which `image` is constant around (x, y), within 1/16: 1 when each column of the
// 3×3 neighbourhood is one colour (an upright edge or none), 2 when each row is.
int constant_axes(const Image& image, int x, int y) {
  auto alike = [&](int x0, int y0, int x1, int y1) {
    if (x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0 || x0 >= image.width || x1 >= image.width || y0 >= image.height ||
        y1 >= image.height) {
      return true;
    }
    return largest_difference(image.pixel(x0, y0), image.pixel(x1, y1)) <= 16;
  };
  bool columns = true, rows = true;
  for (int d = -1; d <= 1; ++d) {
    columns = columns && alike(x + d, y - 1, x + d, y) && alike(x + d, y, x + d, y + 1);
    rows = rows && alike(x - 1, y + d, x, y + d) && alike(x, y + d, x + 1, y + d);
  }
  return (columns ? 1 : 0) | (rows ? 2 : 0);
}

// Whether a visible difference at (x, y) is a straight edge that falls at most a pixel
// differently (EdgeSlack::phase): both renders run constant along the same axis there, and each
// render's pixel is a mix of the other's neighbours. Edges of curves, glyphs and corners get no
// slack: there a mix of neighbours is no evidence of the same edge.
bool edge_phase(const Image& a, const Image& b, int x, int y) {
  if ((constant_axes(a, x, y) & constant_axes(b, x, y)) == 0) return false;
  float va[4], vb[4];
  values_of(a.pixel(x, y), va);
  values_of(b.pixel(x, y), vb);
  return spans(a, x, y, vb) && spans(b, x, y, va);
}

}  // namespace

std::optional<Fidelity> compare_images(const Image& a, const Image& b, int shift, EdgeSlack edges) {
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
      if (!matched && !(edges == EdgeSlack::phase && edge_phase(a, b, x, y))) {
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
