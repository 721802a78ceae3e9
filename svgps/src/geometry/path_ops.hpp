// Whole-path operations: transforming, exact bounds and flattening to polygons.
#pragma once

#include <cstddef>
#include <vector>

#include "geometry/path.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::geometry {

// Every point of the path mapped through `matrix` (affine maps keep cubics cubics).
Path transformed(const Path& path, const Matrix& matrix);

// The exact bounding box of what the path draws: cubics contribute their extrema (roots of the
// derivative), not their control points. A move that starts no line, cubic or close does not
// count (it renders nothing); the box is empty for a path that draws nothing.
Box bounds(const Path& path);

// One flattened subpath.
struct Polyline {
  std::vector<Point> points;
  bool closed = false;  // the subpath ended with a close (polygons for filling are closed anyway)
};

struct Flattened {
  std::vector<Polyline> polylines;
  bool complete = true;  // false when max_points stopped the flattening early
};

// Distance from `p` to the segment a–b (to `a` when the two ends coincide).
double distance_to_segment(Point p, Point a, Point b);

// Replaces each cubic by a polyline whose distance from the true curve is at most `tolerance`.
// Wang's bound (n = ceil(sqrt(3/4 * max|second difference| / tolerance)) chords suffice) drives
// an adaptive subdivision: pieces needing at most 8 chords get them evenly spaced, others are
// halved, so flat stretches stay coarse. No recursion; bounded depth. Subpaths are kept in order;
// a subpath with fewer than two points (a lone move) is dropped. A tolerance that is not positive
// and finite is treated as 1e-9. At most `max_points` points are produced in all; past that,
// complete is false and the subpath being flattened is cut where the budget ran out.
// `deadline` (optional) is checked as points are produced (throws convert::WorkRefused).
Flattened flatten_path(const Path& path, double tolerance, std::size_t max_points,
                       const convert::Deadline* deadline = nullptr);

// The default bound of flatten(): generous for a logo, small enough to keep memory sane.
inline constexpr std::size_t default_max_flatten_points = 4'000'000;

// The polygons of flatten_path() with the default bound, for filling (closedness dropped).
std::vector<std::vector<Point>> flatten(const Path& path, double tolerance,
                                        const convert::Deadline* deadline = nullptr);

}  // namespace bimi::svgps::geometry
