#include "geometry/clip.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <polyclipping/clipper.hpp>
#include <string>
#include <utility>
#include <vector>

#include "geometry/path_ops.hpp"

namespace bimi::svgps::geometry {
namespace {

// Splits a path into its subpaths, each starting with a move.
std::vector<Path> subpaths_of(const Path& path) {
  std::vector<Path> out;
  for (const Segment& segment : path.segments) {
    if (segment.kind == Segment::Kind::move || out.empty()) out.emplace_back();
    out.back().segments.push_back(segment);
  }
  return out;
}

bool inside(const Box& inner, const Box& outer) {
  return inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 &&
         inner.y1 <= outer.y1;
}

// No overlap of positive area.
bool disjoint(const Box& a, const Box& b) {
  return a.x1 <= b.x0 || a.x0 >= b.x1 || a.y1 <= b.y0 || a.y0 >= b.y1;
}

bool finite(const Box& box) {
  return std::isfinite(box.x0) && std::isfinite(box.y0) && std::isfinite(box.x1) &&
         std::isfinite(box.y1);
}

// One Sutherland–Hodgman pass: keeps the part of the closed polygon where
// `side * (coordinate - limit) >= 0`, for coordinate x (vertical edge) or y.
std::vector<Point> clip_half_plane(const std::vector<Point>& polygon, bool along_x, double limit,
                                   double side) {
  std::vector<Point> out;
  if (polygon.empty()) return out;
  out.reserve(polygon.size() + 4);
  auto value = [&](Point p) { return along_x ? p.x : p.y; };
  auto keeps = [&](Point p) { return side * (value(p) - limit) >= 0; };
  auto crossing = [&](Point p, Point q) {
    double t = (limit - value(p)) / (value(q) - value(p));
    // The crossing lies exactly on the box's edge.
    return along_x ? Point{limit, p.y + t * (q.y - p.y)} : Point{p.x + t * (q.x - p.x), limit};
  };
  Point previous = polygon.back();
  bool previous_kept = keeps(previous);
  for (Point current : polygon) {
    bool current_kept = keeps(current);
    if (current_kept != previous_kept) out.push_back(crossing(previous, current));
    if (current_kept) out.push_back(current);
    previous = current;
    previous_kept = current_kept;
  }
  return out;
}

void append_polygon(Path& out, const std::vector<Point>& polygon) {
  // Drop repeated vertices; fewer than three distinct ones enclose nothing.
  std::vector<Point> points;
  points.reserve(polygon.size());
  for (Point p : polygon) {
    if (points.empty() || !(points.back() == p)) points.push_back(p);
  }
  while (points.size() > 1 && points.back() == points.front()) points.pop_back();
  if (points.size() < 3) return;
  out.segments.push_back(Segment::move_to(points.front()));
  for (std::size_t i = 1; i < points.size(); ++i)
    out.segments.push_back(Segment::line_to(points[i]));
  out.segments.push_back(Segment::close());
}

// The grid of the integer clipper: coordinates become (p - origin) * scale, rounded.
struct Grid {
  Point origin;
  double scale = 1;
  ClipperLib::IntPoint to_int(Point p) const {
    return {static_cast<ClipperLib::cInt>(std::llround((p.x - origin.x) * scale)),
            static_cast<ClipperLib::cInt>(std::llround((p.y - origin.y) * scale))};
  }
  Point from_int(const ClipperLib::IntPoint& p) const {
    return {origin.x + static_cast<double>(p.X) / scale,
            origin.y + static_cast<double>(p.Y) / scale};
  }
};

Grid grid_for(const Box& extent, double tolerance) {
  Grid grid;
  grid.origin = {extent.x0, extent.y0};
  double span = std::max({extent.width(), extent.height(), 1e-300});
  // Fine enough for the tolerance, coarse enough that every coordinate stays below 2^52 (exact
  // in a double and far inside Clipper's 2^62 range).
  int wanted = static_cast<int>(std::ceil(std::log2(4 / tolerance)));
  int allowed = static_cast<int>(std::floor(std::log2(std::ldexp(1.0, 52) / span)));
  grid.scale = std::ldexp(1.0, std::clamp(std::min(wanted, allowed), -1000, 1000));
  return grid;
}

ClipperLib::Paths to_clipper(const std::vector<std::vector<Point>>& polygons, const Grid& grid,
                             const convert::Deadline* deadline) {
  ClipperLib::Paths paths;
  paths.reserve(polygons.size());
  for (const auto& polygon : polygons) {
    convert::check(deadline);
    ClipperLib::Path path;
    path.reserve(polygon.size());
    for (Point p : polygon) path.push_back(grid.to_int(p));
    paths.push_back(std::move(path));
  }
  return paths;
}

// Clipper's sweep inserts the edges that start at each local minimum into its active edge list by
// a linear scan, so its work grows as the local minima times the edges crossing one scanline: 10,000
// dashes side by side (20,000 edges on every scanline) take minutes. This estimates that product.
struct SweepSize {
  std::size_t vertices = 0;
  std::size_t minima = 0;
  std::size_t widest = 0;  // most edges crossing one horizontal line
  double work() const { return static_cast<double>(minima) * static_cast<double>(widest); }
};

SweepSize sweep_size(std::initializer_list<const ClipperLib::Paths*> operands) {
  SweepSize size;
  std::vector<std::pair<ClipperLib::cInt, int>> events;  // (y, +1 at an edge's low end, -1 at its high end)
  for (const ClipperLib::Paths* paths : operands) {
    for (const ClipperLib::Path& path : *paths) {
      size.vertices += path.size();
      // Local minima of the ring's y values, runs of equal y taken as one.
      std::vector<ClipperLib::cInt> ys;
      for (const ClipperLib::IntPoint& p : path) {
        if (ys.empty() || ys.back() != p.Y) ys.push_back(p.Y);
      }
      while (ys.size() > 1 && ys.back() == ys.front()) ys.pop_back();
      for (std::size_t i = 0; ys.size() > 1 && i < ys.size(); ++i) {
        if (ys[(i + ys.size() - 1) % ys.size()] > ys[i] && ys[(i + 1) % ys.size()] > ys[i]) ++size.minima;
      }
      for (std::size_t i = 0; i < path.size(); ++i) {
        ClipperLib::cInt a = path[i].Y, b = path[(i + 1) % path.size()].Y;
        if (a == b) continue;
        events.emplace_back(std::min(a, b), +1);
        events.emplace_back(std::max(a, b), -1);
      }
    }
  }
  // Edges meeting at one y count as crossing it together (starts sort before ends): an upper bound.
  std::sort(events.begin(), events.end(),
            [](const auto& x, const auto& y) { return x.first != y.first ? x.first < y.first : x.second > y.second; });
  std::size_t active = 0;
  for (const auto& event : events) {
    active = event.second > 0 ? active + 1 : active - 1;
    size.widest = std::max(size.widest, active);
  }
  return size;
}

// Refuses, before Clipper starts, an operation too large for it to finish in reasonable time
// (it cannot be interrupted once running).
void bound_operation(std::initializer_list<const ClipperLib::Paths*> operands) {
  SweepSize size = sweep_size(operands);
  if (size.vertices > max_polygon_operation_vertices) {
    throw convert::WorkRefused("a clip, cut or union of " + std::to_string(size.vertices) +
                               " polygon vertices is more than the " +
                               std::to_string(max_polygon_operation_vertices) + " allowed");
  }
  if (size.work() > max_polygon_operation_work) {
    throw convert::WorkRefused("a clip, cut or union with " + std::to_string(size.widest) +
                               " edges across one line (" + std::to_string(size.minima) +
                               " local minima) is too large to compute in reasonable time");
  }
}

ClipperLib::PolyFillType fill_type(FillRule rule) {
  return rule == FillRule::nonzero ? ClipperLib::pftNonZero : ClipperLib::pftEvenOdd;
}

}  // namespace

bool is_axis_aligned_rectangle(const Path& path, Box& box) {
  std::vector<Point> corners;
  for (std::size_t i = 0; i < path.segments.size(); ++i) {
    const Segment& segment = path.segments[i];
    switch (segment.kind) {
      case Segment::Kind::move:
        if (i != 0) return false;
        corners.push_back(segment.p[0]);
        break;
      case Segment::Kind::line:
        if (i == 0) return false;
        if (!(corners.back() == segment.p[0])) corners.push_back(segment.p[0]);
        break;
      case Segment::Kind::close:
        if (i + 1 != path.segments.size()) return false;
        break;
      case Segment::Kind::cubic:
        return false;
    }
  }
  if (corners.size() == 5 && corners.back() == corners.front()) corners.pop_back();
  if (corners.size() != 4) return false;
  // Edges alternately horizontal and vertical, starting either way.
  auto horizontal = [&](std::size_t i) { return corners[i].y == corners[(i + 1) % 4].y; };
  auto vertical = [&](std::size_t i) { return corners[i].x == corners[(i + 1) % 4].x; };
  bool starts_horizontal = horizontal(0) && vertical(1) && horizontal(2) && vertical(3);
  bool starts_vertical = vertical(0) && horizontal(1) && vertical(2) && horizontal(3);
  if (!starts_horizontal && !starts_vertical) return false;
  Box result;
  for (Point p : corners) result.add(p);
  if (!finite(result) || result.width() <= 0 || result.height() <= 0) return false;
  box = result;
  return true;
}

Path intersect_box(const Path& subject, const Box& box, double tolerance, const convert::Deadline* deadline) {
  Path out;
  if (box.empty() || !finite(box)) return out;
  for (const Path& subpath : subpaths_of(subject)) {
    convert::check(deadline);
    Box extent = bounds(subpath);
    if (extent.empty() || !finite(extent) || disjoint(extent, box)) continue;
    if (inside(extent, box)) {
      out.segments.insert(out.segments.end(), subpath.segments.begin(), subpath.segments.end());
      continue;
    }
    for (const auto& polygon : flatten(subpath, tolerance, deadline)) {
      std::vector<Point> clipped = clip_half_plane(polygon, true, box.x0, 1);
      clipped = clip_half_plane(clipped, true, box.x1, -1);
      clipped = clip_half_plane(clipped, false, box.y0, 1);
      clipped = clip_half_plane(clipped, false, box.y1, -1);
      append_polygon(out, clipped);
    }
  }
  return out;
}

namespace {

// Clipper's solution back in path coordinates.
Path from_clipper(const ClipperLib::Paths& solution, const Grid& grid, const convert::Deadline* deadline) {
  Path out;
  for (const ClipperLib::Path& ring : solution) {
    convert::check(deadline);
    std::vector<Point> polygon;
    polygon.reserve(ring.size());
    for (const ClipperLib::IntPoint& p : ring) polygon.push_back(grid.from_int(p));
    append_polygon(out, polygon);
  }
  return out;
}

// One Clipper boolean operation on flattened operands, on a grid fine enough for `tolerance`.
Path clipper_operation(ClipperLib::ClipType operation, const Path& subject, FillRule subject_rule,
                       const Path& clip, FillRule clip_rule, const Box& extent, double tolerance,
                       const convert::Deadline* deadline) {
  Grid grid = grid_for(extent, tolerance);
  ClipperLib::Paths subject_paths = to_clipper(flatten(subject, tolerance / 2, deadline), grid, deadline);
  ClipperLib::Paths clip_paths = to_clipper(flatten(clip, tolerance / 2, deadline), grid, deadline);
  bound_operation({&subject_paths, &clip_paths});
  convert::check_now(deadline);
  ClipperLib::Paths solution;
  try {
    ClipperLib::Clipper clipper;
    clipper.AddPaths(subject_paths, ClipperLib::ptSubject, true);
    clipper.AddPaths(clip_paths, ClipperLib::ptClip, true);
    if (!clipper.Execute(operation, solution, fill_type(subject_rule), fill_type(clip_rule))) {
      return {};
    }
  } catch (...) {
    // Clipper throws only for coordinates beyond its range, which the grid rules out.
    return {};
  }
  return from_clipper(solution, grid, deadline);
}

Box extent_of(const std::vector<std::vector<Point>>& polygons) {
  Box extent;
  for (const auto& polygon : polygons) {
    for (Point p : polygon) extent.add(p);
  }
  return extent;
}

// The union of closed integer polygons under one fill rule.
Path clipper_union(const ClipperLib::Paths& paths, ClipperLib::PolyFillType rule, const Grid& grid,
                   const convert::Deadline* deadline) {
  bound_operation({&paths});
  convert::check_now(deadline);
  ClipperLib::Paths solution;
  try {
    ClipperLib::Clipper clipper;
    clipper.AddPaths(paths, ClipperLib::ptSubject, true);
    if (!clipper.Execute(ClipperLib::ctUnion, solution, rule, rule)) return {};
  } catch (...) {
    return {};  // only for coordinates beyond Clipper's range, which the grid rules out
  }
  // Pieces that share edges (a stroke's bands and joins) leave zero-width spikes and slivers.
  ClipperLib::CleanPolygons(solution);
  return from_clipper(solution, grid, deadline);
}

}  // namespace

Path unite_polygons(const std::vector<std::vector<Point>>& polygons, double tolerance,
                    const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) tolerance = 1e-9;
  Box extent = extent_of(polygons);
  if (extent.empty() || !finite(extent)) return {};
  Grid grid = grid_for(extent, tolerance);
  ClipperLib::Paths paths = to_clipper(polygons, grid, deadline);
  // One orientation for all, so that overlapping pieces add up instead of cancelling.
  for (ClipperLib::Path& path : paths) {
    if (!ClipperLib::Orientation(path)) ClipperLib::ReversePath(path);
  }
  return clipper_union(paths, ClipperLib::pftNonZero, grid, deadline);
}

Path unite(const std::vector<FilledPath>& regions, double tolerance, const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) tolerance = 1e-9;
  std::vector<std::vector<std::vector<Point>>> flattened;
  Box extent;
  for (const FilledPath& region : regions) {
    flattened.push_back(flatten(region.path, tolerance / 2, deadline));
    Box b = extent_of(flattened.back());
    if (b.empty() || !finite(b)) continue;
    extent.add({b.x0, b.y0});
    extent.add({b.x1, b.y1});
  }
  if (extent.empty() || !finite(extent)) return {};
  Grid grid = grid_for(extent, tolerance);
  // Each region normalised under its own rule first: its rings then wind once around what it
  // fills, so the nonzero union of all of them is the union of the regions.
  ClipperLib::Paths normalised;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    ClipperLib::Paths region = to_clipper(flattened[i], grid, deadline);
    bound_operation({&region});
    convert::check_now(deadline);
    ClipperLib::Paths solution;
    try {
      ClipperLib::Clipper clipper;
      clipper.AddPaths(region, ClipperLib::ptSubject, true);
      if (!clipper.Execute(ClipperLib::ctUnion, solution, fill_type(regions[i].rule), fill_type(regions[i].rule))) {
        continue;
      }
    } catch (...) {
      continue;
    }
    normalised.insert(normalised.end(), solution.begin(), solution.end());
  }
  return clipper_union(normalised, ClipperLib::pftNonZero, grid, deadline);
}

double filled_area(const Path& polygons, double tolerance, const convert::Deadline* deadline) {
  double twice = 0;
  for (const auto& polygon : flatten(polygons, tolerance, deadline)) {
    convert::check(deadline);
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      const Point& p = polygon[i];
      const Point& q = polygon[(i + 1) % polygon.size()];
      twice += p.x * q.y - q.x * p.y;
    }
  }
  return std::fabs(twice) / 2;
}

Path intersect(const Path& subject, FillRule subject_rule, const Path& clip, FillRule clip_rule,
               double tolerance, const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) tolerance = 1e-9;
  Box subject_extent = bounds(subject), clip_extent = bounds(clip);
  if (subject_extent.empty() || clip_extent.empty() || !finite(subject_extent) ||
      !finite(clip_extent) || disjoint(subject_extent, clip_extent)) {
    return {};
  }
  Box rectangle;
  if (subject_rule == FillRule::nonzero && is_axis_aligned_rectangle(clip, rectangle)) {
    return intersect_box(subject, rectangle, tolerance, deadline);
  }
  if (clip_rule == FillRule::nonzero && is_axis_aligned_rectangle(subject, rectangle)) {
    return intersect_box(clip, rectangle, tolerance, deadline);
  }
  Box extent = subject_extent;
  extent.add({clip_extent.x0, clip_extent.y0});
  extent.add({clip_extent.x1, clip_extent.y1});
  return clipper_operation(ClipperLib::ctIntersection, subject, subject_rule, clip, clip_rule, extent,
                           tolerance, deadline);
}

Path subtract(const Path& subject, FillRule subject_rule, const Path& cut, FillRule cut_rule,
              double tolerance, const convert::Deadline* deadline) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) tolerance = 1e-9;
  Box subject_extent = bounds(subject), cut_extent = bounds(cut);
  if (subject_extent.empty() || !finite(subject_extent)) return {};
  if (cut_extent.empty() || !finite(cut_extent) || disjoint(subject_extent, cut_extent)) {
    return subject;
  }
  Box extent = subject_extent;
  extent.add({cut_extent.x0, cut_extent.y0});
  extent.add({cut_extent.x1, cut_extent.y1});
  return clipper_operation(ClipperLib::ctDifference, subject, subject_rule, cut, cut_rule, extent,
                           tolerance, deadline);
}

}  // namespace bimi::svgps::geometry
