#include "geometry/shapes.hpp"

#include <cmath>

#include "svg/numbers.hpp"

namespace bimi::svgps::geometry {
namespace {

// A quarter of an ellipse from `from` to `to`, turning around the corner point `corner` (the
// intersection of the tangents at both ends), as one cubic.
Segment quarter(Point from, Point corner, Point to) {
  Point control1{from.x + (corner.x - from.x) * kappa, from.y + (corner.y - from.y) * kappa};
  Point control2{to.x + (corner.x - to.x) * kappa, to.y + (corner.y - to.y) * kappa};
  return Segment::cubic_to(control1, control2, to);
}

void line_unless_degenerate(Path& path, Point from, Point to) {
  if (!(from == to)) path.segments.push_back(Segment::line_to(to));
}

}  // namespace

std::optional<Path> rect_path(double x, double y, double width, double height,
                              std::optional<double> rx, std::optional<double> ry) {
  if (width < 0 || height < 0 || (rx && *rx < 0) || (ry && *ry < 0)) return std::nullopt;
  if (width == 0 || height == 0) return Path{};
  double rx_used = rx ? *rx : ry ? *ry : 0;
  double ry_used = ry ? *ry : rx ? *rx : 0;
  rx_used = std::fmin(rx_used, width / 2);
  ry_used = std::fmin(ry_used, height / 2);
  double right = x + width, bottom = y + height;
  Path path;
  if (rx_used == 0 || ry_used == 0) {
    path.segments = {Segment::move_to({x, y}), Segment::line_to({right, y}),
                     Segment::line_to({right, bottom}), Segment::line_to({x, bottom}),
                     Segment::close()};
    return path;
  }
  // M x+rx,y H right-rx A right,y+ry V bottom-ry A right-rx,bottom H x+rx A x,bottom-ry V y+ry A.
  Point top_start{x + rx_used, y}, top_end{right - rx_used, y};
  Point right_start{right, y + ry_used}, right_end{right, bottom - ry_used};
  Point bottom_start{right - rx_used, bottom}, bottom_end{x + rx_used, bottom};
  Point left_start{x, bottom - ry_used}, left_end{x, y + ry_used};
  path.segments.push_back(Segment::move_to(top_start));
  line_unless_degenerate(path, top_start, top_end);
  path.segments.push_back(quarter(top_end, {right, y}, right_start));
  line_unless_degenerate(path, right_start, right_end);
  path.segments.push_back(quarter(right_end, {right, bottom}, bottom_start));
  line_unless_degenerate(path, bottom_start, bottom_end);
  path.segments.push_back(quarter(bottom_end, {x, bottom}, left_start));
  line_unless_degenerate(path, left_start, left_end);
  path.segments.push_back(quarter(left_end, {x, y}, top_start));
  path.segments.push_back(Segment::close());
  return path;
}

std::optional<Path> ellipse_path(double cx, double cy, double rx, double ry) {
  if (rx < 0 || ry < 0) return std::nullopt;
  if (rx == 0 || ry == 0) return Path{};
  Point east{cx + rx, cy}, south{cx, cy + ry}, west{cx - rx, cy}, north{cx, cy - ry};
  Path path;
  path.segments = {Segment::move_to(east),
                   quarter(east, {cx + rx, cy + ry}, south),
                   quarter(south, {cx - rx, cy + ry}, west),
                   quarter(west, {cx - rx, cy - ry}, north),
                   quarter(north, {cx + rx, cy - ry}, east),
                   Segment::close()};
  return path;
}

std::optional<Path> circle_path(double cx, double cy, double r) {
  return ellipse_path(cx, cy, r, r);
}

Path line_path(double x1, double y1, double x2, double y2) {
  Path path;
  path.segments = {Segment::move_to({x1, y1}), Segment::line_to({x2, y2})};
  return path;
}

PointsParse parse_points(std::string_view text, std::size_t max_points) {
  PointsParse result;
  const std::size_t length = text.size();
  auto offset = [&] { return length - text.size(); };
  detail::skip_whitespace(text);
  // An x waiting for its y (a flag, not an optional, to keep -Wmaybe-uninitialized quiet).
  bool has_pending_x = false;
  double pending_x = 0;
  std::size_t pending_offset = 0;
  while (!text.empty()) {
    std::size_t here = offset();
    auto number = detail::parse_number(text);
    if (!number) {
      result.complete = false;
      result.error_offset = here;
      return result;  // a dangling x before the error is dropped with it
    }
    if (has_pending_x) {
      if (result.points.size() == max_points) {
        result.complete = false;
        result.error_offset = pending_offset;
        return result;
      }
      result.points.push_back({pending_x, *number});
      has_pending_x = false;
    } else {
      has_pending_x = true;
      pending_x = *number;
      pending_offset = here;
    }
    // comma-wsp between coordinates; a comma must be followed by another coordinate.
    detail::skip_whitespace(text);
    if (!text.empty() && text.front() == ',') {
      std::size_t comma = offset();
      text.remove_prefix(1);
      detail::skip_whitespace(text);
      if (text.empty()) {
        result.complete = false;
        result.error_offset = comma;
        return result;
      }
    }
  }
  if (has_pending_x) {
    result.complete = false;
    result.error_offset = pending_offset;
  }
  return result;
}

Path polyline_path(const std::vector<Point>& points) {
  Path path;
  if (points.empty()) return path;
  path.segments.reserve(points.size());
  path.segments.push_back(Segment::move_to(points.front()));
  for (std::size_t i = 1; i < points.size(); ++i) {
    path.segments.push_back(Segment::line_to(points[i]));
  }
  return path;
}

Path polygon_path(const std::vector<Point>& points) {
  Path path = polyline_path(points);
  if (!path.empty()) path.segments.push_back(Segment::close());
  return path;
}

}  // namespace bimi::svgps::geometry
