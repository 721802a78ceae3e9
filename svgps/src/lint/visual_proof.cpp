#include "lint/visual_proof.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/shapes.hpp"
#include "svg/numbers.hpp"
#include "style/color.hpp"

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
constexpr std::size_t max_elements = 2'000;
constexpr std::size_t max_segments = 100'000;  // per path, as parsed
constexpr std::size_t max_points = 50'000;     // flattened, whole document
constexpr std::size_t max_edge_tests = 2'000'000;

// One fill or stroke as cairo will paint it, in render pixels.
struct Layer {
  bool is_fill = true;
  std::vector<std::vector<Point>> polygons;  // the flattened path (fills close it implicitly)
  FillRule rule = FillRule::nonzero;
  std::optional<style::Color> color;  // the paint (plain colours only; anything else is refused)
  double opacity = 1;
  double extent = 0;            // strokes: how far paint reaches from the path
  std::vector<Point> moves;     // strokes: where subpaths start (a lone one can still get caps)
  Box box;                      // everything the layer can touch
  double reach = 0;             // the farthest it can touch from the render's centre
  double reach_floor = 0;       // the farthest point on the path itself: reach is at least this
  std::optional<Box> rectangle;  // fills whose outline is one axis-aligned rectangle
  Path path;                     // as drawn, curves unflattened (flattened into polygons later)

  bool opaque() const { return color && color->alpha == 1 && opacity == 1; }
};

std::string_view trimmed(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

// A unitless number: units, percentages and keywords are refused rather than interpreted.
std::optional<double> plain_number(std::string_view text) {
  auto length = parse_length(text);
  if (!length || length->unit != LengthUnit::none || !std::isfinite(length->value)) return std::nullopt;
  return length->value;
}

// fill / stroke: "none" (nullopt inside), or a colour written in hex (#rgb, #rrggbb) or by name,
// the forms librsvg and bimi read identically. Anything else (currentColor, url(), rgb(), inherit)
// is outside the proof.
std::optional<std::optional<style::Color>> plain_paint(std::string_view text) {
  text = trimmed(text);
  if (text == "none") return std::optional<style::Color>();
  bool hex = !text.empty() && text.front() == '#' && (text.size() == 4 || text.size() == 7);
  bool name = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  if (!hex && !name) return std::nullopt;
  auto color = style::parse_color(text);
  if (!color) return std::nullopt;
  return std::optional<style::Color>(*color);
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), value) != names.end();
}

// Attributes that draw nothing by themselves or are read below; any other attribute without a
// namespace (transform, style, opacity, display, clip-path, paint-order, shape-rendering, …)
// changes what librsvg draws in ways the proof does not model.
bool attribute_allowed(const RawElement& element, const RawAttribute& attribute, bool is_root) {
  if (!attribute.ns.empty()) return attribute.ns != svg_namespace;  // xml:space, xlink:, editors' own
  std::string_view name = attribute.local;
  if (one_of(name, {"id", "class", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
                    "version", "baseProfile", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
                    "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
                    "stroke-dasharray", "stroke-dashoffset"})) {
    return true;
  }
  if (is_root) return one_of(name, {"viewBox", "width", "height", "preserveAspectRatio"});
  std::string_view local = element.local;
  if (local == "path") return name == "d";
  if (local == "rect") return one_of(name, {"x", "y", "width", "height", "rx", "ry"});
  if (local == "circle") return one_of(name, {"cx", "cy", "r"});
  if (local == "ellipse") return one_of(name, {"cx", "cy", "rx", "ry"});
  if (local == "line") return one_of(name, {"x1", "y1", "x2", "y2"});
  if (local == "polyline" || local == "polygon") return name == "points";
  return false;
}

// No DOCTYPE, entity, other markup declaration or processing instruction: the two XML parsers
// (tinyxml2 here, libxml2 in librsvg) then read the same elements.
bool plain_markup(std::string_view text, const RawDocument& document) {
  if (!document.processing_instructions.empty() || !document.markup_declarations.empty()) return false;
  for (std::size_t at = text.find("<!"); at != std::string_view::npos; at = text.find("<!", at + 2)) {
    std::string_view rest = text.substr(at);
    if (!rest.starts_with("<!--") && !rest.starts_with("<![CDATA[")) return false;
  }
  return true;
}

class SceneBuilder {
 public:
  explicit SceneBuilder(const RawDocument& document) : document_(document) {}

  std::optional<std::vector<Layer>> build(int size) {
    const RawElement& root = document_.root();
    if (!root.is_svg("svg") || document_.elements.size() > max_elements) return std::nullopt;
    if (!viewport(root, size)) return std::nullopt;
    const std::size_t count = document_.elements.size();
    std::vector<char> inert(count, 0);  // title, desc, metadata and what they hold draw nothing
    for (std::size_t i = 0; i < count; ++i) {
      const RawElement& element = document_.elements[i];
      if (element.parent != RawElement::no_parent && inert[element.parent]) {
        inert[i] = 1;
        continue;
      }
      if (element.ns != svg_namespace) return std::nullopt;
      if (i > 0 && one_of(element.local, {"title", "desc", "metadata"})) {
        inert[i] = 1;
        continue;
      }
      for (const auto& attribute : element.attributes) {
        if (!attribute_allowed(element, attribute, i == 0)) return std::nullopt;
      }
      if (i == 0 || element.local == "g") continue;
      if (!add_shape(i)) return std::nullopt;
    }
    return std::move(layers_);
  }

 private:
  // A square viewBox drawn on the square render: one scale and one translation, whatever
  // preserveAspectRatio says. width and height must not make the document itself non-square.
  bool viewport(const RawElement& root, int size) {
    const RawAttribute* view_box = root.attribute("viewBox");
    if (!view_box) return false;
    auto numbers = parse_number_list(view_box->value);
    if (!numbers || numbers->size() != 4) return false;
    double x = (*numbers)[0], y = (*numbers)[1], w = (*numbers)[2], h = (*numbers)[3];
    if (!std::isfinite(x) || !std::isfinite(y) || !(w > 0) || w != h || !std::isfinite(w)) return false;
    const RawAttribute* width = root.attribute("width");
    const RawAttribute* height = root.attribute("height");
    if (bool(width) != bool(height)) return false;
    if (width) {
      // Equal and positive: a zero or negative size draws nothing at all.
      auto length = parse_length(width->value);
      if (width->value != height->value || !length || !(length->value > 0)) return false;
    }
    scale_ = size / w;
    to_pixels_ = {scale_, 0, 0, scale_, -x * scale_, -y * scale_};
    centre_ = size / 2.0;
    return std::isfinite(scale_) && scale_ > 0 && std::isfinite(to_pixels_.e) && std::isfinite(to_pixels_.f);
  }

  // The value that applies to element `index`: its own attribute or the nearest ancestor's.
  const RawAttribute* inherited(std::size_t index, std::string_view name) const {
    for (std::size_t i = index; i != RawElement::no_parent; i = document_.elements[i].parent) {
      if (const RawAttribute* attribute = document_.elements[i].attribute(name)) return attribute;
    }
    return nullptr;
  }

  std::optional<double> number(const RawElement& element, std::string_view name, double fallback) const {
    const RawAttribute* attribute = element.attribute(name);
    if (!attribute) return fallback;
    return plain_number(attribute->value);
  }

  std::optional<double> opacity(std::size_t index, std::string_view name) const {
    const RawAttribute* attribute = inherited(index, name);
    if (!attribute) return 1.0;
    auto value = plain_number(attribute->value);
    if (!value) return std::nullopt;
    return std::clamp(*value, 0.0, 1.0);
  }

  std::optional<Path> shape(const RawElement& element) const {
    std::string_view local = element.local;
    if (local == "path") {
      const RawAttribute* d = element.attribute("d");
      if (!d) return Path{};
      geometry::PathParse parsed = geometry::parse_path_data(d->value, max_segments);
      if (!parsed.complete) return std::nullopt;  // where librsvg stops may differ: render
      return std::move(parsed.path);
    }
    if (local == "polyline" || local == "polygon") {
      const RawAttribute* points = element.attribute("points");
      if (!points) return Path{};
      geometry::PointsParse parsed = geometry::parse_points(points->value, max_segments);
      if (!parsed.complete) return std::nullopt;
      return local == "polygon" ? geometry::polygon_path(parsed.points) : geometry::polyline_path(parsed.points);
    }
    auto x = number(element, local == "rect" ? "x" : local == "line" ? "x1" : "cx", 0);
    auto y = number(element, local == "rect" ? "y" : local == "line" ? "y1" : "cy", 0);
    if (!x || !y) return std::nullopt;
    if (local == "rect") {
      auto width = number(element, "width", 0), height = number(element, "height", 0);
      std::optional<double> rx, ry;
      if (element.attribute("rx") && !(rx = number(element, "rx", 0))) return std::nullopt;
      if (element.attribute("ry") && !(ry = number(element, "ry", 0))) return std::nullopt;
      if (!width || !height) return std::nullopt;
      return geometry::rect_path(*x, *y, *width, *height, rx, ry);
    }
    if (local == "circle") {
      auto r = number(element, "r", 0);
      if (!r) return std::nullopt;
      return geometry::circle_path(*x, *y, *r);
    }
    if (local == "ellipse") {
      // An absent radius is "auto" in SVG 2 (librsvg follows it); leave that to the render.
      if (!element.attribute("rx") || !element.attribute("ry")) return std::nullopt;
      auto rx = number(element, "rx", 0), ry = number(element, "ry", 0);
      if (!rx || !ry) return std::nullopt;
      return geometry::ellipse_path(*x, *y, *rx, *ry);
    }
    if (local == "line") {
      auto x2 = number(element, "x2", 0), y2 = number(element, "y2", 0);
      if (!x2 || !y2) return std::nullopt;
      return geometry::line_path(*x, *y, *x2, *y2);
    }
    return std::nullopt;  // use, text, image, gradients, style, … are the render's to judge
  }

  bool add_shape(std::size_t index) {
    const RawElement& element = document_.elements[index];
    auto user_path = shape(element);
    if (!user_path) return false;
    Path path = geometry::transformed(*user_path, to_pixels_);
    if (path.empty()) return true;

    const RawAttribute* fill_value = inherited(index, "fill");
    using PlainPaint = std::optional<std::optional<style::Color>>;
    PlainPaint fill = fill_value ? plain_paint(fill_value->value) : PlainPaint(style::Color{});  // black
    auto fill_opacity = opacity(index, "fill-opacity");
    if (!fill || !fill_opacity) return false;
    FillRule rule = FillRule::nonzero;
    if (const RawAttribute* fill_rule = inherited(index, "fill-rule")) {
      std::string_view value = trimmed(fill_rule->value);
      if (value != "nonzero" && value != "evenodd") return false;
      rule = value == "evenodd" ? FillRule::evenodd : FillRule::nonzero;
    }
    if (*fill && !add_fill(path, **fill, *fill_opacity, rule)) return false;

    const RawAttribute* stroke_value = inherited(index, "stroke");
    if (!stroke_value) return true;
    auto stroke = plain_paint(stroke_value->value);
    if (!stroke) return false;
    if (!*stroke) return true;
    double width = 1, miter_limit = 4;
    if (const RawAttribute* attribute = inherited(index, "stroke-width")) {
      auto value = plain_number(attribute->value);
      if (!value || *value < 0) return false;
      width = *value;
    }
    if (const RawAttribute* attribute = inherited(index, "stroke-miterlimit")) {
      auto value = plain_number(attribute->value);
      if (!value || *value < 1) return false;
      miter_limit = *value;
    }
    if (const RawAttribute* join = inherited(index, "stroke-linejoin")) {
      if (!one_of(trimmed(join->value), {"miter", "round", "bevel"})) return false;
    }
    if (const RawAttribute* cap = inherited(index, "stroke-linecap")) {
      if (!one_of(trimmed(cap->value), {"butt", "round", "square"})) return false;
    }
    if (width == 0) return true;
    // However it joins and caps, a stroke stays within this distance of its path's control points
    // (miters up to the limit, square caps up to half the diagonal).
    double extent = width * scale_ / 2 * std::max(miter_limit, std::sqrt(2.0));
    return add_stroke(path, **stroke, extent);
  }

  // Layers keep their path; polygons come later (flatten_layers), once cheap tests have passed.
  bool add_fill(const Path& path, const style::Color& color, double fill_opacity, FillRule rule) {
    Layer layer;
    layer.is_fill = true;
    layer.rule = rule;
    layer.color = color;
    layer.opacity = fill_opacity;
    layer.rectangle = rectangle(path);
    bound(layer, path, 0);
    layer.path = path;
    layers_.push_back(std::move(layer));
    return true;
  }

  bool add_stroke(const Path& path, const style::Color& color, double extent) {
    Layer layer;
    layer.is_fill = false;
    layer.color = color;
    layer.extent = extent;
    bound(layer, path, extent);
    for (const auto& segment : path.segments) {
      if (segment.kind == geometry::Segment::Kind::move) layer.moves.push_back(segment.p[0]);
    }
    layer.path = path;
    layers_.push_back(std::move(layer));
    return true;
  }

  // Bézier curves stay inside their control points' hull, so the control points bound the box and
  // the reach; the end points lie on the path, so they give the reach a floor.
  void bound(Layer& layer, const Path& path, double extent) const {
    for (const auto& segment : path.segments) {
      bool cubic = segment.kind == geometry::Segment::Kind::cubic;
      int points = cubic ? 3 : segment.kind == geometry::Segment::Kind::close ? 0 : 1;
      for (int k = 0; k < points; ++k) include(layer, segment.p[k], extent);
      if (points > 0) {
        Point end = segment.p[points - 1];
        layer.reach_floor = std::max(layer.reach_floor, std::hypot(end.x - centre_, end.y - centre_));
      }
    }
  }

  void include(Layer& layer, Point p, double extent) const {
    layer.box.add({p.x - extent, p.y - extent});
    layer.box.add({p.x + extent, p.y + extent});
    layer.reach = std::max(layer.reach, std::hypot(p.x - centre_, p.y - centre_) + extent);
  }

  // One subpath of four corners joined by horizontal and vertical edges.
  // Straight edges only: a curve, however flat, may leave the border pixels partly uncovered.
  static std::optional<Box> rectangle(const Path& path) {
    std::vector<Point> corners;
    for (std::size_t i = 0; i < path.segments.size(); ++i) {
      const auto& segment = path.segments[i];
      if (segment.kind == geometry::Segment::Kind::cubic) return std::nullopt;
      if (segment.kind == geometry::Segment::Kind::move && i > 0) return std::nullopt;  // one subpath
      if (segment.kind == geometry::Segment::Kind::close) continue;
      if (corners.empty() || !(corners.back() == segment.p[0])) corners.push_back(segment.p[0]);
    }
    while (corners.size() > 1 && corners.back() == corners.front()) corners.pop_back();
    if (corners.size() != 4) return std::nullopt;
    Box box;
    for (std::size_t i = 0; i < 4; ++i) {
      const Point& a = corners[i];
      const Point& b = corners[(i + 1) % 4];
      if ((a.x == b.x) == (a.y == b.y)) return std::nullopt;  // diagonal, or a repeated point
      box.add(a);
    }
    for (const Point& p : corners) {
      if ((p.x != box.x0 && p.x != box.x1) || (p.y != box.y0 && p.y != box.y1)) return std::nullopt;
    }
    if (box.width() <= 0 || box.height() <= 0) return std::nullopt;
    return box;
  }

  const RawDocument& document_;
  std::vector<Layer> layers_;
  geometry::Matrix to_pixels_;
  double scale_ = 1;
  double centre_ = 0;
};

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

bool visual_rules_proved_silent(std::string_view svg_text, const RawDocument& document, int size) {
  if (size < 8 || document.elements.empty() || !plain_markup(svg_text, document)) return false;
  auto layers = SceneBuilder(document).build(size);
  if (!layers || !may_stay_inside(*layers, size) || !flatten_layers(*layers, {size / 2.0, size / 2.0})) return false;
  std::size_t budget = max_edge_tests;
  return nothing_outside_circle(*layers, size) && circle_opaque(*layers, size, budget) &&
         two_colours(*layers, size, budget);
}

}  // namespace bimi::svgps::detail
