#include "convert/stroke.hpp"

#include <algorithm>

#include "geometry/stroke.hpp"
#include "svg/numbers.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

double length_property(BuildState& state, std::size_t index, std::string_view name, double fallback, const Context& context) {
  auto value = state.property(index, name);
  return value ? user_units(*value, fallback, context, 'd') : fallback;
}

}  // namespace

std::optional<model::Stroke> read_stroke(BuildState& state, std::size_t index, const model::Paint& paint, const Context& context) {
  if (paint.kind == model::Paint::Kind::none) return std::nullopt;
  model::Stroke stroke;
  stroke.paint = paint;
  stroke.width = length_property(state, index, "stroke-width", 1, context);
  if (!(stroke.width > 0)) return std::nullopt;
  if (auto cap = state.property(index, "stroke-linecap")) {
    std::string value = trim_xml_space(*cap);
    stroke.cap = value == "round"    ? model::Stroke::Cap::round
                 : value == "square" ? model::Stroke::Cap::square
                                     : model::Stroke::Cap::butt;
  }
  if (auto join = state.property(index, "stroke-linejoin")) {
    std::string value = trim_xml_space(*join);
    stroke.join = value == "round"   ? model::Stroke::Join::round
                  : value == "bevel" ? model::Stroke::Join::bevel
                                     : model::Stroke::Join::miter;
  }
  if (auto miter = state.property(index, "stroke-miterlimit")) {
    std::string text = trim_xml_space(*miter);
    std::string_view view = text;
    if (auto v = detail::parse_number(view); v && *v >= 1) stroke.miter_limit = *v;
  }
  if (auto dashes = state.property(index, "stroke-dasharray"); dashes && trim_xml_space(*dashes) != "none") {
    auto list = detail::parse_number_list(*dashes);
    if (list && !list->empty() && std::all_of(list->begin(), list->end(), [](double d) { return d >= 0; }) &&
        std::any_of(list->begin(), list->end(), [](double d) { return d > 0; })) {
      stroke.dashes = *list;
      if (stroke.dashes.size() % 2) stroke.dashes.insert(stroke.dashes.end(), list->begin(), list->end());
      stroke.dash_offset = length_property(state, index, "stroke-dashoffset", 0, context);
    }
  }
  return stroke;
}

std::optional<geo::Path> stroke_outline(BuildState& state, const RawElement& e, const model::Stroke& stroke, const geo::Path& path,
                                        double tolerance) {
  geo::StrokeStyle style;
  style.width = stroke.width;
  style.cap = stroke.cap == model::Stroke::Cap::round    ? geo::StrokeStyle::Cap::round
              : stroke.cap == model::Stroke::Cap::square ? geo::StrokeStyle::Cap::square
                                                         : geo::StrokeStyle::Cap::butt;
  style.join = stroke.join == model::Stroke::Join::round   ? geo::StrokeStyle::Join::round
               : stroke.join == model::Stroke::Join::bevel ? geo::StrokeStyle::Join::bevel
                                                           : geo::StrokeStyle::Join::miter;
  style.miter_limit = stroke.miter_limit;
  style.dashes = stroke.dashes;
  style.dash_offset = stroke.dash_offset;
  auto outline = geo::outline_stroke(path, style, tolerance, state.deadline());
  if (!outline) {
    state.refuse(e, "a dashed stroke that must be outlined has more than " + std::to_string(geo::max_stroke_dashes) +
                  " dashes");
  }
  return outline;
}

}  // namespace bimi::svgps::convert
