#include "render/plain_scene.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "geometry/librsvg_paths.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/shapes.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::detail {
namespace {

using geometry::Box;
using geometry::FillRule;
using geometry::Path;
using geometry::Point;

// Bounds on the documents read; past them the logo is simply rendered by librsvg.
constexpr std::size_t max_elements = 2'000;
constexpr std::size_t max_segments = 100'000;  // per path, as parsed

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
  // xml:space, xlink:, editors' own; an undeclared prefix makes librsvg refuse the whole document.
  if (!attribute.ns.empty()) return attribute.ns != svg_namespace && !attribute.ns.starts_with(undeclared_namespace_prefix);
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
// (tinyxml2 here, libxml2 in librsvg) then read the same elements, and librsvg accepts the document.
bool plain_markup(std::string_view text, const RawDocument& document) {
  if (!document.processing_instructions.empty() || !document.markup_declarations.empty()) return false;
  for (std::size_t at = text.find("<!"); at != std::string_view::npos; at = text.find("<!", at + 2)) {
    std::string_view rest = text.substr(at);
    if (!rest.starts_with("<!--") && !rest.starts_with("<![CDATA[")) return false;
  }
  // Only XML's own entities and character references: any other reference is undefined once the
  // DOCTYPE is gone, and libxml2 then refuses the document.
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    std::string_view rest = text.substr(at + 1);
    if (!rest.starts_with("#") && !rest.starts_with("amp;") && !rest.starts_with("lt;") && !rest.starts_with("gt;") &&
        !rest.starts_with("quot;") && !rest.starts_with("apos;")) {
      return false;
    }
  }
  return true;
}

class SceneBuilder {
 public:
  explicit SceneBuilder(const RawDocument& document) : document_(document) {}

  std::optional<std::vector<SceneLayer>> build(int size) {
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
      geometry::PathParse parsed = geometry::parse_path_data(d->value, max_segments, geometry::CurveForm::librsvg);
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
      return geometry::librsvg_rect_path(*x, *y, *width, *height, rx, ry);
    }
    if (local == "circle") {
      auto r = number(element, "r", 0);
      if (!r) return std::nullopt;
      return geometry::librsvg_ellipse_path(*x, *y, *r, *r);
    }
    if (local == "ellipse") {
      // An absent radius is "auto" in SVG 2 (librsvg follows it); leave that to the render.
      if (!element.attribute("rx") || !element.attribute("ry")) return std::nullopt;
      auto rx = number(element, "rx", 0), ry = number(element, "ry", 0);
      if (!rx || !ry) return std::nullopt;
      return geometry::librsvg_ellipse_path(*x, *y, *rx, *ry);
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
    SceneLayer layer;
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
    SceneLayer layer;
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
  void bound(SceneLayer& layer, const Path& path, double extent) const {
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

  void include(SceneLayer& layer, Point p, double extent) const {
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
  std::vector<SceneLayer> layers_;
  geometry::Matrix to_pixels_;
  double scale_ = 1;
  double centre_ = 0;
};

}  // namespace

std::optional<std::vector<SceneLayer>> read_plain_scene(std::string_view svg_text, const RawDocument& document,
                                                        int size) {
  if (document.elements.empty() || !plain_markup(svg_text, document)) return std::nullopt;
  return SceneBuilder(document).build(size);
}

}  // namespace bimi::svgps::detail
