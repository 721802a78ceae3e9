// The outlines librsvg 2.54 hands to cairo, computed operation for operation as librsvg computes
// them, so that cairo given these paths draws librsvg's very pixels: its quadratic-to-cubic
// formula, its arcs (centre parameterisation with acos, pieces of at most 90° + 0.001 rad, each
// piece's end recomputed from its angle) and its ellipses and rectangles. They differ from the
// converter's own outlines (path_data.hpp, shapes.hpp) only in the last bits, which is enough to
// move an edge across one of cairo's 1/256 px steps and change a pixel.
#pragma once

#include <optional>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

// Which outlines a parse produces: the converter's own, or librsvg's.
enum class CurveForm { exact, librsvg };

// Q and T raised to a cubic: ((p0 + 2q) / 3, (p2 + 2q) / 3, p2).
Segment librsvg_quadratic(Point from, Point control, Point to);

// An SVG arc as librsvg draws it: nothing when the end points are equal, a line when a radius is
// (nearly) zero, else cubics.
void append_librsvg_arc(Path& out, Point from, double rx, double ry, double x_axis_rotation_degrees,
                        bool large_arc, bool sweep, Point to);

// rect: as geometry::rect_path decides what is drawn (nullopt for a negative size or radius,
// empty for a zero size; an absent radius takes the other's value, each is clamped to half the
// side); the outline is librsvg's: four lines and a close, or four lines and four arcs from
// (x + rx, y).
std::optional<Path> librsvg_rect_path(double x, double y, double width, double height,
                                      std::optional<double> rx, std::optional<double> ry);

// circle / ellipse: nullopt for a negative radius, empty for a zero one; else librsvg's four
// cubics from (cx + rx, cy) with its constant 0.5522847498.
std::optional<Path> librsvg_ellipse_path(double cx, double cy, double rx, double ry);

}  // namespace bimi::svgps::geometry
