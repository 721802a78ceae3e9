#include "lint/visual_proof.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "geometry/path_ops.hpp"
#include "render/plain_scene.hpp"

namespace bimi::svgps::detail {
namespace {

using geometry::Box;
using geometry::FillRule;
using geometry::Path;
using geometry::Point;

// Distances are in pixels of the render. librsvg's curves reach cairo flattened within 0.1 px and
// ours are flattened within `flatten_tolerance`; a pixel reaches 0.71 px from its centre. Every
// proof keeps `slack` beyond the sum of these, so only clear cases are decided without a render.
constexpr double flatten_tolerance = 0.05;
constexpr double cairo_tolerance = 0.1;
constexpr double pixel_reach = 0.7072;
constexpr double slack = 0.25;
constexpr double margin = pixel_reach + cairo_tolerance + flatten_tolerance + slack;  // ≈ 1.1 px

// Bounds on the work a proof may do; past them the logo is simply rendered.
constexpr std::size_t max_points = 50'000;     // flattened, whole document
constexpr std::size_t max_edge_tests = 2'000'000;

using Layer = SceneLayer;

// Flattens every layer within the document's point budget (false when it runs out); a fill's box
// and reach then come from its polygons, tighter than its control points.
bool flatten_layers(std::vector<Layer>& layers, Point centre) {
  std::size_t points = 0;
  for (Layer& layer : layers) {
    geometry::Flattened flat = geometry::flatten_path(layer.path, flatten_tolerance, max_points - points);
    if (!flat.complete) return false;
    if (layer.is_fill) {
      layer.box = Box{};
      layer.reach = 0;
    }
    for (auto& polyline : flat.polylines) {
      points += polyline.points.size();
      if (layer.is_fill) {
        for (const Point& p : polyline.points) {
          layer.box.add(p);
          layer.reach = std::max(layer.reach, std::hypot(p.x - centre.x, p.y - centre.y));
        }
      }
      layer.polygons.push_back(std::move(polyline.points));
    }
  }
  return true;
}

double segment_distance_squared(Point p, Point a, Point b) {
  double dx = b.x - a.x, dy = b.y - a.y;
  double length_squared = dx * dx + dy * dy;
  double t = length_squared > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared, 0.0, 1.0) : 0;
  double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

// The edge a→b's contribution to the winding number of `p` (a ray towards +x).
int crossing(Point a, Point b, Point p) {
  double side = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y);
  if (a.y <= p.y && b.y > p.y && side > 0) return 1;
  if (a.y > p.y && b.y <= p.y && side < 0) return -1;
  return 0;
}

bool filled(const Layer& layer, int winding) {
  return layer.rule == FillRule::evenodd ? (winding % 2) != 0 : winding != 0;
}

enum class Side { inside, outside, unknown };

// Where the disc of `radius` around `p` lies against the layer's fill: wholly inside, wholly
// outside, or unknown (an edge comes nearer than `radius`, or `budget`, which counts edge tests,
// ran out). With no edge that near, the winding number is the same all over the disc.
Side disc_side(const Layer& layer, Point p, double radius, std::size_t& budget) {
  int winding = 0;
  const double limit = radius * radius;
  for (const auto& polygon : layer.polygons) {
    if (polygon.size() < 2) continue;
    if (budget < polygon.size()) {
      budget = 0;
      return Side::unknown;
    }
    budget -= polygon.size();
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      Point a = polygon[i];
      Point b = polygon[(i + 1) % polygon.size()];
      if (segment_distance_squared(p, a, b) < limit) return Side::unknown;
      winding += crossing(a, b, p);
    }
  }
  return filled(layer, winding) ? Side::inside : Side::outside;
}

bool touches(const Box& box, double x0, double y0, double x1, double y1, double by) {
  return !box.empty() && box.x0 - by < x1 && box.x1 + by > x0 && box.y0 - by < y1 && box.y1 + by > y0;
}

// Whether the layer paints nothing within `radius` of `p`.
bool clear_of(const Layer& layer, Point p, double radius, std::size_t& budget) {
  if (!touches(layer.box, p.x - radius, p.y - radius, p.x + radius, p.y + radius, 0)) return true;
  if (layer.is_fill) return disc_side(layer, p, radius, budget) == Side::outside;
  // A stroke paints within `extent` of its path (each subpath taken as closed: an extra edge
  // only makes this stricter) and of every subpath's start.
  const double limit = (radius + layer.extent) * (radius + layer.extent);
  for (const Point& move : layer.moves) {
    if ((move.x - p.x) * (move.x - p.x) + (move.y - p.y) * (move.y - p.y) <= limit) return false;
  }
  for (const auto& polyline : layer.polygons) {
    if (budget < polyline.size()) {
      budget = 0;
      return false;
    }
    budget -= polyline.size();
    for (std::size_t i = 0; i < polyline.size(); ++i) {
      if (segment_distance_squared(p, polyline[i], polyline[(i + 1) % polyline.size()]) <= limit) return false;
    }
  }
  return true;
}

constexpr double border_epsilon = 1e-3;  // far below cairo's 1/256 px fixed-point grid

// The first half of the test below, on the path alone: no piece of the outline enters the region
// between the circle and the border of the render.
bool outline_avoids_ring(const Layer& layer, int size) {
  constexpr double epsilon = border_epsilon;
  const double high = size - epsilon;
  const double centre = size / 2.0;
  const double inner = centre + 0.5 - margin;
  auto within = [&](Point p) { return std::hypot(p.x - centre, p.y - centre) <= inner; };
  // Which side every point of a piece lies on. Cairo draws a curve within its control points' hull,
  // so a piece whose defining points all lie in the disc, or all beyond one border line, stays there.
  auto piece_allowed = [&](std::initializer_list<Point> points) {
    auto all = [&](auto test) { return std::all_of(points.begin(), points.end(), test); };
    return all(within) || all([&](Point p) { return p.x <= epsilon; }) ||
           all([&](Point p) { return p.y <= epsilon; }) || all([&](Point p) { return p.x >= high; }) ||
           all([&](Point p) { return p.y >= high; });
  };
  Point current, start;
  for (const auto& segment : layer.path.segments) {
    switch (segment.kind) {
      case geometry::Segment::Kind::move:
        if (!piece_allowed({current, start})) return false;  // the implicit close of a fill
        current = start = segment.p[0];
        break;
      case geometry::Segment::Kind::line:
        if (!piece_allowed({current, segment.p[0]})) return false;
        current = segment.p[0];
        break;
      case geometry::Segment::Kind::cubic:
        if (!piece_allowed({current, segment.p[0], segment.p[1], segment.p[2]})) return false;
        current = segment.p[2];
        break;
      case geometry::Segment::Kind::close:
        if (!piece_allowed({current, start})) return false;
        current = start;
        break;
    }
  }
  return piece_allowed({current, start});
}

// Whether the layer paints, in one opaque colour, every pixel the circle-crop rule counts (centres
// over half a pixel outside the circle) and every corner: each edge of its outline either stays
// well inside the circle or runs along or beyond the border of the render, so nothing crosses the
// region between, and one point of that region is inside. A full-size background rectangle is the
// common case; a dark square with the mark cut out of it is another.
bool covers_outside_circle(const Layer& layer, int size) {
  if (!layer.is_fill || !layer.opaque()) return false;
  if (layer.rectangle) {
    const Box& r = *layer.rectangle;
    const double high = size - border_epsilon;
    if (r.x0 <= border_epsilon && r.y0 <= border_epsilon && r.x1 >= high && r.y1 >= high) return true;
  }
  if (!outline_avoids_ring(layer, size)) return false;
  // Nothing crosses the region between the disc and the border, so one point decides for all of it.
  const Point probe{0.5, 0.5};
  int winding = 0;
  for (const auto& polygon : layer.polygons) {
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      winding += crossing(polygon[i], polygon[(i + 1) % polygon.size()], probe);
    }
  }
  return filled(layer, winding);
}

// The last layer that paints everything outside the circle in one opaque colour; what precedes it
// is hidden there.
std::optional<std::size_t> last_full_background(const std::vector<Layer>& layers, int size) {
  for (std::size_t i = layers.size(); i-- > 0;) {
    if (covers_outside_circle(layers[i], size)) return i;
  }
  return std::nullopt;
}

// circle-crop: every layer over that one stays inside the circle, with a margin, so the pixels the
// rule counts outside the circle are all of its colour (or, without it, all transparent).
bool nothing_outside_circle(const std::vector<Layer>& layers, int size) {
  auto background = last_full_background(layers, size);
  std::size_t first = background ? *background + 1 : 0;
  // The rule counts pixels whose centre lies over half a pixel outside the circle.
  const double limit = size / 2.0 + 0.5 - margin;
  for (std::size_t i = first; i < layers.size(); ++i) {
    if (layers[i].reach > limit) return false;
  }
  return true;
}

// A quick refusal before anything is flattened: past the last layer that may cover the outside of
// the circle, some point on a path already lies beyond what circle-crop allows (a mark drawn to
// the edge on transparency, the common case, ends here).
bool may_stay_inside(const std::vector<Layer>& layers, int size) {
  std::size_t first = 0;
  for (std::size_t i = layers.size(); i-- > 0;) {
    if (layers[i].is_fill && layers[i].opaque() && outline_avoids_ring(layers[i], size)) {
      first = i + 1;
      break;
    }
  }
  const double limit = size / 2.0 + 0.5 - margin;
  for (std::size_t i = first; i < layers.size(); ++i) {
    if (layers[i].reach_floor > limit) return false;
  }
  return true;
}

// transparent-background: one opaque fill covers the disc the rule measures (pixel centres within
// 2 px of the circle's edge), and painting over an opaque pixel keeps it opaque.
bool circle_opaque(const std::vector<Layer>& layers, int size, std::size_t& budget) {
  const double centre = size / 2.0;
  const double radius = centre - 2.0 + margin;
  for (const Layer& layer : layers) {
    if (!layer.is_fill || !layer.opaque()) continue;
    if (layer.rectangle && layer.rectangle->x0 <= centre - radius && layer.rectangle->y0 <= centre - radius &&
        layer.rectangle->x1 >= centre + radius && layer.rectangle->y1 >= centre + radius) {
      return true;
    }
    if (disc_side(layer, {centre, centre}, radius, budget) == Side::inside) return true;
  }
  return false;
}

// A pixel of `layer`'s box that the layer's fill covers entirely and that `allowed` accepts.
template <class Accept>
bool find_covered_pixel(const Layer& layer, int size, std::size_t& budget, Accept allowed) {
  constexpr int steps = 24;
  double x0 = std::max(layer.box.x0, 0.0), y0 = std::max(layer.box.y0, 0.0);
  double x1 = std::min(layer.box.x1, double(size)), y1 = std::min(layer.box.y1, double(size));
  if (x1 - x0 < 2 || y1 - y0 < 2) return false;
  for (int j = 0; j < steps; ++j) {
    for (int i = 0; i < steps; ++i) {
      Point p{std::floor(x0 + (i + 0.5) * (x1 - x0) / steps) + 0.5,
              std::floor(y0 + (j + 0.5) * (y1 - y0) / steps) + 0.5};
      if (p.x < 0.5 || p.y < 0.5 || p.x > size - 0.5 || p.y > size - 0.5 || !allowed(p)) continue;
      if (disc_side(layer, p, margin, budget) == Side::inside) return true;
      if (budget == 0) return false;
    }
  }
  return false;
}

// colors: the render is not one uniform colour. The top-left pixel (the one the rule compares
// against) is either untouched (transparent) or the full background's colour; some pixel is
// proved to differ from it.
bool two_colours(const std::vector<Layer>& layers, int size, std::size_t& budget) {
  std::optional<style::Color> corner;  // nullopt: transparent
  for (std::size_t i = layers.size(); i-- > 0;) {
    if (clear_of(layers[i], {0.5, 0.5}, margin, budget)) continue;
    if (!covers_outside_circle(layers[i], size)) return false;
    corner = layers[i].color;
    break;
  }
  for (std::size_t i = layers.size(); i-- > 0;) {
    const Layer& layer = layers[i];
    if (!layer.is_fill || !layer.color || layer.color->alpha != 1) continue;
    if (!corner) {
      // Any covered pixel has alpha > 0, whatever is painted over it later.
      if (layer.opacity < 0.1) continue;
      if (find_covered_pixel(layer, size, budget, [](Point) { return true; })) return true;
    } else {
      const style::Color& c = *layer.color;
      if (!layer.opaque() || (c.r == corner->r && c.g == corner->g && c.b == corner->b)) continue;
      auto untouched_later = [&](Point p) {
        for (std::size_t k = i + 1; k < layers.size(); ++k) {
          if (!clear_of(layers[k], p, margin, budget)) return false;
        }
        return true;
      };
      if (find_covered_pixel(layer, size, budget, untouched_later)) return true;
    }
    if (budget == 0) return false;
  }
  return false;
}

}  // namespace

bool visual_rules_proved_silent(std::vector<SceneLayer> layers, int size) {
  if (size < 8 || !may_stay_inside(layers, size) || !flatten_layers(layers, {size / 2.0, size / 2.0})) return false;
  std::size_t budget = max_edge_tests;
  return nothing_outside_circle(layers, size) && circle_opaque(layers, size, budget) && two_colours(layers, size, budget);
}

}  // namespace bimi::svgps::detail
