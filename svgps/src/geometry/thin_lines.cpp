#include "geometry/thin_lines.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "geometry/path_ops.hpp"

namespace bimi::svgps::geometry {

namespace {

// Appends to `out` the line segments that thin `run` (its first point is where the pen is).
void thin_run(const std::vector<Point>& run, double tolerance, std::vector<Segment>& out) {
  std::size_t anchor = 0;
  while (anchor + 1 < run.size()) {
    std::size_t reach = anchor + 1;
    const std::size_t last = std::min(run.size() - 1, anchor + max_thinned_run);
    for (std::size_t candidate = anchor + 2; candidate <= last; ++candidate) {
      bool within = true;
      for (std::size_t k = anchor + 1; k < candidate && within; ++k) {
        within = distance_to_segment(run[k], run[anchor], run[candidate]) <= tolerance;
      }
      if (!within) break;
      reach = candidate;
    }
    out.push_back(Segment::line_to(run[reach]));
    anchor = reach;
  }
}

}  // namespace

Path thinned_lines(const Path& path, double tolerance) {
  if (!(tolerance > 0) || !std::isfinite(tolerance)) return path;
  Path out;
  out.segments.reserve(path.segments.size());
  std::vector<Point> run;  // the pen's point, then each line's end
  Point pen, start;
  auto flush = [&] {
    if (run.size() > 1) thin_run(run, tolerance, out.segments);
    run.clear();
  };
  for (const Segment& segment : path.segments) {
    // A cubic whose control points lie within the tolerance of its chord stays within it too
    // (the curve lies in their convex hull): it is a line of the run.
    const bool flat_cubic = segment.kind == Segment::Kind::cubic &&
                            distance_to_segment(segment.p[0], pen, segment.p[2]) <= tolerance &&
                            distance_to_segment(segment.p[1], pen, segment.p[2]) <= tolerance;
    if (segment.kind == Segment::Kind::line || flat_cubic) {
      const Point to = flat_cubic ? segment.p[2] : segment.p[0];
      if (run.empty()) run.push_back(pen);
      run.push_back(to);
      pen = to;
      continue;
    }
    flush();
    out.segments.push_back(segment);
    switch (segment.kind) {
      case Segment::Kind::move: pen = start = segment.p[0]; break;
      case Segment::Kind::cubic: pen = segment.p[2]; break;
      case Segment::Kind::close: pen = start; break;
      case Segment::Kind::line: break;
    }
  }
  flush();
  return out;
}

}  // namespace bimi::svgps::geometry
