// Line vertices an outline does not need at the precision it is written with. Auto-traced and
// flattened outlines (a hexagon drawn as thousands of tiny steps) carry runs of nearly collinear
// points that rounding alone does not remove.
#pragma once

#include <cstddef>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

// Every line segment of a thinned run joins two points of the original run, and at most this
// many segments: bounds the work per vertex (checked against each one it replaces).
inline constexpr std::size_t max_thinned_run = 64;

// `path` with each run of consecutive line segments replaced by fewer segments through some of
// its vertices, chosen greedily: a segment reaches as far along the run as every vertex it
// passes stays within `tolerance` of it. A cubic whose control points lie within `tolerance` of
// its chord counts as a line of the run (a rounded dash end a fraction of a unit across). Moves,
// other curves, closes and the ends of every run are kept exactly, so a thinned outline strays
// at most twice `tolerance` from the original.
Path thinned_lines(const Path& path, double tolerance);

}  // namespace bimi::svgps::geometry
