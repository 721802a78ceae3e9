// The closed model a converted logo is built in: groups with transforms, shapes with solid or
// gradient paint. Everything SVG Tiny P/S cannot say (CSS, use, clip paths, opacity groups,
// gradient transforms, text) has been resolved before a value of this type exists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geometry/path.hpp"
#include "geometry/stroke.hpp"

namespace bimi::svgps::model {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

struct GradientStop {
  double offset = 0;  // 0..1, non-decreasing
  Rgb color;
  double opacity = 1;
};

// Always in user space (objectBoundingBox resolved), pad spread, no transform.
struct Gradient {
  enum class Kind { linear, radial };
  Kind kind = Kind::linear;
  double x1 = 0, y1 = 0, x2 = 1, y2 = 0;  // linear
  double cx = 0, cy = 0, r = 0;           // radial
  std::vector<GradientStop> stops;
};

struct Paint {
  enum class Kind { none, color, gradient };
  Kind kind = Kind::none;
  Rgb color;
  std::size_t gradient = 0;  // index into Document::gradients
  double opacity = 1;
};

struct Stroke {
  using Cap = geometry::StrokeStyle::Cap;  // the stroker's own, so an outline needs no mapping
  using Join = geometry::StrokeStyle::Join;
  Paint paint;
  double width = 1;
  Cap cap = Cap::butt;
  Join join = Join::miter;
  double miter_limit = 4;
  std::vector<double> dashes;
  double dash_offset = 0;
};

struct Shape {
  geometry::Path path;
  geometry::FillRule fill_rule = geometry::FillRule::nonzero;
  Paint fill;
  std::optional<Stroke> stroke;
};

// A shape when `shape` is set, else a group of children. Transforms are relative to the parent.
struct Node {
  geometry::Matrix transform;
  std::optional<Shape> shape;
  std::vector<Node> children;
  bool traced = false;  // shapes traced from a bitmap: their colours only approximate its pixels
};

struct ViewBox {
  double x = 0, y = 0, width = 0, height = 0;
};

struct Document {
  ViewBox view_box;
  std::string title;
  std::string desc;
  std::vector<Gradient> gradients;
  Node root;
};

}  // namespace bimi::svgps::model
