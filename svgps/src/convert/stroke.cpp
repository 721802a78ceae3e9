#include "convert/stroke.hpp"

#include "geometry/stroke.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

std::optional<model::Stroke> read_stroke(BuildState& state, std::size_t index, const model::Paint& paint, const Context& context) {
  if (paint.kind == model::Paint::Kind::none) return std::nullopt;
  const ElementStyle& style = state.style(index);
  model::Stroke stroke;
  stroke.paint = paint;
  stroke.width = style.stroke_width ? user_units(*style.stroke_width, context, 'd') : 1;
  if (!(stroke.width > 0)) return std::nullopt;
  stroke.cap = style.cap;
  stroke.join = style.join;
  if (style.miter_limit) stroke.miter_limit = *style.miter_limit;
  if (!style.dashes.empty()) {
    stroke.dashes = style.dashes;
    stroke.dash_offset = style.dash_offset ? user_units(*style.dash_offset, context, 'd') : 0;
  }
  return stroke;
}

std::optional<geo::Path> stroke_outline(BuildState& state, const RawElement& e, const model::Stroke& stroke, const geo::Path& path,
                                        double tolerance) {
  geo::StrokeStyle style;
  style.width = stroke.width;
  style.cap = stroke.cap;
  style.join = stroke.join;
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
