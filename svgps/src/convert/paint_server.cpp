#include "convert/paint_server.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "style/color.hpp"
#include "svg/numbers.hpp"
#include "convert/gradient_mask.hpp"
#include "convert/pattern_fill.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

// Attributes a gradient does not set itself come from the gradients it references.
const RawAttribute* gradient_attribute(const BuildState& state, std::size_t index, std::string_view name) {
  for (std::size_t i : state.href_chain(index)) {
    if (const RawAttribute* a = state.document.elements[i].attribute(name)) return a;
  }
  return nullptr;
}

// The gradient whose stops apply: the nearest in the chain that has any.
std::size_t gradient_with_stops(const BuildState& state, std::size_t index) {
  for (std::size_t i : state.href_chain(index)) {
    for (std::size_t c : state.document.elements[i].children) {
      if (state.document.elements[c].is_svg("stop")) return i;
    }
  }
  return index;
}

double gradient_number(const BuildState& state, std::size_t index, std::string_view name, double fallback, bool bounding_box) {
  const RawAttribute* a = gradient_attribute(state, index, name);
  if (!a) return fallback;
  auto parsed = detail::parse_length(a->value);
  if (!parsed) return fallback;
  if (parsed->unit == detail::LengthUnit::percent) {
    double base = bounding_box ? 1.0 : state.out.view_box.width;
    return parsed->value / 100.0 * base;
  }
  return parsed->value;
}

// A linear gradient's end points after an affine map, exactly: the colour is constant along
// lines perpendicular to p1→p2 in gradient space; those lines stay parallel under the map, so
// the new vector runs from m(p1) perpendicular to their image and ends on m(p2)'s line.
void set_linear(model::Gradient& out, geo::Point p1, geo::Point p2, const geo::Matrix& m) {
  geo::Point a = m.apply(p1);
  geo::Point b = m.apply(p2);
  double vx = p2.x - p1.x, vy = p2.y - p1.y;
  // Direction of the iso-colour lines in gradient space, mapped (linear part only).
  double ix = -vy, iy = vx;
  double jx = m.a * ix + m.c * iy, jy = m.b * ix + m.d * iy;
  double length = std::hypot(jx, jy);
  if (length == 0 || (vx == 0 && vy == 0)) {
    out.x1 = a.x;
    out.y1 = a.y;
    out.x2 = b.x;
    out.y2 = b.y;
    return;
  }
  double nx = jy / length, ny = -jx / length;  // normal of the mapped iso-lines
  double t = (b.x - a.x) * nx + (b.y - a.y) * ny;
  out.x1 = a.x;
  out.y1 = a.y;
  out.x2 = a.x + nx * t;
  out.y2 = a.y + ny * t;
}

// Periods of a repeated or reflected gradient written out as stops, at most.
constexpr double max_spread_periods = 64;

// The range of the gradient's parameter (0 at its start, 1 at its end) over `area`, a box in the
// shape's user space, which `to_user` maps gradient space to. Nullopt when it cannot be mapped.
std::optional<std::pair<double, double>> parameter_range(const model::Gradient& g, const geo::Matrix& to_user,
                                                         const geo::Box& area) {
  auto to_gradient = to_user.inverse();
  if (!to_gradient) return std::nullopt;
  double low = INFINITY, high = -INFINITY;
  for (geo::Point corner : {geo::Point{area.x0, area.y0}, geo::Point{area.x1, area.y0}, geo::Point{area.x0, area.y1},
                            geo::Point{area.x1, area.y1}}) {
    const geo::Point p = to_gradient->apply(corner);
    double t;
    if (g.kind == model::Gradient::Kind::linear) {
      const double vx = g.x2 - g.x1, vy = g.y2 - g.y1, length2 = vx * vx + vy * vy;
      if (!(length2 > 0)) return std::nullopt;
      t = ((p.x - g.x1) * vx + (p.y - g.y1) * vy) / length2;
    } else {
      if (!(g.r > 0)) return std::nullopt;
      t = std::hypot(p.x - g.cx, p.y - g.cy) / g.r;
      low = 0;  // the centre may lie inside the box
    }
    low = std::min(low, t);
    high = std::max(high, t);
  }
  if (!std::isfinite(low) || !std::isfinite(high)) return std::nullopt;
  return std::make_pair(low, high);
}

// spreadMethod reflect or repeat (SVG 1.1 §13.2.2) written out as pad: the stops of each period the
// shape reaches, mirrored in every other period for reflect, over a vector as many periods long.
// Exact for a linear gradient and a radial one whose focus is its centre. False when more periods
// than max_spread_periods would be needed.
bool unroll_spread(model::Gradient& g, bool reflect, const geo::Matrix& to_user, const geo::Box& area) {
  auto range = parameter_range(g, to_user, area);
  if (!range) return false;
  const auto [low, high] = *range;
  if (low >= 0 && high <= 1) return true;  // the shape shows one period: pad is the same
  const double first = std::floor(low), last = std::ceil(high);
  if (!(last - first <= max_spread_periods)) return false;
  // Each period from its own offset 0 to 1, so that a repeat's jump stays a jump.
  std::vector<model::GradientStop> period = g.stops;
  if (period.front().offset > 0) period.insert(period.begin(), {0, period.front().color, period.front().opacity});
  if (period.back().offset < 1) period.push_back({1, period.back().color, period.back().opacity});
  // The stops of every period, at their parameter (k + offset), then only those the shape shows:
  // those between `low` and `high`, with a stop interpolated at each end.
  std::vector<model::GradientStop> unrolled;
  for (double k = first; k < last; ++k) {
    const bool mirrored = reflect && std::fmod(std::fabs(k), 2.0) == 1.0;
    for (std::size_t i = 0; i < period.size(); ++i) {
      model::GradientStop stop = mirrored ? period[period.size() - 1 - i] : period[i];
      stop.offset = k + (mirrored ? 1 - stop.offset : stop.offset);
      unrolled.push_back(stop);
    }
  }
  auto at = [&](double t) {
    for (std::size_t i = 1; i < unrolled.size(); ++i) {
      const model::GradientStop &a = unrolled[i - 1], &b = unrolled[i];
      if (t > b.offset) continue;
      const double f = b.offset > a.offset ? (t - a.offset) / (b.offset - a.offset) : 1;
      auto mix = [f](double x, double y) { return x + (y - x) * f; };
      model::GradientStop stop;
      stop.offset = t;
      stop.color = {static_cast<std::uint8_t>(std::lround(mix(a.color.r, b.color.r))),
                    static_cast<std::uint8_t>(std::lround(mix(a.color.g, b.color.g))),
                    static_cast<std::uint8_t>(std::lround(mix(a.color.b, b.color.b)))};
      stop.opacity = mix(a.opacity, b.opacity);
      return stop;
    }
    return unrolled.back();
  };
  const double from = g.kind == model::Gradient::Kind::linear ? low : 0, span = high - from;
  if (!(span > 0)) return false;
  std::vector<model::GradientStop> stops = {at(from)};
  for (const model::GradientStop& stop : unrolled) {
    if (stop.offset > from && stop.offset < high) stops.push_back(stop);
  }
  stops.push_back(at(high));
  for (model::GradientStop& stop : stops) stop.offset = (stop.offset - from) / span;
  g.stops = std::move(stops);
  if (g.kind == model::Gradient::Kind::linear) {
    const double vx = g.x2 - g.x1, vy = g.y2 - g.y1;
    g.x2 = g.x1 + high * vx;
    g.y2 = g.y1 + high * vy;
    g.x1 += from * vx;
    g.y1 += from * vy;
  } else {
    g.r *= high;
  }
  return true;
}

// A gradient resolved for one shape: in the shape's user space, or, for a radial gradient
// stretched by objectBoundingBox units or gradientTransform, in its own space, which `space` maps
// to the shape's user space (the shape is then drawn in that space).
struct ResolvedGradient {
  model::Gradient gradient;
  std::optional<geo::Matrix> space;
};

// nullopt when the gradient paints nothing (no stops, or an empty bounding box).
std::optional<ResolvedGradient> resolve_gradient(BuildState& state, std::size_t index, const geo::Path& path,
                                                 const RawElement& user, bool stroke) {
  // A stroke paints past the path: as far again as the path's size is room for any but a
  // hairline's miters.
  auto read = read_gradient(state, index, path, user, true, stroke ? 1.0 : 0.0);
  if (!read) return std::nullopt;
  auto placed = place_gradient(state, std::move(read->gradient), read->to_user, user);
  return ResolvedGradient{std::move(placed.first), std::move(placed.second)};
}

}  // namespace

std::optional<GradientInSpace> read_gradient(BuildState& state, std::size_t index, const geo::Path& path,
                                             const RawElement& user, bool approximate, double room) {
  const RawElement& g = state.document.elements[index];
  GradientInSpace read;
  model::Gradient& out = read.gradient;
  bool linear = g.local == "linearGradient";
  out.kind = linear ? model::Gradient::Kind::linear : model::Gradient::Kind::radial;
  const RawAttribute* units = gradient_attribute(state, index, "gradientUnits");
  bool bounding_box = !units || trim_xml_space(units->value) != "userSpaceOnUse";
  // Stops.
  std::size_t stops_from = gradient_with_stops(state, index);
  double last = 0;
  for (std::size_t c : state.document.elements[stops_from].children) {
    const RawElement& s = state.document.elements[c];
    if (!s.is_svg("stop")) continue;
    model::GradientStop stop;
    const RawAttribute* offset = s.attribute("offset");
    stop.offset = offset ? parse_opacity(offset->value).value_or(0) : 0;
    stop.offset = std::max(stop.offset, last);
    last = stop.offset;
    const ElementStyle& stop_style = state.style(c);
    bool colored = stop_style.stop_color.kind == ColorValue::Kind::color;
    const style::Color& color = stop_style.stop_color.color;
    if (colored) stop.color = {color.r, color.g, color.b};
    stop.opacity = clamp01(stop_style.stop_opacity * (colored ? color.alpha : 1.0));
    out.stops.push_back(stop);
  }
  if (out.stops.empty()) return std::nullopt;

  geo::Matrix& to_user = read.to_user;  // gradient space to the shape's user space
  if (bounding_box) {
    geo::Box box = geo::bounds(path);
    if (box.empty() || box.width() <= 0 || box.height() <= 0) return std::nullopt;  // SVG: not rendered
    to_user = geo::Matrix{box.width(), 0, 0, box.height(), box.x0, box.y0};
    state.note("convert-paint", user, "gradient in objectBoundingBox units resolved to user space");
  }
  if (const RawAttribute* t = gradient_attribute(state, index, "gradientTransform")) {
    if (auto m = geo::parse_transform(t->value)) {
      to_user = to_user * *m;
      state.note("convert-paint", user, "gradientTransform baked into the gradient's coordinates");
    }
  }
  const RawAttribute* spread = gradient_attribute(state, index, "spreadMethod");
  const std::string spread_method = spread ? trim_xml_space(spread->value) : "pad";
  if (linear) {
    out.x1 = gradient_number(state, index, "x1", 0, bounding_box);
    out.y1 = gradient_number(state, index, "y1", 0, bounding_box);
    out.x2 = gradient_number(state, index, "x2", bounding_box ? 1 : state.out.view_box.width, bounding_box);
    out.y2 = gradient_number(state, index, "y2", 0, bounding_box);
  } else {
    out.cx = gradient_number(state, index, "cx", bounding_box ? 0.5 : state.out.view_box.width / 2, bounding_box);
    out.cy = gradient_number(state, index, "cy", bounding_box ? 0.5 : state.out.view_box.height / 2, bounding_box);
    out.r = gradient_number(state, index, "r", bounding_box ? 0.5 : state.out.view_box.width / 2, bounding_box);
    double fx = gradient_number(state, index, "fx", out.cx, bounding_box);
    double fy = gradient_number(state, index, "fy", out.cy, bounding_box);
    if (std::fabs(fx - out.cx) > 1e-9 || std::fabs(fy - out.cy) > 1e-9) {
      read.exact = false;
      if (approximate) state.approximate(user, "a radial gradient's focal point (fx, fy) moved to its centre");
    }
  }
  if (spread_method == "reflect" || spread_method == "repeat") {
    // The box the shape paints.
    geo::Box area = geo::bounds(path);
    const double widen = room * std::max(area.width(), area.height());
    area = {area.x0 - widen, area.y0 - widen, area.x1 + widen, area.y1 + widen};
    const std::size_t stops = out.stops.size();
    const double first_offset = out.stops.front().offset, last_offset = out.stops.back().offset;
    if (area.empty() || !read.exact || !unroll_spread(out, spread_method == "reflect", to_user, area)) {
      read.exact = false;
      if (approximate) state.approximate(user, "spreadMethod=\"" + spread->value + "\" drawn as pad");
    } else if (out.stops.size() != stops) {
      state.note("convert-paint", user, "spreadMethod=\"" + spread_method + "\" written out as " +
                                            std::to_string(out.stops.size()) + " stops of the periods the shape shows");
      // librsvg repeats with cairo, which blends from the last stop to the next period's first.
      if (spread_method == "repeat" && (first_offset > 0 || last_offset < 1)) {
        state.note("convert-paint", user,
                   "spreadMethod=\"repeat\" with stops inside 0 to 1: librsvg blends each period's last colour into "
                   "the next one's first, browsers keep each colour to its period's end, so the original draws "
                   "differently in each; the output follows browsers");
      }
    }
  }
  return read;
}

std::pair<model::Gradient, std::optional<geo::Matrix>> place_gradient(BuildState& state, model::Gradient gradient,
                                                                      const geo::Matrix& to_user, const RawElement& user) {
  if (gradient.kind == model::Gradient::Kind::linear) {
    set_linear(gradient, {gradient.x1, gradient.y1}, {gradient.x2, gradient.y2}, to_user);
    return {std::move(gradient), std::nullopt};
  }
  if (!is_conformal(to_user)) {
    // An ellipse of colour: keep the gradient a circle in its own space and draw the shape
    // there, under the stretching transform.
    state.note("convert-paint", user, "stretched radial gradient kept exact by drawing the shape in the gradient's space");
    return {std::move(gradient), to_user};
  }
  geo::Point c = to_user.apply({gradient.cx, gradient.cy});
  gradient.cx = c.x;
  gradient.cy = c.y;
  gradient.r *= uniform_scale(to_user);
  return {std::move(gradient), std::nullopt};
}

// librsvg (2.54) lays a gradient in objectBoundingBox units on a rotated or skewed element out on
// another box than the element's own, which browsers use (SVG 1.1 §13.2.2, checked against
// headless Chromium): the original then draws differently in each, which a fidelity refusal
// should say (what_to_try).
void note_turned_gradient(BuildState& state, std::size_t server, const RawElement& at, const geo::Matrix& ctm) {
  const RawAttribute* units = gradient_attribute(state, server, "gradientUnits");
  if (units && trim_xml_space(units->value) == "userSpaceOnUse") return;
  if (!turns(ctm)) return;
  state.note("convert-paint", at,
             "a gradient in objectBoundingBox units on a rotated or skewed element: librsvg lays it out on another "
             "box than the element's own, browsers on the element's own box, so the original draws differently in "
             "each; the output follows browsers");
}

namespace {

// SVG 1.1 §7.11: objectBoundingBox units have nothing to map to on an element whose box has no
// width or no height (a straight line). librsvg then paints the url()'s fallback colour, else none.
bool lacks_box(BuildState& state, std::size_t server, std::size_t element, const geo::Path& path) {
  const RawElement& s = state.document.elements[server];
  if (s.is_svg("pattern")) return pattern_lacks_box(state, server, element);
  if (!s.is_svg("linearGradient") && !s.is_svg("radialGradient")) return false;
  const RawAttribute* units = gradient_attribute(state, server, "gradientUnits");
  return (!units || trim_xml_space(units->value) != "userSpaceOnUse") && !geo::bounds(path).has_area();
}

// The value was read as the converter always has (see PaintValue): "NONE" (none here with a note,
// none for style::parse_paint and librsvg), "URL(#g)" (no paint here; a gradient there and in
// librsvg) and an unterminated "url(#g" (a gradient here and in librsvg, invalid there).
model::Paint resolve_own_paint(BuildState& state, std::size_t index, PaintProperty property, const Context& context,
                               const geo::Path& path) {
  const RawElement& e = state.document.elements[index];
  const ElementStyle& element_style = state.style(index);
  bool fill = property == PaintProperty::fill;
  const PaintValue& value = fill ? element_style.fill : element_style.stroke;
  std::string_view name = fill ? "fill" : "stroke";
  model::Paint paint;
  paint.opacity = clamp01((fill ? element_style.fill_opacity : element_style.stroke_opacity) * context.opacity);
  if (value.text == "none" || value.text.empty()) return paint;
  if (value.url && !value.url->empty()) {
    auto it = state.ids.find(*value.url);
    if (it != state.ids.end() && lacks_box(state, it->second, index, path)) {
      state.note("convert-paint", e,
                 std::string(name) + " url(#" + *value.url +
                     ") is in objectBoundingBox units and the element's box has no width or no height; " +
                     (value.color.kind == ColorValue::Kind::color ? "its fallback colour paints, as librsvg draws it"
                                                                  : "it paints nothing"));
    } else if (it != state.ids.end()) {
      const RawElement& server = state.document.elements[it->second];
      if (server.is_svg("linearGradient") || server.is_svg("radialGradient")) {
        if (auto resolved = resolve_gradient(state, it->second, path, e, !fill)) {
          note_turned_gradient(state, it->second, e, context.ctm);
          model::Gradient* gradient = &resolved->gradient;
          if (gradient->stops.size() == 1 ||
              std::all_of(gradient->stops.begin(), gradient->stops.end(), [&](const model::GradientStop& s) {
                return s.color == gradient->stops.front().color && s.opacity == gradient->stops.front().opacity;
              })) {
            paint.kind = model::Paint::Kind::color;
            paint.color = gradient->stops.front().color;
            paint.opacity = clamp01(paint.opacity * gradient->stops.front().opacity);
            return paint;
          }
          paint.kind = model::Paint::Kind::gradient;
          state.out.gradients.push_back(std::move(*gradient));
          paint.gradient = state.out.gradients.size() - 1;
          if (resolved->space) state.gradient_spaces[paint.gradient] = *resolved->space;
          return paint;
        }
        paint.kind = model::Paint::Kind::none;  // a gradient without stops paints nothing
        return paint;
      }
      if (server.is_svg("solidColor")) {
        const ElementStyle& solid = state.style(it->second);
        if (const auto& color = solid.solid_color) {
          paint.kind = model::Paint::Kind::color;
          paint.color = {color->r, color->g, color->b};
          paint.opacity = clamp01(paint.opacity * solid.solid_opacity * color->alpha);
          return paint;
        }
      }
      if (server.is_svg("pattern")) {
        state.refuse_or_drop(e, "a pattern fill");
        return paint;
      }
    }
    // A missing paint server: the fallback after url() (value.color), else none.
  }
  // A url() that is not local is no colour either.
  std::string_view invalid = value.url && value.url->empty() ? std::string_view(value.text)
                             : value.color.kind == ColorValue::Kind::invalid ? std::string_view(value.color.text)
                                                                             : std::string_view();
  if (!invalid.empty()) {
    state.note("convert-paint", e, std::string(name) + " \"" + std::string(invalid) + "\" is not a colour; treated as none, as renderers do");
    return paint;
  }
  if (value.color.kind == ColorValue::Kind::none) return paint;
  const style::Color& color = value.color.color;
  paint.kind = model::Paint::Kind::color;
  paint.color = {color.r, color.g, color.b};
  paint.opacity = clamp01(paint.opacity * color.alpha);
  return paint;
}

}  // namespace

model::Paint resolve_paint(BuildState& state, std::size_t index, PaintProperty property, const Context& context,
                           const geo::Path& path) {
  model::Paint paint = resolve_own_paint(state, index, property, context, path);
  // Content of several colours is drawn flat and painted with the mask once cut into regions.
  if (!context.gradient_mask || context.gradient_mask->per_region || property != PaintProperty::fill) return paint;
  return masked_fill(state, *context.gradient_mask, paint, context.ctm, state.document.elements[index]);
}

void bake_paint_transform(BuildState& state, model::Paint& paint, const geo::Matrix& m) {
  if (paint.kind != model::Paint::Kind::gradient) return;
  model::Gradient& g = state.out.gradients[paint.gradient];
  if (g.kind == model::Gradient::Kind::linear) {
    set_linear(g, {g.x1, g.y1}, {g.x2, g.y2}, m);
  } else {
    geo::Point c = m.apply({g.cx, g.cy});
    g.cx = c.x;
    g.cy = c.y;
    g.r *= uniform_scale(m);
  }
}

}  // namespace bimi::svgps::convert
