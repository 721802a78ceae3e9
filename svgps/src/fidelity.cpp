#include "bimi/svgps/fidelity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace bimi::svgps {
namespace {

// Luma of the pixel composited over white, and its alpha, both in 0..255.
struct Planes {
  std::vector<float> luma;
  std::vector<float> alpha;
};

Planes planes_of(const Image& image) {
  Planes planes;
  std::size_t n = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
  planes.luma.resize(n);
  planes.alpha.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* p = image.rgba.data() + i * 4;
    float a = static_cast<float>(p[3]) / 255.0f;
    float white = 255.0f * (1 - a);
    float r = static_cast<float>(p[0]) * a + white;
    float g = static_cast<float>(p[1]) * a + white;
    float b = static_cast<float>(p[2]) * a + white;
    planes.luma[i] = 0.299f * r + 0.587f * g + 0.114f * b;
    planes.alpha[i] = static_cast<float>(p[3]);
  }
  return planes;
}

// Mean SSIM over non-overlapping 8×8 windows (Wang et al. 2004 constants for 8-bit data).
double ssim(const std::vector<float>& x, const std::vector<float>& y, int width, int height) {
  constexpr double c1 = (0.01 * 255) * (0.01 * 255);
  constexpr double c2 = (0.03 * 255) * (0.03 * 255);
  constexpr int window = 8;
  double total = 0;
  int windows = 0;
  for (int wy = 0; wy + window <= height; wy += window) {
    for (int wx = 0; wx + window <= width; wx += window) {
      double mx = 0, my = 0;
      for (int j = 0; j < window; ++j) {
        for (int i = 0; i < window; ++i) {
          std::size_t k = static_cast<std::size_t>((wy + j) * width + wx + i);
          mx += x[k];
          my += y[k];
        }
      }
      constexpr double count = window * window;
      mx /= count;
      my /= count;
      double vx = 0, vy = 0, cov = 0;
      for (int j = 0; j < window; ++j) {
        for (int i = 0; i < window; ++i) {
          std::size_t k = static_cast<std::size_t>((wy + j) * width + wx + i);
          vx += (x[k] - mx) * (x[k] - mx);
          vy += (y[k] - my) * (y[k] - my);
          cov += (x[k] - mx) * (y[k] - my);
        }
      }
      vx /= count - 1;
      vy /= count - 1;
      cov /= count - 1;
      total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      ++windows;
    }
  }
  return windows ? total / windows : 1.0;
}

}  // namespace

namespace {

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

}  // namespace

std::optional<Fidelity> compare_images(const Image& a, const Image& b, int shift) {
  if (a.width != b.width || a.height != b.height || a.rgba.size() != b.rgba.size()) return std::nullopt;
  if (a.rgba == b.rgba) return Fidelity{};  // identical renders: the common case, for free
  Planes pa = planes_of(a);
  Planes pb = planes_of(b);
  std::size_t differing = 0;
  for (int y = 0; y < a.height; ++y) {
    for (int x = 0; x < a.width; ++x) {
      const std::uint8_t* q = b.pixel(x, y);
      if (!visibly_different(a.pixel(x, y), q)) continue;
      bool matched = false;
      for (int dy = -shift; dy <= shift && !matched; ++dy) {
        for (int dx = -shift; dx <= shift && !matched; ++dx) {
          int nx = x + dx, ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= a.width || ny >= a.height) continue;
          matched = !visibly_different(a.pixel(nx, ny), q);
        }
      }
      if (!matched) ++differing;
    }
  }
  Fidelity fidelity;
  fidelity.differing_share = pa.luma.empty() ? 0 : double(differing) / double(pa.luma.size());
  fidelity.ssim = std::min(ssim(pa.luma, pb.luma, a.width, a.height), ssim(pa.alpha, pb.alpha, a.width, a.height));
  return fidelity;
}

}  // namespace bimi::svgps
