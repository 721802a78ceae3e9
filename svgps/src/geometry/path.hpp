// Geometry value types shared by the converter's stages: points, affine matrices and paths made
// only of absolute move, line, cubic and close segments (every SVG shape and path command reduces
// to these).
#pragma once

#include <cmath>
#include <optional>
#include <vector>

namespace bimi::svgps::geometry {

struct Point {
  double x = 0;
  double y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

// SVG's matrix(a b c d e f): x' = a x + c y + e, y' = b x + d y + f.
struct Matrix {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;

  static Matrix translate(double tx, double ty) { return {1, 0, 0, 1, tx, ty}; }
  static Matrix scale(double sx, double sy) { return {sx, 0, 0, sy, 0, 0}; }
  static Matrix rotate(double degrees) {
    double r = degrees * M_PI / 180.0;
    return {std::cos(r), std::sin(r), -std::sin(r), std::cos(r), 0, 0};
  }

  // (this * other) applies `other` first, then `this` — as in SVG's transform="this other".
  Matrix operator*(const Matrix& o) const {
    return {a * o.a + c * o.b, b * o.a + d * o.b, a * o.c + c * o.d,
            b * o.c + d * o.d, a * o.e + c * o.f + e, b * o.e + d * o.f + f};
  }
  Point apply(Point p) const { return {a * p.x + c * p.y + e, b * p.x + d * p.y + f}; }
  double determinant() const { return a * d - b * c; }
  bool is_identity() const { return a == 1 && b == 0 && c == 0 && d == 1 && e == 0 && f == 0; }
  std::optional<Matrix> inverse() const {
    double det = determinant();
    if (!std::isfinite(det) || std::fabs(det) < 1e-12) return std::nullopt;
    return Matrix{d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det};
  }
  friend bool operator==(const Matrix&, const Matrix&) = default;
};

struct Segment {
  enum class Kind { move, line, cubic, close };
  Kind kind = Kind::move;
  // move/line: to = p[0]; cubic: control 1 = p[0], control 2 = p[1], to = p[2]; close: unused.
  Point p[3];

  static Segment move_to(Point to) { return {Kind::move, {to, {}, {}}}; }
  static Segment line_to(Point to) { return {Kind::line, {to, {}, {}}}; }
  static Segment cubic_to(Point c1, Point c2, Point to) { return {Kind::cubic, {c1, c2, to}}; }
  static Segment close() { return {Kind::close, {}}; }
};

struct Path {
  std::vector<Segment> segments;
  bool empty() const { return segments.empty(); }
};

enum class FillRule { nonzero, evenodd };

// An axis-aligned box; empty when x0 > x1.
struct Box {
  double x0 = 1, y0 = 1, x1 = 0, y1 = 0;
  bool empty() const { return x0 > x1 || y0 > y1; }
  double width() const { return empty() ? 0 : x1 - x0; }
  double height() const { return empty() ? 0 : y1 - y0; }
  // Whether it has a width and a height: objectBoundingBox units map only onto such a box.
  bool has_area() const { return width() > 0 && height() > 0; }
  void add(Point p) {
    if (empty()) {
      x0 = x1 = p.x;
      y0 = y1 = p.y;
      return;
    }
    x0 = std::fmin(x0, p.x);
    y0 = std::fmin(y0, p.y);
    x1 = std::fmax(x1, p.x);
    y1 = std::fmax(y1, p.y);
  }
};

}  // namespace bimi::svgps::geometry
