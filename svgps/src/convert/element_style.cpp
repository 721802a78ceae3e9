#include "convert/element_style.hpp"

#include <algorithm>

#include "convert/build_state.hpp"
#include "convert/units_viewport.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::convert {
namespace {

using Values = style::ComputedStyles::Values;

std::optional<std::string_view> find(const Values& values, std::string_view name) {
  auto it = values.find(name);
  if (it == values.end()) return std::nullopt;
  return std::string_view(it->second);
}

double opacity_of(const Values& values, std::string_view name) {
  auto value = find(values, name);
  return value ? parse_opacity(*value).value_or(1) : 1;
}

PaintValue read_paint(std::optional<std::string_view> value, std::string_view initial, std::string_view current_color) {
  PaintValue paint;
  paint.text = trim_xml_space(value.value_or(initial));
  if (paint.text.rfind("url(", 0) == 0) {
    paint.url = local_reference(paint.text);
    paint.color = read_color_value(url_fallback(paint.text), current_color);
  } else {
    paint.color = read_color_value(paint.text, current_color);
  }
  return paint;
}

std::optional<detail::Length> length_of(const Values& values, std::string_view name) {
  auto value = find(values, name);
  return value ? detail::parse_length(*value) : std::nullopt;
}

// A list of non-negative lengths, not all zero, repeated to an even count; else
// empty (solid).
std::vector<double> dash_array(std::optional<std::string_view> value) {
  if (!value || trim_xml_space(*value) == "none") return {};
  auto list = detail::parse_number_list(*value);
  if (!list || list->empty() || std::any_of(list->begin(), list->end(), [](double d) { return d < 0; }) ||
      std::none_of(list->begin(), list->end(), [](double d) { return d > 0; })) {
    return {};
  }
  std::vector<double> dashes = *list;
  if (dashes.size() % 2) dashes.insert(dashes.end(), list->begin(), list->end());
  return dashes;
}

geometry::FillRule rule_of(const Values& values, std::string_view name) {
  auto rule = find(values, name);
  return rule && trim_xml_space(*rule) == "evenodd" ? geometry::FillRule::evenodd : geometry::FillRule::nonzero;
}

// paint-order (SVG 2 §13.6): the layers it names, then the others in the order fill, stroke,
// markers; "normal" or an invalid value is that order.
int markers_position(std::string_view value) {
  static const std::string_view layers[] = {"fill", "stroke", "markers"};
  std::vector<std::string_view> named;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && detail::is_xml_space(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !detail::is_xml_space(value[i])) ++i;
    if (start == i) break;
    std::string_view word = value.substr(start, i - start);
    if (std::find(std::begin(layers), std::end(layers), word) == std::end(layers) ||
        std::find(named.begin(), named.end(), word) != named.end()) {
      return 2;
    }
    named.push_back(word);
  }
  for (std::string_view layer : layers) {
    if (std::find(named.begin(), named.end(), layer) == named.end()) named.push_back(layer);
  }
  return static_cast<int>(std::find(named.begin(), named.end(), "markers") - named.begin());
}

}  // namespace

std::string url_fallback(std::string_view value) {
  std::size_t close = value.find(')');
  return close == std::string_view::npos ? "" : trim_xml_space(value.substr(close + 1));
}

ColorValue read_color_value(std::string_view text, std::string_view current_color) {
  ColorValue out;
  std::string value = trim_xml_space(text);
  if (value.empty() || value == "none") return out;
  if (style::is_current_color(value)) value = trim_xml_space(current_color);
  if (auto color = style::parse_color(value)) {
    out.kind = ColorValue::Kind::color;
    out.color = *color;
  } else {
    out.kind = ColorValue::Kind::invalid;
    out.text = std::move(value);
  }
  return out;
}

ElementStyle resolve_element_style(const Values& computed, const Values& specified) {
  ElementStyle out;
  std::string_view current_color = find(computed, "color").value_or("#000000");
  out.fill = read_paint(find(computed, "fill"), "#000000", current_color);
  out.stroke = read_paint(find(computed, "stroke"), "none", current_color);
  out.opacity = opacity_of(specified, "opacity");
  out.fill_opacity = opacity_of(computed, "fill-opacity");
  out.stroke_opacity = opacity_of(computed, "stroke-opacity");
  out.fill_rule = rule_of(computed, "fill-rule");
  out.clip_rule = rule_of(computed, "clip-rule");
  auto display = find(specified, "display");
  out.display_none = display && trim_xml_space(*display) == "none";
  if (auto visibility = find(computed, "visibility")) {
    std::string value = trim_xml_space(*visibility);
    out.visible = value == "visible" || value == "inherit";
  }
  if (auto order = find(computed, "paint-order")) {
    std::string value = trim_xml_space(*order);
    std::size_t stroke_at = value.find("stroke"), fill_at = value.find("fill");
    out.stroke_before_fill = stroke_at != std::string::npos && (fill_at == std::string::npos || stroke_at < fill_at);
    out.markers_at = markers_position(value);
  }

  using Cap = geometry::StrokeStyle::Cap;
  using Join = geometry::StrokeStyle::Join;
  out.stroke_width = length_of(computed, "stroke-width");
  if (auto cap = find(computed, "stroke-linecap")) {
    std::string value = trim_xml_space(*cap);
    out.cap = value == "round" ? Cap::round : value == "square" ? Cap::square : Cap::butt;
  }
  if (auto join = find(computed, "stroke-linejoin")) {
    std::string value = trim_xml_space(*join);
    out.join = value == "round" ? Join::round : value == "bevel" ? Join::bevel : Join::miter;
  }
  if (auto miter = find(computed, "stroke-miterlimit")) {
    std::string text = trim_xml_space(*miter);
    std::string_view view = text;
    if (auto v = detail::parse_number(view); v && *v >= 1) out.miter_limit = *v;
  }
  out.dashes = dash_array(find(computed, "stroke-dasharray"));
  out.dash_offset = length_of(computed, "stroke-dashoffset");

  out.stop_color = read_color_value(find(computed, "stop-color").value_or("#000000"), current_color);
  out.stop_opacity = opacity_of(computed, "stop-opacity");
  out.solid_color = style::parse_color(find(computed, "solid-color").value_or("#000"));
  out.solid_opacity = opacity_of(computed, "solid-opacity");
  return out;
}

}  // namespace bimi::svgps::convert
