#include "raster/profile_fit.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace bimi::svgps::raster::fit {

namespace {

// Each sample's distance under the candidate, computed once for the profile and its error.
std::vector<double> distances(const std::vector<Sample>& samples, const Fit& candidate) {
  std::vector<double> out;
  out.reserve(samples.size());
  for (const Sample& s : samples) out.push_back(candidate.distance(s.x, s.y));
  return out;
}

// The mean values of the samples at each distance `t` (one per sample), gaps filled between
// their neighbours.
std::optional<Profile> profile_of(const std::vector<Sample>& samples, std::size_t channels, const std::vector<double>& t) {
  double low = INFINITY, high = -INFINITY;
  for (const double v : t) {
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (!(high - low >= 2) || !std::isfinite(high - low)) return std::nullopt;
  const std::size_t bins = static_cast<std::size_t>(std::ceil((high - low) / bin_width)) + 1;
  if (bins > max_bins) return std::nullopt;
  std::vector<double> sum(bins * channels, 0), count(bins, 0);
  for (std::size_t n = 0; n < samples.size(); ++n) {
    const std::size_t k = std::min(static_cast<std::size_t>(std::lround((t[n] - low) / bin_width)), bins - 1);
    for (std::size_t c = 0; c < channels; ++c) sum[k * channels + c] += samples[n].v[c];
    count[k] += 1;
  }
  Profile p{low, channels, std::vector<double>(bins * channels, 0)};
  auto filled = [&](std::size_t k) { return count[k] > 0; };
  for (std::size_t k = 0; k < bins; ++k) {
    for (std::size_t c = 0; c < channels && filled(k); ++c) p.values[k * channels + c] = sum[k * channels + c] / count[k];
  }
  for (std::size_t k = 0; k < bins;) {
    if (filled(k)) {
      ++k;
      continue;
    }
    std::size_t next = k;
    while (next < bins && !filled(next)) ++next;
    for (std::size_t c = 0; c < channels; ++c) {
      const double before = k > 0 ? p.values[(k - 1) * channels + c] : (next < bins ? p.values[next * channels + c] : 0);
      const double after = next < bins ? p.values[next * channels + c] : before;
      for (std::size_t j = k; j < next; ++j) {
        p.values[j * channels + c] =
            before + (after - before) * static_cast<double>(j - k + 1) / static_cast<double>(next - k + 1);
      }
    }
    k = next;
  }
  return p;
}

// Mean error (the largest of a sample's channels) of the profile over the samples, or infinity
// when more than the tolerated share stray past the per-pixel bound.
double fit_error(const std::vector<Sample>& samples, const std::vector<double>& t, const Profile& p,
                 const Tolerance& tolerance) {
  double total = 0;
  std::size_t far = 0;
  for (std::size_t n = 0; n < samples.size(); ++n) {
    const Sample& s = samples[n];
    double e = 0;
    for (std::size_t c = 0; c < p.channels; ++c) e = std::max(e, std::abs(s.v[c] - p.at(t[n], c)));
    total += e;
    if (e > tolerance.pixel) ++far;
  }
  if (far * tolerance.strays_per > samples.size()) return INFINITY;
  return total / static_cast<double>(samples.size());
}

// The profile's bins that keep every other within `tolerance` of the line between kept ones.
std::vector<std::size_t> simplified(const Profile& p, double tolerance) {
  const std::size_t bins = p.bins();
  std::vector<bool> keep(bins, false);
  keep.front() = keep.back() = true;
  std::vector<std::pair<std::size_t, std::size_t>> spans{{0, bins - 1}};
  while (!spans.empty()) {
    auto [a, b] = spans.back();
    spans.pop_back();
    double worst = tolerance;
    std::size_t at = a;
    for (std::size_t k = a + 1; k < b; ++k) {
      for (std::size_t c = 0; c < p.channels; ++c) {
        const double va = p.values[a * p.channels + c], vb = p.values[b * p.channels + c];
        const double line = va + (vb - va) * static_cast<double>(k - a) / static_cast<double>(b - a);
        if (double d = std::abs(p.values[k * p.channels + c] - line); d > worst) {
          worst = d;
          at = k;
        }
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

// The mean error of the candidate's profile over (a spread subset of) the samples.
double mean_error(const std::vector<Sample>& samples, std::size_t channels, const Fit& candidate) {
  const std::vector<double> t = distances(samples, candidate);
  auto p = profile_of(samples, channels, t);
  if (!p) return INFINITY;
  return fit_error(samples, t, *p, {0, INFINITY, 1});
}

// Moves the candidate's centre (radial) or turns its direction (linear) in halving steps while
// the error falls: the structure's estimate is a least-squares guess that 8-bit steps and
// resampling pull a little off.
void refine(const std::vector<Sample>& all, std::size_t channels, Fit& candidate) {
  constexpr std::size_t most = 4'000;
  std::vector<Sample> samples;
  const std::size_t stride = all.size() / most + 1;
  for (std::size_t k = 0; k < all.size(); k += stride) samples.push_back(all[k]);
  double best = mean_error(samples, channels, candidate);
  if (!std::isfinite(best)) return;
  double angle = std::atan2(candidate.dy, candidate.dx);
  for (double step = candidate.radial ? 4.0 : 0.04; step >= (candidate.radial ? 0.25 : 0.0025); step /= 2) {
    // A few moves per step: a centre that keeps walking away is a linear fade's, which the
    // linear candidate fits.
    bool moved = true;
    for (int moves = 0; moved && moves < 8; ++moves) {
      moved = false;
      for (int move = 0; move < (candidate.radial ? 4 : 2); ++move) {
        Fit trial = candidate;
        const double sign = move % 2 == 0 ? 1 : -1;
        if (candidate.radial) {
          (move < 2 ? trial.cx : trial.cy) += sign * step;
        } else {
          trial.dx = std::cos(angle + sign * step);
          trial.dy = std::sin(angle + sign * step);
        }
        if (const double e = mean_error(samples, channels, trial); e < best) {
          best = e;
          candidate = trial;
          if (!candidate.radial) angle += sign * step;
          moved = true;
        }
      }
    }
  }
}

}  // namespace

double Profile::at(double t, std::size_t channel) const {
  const std::size_t n = bins();
  const double k = std::clamp((t - start) / bin_width, 0.0, static_cast<double>(n - 1));
  const std::size_t i = static_cast<std::size_t>(k);
  if (i + 1 >= n) return values[(n - 1) * channels + channel];
  const double a = values[i * channels + channel], b = values[(i + 1) * channels + channel];
  return a + (b - a) * (k - static_cast<double>(i));
}

void Structure::add(double px, double py, double gx, double gy) {
  tensor[0] += gx * gx;
  tensor[1] += gx * gy;
  tensor[2] += gy * gy;
  // A radial fade's gradient points at its centre c: c lies on the line through the pixel along
  // the gradient, q·(c - p) = 0 with q the gradient turned a quarter; least squares over the
  // samples (weighted by |g|²) gives Σ q qᵀ c = Σ q qᵀ p.
  const double qx = -gy, qy = gx, qp = qx * px + qy * py;
  centre[0] += qx * qx;
  centre[1] += qx * qy;
  centre[2] += qy * qy;
  centre[3] += qx * qp;
  centre[4] += qy * qp;
}

double Fit::distance(double x, double y) const {
  if (!radial) return dx * x + dy * y;
  if (stretch == 1) return std::hypot(x - cx, y - cy);
  const double px = x - cx, py = y - cy;
  return std::hypot(ux * px + uy * py, stretch * (ux * py - uy * px));
}

std::optional<Fit> best_fit(const std::vector<Sample>& samples, std::size_t channels, const Structure& structure,
                            int width, int height, const Tolerance& tolerance, bool refined) {
  std::vector<Fit> candidates;
  const auto& centre = structure.centre;
  const double det = centre[0] * centre[2] - centre[1] * centre[1];
  const double scale = centre[0] + centre[2];
  if (scale > 0 && det > 1e-6 * scale * scale) {
    Fit radial;
    radial.radial = true;
    radial.cx = (centre[2] * centre[3] - centre[1] * centre[4]) / det;
    radial.cy = (centre[0] * centre[4] - centre[1] * centre[3]) / det;
    const double reach = 4.0 * std::max(width, height);
    if (std::abs(radial.cx - width / 2.0) < reach && std::abs(radial.cy - height / 2.0) < reach) {
      candidates.push_back(std::move(radial));
    }
  }
  const auto& tensor = structure.tensor;
  if (tensor[0] + tensor[2] > 0) {
    const double theta = 0.5 * std::atan2(2 * tensor[1], tensor[0] - tensor[2]);
    Fit linear;
    linear.dx = std::cos(theta);
    linear.dy = std::sin(theta);
    candidates.push_back(std::move(linear));
  }
  double best = tolerance.mean;
  std::optional<Fit> chosen;
  for (Fit& candidate : candidates) {
    if (refined) refine(samples, channels, candidate);
    const std::vector<double> t = distances(samples, candidate);
    auto p = profile_of(samples, channels, t);
    if (!p) continue;
    if (const double e = fit_error(samples, t, *p, tolerance); e <= best) {
      best = e;
      candidate.profile = std::move(*p);
      chosen = std::move(candidate);
    }
  }
  return chosen;
}

model::Gradient gradient_of(const Fit& fit, std::size_t max_stops, const StopOf& stop) {
  model::Gradient g;
  const Profile& profile = fit.profile;
  const double first = fit.radial ? 0.0 : profile.start, last = profile.end();
  if (fit.radial) {
    g.kind = model::Gradient::Kind::radial;
    const bool stretched = fit.stretch != 1;
    g.cx = stretched ? 0 : fit.cx;
    g.cy = stretched ? 0 : fit.cy;
    g.r = last;
  } else {
    g.x1 = fit.dx * profile.start;
    g.y1 = fit.dy * profile.start;
    g.x2 = fit.dx * last;
    g.y2 = fit.dy * last;
  }
  std::vector<std::size_t> kept;
  for (double tolerance = 1 / 255.0;; tolerance *= 1.5) {
    kept = simplified(profile, tolerance);
    if (kept.size() <= max_stops) break;
  }
  for (std::size_t k : kept) {
    const double t = profile.start + bin_width * static_cast<double>(k);
    model::GradientStop s = stop(profile, k);
    s.offset = (t - first) / (last - first);
    g.stops.push_back(s);
  }
  return g;
}

std::optional<geometry::Matrix> gradient_space(const Fit& fit) {
  if (!fit.radial || fit.stretch == 1) return std::nullopt;
  // Along the longer axis one unit of the gradient's space is one unit here; across it, 1/stretch.
  return geometry::Matrix{fit.ux, fit.uy, -fit.uy / fit.stretch, fit.ux / fit.stretch, fit.cx, fit.cy};
}

std::optional<Fit> elliptical_fit(const std::vector<Sample>& samples, int width, int height,
                                  const Tolerance& tolerance) {
  double peak = 0;
  for (const Sample& s : samples) peak = std::max(peak, s.v[0]);
  if (!(peak > 0)) return std::nullopt;
  // Weighted least squares of -log(v / peak) ≈ a x² + b xy + c y² + d x + e y + f, in coordinates
  // centred on the area and scaled to about ±1 so that the normal equations are well conditioned.
  const double ox = width / 2.0, oy = height / 2.0, unit = std::max(1, std::max(width, height)) / 2.0;
  std::array<std::array<double, 7>, 6> normal{};  // the 6×6 system and its right-hand side
  std::size_t used = 0;
  for (const Sample& s : samples) {
    const double v = s.v[0];
    if (v <= 0.05 * peak || v >= 0.95 * peak) continue;
    const double x = (s.x - ox) / unit, y = (s.y - oy) / unit, t = -std::log(v / peak);
    const std::array<double, 6> f = {x * x, x * y, y * y, x, y, 1};
    for (std::size_t i = 0; i < 6; ++i) {
      for (std::size_t j = 0; j < 6; ++j) normal[i][j] += v * f[i] * f[j];
      normal[i][6] += v * f[i] * t;
    }
    ++used;
  }
  if (used < 64) return std::nullopt;
  // Gaussian elimination with partial pivoting.
  for (std::size_t col = 0; col < 6; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < 6; ++r) {
      if (std::abs(normal[r][col]) > std::abs(normal[pivot][col])) pivot = r;
    }
    if (!(std::abs(normal[pivot][col]) > 1e-12)) return std::nullopt;
    std::swap(normal[col], normal[pivot]);
    for (std::size_t r = 0; r < 6; ++r) {
      if (r == col) continue;
      const double factor = normal[r][col] / normal[col][col];
      for (std::size_t k = col; k < 7; ++k) normal[r][k] -= factor * normal[col][k];
    }
  }
  std::array<double, 6> q{};
  for (std::size_t i = 0; i < 6; ++i) q[i] = normal[i][6] / normal[i][i];
  // The quadratic part [[a, b/2], [b/2, c]] must be positive definite: values fall off all round.
  const double a = q[0], b = q[1] / 2, c = q[2];
  const double det = a * c - b * b;
  if (!(a > 0) || !(det > 0) || !std::isfinite(det)) return std::nullopt;
  Fit fit;
  fit.radial = true;
  // The peak, where the gradient of the quadratic vanishes.
  const double px = -(c * q[3] - b * q[4]) / (2 * det), py = -(a * q[4] - b * q[3]) / (2 * det);
  fit.cx = ox + px * unit;
  fit.cy = oy + py * unit;
  const double mean = (a + c) / 2, spread = std::sqrt(std::max(0.0, (a - c) * (a - c) / 4 + b * b));
  const double low = mean - spread, high = mean + spread;  // eigenvalues: the longer axis has the lower
  if (!(low > 0)) return std::nullopt;
  fit.stretch = std::sqrt(high / low);
  if (fit.stretch < 1.05 || fit.stretch > 8) return std::nullopt;
  // The eigenvector of the lower eigenvalue: the longer axis.
  const double angle = 0.5 * std::atan2(2 * b, a - c) + M_PI / 2;
  fit.ux = std::cos(angle);
  fit.uy = std::sin(angle);
  const double reach = 4.0 * std::max(width, height);
  if (!(std::abs(fit.cx - ox) < reach && std::abs(fit.cy - oy) < reach)) return std::nullopt;
  const std::vector<double> t = distances(samples, fit);
  auto p = profile_of(samples, 1, t);
  if (!p) return std::nullopt;
  if (!(fit_error(samples, t, *p, tolerance) <= tolerance.mean)) return std::nullopt;
  fit.profile = std::move(*p);
  return fit;
}

}  // namespace bimi::svgps::raster::fit
