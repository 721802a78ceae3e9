#include "convert/filter_paint.hpp"

#include <tuple>

#include "convert/bounds.hpp"
#include "convert/effect_trace.hpp"
#include "convert/paint_server.hpp"
#include "convert/units_viewport.hpp"
#include "model/writer.hpp"

namespace bimi::svgps::convert {
namespace {

// The gradient server a url paint names, if it names one.
std::optional<std::size_t> gradient_server(const BuildState& state, const PaintValue& paint) {
  if (!paint.url) return std::nullopt;
  auto it = state.ids.find(*paint.url);
  if (it == state.ids.end()) return std::nullopt;
  const RawElement& e = state.document.elements[it->second];
  if (!e.is_svg("linearGradient") && !e.is_svg("radialGradient")) return std::nullopt;
  return it->second;
}

bool names_server(const BuildState& state, const PaintValue& paint) {
  return paint.url && state.ids.find(*paint.url) != state.ids.end();
}

std::string gradient_markup(const model::Gradient& g, const geo::Matrix& to_user, const std::string& id) {
  auto n = [](double v) { return format_number(v, 6); };
  std::string markup;
  if (g.kind == model::Gradient::Kind::linear) {
    markup = "<linearGradient id=\"" + id + "\" gradientUnits=\"userSpaceOnUse\" x1=\"" + n(g.x1) + "\" y1=\"" +
             n(g.y1) + "\" x2=\"" + n(g.x2) + "\" y2=\"" + n(g.y2) + "\"";
  } else {
    markup = "<radialGradient id=\"" + id + "\" gradientUnits=\"userSpaceOnUse\" cx=\"" + n(g.cx) + "\" cy=\"" +
             n(g.cy) + "\" r=\"" + n(g.r) + "\"";
  }
  markup += " gradientTransform=\"" + matrix_text(to_user) + "\">";
  for (const model::GradientStop& s : g.stops) {
    markup += "<stop offset=\"" + n(s.offset) + "\" stop-color=\"" + hex_color(s.color) + "\" stop-opacity=\"" +
              n(s.opacity) + "\"/>";
  }
  markup += g.kind == model::Gradient::Kind::linear ? "</linearGradient>" : "</radialGradient>";
  return markup;
}

}  // namespace

bool paints_renderable(const BuildState& state, std::size_t index) {
  const ElementStyle& style = state.style(index);
  for (const PaintValue* paint : {&style.fill, &style.stroke}) {
    if (names_server(state, *paint)) {
      if (!gradient_server(state, *paint)) return false;
    } else if (paint->color.kind == ColorValue::Kind::invalid) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> paint_attributes(BuildState& state, std::size_t index, std::string& defs) {
  const ElementStyle& style = state.style(index);
  const RawElement& element = state.document.elements[index];
  std::string attributes;
  for (const auto& [name, paint, opacity] : {std::tuple{"fill", &style.fill, style.fill_opacity},
                                              std::tuple{"stroke", &style.stroke, style.stroke_opacity}}) {
    const std::string prefix = std::string(" ") + name;
    if (auto server = gradient_server(state, *paint)) {
      const geo::Path box = box_path(local_bounds(state, index));
      auto read = read_gradient(state, *server, box, element, false);
      if (!read || !read->exact) return std::nullopt;
      const std::string id = std::string("bimi-") + name + "-paint";
      defs += gradient_markup(read->gradient, read->to_user, id);
      attributes += prefix + "=\"url(#" + id + ")\"" + prefix + "-opacity=\"" + format_number(clamp01(opacity), 4) + "\"";
      continue;
    }
    if (names_server(state, *paint) || paint->color.kind == ColorValue::Kind::invalid) return std::nullopt;
    if (paint->color.kind != ColorValue::Kind::color) {
      attributes += prefix + "=\"none\"";
      continue;
    }
    const style::Color& c = paint->color.color;
    attributes += prefix + "=\"" + hex_color({c.r, c.g, c.b}) + "\"" + prefix + "-opacity=\"" +
                  format_number(clamp01(opacity * c.alpha), 4) + "\"";
  }
  return attributes;
}

}  // namespace bimi::svgps::convert
