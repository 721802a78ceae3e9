#include "geometry/curve_restore.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

#include "geometry/path_ops.hpp"

namespace bimi::svgps::geometry {
namespace {

struct Cubic {
  Point p0, p1, p2, p3;
};

Point at(const Cubic& c, double t) {
  double u = 1 - t;
  double w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
  return {w0 * c.p0.x + w1 * c.p1.x + w2 * c.p2.x + w3 * c.p3.x, w0 * c.p0.y + w1 * c.p1.y + w2 * c.p2.y + w3 * c.p3.y};
}

Point first_derivative(const Cubic& c, double t) {
  double u = 1 - t;
  double w0 = 3 * u * u, w1 = 6 * u * t, w2 = 3 * t * t;
  return {w0 * (c.p1.x - c.p0.x) + w1 * (c.p2.x - c.p1.x) + w2 * (c.p3.x - c.p2.x),
          w0 * (c.p1.y - c.p0.y) + w1 * (c.p2.y - c.p1.y) + w2 * (c.p3.y - c.p2.y)};
}

Point second_derivative(const Cubic& c, double t) {
  double u = 1 - t;
  return {6 * u * (c.p2.x - 2 * c.p1.x + c.p0.x) + 6 * t * (c.p3.x - 2 * c.p2.x + c.p1.x),
          6 * u * (c.p2.y - 2 * c.p1.y + c.p0.y) + 6 * t * (c.p3.y - 2 * c.p2.y + c.p1.y)};
}

double distance(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

Point lerp(Point a, Point b, double t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// de Casteljau at t: the parts before and after.
std::pair<Cubic, Cubic> split(const Cubic& c, double t) {
  Point p01 = lerp(c.p0, c.p1, t), p12 = lerp(c.p1, c.p2, t), p23 = lerp(c.p2, c.p3, t);
  Point p012 = lerp(p01, p12, t), p123 = lerp(p12, p23, t);
  Point mid = lerp(p012, p123, t);
  return {{c.p0, p01, p012, mid}, {mid, p123, p23, c.p3}};
}

// The cubic between parameters `from` and `to`, drawn from `from` (either may be the larger).
Cubic piece(const Cubic& c, double from, double to) {
  double lo = std::min(from, to), hi = std::max(from, to);
  Cubic part = split(c, hi).first;
  if (hi > 0) part = split(part, lo / hi).second;
  if (from > to) part = {part.p3, part.p2, part.p1, part.p0};
  return part;
}

// The parameter of the point of the cubic nearest to `p`: the best of even samples, refined by
// Newton's method on (B(t) - p) · B'(t) = 0 when that comes closer.
struct Projection {
  double t = 0;
  double distance = INFINITY;
};

Projection project(const Cubic& c, Point p) {
  constexpr int samples = 16;
  Projection best;
  for (int i = 0; i <= samples; ++i) {
    double t = static_cast<double>(i) / samples;
    double d = distance(at(c, t), p);
    if (d < best.distance) best = {t, d};
  }
  double t = best.t;
  for (int iteration = 0; iteration < 8; ++iteration) {
    Point q = at(c, t), d1 = first_derivative(c, t), d2 = second_derivative(c, t);
    Point offset{q.x - p.x, q.y - p.y};
    double f = offset.x * d1.x + offset.y * d1.y;
    double slope = d1.x * d1.x + d1.y * d1.y + offset.x * d2.x + offset.y * d2.y;
    if (!(slope > 0)) break;
    double next = std::clamp(t - f / slope, 0.0, 1.0);
    if (next == t) break;
    t = next;
  }
  double d = distance(at(c, t), p);
  if (d < best.distance) best = {t, d};
  return best;
}

// A cubic of the sources with the box of its control points grown by the tolerance: no point
// farther than that from the curve lies outside it.
struct Curve {
  Cubic cubic;
  Box box;
};

bool finite(Point p) { return std::isfinite(p.x) && std::isfinite(p.y); }

std::vector<Curve> curves_of(const std::vector<const Path*>& sources, double tolerance) {
  std::vector<Curve> curves;
  for (const Path* source : sources) {
    Point current, start;
    for (const Segment& segment : source->segments) {
      switch (segment.kind) {
        case Segment::Kind::move:
          current = start = segment.p[0];
          break;
        case Segment::Kind::close:
          current = start;
          break;
        case Segment::Kind::line:
          current = segment.p[0];
          break;
        case Segment::Kind::cubic: {
          Cubic c{current, segment.p[0], segment.p[1], segment.p[2]};
          current = segment.p[2];
          if (!finite(c.p0) || !finite(c.p1) || !finite(c.p2) || !finite(c.p3)) break;
          if (c.p0 == c.p1 && c.p1 == c.p2 && c.p2 == c.p3) break;  // draws nothing
          Box box;
          for (Point p : {c.p0, c.p1, c.p2, c.p3}) box.add(p);
          box = {box.x0 - tolerance, box.y0 - tolerance, box.x1 + tolerance, box.y1 + tolerance};
          curves.push_back({c, box});
          break;
        }
      }
    }
  }
  return curves;
}

bool contains(const Box& box, Point p) { return p.x >= box.x0 && p.x <= box.x1 && p.y >= box.y0 && p.y <= box.y1; }

// The curves that may pass near a point: a uniform grid of buckets over the curves' boxes.
class CurveIndex {
 public:
  // False when registering the curves would pass the work budget.
  bool build(const std::vector<Curve>& curves, std::size_t& work) {
    for (const Curve& curve : curves) {
      extent_.add({curve.box.x0, curve.box.y0});
      extent_.add({curve.box.x1, curve.box.y1});
    }
    if (extent_.empty()) return true;
    side_ = std::clamp(static_cast<int>(std::sqrt(static_cast<double>(curves.size()))), 1, 64);
    cells_.assign(static_cast<std::size_t>(side_) * side_, {});
    for (std::uint32_t i = 0; i < curves.size(); ++i) {
      const Box& box = curves[i].box;
      int x0 = column(box.x0), x1 = column(box.x1), y0 = row(box.y0), y1 = row(box.y1);
      work += static_cast<std::size_t>(x1 - x0 + 1) * static_cast<std::size_t>(y1 - y0 + 1);
      if (work > max_restore_work) return false;
      for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) cells_[static_cast<std::size_t>(y) * side_ + x].push_back(i);
      }
    }
    return true;
  }

  const std::vector<std::uint32_t>* near(Point p) const {
    if (extent_.empty() || !contains(extent_, p)) return nullptr;
    return &cells_[static_cast<std::size_t>(row(p.y)) * side_ + column(p.x)];
  }

 private:
  int cell(double value, double low, double span) const {
    if (!(span > 0)) return 0;
    return std::clamp(static_cast<int>((value - low) / span * side_), 0, side_ - 1);
  }
  int column(double x) const { return cell(x, extent_.x0, extent_.width()); }
  int row(double y) const { return cell(y, extent_.y0, extent_.height()); }

  Box extent_;
  int side_ = 1;
  std::vector<std::vector<std::uint32_t>> cells_;
};

// A vertex lying on a curve, at parameter t.
struct OnCurve {
  std::uint32_t curve;
  double t;
};

// An edge following a curve from parameter t0 at its first vertex to t1 at its second.
struct EdgeOnCurve {
  std::uint32_t curve;
  double t0, t1;
};

class Restorer {
 public:
  Restorer(const std::vector<Curve>& curves, const CurveIndex& index, double tolerance)
      : curves_(curves), index_(index), tolerance_(tolerance) {}

  // Appends the ring, curves restored, to `out`; false when the work budget ran out.
  bool ring(const std::vector<Point>& ring, std::size_t& work, Path& out) {
    std::size_t n = ring.size();
    std::vector<std::vector<OnCurve>> on(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!vertex(ring[i], work, on[i])) return false;
    }
    edges_.assign(n, {});
    for (std::size_t i = 0; i < n; ++i) {
      work += on[i].size() * on[(i + 1) % n].size();
      if (work > max_restore_work) return false;
      edge(ring[i], ring[(i + 1) % n], on[i], on[(i + 1) % n], edges_[i]);
    }
    // Start where no run passes through, so that no run wraps around the ring's start.
    std::size_t start = n;
    for (std::size_t v = 0; v < n && start == n; ++v) {
      bool through = false;
      for (const EdgeOnCurve& e : edges_[(v + n - 1) % n])
        through = through || continues(e, (v + n - 1) % n).has_value();
      if (!through) start = v;
    }
    if (start == n) {  // the whole ring lies on one curve: nothing safe to restore
      append_lines(ring, out);
      return true;
    }
    out.segments.push_back(Segment::move_to(ring[start]));
    for (std::size_t i = 0; i < n;) {
      std::size_t first = (start + i) % n;
      std::size_t best_length = 0;
      const EdgeOnCurve* best = nullptr;
      for (const EdgeOnCurve& e : edges_[first]) {
        std::size_t length = run_length(e, first, n - i);
        if (length > best_length) best_length = length, best = &e;
      }
      if (best && best_length >= min_restored_edges) {
        if (auto cubic = restored(ring, on, *best, first, best_length)) {
          out.segments.push_back(Segment::cubic_to(cubic->p1, cubic->p2, cubic->p3));
        } else {
          for (std::size_t k = 1; k <= best_length; ++k) line_to(ring[(first + k) % n], ring[start], i + k == n, out);
        }
        i += best_length;
        continue;
      }
      line_to(ring[(first + 1) % n], ring[start], i + 1 == n, out);
      ++i;
    }
    out.segments.push_back(Segment::close());
    return true;
  }

 private:
  static void append_lines(const std::vector<Point>& ring, Path& out) {
    out.segments.push_back(Segment::move_to(ring[0]));
    for (std::size_t i = 1; i < ring.size(); ++i) out.segments.push_back(Segment::line_to(ring[i]));
    out.segments.push_back(Segment::close());
  }

  // A line to `to`, left out when it is the ring's closing edge (the close draws it).
  static void line_to(Point to, Point ring_start, bool last, Path& out) {
    if (last && to == ring_start) return;
    out.segments.push_back(Segment::line_to(to));
  }

  bool vertex(Point p, std::size_t& work, std::vector<OnCurve>& on) const {
    const std::vector<std::uint32_t>* near = index_.near(p);
    if (!near) return true;
    for (std::uint32_t i : *near) {
      if (++work > max_restore_work) return false;
      if (!contains(curves_[i].box, p)) continue;
      Projection projection = project(curves_[i].cubic, p);
      if (projection.distance <= tolerance_) on.push_back({i, projection.t});
    }
    return true;
  }

  // The curves an edge follows: both ends on the curve, and the curve between them near the edge.
  void edge(Point a, Point b, const std::vector<OnCurve>& at_a, const std::vector<OnCurve>& at_b,
            std::vector<EdgeOnCurve>& out) const {
    for (const OnCurve& from : at_a) {
      for (const OnCurve& to : at_b) {
        if (from.curve != to.curve || std::fabs(to.t - from.t) < 1e-9) continue;
        const Cubic& c = curves_[from.curve].cubic;
        bool follows = true;
        for (double s : {0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875}) {
          follows = follows && distance_to_segment(at(c, from.t + s * (to.t - from.t)), a, b) <= tolerance_;
        }
        if (follows) out.push_back({from.curve, from.t, to.t});
      }
    }
  }

  // The next edge's match that continues `e` along its curve in the same direction.
  std::optional<EdgeOnCurve> continues(const EdgeOnCurve& e, std::size_t index) const {
    for (const EdgeOnCurve& next : edges_[(index + 1) % edges_.size()]) {
      if (next.curve == e.curve && next.t0 == e.t1 && (next.t1 > next.t0) == (e.t1 > e.t0)) return next;
    }
    return std::nullopt;
  }

  std::size_t run_length(EdgeOnCurve e, std::size_t index, std::size_t most) const {
    std::size_t length = 1;
    while (length < most) {
      auto next = continues(e, index);
      if (!next) break;
      e = *next;
      index = (index + 1) % edges_.size();
      ++length;
    }
    return length;
  }

  // The piece of the curve the run follows, ends moved onto the run's end vertices; nothing when a
  // vertex of the run is not within the tolerance of it.
  std::optional<Cubic> restored(const std::vector<Point>& ring, const std::vector<std::vector<OnCurve>>& on,
                                const EdgeOnCurve& first_edge, std::size_t first, std::size_t length) const {
    std::size_t n = ring.size();
    std::uint32_t curve = first_edge.curve;
    auto t_at = [&](std::size_t vertex) {
      for (const OnCurve& o : on[vertex]) {
        if (o.curve == curve) return o.t;
      }
      return static_cast<double>(NAN);
    };
    std::size_t last = (first + length) % n;
    double from = first_edge.t0, to = t_at(last);
    if (!std::isfinite(to) || from == to) return std::nullopt;
    Cubic c = piece(curves_[curve].cubic, from, to);
    Point start = ring[first], end = ring[last];
    Point d0{start.x - c.p0.x, start.y - c.p0.y}, d3{end.x - c.p3.x, end.y - c.p3.y};
    c.p0 = start;
    c.p1 = {c.p1.x + d0.x, c.p1.y + d0.y};
    c.p3 = end;
    c.p2 = {c.p2.x + d3.x, c.p2.y + d3.y};
    for (std::size_t k = 1; k < length; ++k) {
      std::size_t vertex = (first + k) % n;
      double s = (t_at(vertex) - from) / (to - from);
      if (!(s > 0 && s < 1) || distance(at(c, s), ring[vertex]) > tolerance_) return std::nullopt;
    }
    return c;
  }

  const std::vector<Curve>& curves_;
  const CurveIndex& index_;
  double tolerance_;
  std::vector<std::vector<EdgeOnCurve>> edges_;
};

// The vertices of a subpath of moves, lines and a close, repeats dropped; empty when the subpath
// holds a cubic or encloses nothing.
std::vector<Point> ring_of(const Path& subpath) {
  std::vector<Point> points;
  for (const Segment& segment : subpath.segments) {
    if (segment.kind == Segment::Kind::cubic) return {};
    if (segment.kind == Segment::Kind::close) continue;
    if (points.empty() || !(points.back() == segment.p[0])) points.push_back(segment.p[0]);
  }
  while (points.size() > 1 && points.back() == points.front()) points.pop_back();
  if (points.size() < 3) return {};
  return points;
}

}  // namespace

Path restore_curves(const Path& polygons, const std::vector<const Path*>& sources, double tolerance,
                    const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) return polygons;
  std::vector<Curve> curves = curves_of(sources, tolerance);
  if (curves.empty()) return polygons;
  std::size_t work = 0;
  CurveIndex index;
  if (!index.build(curves, work)) return polygons;
  Restorer restorer(curves, index, tolerance);
  Path out;
  std::size_t begin = 0;
  while (begin < polygons.segments.size()) {
    convert::check(deadline);
    std::size_t end = begin + 1;
    while (end < polygons.segments.size() && polygons.segments[end].kind != Segment::Kind::move) ++end;
    Path subpath;
    subpath.segments.assign(polygons.segments.begin() + static_cast<std::ptrdiff_t>(begin),
                            polygons.segments.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<Point> ring = ring_of(subpath);
    bool closed = !subpath.segments.empty() && subpath.segments.back().kind == Segment::Kind::close;
    if (ring.empty() || !closed || subpath.segments.front().kind != Segment::Kind::move) {
      out.segments.insert(out.segments.end(), subpath.segments.begin(), subpath.segments.end());
    } else if (!restorer.ring(ring, work, out)) {
      return polygons;
    }
    begin = end;
  }
  return out;
}

}  // namespace bimi::svgps::geometry
