#include "raster/alpha_gradient.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "raster/profile_fit.hpp"

namespace bimi::svgps::raster {

namespace {

constexpr double opaque = 250 / 255.0;
// Straight colour further than this from the fade's (premultiplied, for translucent pixels) is
// another colour: the element's own drawing over its glow, or a fade that is not one colour.
constexpr double colour_tolerance = 8 / 255.0;
// A pixel whose 3×3 neighbourhood spans more alpha than this sits on a hard edge: its alpha is
// coverage, not the fade, and the outline decides it.
constexpr double edge_jump = 0.3;

enum Kind : std::uint8_t { clear, fade, core, off };

// Pixels within 2 (a 5×5 square) of one where `is` holds: the square's rows, then its columns.
template <typename Predicate>
std::vector<bool> within_two(int w, int h, Predicate is) {
  const auto at = [w](int x, int y) { return static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x); };
  std::vector<bool> rows(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), false), out(rows.size(), false);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int u = std::max(0, x - 2); u <= std::min(w - 1, x + 2) && !rows[at(x, y)]; ++u) rows[at(x, y)] = is(at(u, y));
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int v = std::max(0, y - 2); v <= std::min(h - 1, y + 2) && !out[at(x, y)]; ++v) out[at(x, y)] = rows[at(x, v)];
    }
  }
  return out;
}

std::uint8_t channel(double value) { return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 1.0) * 255)); }

}  // namespace

std::optional<AlphaGradient> fit_alpha_gradient(const Image& image) {
  const int w = image.width, h = image.height;
  const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  if (n == 0 || image.rgba.size() < n * 4) return std::nullopt;
  auto alpha = [&](std::size_t i) { return image.rgba[i * 4 + 3] / 255.0; };
  auto value = [&](std::size_t i, int c) { return image.rgba[i * 4 + static_cast<std::size_t>(c)] / 255.0; };

  // The fade's colour: the alpha-weighted mean of the translucent pixels, taken again without
  // those far from the first mean (the anti-aliased rim of a core of another colour).
  std::array<double, 3> colour{};
  auto deviation = [&](std::size_t i) {
    double d = 0;
    for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(value(i, c) - colour[static_cast<std::size_t>(c)]));
    return d;
  };
  for (int round = 0; round < 2; ++round) {
    std::array<double, 4> sum{};
    for (std::size_t i = 0; i < n; ++i) {
      const double a = alpha(i);
      if (a <= 0 || a >= opaque || (round == 1 && a * deviation(i) > colour_tolerance)) continue;
      for (int c = 0; c < 3; ++c) sum[static_cast<std::size_t>(c)] += a * value(i, c);
      sum[3] += a;
    }
    if (sum[3] <= 0) return std::nullopt;
    for (std::size_t c = 0; c < 3; ++c) colour[c] = sum[c] / sum[3];
  }

  std::vector<Kind> kind(n, clear);
  for (std::size_t i = 0; i < n; ++i) {
    const double a = alpha(i);
    if (a <= 0) continue;
    if (a >= opaque) {
      kind[i] = deviation(i) > colour_tolerance ? core : fade;
    } else {
      kind[i] = a * deviation(i) > colour_tolerance ? off : fade;
    }
  }
  auto index = [&](int x, int y) { return static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x); };
  // Pixels within 2 of the core, and of the core or its rim: the anti-aliased pixels between
  // the core and the fade are neither.
  const std::vector<bool> near_core = within_two(w, h, [&](std::size_t i) { return kind[i] == core; });
  const std::vector<bool> near_other = within_two(w, h, [&](std::size_t i) { return kind[i] == core || kind[i] == off; });
  // A hard edge spans more than `jump` of alpha around the pixel.
  double jump = edge_jump;
  auto on_edge = [&](int x, int y) {
    double low = 1, high = 0;
    for (int dy = -1; dy <= 1; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) {
        const int u = std::clamp(x + dx, 0, w - 1), v = std::clamp(y + dy, 0, h - 1);
        low = std::min(low, alpha(index(u, v)));
        high = std::max(high, alpha(index(u, v)));
      }
    }
    return high - low > jump;
  };

  std::vector<fit::Sample> samples;
  fit::Structure structure;
  std::size_t visible = 0, translucent = 0;
  bool has_core = false;
  double peak = 0;  // the fade's highest alpha
  for (std::size_t i = 0; i < n; ++i) {
    if (kind[i] == fade) peak = std::max(peak, alpha(i));
  }
  // The fade's pixels, off its hard edges: what the profile is fitted to.
  auto collect = [&]() -> bool {
    samples.clear();
    structure = {};
    visible = translucent = 0;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const std::size_t i = index(x, y);
        if (kind[i] == clear) continue;
        ++visible;
        has_core = has_core || kind[i] == core;
        // A pixel of another colour that is not the rim of the core: the fade is not one colour.
        if (kind[i] == off && !near_core[i]) return false;
        if (kind[i] != fade || near_other[i] || on_edge(x, y)) continue;
        const double a = alpha(i);
        if (a < opaque) ++translucent;
        const double px = x + 0.5, py = y + 0.5;
        samples.push_back({px, py, {a, 0, 0}});
        const double gx = (alpha(index(std::min(x + 1, w - 1), y)) - alpha(index(std::max(x - 1, 0), y))) / 2;
        const double gy = (alpha(index(x, std::min(y + 1, h - 1))) - alpha(index(x, std::max(y - 1, 0)))) / 2;
        structure.add(px, py, gx, gy);
      }
    }
    return true;
  };
  if (!collect()) return std::nullopt;
  // A hard-edged result is a band or two already; a fade needs pixels to fit.
  if (translucent < 64 || translucent * 20 < visible) return std::nullopt;

  const fit::Tolerance tolerance{alpha_gradient_mean_error, alpha_gradient_pixel_error, 200};
  auto chosen = fit::best_fit(samples, 1, structure, w, h, tolerance);
  // A blurred ellipse (Figma's blurred blobs) fades around an ellipse, which neither fits. A
  // faint one, cut by a clip or a mask, has hard edges lower than edge_jump: they are measured
  // against its own peak.
  if (!chosen && peak > 0 && peak < 1) {
    jump = edge_jump * peak;
    if (!collect()) return std::nullopt;
  }
  if (!chosen && translucent >= 64) chosen = fit::elliptical_fit(samples, w, h, tolerance);
  if (!chosen) return std::nullopt;

  AlphaGradient out;
  out.space = fit::gradient_space(*chosen);
  const model::Rgb rgb{channel(colour[0]), channel(colour[1]), channel(colour[2])};
  out.gradient = fit::gradient_of(*chosen, max_alpha_gradient_stops, [&](const fit::Profile& p, std::size_t k) {
    return model::GradientStop{0, rgb, std::clamp(p.values[k], 0.0, 1.0)};
  });

  // The shape is every visible pixel; on a hard edge, those covered at least half as much as the
  // fade is there, so the outline falls where the edge does.
  out.support.width = w;
  out.support.height = h;
  out.support.colors = {rgb};
  out.support.index.assign(n, Indexed::transparent);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::size_t i = index(x, y);
      if (kind[i] == clear) continue;
      if (kind[i] == fade && on_edge(x, y) && alpha(i) < 0.5 * chosen->profile.at(chosen->distance(x + 0.5, y + 0.5), 0)) continue;
      out.support.index[i] = 0;
    }
  }
  if (has_core) {
    out.core = image;
    for (std::size_t i = 0; i < n; ++i) {
      const bool drawn = kind[i] == core || (kind[i] == off && alpha(i) >= 0.75);
      out.core.rgba[i * 4 + 3] = drawn ? 255 : 0;
    }
  }
  return out;
}

}  // namespace bimi::svgps::raster
