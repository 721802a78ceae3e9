#include "geometry/path_ops.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace bimi::svgps::geometry {
namespace {

Point cubic_at(Point p0, Point p1, Point p2, Point p3, double t) {
  double u = 1 - t;
  double w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
  return {w0 * p0.x + w1 * p1.x + w2 * p2.x + w3 * p3.x,
          w0 * p0.y + w1 * p1.y + w2 * p2.y + w3 * p3.y};
}

// Parameters in (0, 1) where one coordinate of the cubic has a zero derivative.
// B'(t) / 3 = a t² + b t + c with the coefficients below.
int derivative_roots(double p0, double p1, double p2, double p3, double roots[2]) {
  double a = -p0 + 3 * p1 - 3 * p2 + p3;
  double b = 2 * (p0 - 2 * p1 + p2);
  double c = p1 - p0;
  int count = 0;
  auto keep = [&](double t) {
    if (t > 0 && t < 1) roots[count++] = t;
  };
  if (a == 0) {
    if (b != 0) keep(-c / b);
    return count;
  }
  double discriminant = b * b - 4 * a * c;
  if (discriminant < 0) return 0;
  // The numerically stable pair of formulas: no cancellation between b and the root.
  double q = -0.5 * (b + std::copysign(std::sqrt(discriminant), b));
  if (q == 0) return 0;  // b = c = 0: the only root is t = 0
  keep(q / a);
  keep(c / q);
  return count;
}

double length(Point v) { return std::hypot(v.x, v.y); }

// Wang's formula: pieces needed so each chord stays within `tolerance` of the cubic.
double pieces_for(Point p0, Point p1, Point p2, Point p3, double tolerance) {
  Point d1{p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y};
  Point d2{p1.x - 2 * p2.x + p3.x, p1.y - 2 * p2.y + p3.y};
  double second_difference = std::max(length(d1), length(d2));
  return std::ceil(std::sqrt(0.75 * second_difference / tolerance));
}

struct Cubic {
  Point p0, p1, p2, p3;
};

// de Casteljau at t = 1/2.
std::pair<Cubic, Cubic> halves(const Cubic& c) {
  auto mid = [](Point a, Point b) { return Point{(a.x + b.x) / 2, (a.y + b.y) / 2}; };
  Point p01 = mid(c.p0, c.p1), p12 = mid(c.p1, c.p2), p23 = mid(c.p2, c.p3);
  Point p012 = mid(p01, p12), p123 = mid(p12, p23);
  Point centre = mid(p012, p123);
  return {{c.p0, p01, p012, centre}, {centre, p123, p23, c.p3}};
}

// Adds the points after `cubic.p0` through `add` (which returns false when the budget is spent).
// Adaptive: a piece that Wang's bound says needs few chords gets them evenly spaced; a piece
// needing more is halved, so flat stretches stay coarse while tight turns get refined. Each
// halving divides the bound by four, so for finite coordinates the depth is at most log2 of the
// whole curve's count; coordinates so large that the bound overflows (or a depth past any real
// need) end the piece with a chord, so the explicit stack stays small whatever the input.
template <typename Add>
bool flatten_cubic(const Cubic& cubic, double tolerance, Add& add) {
  constexpr double even_split_limit = 8;
  constexpr int max_depth = 48;
  std::vector<std::pair<Cubic, int>> pending{{cubic, 0}};
  while (!pending.empty()) {
    auto [piece, depth] = pending.back();
    pending.pop_back();
    double pieces = pieces_for(piece.p0, piece.p1, piece.p2, piece.p3, tolerance);
    if (!std::isfinite(pieces) || depth >= max_depth) {
      if (!add(piece.p3)) return false;
      continue;
    }
    if (pieces <= even_split_limit) {
      auto n = std::max<int>(1, static_cast<int>(pieces));
      for (int i = 1; i < n; ++i) {
        if (!add(cubic_at(piece.p0, piece.p1, piece.p2, piece.p3, static_cast<double>(i) / n))) {
          return false;
        }
      }
      if (!add(piece.p3)) return false;
      continue;
    }
    auto [first, second] = halves(piece);
    pending.push_back({second, depth + 1});  // the first half is flattened first
    pending.push_back({first, depth + 1});
  }
  return true;
}

}  // namespace

Path transformed(const Path& path, const Matrix& matrix) {
  Path out = path;
  for (Segment& segment : out.segments) {
    int used = segment.kind == Segment::Kind::cubic   ? 3
               : segment.kind == Segment::Kind::close ? 0
                                                      : 1;
    for (int i = 0; i < used; ++i) segment.p[i] = matrix.apply(segment.p[i]);
  }
  return out;
}

Box bounds(const Path& path) {
  Box box;
  Point current, subpath_start;
  bool start_counted = false;
  for (const Segment& segment : path.segments) {
    switch (segment.kind) {
      case Segment::Kind::move:
        current = subpath_start = segment.p[0];
        start_counted = false;
        continue;
      case Segment::Kind::close:
        // A close draws a line back to the start, which is already in the box.
        if (!start_counted) box.add(subpath_start);
        start_counted = true;
        current = subpath_start;
        continue;
      case Segment::Kind::line:
        if (!start_counted) box.add(current);
        start_counted = true;
        box.add(segment.p[0]);
        current = segment.p[0];
        continue;
      case Segment::Kind::cubic: {
        if (!start_counted) box.add(current);
        start_counted = true;
        const Point& p1 = segment.p[0];
        const Point& p2 = segment.p[1];
        const Point& p3 = segment.p[2];
        double roots[2];
        int count = derivative_roots(current.x, p1.x, p2.x, p3.x, roots);
        for (int i = 0; i < count; ++i) box.add(cubic_at(current, p1, p2, p3, roots[i]));
        count = derivative_roots(current.y, p1.y, p2.y, p3.y, roots);
        for (int i = 0; i < count; ++i) box.add(cubic_at(current, p1, p2, p3, roots[i]));
        box.add(p3);
        current = p3;
        continue;
      }
    }
  }
  return box;
}

Flattened flatten_path(const Path& path, double tolerance, std::size_t max_points,
                       const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) tolerance = 1e-9;
  Flattened result;
  std::size_t produced = 0;
  Polyline current_line;
  auto finish = [&] {
    if (current_line.points.size() >= 2) {
      produced += current_line.points.size();
      result.polylines.push_back(std::move(current_line));
    }
    current_line = Polyline{};
  };
  // Adds a point if the budget allows; false (and incomplete) when it does not.
  auto add = [&](Point p) {
    convert::check(deadline);
    if (produced + current_line.points.size() >= max_points) {
      result.complete = false;
      return false;
    }
    current_line.points.push_back(p);
    return true;
  };
  Point current, subpath_start;
  for (const Segment& segment : path.segments) {
    bool ok = true;
    switch (segment.kind) {
      case Segment::Kind::move:
        finish();
        current = subpath_start = segment.p[0];
        break;
      case Segment::Kind::close:
        if (!current_line.points.empty()) current_line.closed = true;
        finish();
        current = subpath_start;
        break;
      case Segment::Kind::line:
        if (current_line.points.empty()) ok = add(current);
        ok = ok && add(segment.p[0]);
        current = segment.p[0];
        break;
      case Segment::Kind::cubic: {
        if (current_line.points.empty()) ok = add(current);
        const Point& p1 = segment.p[0];
        const Point& p2 = segment.p[1];
        const Point& p3 = segment.p[2];
        // Non-finite control points or an absurd count: stop here rather than loop for ever.
        double pieces = pieces_for(current, p1, p2, p3, tolerance);
        if (!std::isfinite(pieces) || pieces > static_cast<double>(max_points)) {
          result.complete = false;
          ok = false;
          break;
        }
        ok = flatten_cubic({current, p1, p2, p3}, tolerance, add);
        current = p3;
        break;
      }
    }
    if (!ok) break;
  }
  finish();
  return result;
}

std::vector<std::vector<Point>> flatten(const Path& path, double tolerance,
                                        const convert::Deadline* deadline) {
  Flattened flat = flatten_path(path, tolerance, default_max_flatten_points, deadline);
  std::vector<std::vector<Point>> polygons;
  polygons.reserve(flat.polylines.size());
  for (Polyline& line : flat.polylines) polygons.push_back(std::move(line.points));
  return polygons;
}

double distance_to_segment(Point p, Point a, Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
  const double t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0) : 0;
  return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

}  // namespace bimi::svgps::geometry
