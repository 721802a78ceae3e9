// The basic shapes of SVG 1.1 §9 / SVG Tiny 1.2 §9 as paths, with the exact equivalent path data
// the specifications give (so strokes start, turn and end where a viewer would put them).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

// The circle constant for quarter arcs as cubics: 4/3 (sqrt(2) - 1).
inline constexpr double kappa = 0.5522847498307933984;

// rect: nullopt when width, height, rx or ry is negative (an error); an empty path when width or
// height is zero (rendering disabled). rx/ry: an absent (auto) one takes the other's value, both
// absent are 0; then each is clamped to half the width (rx) or height (ry). Starts at (x + rx, y)
// and runs clockwise (towards +x, then +y); corners are quarter ellipses as cubics, edges of zero
// length are left out, and with square corners the last edge is drawn by the close.
std::optional<Path> rect_path(double x, double y, double width, double height,
                              std::optional<double> rx, std::optional<double> ry);

// circle / ellipse: nullopt for a negative radius; empty for a zero radius. Start at (cx + rx, cy)
// and go through (cx, cy + ry) — SVG's positive angle direction — as four closed quarter cubics.
std::optional<Path> circle_path(double cx, double cy, double r);
std::optional<Path> ellipse_path(double cx, double cy, double rx, double ry);

// line: a move and a line, always (a zero-length line still gets caps).
Path line_path(double x1, double y1, double x2, double y2);

struct PointsParse {
  std::vector<Point> points;
  bool complete = true;          // false: a syntax error, an odd coordinate or the point limit
  std::size_t error_offset = 0;  // byte offset of the problem in the attribute (when !complete)
};

// The `points` attribute of polyline and polygon: coordinates separated by comma-wsp. As with
// path data, everything before an error is kept; an odd final coordinate is dropped. At most
// `max_points` points are read.
PointsParse parse_points(std::string_view text, std::size_t max_points);

// polyline: move then lines (empty for no points); polygon: the same, closed.
Path polyline_path(const std::vector<Point>& points);
Path polygon_path(const std::vector<Point>& points);

}  // namespace bimi::svgps::geometry
