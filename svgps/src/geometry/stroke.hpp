// A stroke as the region it paints: what a clip must cut when it cuts a stroke (a stroke clipped
// as a stroke would follow the cut edge instead of ending there) and what a mask's stroked
// content adds to its region.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "geometry/path.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::geometry {

struct StrokeStyle {
  enum class Cap { butt, round, square };
  enum class Join { miter, round, bevel };
  double width = 1;
  Cap cap = Cap::butt;
  Join join = Join::miter;
  double miter_limit = 4;       // SVG's ratio of miter length to stroke width, at least 1
  std::vector<double> dashes;   // empty: solid; else an even count of lengths, none negative
  double dash_offset = 0;
};

// The region SVG's stroke of `path` paints, as closed line polygons to fill with nonzero, in the
// path's coordinates. Built as the union of convex pieces: one quadrilateral per flattened segment,
// a join piece on the outer side of each corner (miter within the limit, else bevel; round as an
// arc), caps on open ends (zero-length subpaths get round or square caps only), after splitting
// into dashes (restarting the pattern at each subpath; on a closed subpath the dash across its
// start is joined). Within a flattened curve the pieces are joined round, as renderers do.
// Curves and arcs deviate at most `tolerance` / 2; the union is rounded as unite_polygons() does.
// Empty when the stroke paints nothing; nullopt when dashing would make more than
// max_stroke_dashes dashes. `deadline` (optional) is checked throughout; it, and pieces of more
// than max_polygon_operation_vertices vertices in all, throw convert::WorkRefused.
inline constexpr std::size_t max_stroke_dashes = 100'000;
std::optional<Path> outline_stroke(const Path& path, const StrokeStyle& style, double tolerance,
                                   const convert::Deadline* deadline = nullptr);

// The curves a stroke's outline follows: each cubic of `path` moved half of `width` to either
// side along its normals, fitted as a cubic (open subpaths, one cubic each). An outline is made
// of line segments; these are the sources restore_curves() needs to put its curves back once a
// polygon operation has cut it. Cubics whose offset does not fit (a cusp, a radius of curvature
// under half the width) are left out; restore_curves only takes a curve where it fits the outline.
Path stroke_edges(const Path& path, double width);

}  // namespace bimi::svgps::geometry
