#include "raster/alpha_gradient.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace bimi::svgps::raster {

namespace {

constexpr double opaque = 250 / 255.0;
// Straight colour further than this from the fade's (premultiplied, for translucent pixels) is
// another colour: the element's own drawing over its glow, or a fade that is not one colour.
constexpr double colour_tolerance = 8 / 255.0;
// A pixel whose 3×3 neighbourhood spans more alpha than this sits on a hard edge: its alpha is
// coverage, not the fade, and the outline decides it.
constexpr double edge_jump = 0.3;
constexpr double bin_width = 0.5;  // pixels of distance per sample of the profile
constexpr std::size_t max_bins = 8192;

enum Kind : std::uint8_t { clear, fade, core, off };

// Alpha as a function of one distance t(x, y), sampled every bin_width from `start`.
struct Profile {
  double start = 0;
  std::vector<double> alpha;

  double at(double t) const {
    const double k = std::clamp((t - start) / bin_width, 0.0, static_cast<double>(alpha.size() - 1));
    const std::size_t i = static_cast<std::size_t>(k);
    if (i + 1 >= alpha.size()) return alpha.back();
    return alpha[i] + (alpha[i + 1] - alpha[i]) * (k - static_cast<double>(i));
  }
  double end() const { return start + bin_width * static_cast<double>(alpha.size() - 1); }
};

struct Sample {
  double x, y, a;
};

using Distance = std::function<double(double, double)>;

// The mean alpha of the samples at each distance, gaps filled between their neighbours.
std::optional<Profile> profile_of(const std::vector<Sample>& samples, const Distance& t) {
  double low = INFINITY, high = -INFINITY;
  for (const Sample& s : samples) {
    const double v = t(s.x, s.y);
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (!(high - low >= 2) || !std::isfinite(high - low)) return std::nullopt;
  const std::size_t bins = static_cast<std::size_t>(std::ceil((high - low) / bin_width)) + 1;
  if (bins > max_bins) return std::nullopt;
  std::vector<double> sum(bins, 0), count(bins, 0);
  for (const Sample& s : samples) {
    const auto k = static_cast<std::size_t>(std::lround((t(s.x, s.y) - low) / bin_width));
    sum[std::min(k, bins - 1)] += s.a;
    count[std::min(k, bins - 1)] += 1;
  }
  Profile p{low, std::vector<double>(bins, -1)};
  for (std::size_t k = 0; k < bins; ++k) {
    if (count[k] > 0) p.alpha[k] = sum[k] / count[k];
  }
  for (std::size_t k = 0; k < bins;) {
    if (p.alpha[k] >= 0) {
      ++k;
      continue;
    }
    std::size_t next = k;
    while (next < bins && p.alpha[next] < 0) ++next;
    const double before = k > 0 ? p.alpha[k - 1] : (next < bins ? p.alpha[next] : 0);
    const double after = next < bins ? p.alpha[next] : before;
    for (std::size_t j = k; j < next; ++j) {
      p.alpha[j] = before + (after - before) * static_cast<double>(j - k + 1) / static_cast<double>(next - k + 1);
    }
    k = next;
  }
  return p;
}

// Mean error of the profile over the samples, or infinity when more than 1 in 200 stray past the
// per-pixel bound.
double fit_error(const std::vector<Sample>& samples, const Distance& t, const Profile& p) {
  double total = 0;
  std::size_t far = 0;
  for (const Sample& s : samples) {
    const double e = std::abs(s.a - p.at(t(s.x, s.y)));
    total += e;
    if (e > alpha_gradient_pixel_error) ++far;
  }
  if (far * 200 > samples.size()) return INFINITY;
  return total / static_cast<double>(samples.size());
}

// The profile's bins that keep every other within `tolerance` of the line between kept ones.
std::vector<std::size_t> simplified(const Profile& p, double tolerance) {
  std::vector<bool> keep(p.alpha.size(), false);
  keep.front() = keep.back() = true;
  std::vector<std::pair<std::size_t, std::size_t>> spans{{0, p.alpha.size() - 1}};
  while (!spans.empty()) {
    auto [a, b] = spans.back();
    spans.pop_back();
    double worst = tolerance;
    std::size_t at = a;
    for (std::size_t k = a + 1; k < b; ++k) {
      const double line = p.alpha[a] + (p.alpha[b] - p.alpha[a]) * static_cast<double>(k - a) / static_cast<double>(b - a);
      if (double d = std::abs(p.alpha[k] - line); d > worst) {
        worst = d;
        at = k;
      }
    }
    if (at == a) continue;
    keep[at] = true;
    spans.push_back({a, at});
    spans.push_back({at, b});
  }
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < keep.size(); ++k) {
    if (keep[k]) out.push_back(k);
  }
  return out;
}

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
  auto on_edge = [&](int x, int y) {
    double low = 1, high = 0;
    for (int dy = -1; dy <= 1; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) {
        const int u = std::clamp(x + dx, 0, w - 1), v = std::clamp(y + dy, 0, h - 1);
        low = std::min(low, alpha(index(u, v)));
        high = std::max(high, alpha(index(u, v)));
      }
    }
    return high - low > edge_jump;
  };

  std::vector<Sample> samples;
  std::array<double, 3> tensor{};   // Σ gx², Σ gx gy, Σ gy² over the samples' alpha gradients
  std::array<double, 5> centre{};   // the radial centre's normal equations, see below
  std::size_t visible = 0, translucent = 0;
  bool has_core = false;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::size_t i = index(x, y);
      if (kind[i] == clear) continue;
      ++visible;
      has_core = has_core || kind[i] == core;
      // A pixel of another colour that is not the rim of the core: the fade is not one colour.
      if (kind[i] == off && !near_core[i]) return std::nullopt;
      if (kind[i] != fade || near_other[i] || on_edge(x, y)) continue;
      const double a = alpha(i);
      if (a < opaque) ++translucent;
      const double px = x + 0.5, py = y + 0.5;
      samples.push_back({px, py, a});
      const double gx = (alpha(index(std::min(x + 1, w - 1), y)) - alpha(index(std::max(x - 1, 0), y))) / 2;
      const double gy = (alpha(index(x, std::min(y + 1, h - 1))) - alpha(index(x, std::max(y - 1, 0)))) / 2;
      tensor[0] += gx * gx;
      tensor[1] += gx * gy;
      tensor[2] += gy * gy;
      // A radial fade's gradient points at its centre c: c lies on the line through the pixel
      // along the gradient, q·(c - p) = 0 with q the gradient turned a quarter; least squares
      // over the samples (weighted by |g|²) gives Σ q qᵀ c = Σ q qᵀ p.
      const double qx = -gy, qy = gx, qp = qx * px + qy * py;
      centre[0] += qx * qx;
      centre[1] += qx * qy;
      centre[2] += qy * qy;
      centre[3] += qx * qp;
      centre[4] += qy * qp;
    }
  }
  // A hard-edged result is a band or two already; a fade needs pixels to fit.
  if (translucent < 64 || translucent * 20 < visible) return std::nullopt;

  std::vector<std::pair<Distance, bool>> candidates;  // distance, radial
  double cx = 0, cy = 0;
  const double det = centre[0] * centre[2] - centre[1] * centre[1];
  const double scale = centre[0] + centre[2];
  if (scale > 0 && det > 1e-6 * scale * scale) {
    cx = (centre[2] * centre[3] - centre[1] * centre[4]) / det;
    cy = (centre[0] * centre[4] - centre[1] * centre[3]) / det;
    const double reach = 4.0 * std::max(w, h);
    if (std::abs(cx - w / 2.0) < reach && std::abs(cy - h / 2.0) < reach) {
      candidates.push_back({[cx, cy](double x, double y) { return std::hypot(x - cx, y - cy); }, true});
    }
  }
  const double theta = 0.5 * std::atan2(2 * tensor[1], tensor[0] - tensor[2]);
  const double dx = std::cos(theta), dy = std::sin(theta);
  if (tensor[0] + tensor[2] > 0) candidates.push_back({[dx, dy](double x, double y) { return dx * x + dy * y; }, false});

  double best = alpha_gradient_mean_error;
  std::optional<std::pair<Profile, bool>> chosen;
  Distance distance;
  for (const auto& [t, radial] : candidates) {
    auto p = profile_of(samples, t);
    if (!p) continue;
    if (const double e = fit_error(samples, t, *p); e <= best) {
      best = e;
      chosen = {std::move(*p), radial};
      distance = t;
    }
  }
  if (!chosen) return std::nullopt;
  const auto& [profile, radial] = *chosen;

  AlphaGradient out;
  model::Gradient& g = out.gradient;
  const double first = radial ? 0.0 : profile.start, last = profile.end();
  if (radial) {
    g.kind = model::Gradient::Kind::radial;
    g.cx = cx;
    g.cy = cy;
    g.r = last;
  } else {
    g.x1 = dx * profile.start;
    g.y1 = dy * profile.start;
    g.x2 = dx * last;
    g.y2 = dy * last;
  }
  const model::Rgb rgb{channel(colour[0]), channel(colour[1]), channel(colour[2])};
  std::vector<std::size_t> kept;
  for (double tolerance = 1 / 255.0;; tolerance *= 1.5) {
    kept = simplified(profile, tolerance);
    if (kept.size() <= max_alpha_gradient_stops) break;
  }
  for (std::size_t k : kept) {
    const double t = profile.start + bin_width * static_cast<double>(k);
    g.stops.push_back({(t - first) / (last - first), rgb, std::clamp(profile.alpha[k], 0.0, 1.0)});
  }

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
      if (kind[i] == fade && on_edge(x, y) && alpha(i) < 0.5 * profile.at(distance(x + 0.5, y + 0.5))) continue;
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
