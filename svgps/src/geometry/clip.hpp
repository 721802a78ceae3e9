// Boolean operations on filled paths (intersection, difference, union), for clip-path and masks:
// exact against axis-aligned rectangles, through libpolyclipping (Clipper 6.4, integer
// coordinates) otherwise.
#pragma once

#include <cstddef>
#include <vector>

#include "geometry/path.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::geometry {

// Every function here takes an optional deadline, checked as the operands are flattened and
// converted (throws convert::WorkRefused). One Clipper call cannot be interrupted, so its input is
// bounded instead, and WorkRefused thrown before it starts: at most this many polygon vertices,
// and at most this much sweep work, estimated as local minima × the most edges crossing one
// horizontal line (Clipper inserts each minimum's edges by a linear scan of the crossing edges;
// 10^7 is about a second). Logos stay far below both; hostile dashes and zig-zags do not.
inline constexpr std::size_t max_polygon_operation_vertices = 1'000'000;
inline constexpr double max_polygon_operation_work = 2e7;

// True when the path, as a filled shape, is one axis-aligned rectangle of non-zero area: a single
// subpath of a move and lines through four corners, edges alternately horizontal and vertical
// (repeated points, a last point equal to the first and a missing close are allowed). Sets `box`.
bool is_axis_aligned_rectangle(const Path& path, Box& box);

// The part of `subject` inside `box`, to be filled with the SUBJECT'S OWN fill rule (clipping
// each subpath separately to a convex region keeps every winding number inside it). Subpaths
// inside the box are kept exactly, cubics included; subpaths outside it are dropped; the others
// are flattened within `tolerance` (lines stay exact) and clipped polygon by polygon
// (Sutherland–Hodgman), their new vertices lying exactly on the box's edges.
Path intersect_box(const Path& subject, const Box& box, double tolerance,
                   const convert::Deadline* deadline = nullptr);

// The region filled by both `subject` (under subject_rule) and `clip` (under clip_rule), as closed
// polygons of line segments to be filled with the NONZERO rule (outer rings and holes wind in
// opposite directions, so evenodd gives the same result). Curves are flattened within
// tolerance / 2 and coordinates rounded to a power-of-two grid no coarser than tolerance / 4
// (finer when the coordinates allow; at most 2^52 grid units across the combined bounds).
//
// When one operand is an axis-aligned rectangle and the other's rule is nonzero, the result is
// intersect_box() of the other operand instead — exact, and keeping cubics inside the box.
// An empty path when either operand draws nothing, has non-finite coordinates or the
// intersection is empty. Flattening uses flatten()'s point bound (default_max_flatten_points);
// an operand beyond it is clipped as far as it was flattened.
Path intersect(const Path& subject, FillRule subject_rule, const Path& clip, FillRule clip_rule,
               double tolerance, const convert::Deadline* deadline = nullptr);

// What of `subject` lies outside `cut`: closed line polygons to fill with nonzero, or `subject`
// itself, unchanged, when the two do not touch.
Path subtract(const Path& subject, FillRule subject_rule, const Path& cut, FillRule cut_rule,
              double tolerance, const convert::Deadline* deadline = nullptr);

// The region covered by at least one of `polygons`, whatever the orientation of each (a ring
// drawn clockwise and one drawn counter-clockwise over it both count), as closed line polygons to
// fill with nonzero. Each polygon must be simple (the outline of a stroke is built from convex
// pieces). Coordinates are rounded to a grid as for intersect().
Path unite_polygons(const std::vector<std::vector<Point>>& polygons, double tolerance,
                    const convert::Deadline* deadline = nullptr);

// The region covered by at least one of `regions`, each filled under its own rule, as closed
// line polygons to fill with nonzero. Curves are flattened as for intersect().
struct FilledPath {
  Path path;
  FillRule rule = FillRule::nonzero;
};
Path unite(const std::vector<FilledPath>& regions, double tolerance,
           const convert::Deadline* deadline = nullptr);

// The area a path of closed polygons encloses when filled with nonzero, for the results of
// intersect(), subtract() and unite() (outer rings and holes wind in opposite directions);
// curves are flattened within `tolerance`.
double filled_area(const Path& polygons, double tolerance, const convert::Deadline* deadline = nullptr);

}  // namespace bimi::svgps::geometry
