// A fitted gradient painted at a point, as a renderer pads and interpolates its stops: what the
// tests of fitted fades and shading compare pixels with.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

#include "model/document.hpp"

namespace bimi::test {

// Red, green and blue (0..255) and opacity (0..1) of `g` at (x, y).
inline std::array<double, 4> gradient_at(const svgps::model::Gradient& g, double x, double y) {
  double t;
  if (g.kind == svgps::model::Gradient::Kind::radial) {
    t = std::hypot(x - g.cx, y - g.cy) / g.r;
  } else {
    const double dx = g.x2 - g.x1, dy = g.y2 - g.y1;
    t = ((x - g.x1) * dx + (y - g.y1) * dy) / (dx * dx + dy * dy);
  }
  auto of = [](const svgps::model::GradientStop& s) {
    return std::array<double, 4>{double(s.color.r), double(s.color.g), double(s.color.b), s.opacity};
  };
  if (t <= g.stops.front().offset) return of(g.stops.front());
  for (std::size_t i = 1; i < g.stops.size(); ++i) {
    const auto &a = g.stops[i - 1], &b = g.stops[i];
    if (t > b.offset) continue;
    const double f = b.offset > a.offset ? (t - a.offset) / (b.offset - a.offset) : 1;
    std::array<double, 4> out = of(a), end = of(b);
    for (std::size_t c = 0; c < 4; ++c) out[c] += (end[c] - out[c]) * f;
    return out;
  }
  return of(g.stops.back());
}

}  // namespace bimi::test
