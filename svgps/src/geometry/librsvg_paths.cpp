#include "geometry/librsvg_paths.hpp"

#include <algorithm>
#include <cmath>

namespace bimi::svgps::geometry {
namespace {

// One piece of an arc, from angle th0 to th1 on the ellipse (path_builder.rs, arc_segment). The
// expressions keep librsvg's order of operations.
Segment arc_piece(Point centre, double rx, double ry, double x_axis_rotation_degrees, double th0, double th1) {
  double phi = x_axis_rotation_degrees * M_PI / 180.0;
  double sin_phi = std::sin(phi), cos_phi = std::cos(phi);
  double sin_th0 = std::sin(th0), cos_th0 = std::cos(th0);
  double sin_th1 = std::sin(th1), cos_th1 = std::cos(th1);
  double th_half = 0.5 * (th1 - th0);
  double quarter_sine = std::sin(th_half * 0.5);
  double t = (8.0 / 3.0) * (quarter_sine * quarter_sine) / std::sin(th_half);
  double x1 = rx * (cos_th0 - t * sin_th0);
  double y1 = ry * (sin_th0 + t * cos_th0);
  double x3 = rx * cos_th1;
  double y3 = ry * sin_th1;
  double x2 = x3 + rx * (t * sin_th1);
  double y2 = y3 + ry * (-t * cos_th1);
  auto place = [&](double x, double y) {
    return Point{centre.x + cos_phi * x - sin_phi * y, centre.y + sin_phi * x + cos_phi * y};
  };
  return Segment::cubic_to(place(x1, y1), place(x2, y2), place(x3, y3));
}

}  // namespace

Segment librsvg_quadratic(Point from, Point control, Point to) {
  return Segment::cubic_to({(from.x + 2.0 * control.x) / 3.0, (from.y + 2.0 * control.y) / 3.0},
                           {(to.x + 2.0 * control.x) / 3.0, (to.y + 2.0 * control.y) / 3.0}, to);
}

void append_librsvg_arc(Path& out, Point from, double rx, double ry, double x_axis_rotation_degrees,
                        bool large_arc, bool sweep, Point to) {
  // The centre parameterisation of SVG's implementation notes (F.6.5), as path_builder.rs writes it.
  // Only equal end points omit the arc: librsvg 2.54 draws one that ends 1/1000 of a unit away.
  if (from == to) return;
  if (rx * rx < 2.220446049250313e-16 || ry * ry < 2.220446049250313e-16) {  // f64::EPSILON
    out.segments.push_back(Segment::line_to(to));
    return;
  }
  double phi = x_axis_rotation_degrees * M_PI / 180.0;
  double sin_phi = std::sin(phi), cos_phi = std::cos(phi);
  rx = std::fabs(rx);
  ry = std::fabs(ry);
  double mid_x = (from.x - to.x) / 2.0;
  double mid_y = (from.y - to.y) / 2.0;
  double x1_ = cos_phi * mid_x + sin_phi * mid_y;
  double y1_ = -sin_phi * mid_x + cos_phi * mid_y;
  double lambda = (x1_ / rx) * (x1_ / rx) + (y1_ / ry) * (y1_ / ry);
  if (lambda > 1.0) {
    rx *= std::sqrt(lambda);
    ry *= std::sqrt(lambda);
  }
  double d = (rx * y1_) * (rx * y1_) + (ry * x1_) * (ry * x1_);
  if (d == 0.0) return;
  double k = std::sqrt(std::fabs((rx * ry) * (rx * ry) / d - 1.0));
  if (sweep == large_arc) k = -k;
  double cx_ = k * rx * y1_ / ry;
  double cy_ = -k * ry * x1_ / rx;
  Point centre{cos_phi * cx_ - sin_phi * cy_ + (from.x + to.x) / 2.0,
               sin_phi * cx_ + cos_phi * cy_ + (from.y + to.y) / 2.0};
  double ux = (x1_ - cx_) / rx;
  double uy = (y1_ - cy_) / ry;
  double u_len = std::sqrt(std::fabs(ux * ux + uy * uy));
  if (u_len == 0.0) return;
  double theta1 = std::acos(std::clamp(ux / u_len, -1.0, 1.0));
  if (uy < 0.0) theta1 = -theta1;
  double vx = (-x1_ - cx_) / rx;
  double vy = (-y1_ - cy_) / ry;
  double v_len = std::sqrt(std::fabs(vx * vx + vy * vy));
  if (v_len == 0.0) return;
  double dp_uv = ux * vx + uy * vy;
  double delta_theta = std::acos(std::clamp(dp_uv / (u_len * v_len), -1.0, 1.0));
  if (ux * vy - uy * vx < 0.0) delta_theta = -delta_theta;
  if (sweep && delta_theta < 0.0) {
    delta_theta += M_PI * 2.0;
  } else if (!sweep && delta_theta > 0.0) {
    delta_theta -= M_PI * 2.0;
  }
  // path_builder.rs: n_segs = ceil(|Δθ / (π/2 + 0.001)|), each piece's end from its angle.
  double pieces = std::ceil(std::fabs(delta_theta / (M_PI * 0.5 + 0.001)));
  if (!(pieces >= 1 && pieces <= 4)) return;  // NaN from overflowing radii: librsvg draws nothing
  double step = delta_theta / pieces;
  double theta = theta1;
  for (int i = 0; i < static_cast<int>(pieces); ++i) {
    out.segments.push_back(arc_piece(centre, rx, ry, x_axis_rotation_degrees, theta, theta + step));
    theta += step;
  }
}

std::optional<Path> librsvg_rect_path(double x, double y, double width, double height,
                                      std::optional<double> rx, std::optional<double> ry) {
  if (width < 0 || height < 0 || (rx && *rx < 0) || (ry && *ry < 0)) return std::nullopt;
  Path path;
  if (width == 0 || height == 0) return path;
  // shapes.rs, Rect::make_shape.
  double rx_used = rx ? *rx : ry ? *ry : 0;
  double ry_used = ry ? *ry : rx ? *rx : 0;
  double half_w = width / 2.0, half_h = height / 2.0;
  if (rx_used > half_w) rx_used = half_w;
  if (ry_used > half_h) ry_used = half_h;
  if (rx_used == 0.0) {
    ry_used = 0.0;
  } else if (ry_used == 0.0) {
    rx_used = 0.0;
  }
  if (rx_used == 0.0) {
    path.segments = {Segment::move_to({x, y}), Segment::line_to({x + width, y}),
                     Segment::line_to({x + width, y + height}), Segment::line_to({x, y + height}),
                     Segment::line_to({x, y}), Segment::close()};
    return path;
  }
  double top_x1 = x + rx_used, top_x2 = x + width - rx_used, top_y = y;
  double bottom_y = y + height;
  double left_x = x, left_y1 = y + ry_used, left_y2 = y + height - ry_used;
  double right_x = x + width;
  auto corner = [&](Point from, Point to) {
    append_librsvg_arc(path, from, rx_used, ry_used, 0.0, false, true, to);
  };
  path.segments.push_back(Segment::move_to({top_x1, top_y}));
  path.segments.push_back(Segment::line_to({top_x2, top_y}));
  corner({top_x2, top_y}, {right_x, left_y1});
  path.segments.push_back(Segment::line_to({right_x, left_y2}));
  corner({right_x, left_y2}, {top_x2, bottom_y});
  path.segments.push_back(Segment::line_to({top_x1, bottom_y}));
  corner({top_x1, bottom_y}, {left_x, left_y2});
  path.segments.push_back(Segment::line_to({left_x, left_y1}));
  corner({left_x, left_y1}, {top_x1, top_y});
  path.segments.push_back(Segment::close());
  return path;
}

std::optional<Path> librsvg_ellipse_path(double cx, double cy, double rx, double ry) {
  if (rx < 0 || ry < 0) return std::nullopt;
  Path path;
  if (rx == 0 || ry == 0) return path;
  // shapes.rs, make_ellipse: the constant is librsvg's, written to ten places.
  const double magic = 0.5522847498;
  path.segments = {
      Segment::move_to({cx + rx, cy}),
      Segment::cubic_to({cx + rx, cy + magic * ry}, {cx + magic * rx, cy + ry}, {cx, cy + ry}),
      Segment::cubic_to({cx - magic * rx, cy + ry}, {cx - rx, cy + magic * ry}, {cx - rx, cy}),
      Segment::cubic_to({cx - rx, cy - magic * ry}, {cx - magic * rx, cy - ry}, {cx, cy - ry}),
      Segment::cubic_to({cx + magic * rx, cy - ry}, {cx + rx, cy - magic * ry}, {cx + rx, cy}),
      Segment::close()};
  return path;
}

}  // namespace bimi::svgps::geometry
