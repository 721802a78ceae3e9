#include "geometry/stroke.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>

#include "geometry/clip.hpp"
#include "geometry/path_ops.hpp"

namespace bimi::svgps::geometry {
namespace {

Point plus(Point a, Point b) { return {a.x + b.x, a.y + b.y}; }
Point minus(Point a, Point b) { return {a.x - b.x, a.y - b.y}; }
Point times(Point a, double s) { return {a.x * s, a.y * s}; }
double dot(Point a, Point b) { return a.x * b.x + a.y * b.y; }
double cross(Point a, Point b) { return a.x * b.y - a.y * b.x; }
// The direction turned a quarter to the left in a y-up frame.
Point normal(Point d) { return {-d.y, d.x}; }
Point unit(Point v) {
  double length = std::hypot(v.x, v.y);
  return length > 0 ? times(v, 1 / length) : Point{1, 0};
}

// A point of a flattened subpath: a corner where the original path has a vertex (the stroke's
// join applies there), not one inside a flattened curve.
struct Vertex {
  Point p;
  bool corner = true;
};

struct StrokeLine {
  std::vector<Vertex> vertices;
  bool closed = false;
  Point direction{1, 0};  // for a zero-length line (a dot): the way its square cap faces

  void add(Point p, bool corner) {
    if (!vertices.empty() && vertices.back().p == p) {
      vertices.back().corner = vertices.back().corner || corner;
      return;
    }
    vertices.push_back({p, corner});
  }
};

// The subpaths of a path, curves flattened within `tolerance`. A lone move draws nothing; a
// subpath of zero length (M x y Z, or lines back to the start) stays, for its caps.
std::vector<StrokeLine> stroke_lines(const Path& path, double tolerance, const convert::Deadline* deadline) {
  std::vector<StrokeLine> lines;
  StrokeLine current;
  bool drawn = false;
  Point start, at;
  auto finish = [&](bool closed) {
    if (drawn && !current.vertices.empty()) {
      current.closed = closed;
      lines.push_back(std::move(current));
    }
    current = StrokeLine{};
    drawn = false;
  };
  for (const Segment& segment : path.segments) {
    convert::check(deadline);
    if (segment.kind == Segment::Kind::move) {
      finish(false);
      start = at = segment.p[0];
      continue;
    }
    if (current.vertices.empty()) current.add(at, true);
    drawn = true;
    if (segment.kind == Segment::Kind::close) {
      finish(true);
      at = start;
      continue;
    }
    if (segment.kind == Segment::Kind::cubic) {
      Path piece{{Segment::move_to(at), segment}};
      Flattened flat = flatten_path(piece, tolerance, default_max_flatten_points, deadline);
      if (!flat.polylines.empty()) {
        const std::vector<Point>& points = flat.polylines.front().points;
        for (std::size_t i = 1; i + 1 < points.size(); ++i) current.add(points[i], false);
      }
    }
    at = segment.kind == Segment::Kind::cubic ? segment.p[2] : segment.p[0];
    current.add(at, true);
  }
  finish(false);
  return lines;
}

// The line's points in drawing order, the first repeated at the end of a closed line.
std::vector<Vertex> traversal(const StrokeLine& line) {
  std::vector<Vertex> points = line.vertices;
  if (line.closed && !points.empty() && !(points.back().p == points.front().p)) points.push_back(points.front());
  return points;
}

// Splits a line into its dashes. Zero-length dashes stay (round and square caps draw them).
// False when there would be more than `budget` dashes in all.
bool dash_line(const StrokeLine& line, const std::vector<double>& dashes, double offset, std::size_t& budget,
               std::vector<StrokeLine>& out, const convert::Deadline* deadline) {
  double period = std::accumulate(dashes.begin(), dashes.end(), 0.0);
  double phase = std::fmod(offset, period);
  if (phase < 0) phase += period;
  std::size_t index = 0;
  while (phase > 0 && phase >= dashes[index]) {
    convert::check(deadline);
    phase -= dashes[index];
    index = (index + 1) % dashes.size();
  }
  double remaining = dashes[index] - phase;
  bool on = index % 2 == 0;
  const bool starts_on = on;
  std::size_t first = out.size();
  std::vector<Vertex> points = traversal(line);
  StrokeLine piece;
  if (on) piece.add(points.front().p, true);
  for (std::size_t i = 1; i < points.size(); ++i) {
    Point a = points[i - 1].p, b = points[i].p;
    double length = std::hypot(b.x - a.x, b.y - a.y);
    if (length == 0) continue;
    Point direction = times(minus(b, a), 1 / length);
    piece.direction = direction;
    double position = 0;
    while (length - position > remaining) {
      convert::check(deadline);
      position += remaining;
      Point at = plus(a, times(direction, position));
      if (on) {
        piece.add(at, true);
        if (budget-- == 0) return false;
        out.push_back(std::move(piece));
      }
      piece = StrokeLine{};
      piece.direction = direction;
      if (!on) piece.add(at, true);
      on = !on;
      index = (index + 1) % dashes.size();
      remaining = dashes[index];
    }
    remaining -= length - position;
    if (on) piece.add(b, points[i].corner);
  }
  if (!on) return true;
  if (line.closed && starts_on && out.size() > first) {
    // The dash across the start of a closed subpath is one dash, joined where the path closes.
    for (std::size_t i = 1; i < out[first].vertices.size(); ++i) {
      piece.add(out[first].vertices[i].p, out[first].vertices[i].corner);
    }
    out[first] = std::move(piece);
    return true;
  }
  if (line.closed && starts_on) {
    out.push_back(line);  // one dash all the way round: the closed line itself
    return true;
  }
  if (budget-- == 0) return false;
  out.push_back(std::move(piece));
  return true;
}

// The convex pieces whose union is a stroke.
class Outliner {
 public:
  Outliner(const StrokeStyle& style, double tolerance, const convert::Deadline* deadline)
      : style_(style), half_(style.width / 2), tolerance_(tolerance), deadline_(deadline) {
    // Arcs are polygons inscribed within tolerance / 2 of the circle.
    double sag = tolerance / 2;
    max_step_ = sag < half_ ? 2 * std::acos(1 - sag / half_) : M_PI / 2;
  }

  void outline(const StrokeLine& line) {
    std::vector<Vertex> points = line.vertices;
    if (line.closed && points.size() > 1 && points.back().p == points.front().p) points.pop_back();
    if (points.size() < 2) {
      zero_length(points.front().p, line.direction);
      return;
    }
    std::size_t n = points.size();
    std::size_t segments = line.closed ? n : n - 1;
    for (std::size_t i = 0; i < segments; ++i) quad(points[i].p, points[(i + 1) % n].p);
    auto direction = [&](std::size_t from, std::size_t to) { return unit(minus(points[to].p, points[from].p)); };
    for (std::size_t i = line.closed ? 0 : 1; i < (line.closed ? n : n - 1); ++i) {
      std::size_t before = (i + n - 1) % n, after = (i + 1) % n;
      join(points[i].p, direction(before, i), direction(i, after),
           points[i].corner ? style_.join : StrokeStyle::Join::round);
    }
    if (!line.closed) {
      cap(points.front().p, direction(1, 0));
      cap(points.back().p, direction(n - 2, n - 1));
    }
  }

  std::vector<std::vector<Point>>& pieces() { return pieces_; }

 private:
  // Every piece goes through here: the deadline is checked, and the vertices counted against the
  // bound of the union they are all for, so that memory stops growing where the union would
  // refuse anyway.
  void add(std::vector<Point> piece) {
    convert::check(deadline_);
    vertices_ += piece.size();
    if (vertices_ > max_polygon_operation_vertices) {
      throw convert::WorkRefused("a stroke outline of more than " + std::to_string(max_polygon_operation_vertices) +
                                 " polygon vertices is too large to unite");
    }
    pieces_.push_back(std::move(piece));
  }

  // The band a segment sweeps.
  void quad(Point a, Point b) {
    Point n = times(normal(unit(minus(b, a))), half_);
    add({plus(a, n), plus(b, n), minus(b, n), minus(a, n)});
  }

  // The arc of the stroke's half width around `centre` from centre + `from` over `sweep` radians
  // to centre + `to`, as a polygon closed by its chord; the whole disc for a full turn. The ends
  // are the exact points the neighbouring bands have, so that no crack is left between them.
  std::vector<Point> arc(Point centre, Point from, Point to, double sweep) const {
    int steps = std::max(1, static_cast<int>(std::ceil(std::fabs(sweep) / max_step_)));
    bool disc = std::fabs(sweep) >= 2 * M_PI;
    double start = std::atan2(from.y, from.x);
    std::vector<Point> polygon{plus(centre, from)};
    for (int i = 1; i < steps; ++i) {
      double angle = start + sweep * i / steps;
      polygon.push_back({centre.x + half_ * std::cos(angle), centre.y + half_ * std::sin(angle)});
    }
    if (!disc) polygon.push_back(plus(centre, to));
    return polygon;
  }
  void disc(Point centre) { add(arc(centre, {half_, 0}, {half_, 0}, 2 * M_PI)); }

  // A join piece is closed at a point inside the corner rather than at the corner itself: its
  // sides then cross the bands instead of running along their ends, where the clipper leaves
  // hairline cracks. A round join (every vertex within a flattened curve) reaches to the inner
  // edge, half the width in: at the small turns of a curve a shallower apex made sides so nearly
  // parallel to the bands' ends that wedges were left open; the piece stays within the disc the
  // join rounds. A miter or bevel reaches a little way only, since its corner's disc is not all
  // painted.
  Point join_apex(Point p, Point n1, Point n2, StrokeStyle::Join kind) const {
    double depth = kind == StrokeStyle::Join::round ? half_ : std::min(half_ / 2, tolerance_);
    return minus(p, times(unit(plus(n1, n2)), depth));
  }

  // What fills the outer side of a corner, between the two segments' bands.
  void join(Point p, Point d1, Point d2, StrokeStyle::Join kind) {
    double turn = cross(d1, d2), along = dot(d1, d2);
    if (std::fabs(turn) <= 1e-12) {
      if (along < 0 && kind == StrokeStyle::Join::round) disc(p);  // the path turns back
      return;
    }
    double side = turn > 0 ? -1 : 1;  // the outer side is away from the turn
    Point n1 = times(normal(d1), side * half_), n2 = times(normal(d2), side * half_);
    std::vector<Point> piece{join_apex(p, n1, n2, kind)};
    if (kind == StrokeStyle::Join::round) {
      std::vector<Point> outer = arc(p, n1, n2, std::atan2(cross(n1, n2), dot(n1, n2)));
      piece.insert(piece.end(), outer.begin(), outer.end());
    } else {
      // The miter's length over the stroke width is 1 / cos(half the turning angle).
      double cos_half = std::sqrt(std::max(0.0, (1 + along) / 2));
      piece.push_back(plus(p, n1));
      if (kind == StrokeStyle::Join::miter && cos_half > 0 && 1 / cos_half <= style_.miter_limit) {
        piece.push_back(plus(p, times(unit(plus(n1, n2)), half_ / cos_half)));
      }
      piece.push_back(plus(p, n2));  // without the tip: a bevel
    }
    add(std::move(piece));
  }

  // The cap at an open end; `d` points out of the line.
  void cap(Point p, Point d) {
    Point n = times(normal(d), half_);
    if (style_.cap == StrokeStyle::Cap::square) {
      Point ahead = times(d, half_);
      add({plus(p, n), plus(plus(p, n), ahead), plus(minus(p, n), ahead), minus(p, n)});
    } else if (style_.cap == StrokeStyle::Cap::round) {
      add(arc(p, n, times(n, -1), -M_PI));
    }
  }

  // A zero-length subpath or dash: a disc or a square facing `d`, nothing with butt caps.
  void zero_length(Point p, Point d) {
    if (style_.cap == StrokeStyle::Cap::round) {
      disc(p);
    } else if (style_.cap == StrokeStyle::Cap::square) {
      Point n = times(normal(d), half_), ahead = times(d, half_);
      add({plus(plus(p, n), ahead), minus(plus(p, ahead), n), minus(minus(p, n), ahead),
           minus(plus(p, n), ahead)});
    }
  }

  const StrokeStyle& style_;
  double half_;
  double tolerance_;
  double max_step_;
  const convert::Deadline* deadline_;
  std::size_t vertices_ = 0;
  std::vector<std::vector<Point>> pieces_;
};

}  // namespace

namespace {

Point cubic_point(const Point& p0, const Point& p1, const Point& p2, const Point& p3, double t) {
  double u = 1 - t;
  return plus(plus(times(p0, u * u * u), times(p1, 3 * u * u * t)), plus(times(p2, 3 * u * t * t), times(p3, t * t * t)));
}

Point cubic_tangent(const Point& p0, const Point& p1, const Point& p2, const Point& p3, double t) {
  double u = 1 - t;
  return plus(plus(times(minus(p1, p0), 3 * u * u), times(minus(p2, p1), 6 * u * t)), times(minus(p3, p2), 3 * t * t));
}

// The cubic from p0..p3 moved `offset` along its normals, fitted with the ends' tangents kept:
// the handles' lengths by least squares through the offset curve at five inner points. Exact in
// the limit for a circular arc (the offset of an arc is an arc); nullopt where the fit fails (a
// cusp, an offset past the radius of curvature).
std::optional<Segment> offset_cubic(const Point& p0, const Point& p1, const Point& p2, const Point& p3, double offset) {
  Point d0 = cubic_tangent(p0, p1, p2, p3, 0), d3 = cubic_tangent(p0, p1, p2, p3, 1);
  if (std::hypot(d0.x, d0.y) < 1e-9 || std::hypot(d3.x, d3.y) < 1e-9) return std::nullopt;
  Point t0 = unit(d0), t3 = unit(d3);
  Point q0 = plus(p0, times(normal(t0), offset)), q3 = plus(p3, times(normal(t3), offset));
  double aa = 0, ab = 0, bb = 0, ar = 0, br = 0;
  for (double t : {1.0 / 6, 2.0 / 6, 3.0 / 6, 4.0 / 6, 5.0 / 6}) {
    Point d = cubic_tangent(p0, p1, p2, p3, t);
    if (std::hypot(d.x, d.y) < 1e-9) return std::nullopt;
    Point o = plus(cubic_point(p0, p1, p2, p3, t), times(normal(unit(d)), offset));
    double u = 1 - t;
    Point base = plus(times(q0, u * u * u + 3 * u * u * t), times(q3, 3 * u * t * t + t * t * t));
    Point r = minus(o, base);
    Point a = times(t0, 3 * u * u * t), b = times(t3, -3 * u * t * t);
    aa += dot(a, a);
    ab += dot(a, b);
    bb += dot(b, b);
    ar += dot(a, r);
    br += dot(b, r);
  }
  double det = aa * bb - ab * ab;
  if (!(std::fabs(det) > 1e-12 * aa * bb)) return std::nullopt;
  double ka = (ar * bb - br * ab) / det, kb = (br * aa - ar * ab) / det;
  if (!(ka > 0) || !(kb > 0) || !std::isfinite(ka) || !std::isfinite(kb)) return std::nullopt;
  Segment fitted = Segment::cubic_to(plus(q0, times(t0, ka)), minus(q3, times(t3, kb)), q3);
  return fitted;
}

}  // namespace

Path stroke_edges(const Path& path, double width) {
  Path edges;
  double half = width / 2;
  if (!(half > 0) || !std::isfinite(half)) return edges;
  Point current, start;
  for (const Segment& s : path.segments) {
    switch (s.kind) {
      case Segment::Kind::move:
        current = start = s.p[0];
        break;
      case Segment::Kind::line:
        current = s.p[0];
        break;
      case Segment::Kind::close:
        current = start;
        break;
      case Segment::Kind::cubic:
        for (double side : {half, -half}) {
          if (auto fitted = offset_cubic(current, s.p[0], s.p[1], s.p[2], side)) {
            Point from = plus(current, times(normal(unit(cubic_tangent(current, s.p[0], s.p[1], s.p[2], 0))), side));
            edges.segments.push_back(Segment::move_to(from));
            edges.segments.push_back(*fitted);
          }
        }
        current = s.p[2];
        break;
    }
  }
  return edges;
}

std::optional<Path> outline_stroke(const Path& path, const StrokeStyle& style, double tolerance,
                                   const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) tolerance = 1e-9;
  if (!(style.width > 0) || !std::isfinite(style.width)) return Path{};
  std::vector<StrokeLine> lines = stroke_lines(path, tolerance / 2, deadline);
  if (!style.dashes.empty()) {
    std::vector<StrokeLine> dashed;
    std::size_t budget = max_stroke_dashes;
    for (const StrokeLine& line : lines) {
      if (!dash_line(line, style.dashes, style.dash_offset, budget, dashed, deadline)) return std::nullopt;
    }
    lines = std::move(dashed);
  }
  Outliner outliner(style, tolerance, deadline);
  for (const StrokeLine& line : lines) outliner.outline(line);
  return unite_polygons(outliner.pieces(), tolerance, deadline);
}

}  // namespace bimi::svgps::geometry
