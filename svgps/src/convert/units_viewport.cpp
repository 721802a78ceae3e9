#include "convert/units_viewport.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "svg/numbers.hpp"
#include "svg/source_map.hpp"

namespace bimi::svgps::convert {

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

std::optional<double> parse_opacity(std::string_view text) {
  std::string value = trim_xml_space(text);
  std::string_view view = value;
  auto number = detail::parse_number(view);
  if (!number) return std::nullopt;
  if (view == "%") return clamp01(*number / 100.0);
  if (!view.empty()) return std::nullopt;
  return clamp01(*number);
}

bool is_conformal(const geo::Matrix& m) {
  double tolerance = 1e-9 * std::max({std::fabs(m.a), std::fabs(m.b), std::fabs(m.c), std::fabs(m.d), 1.0});
  bool rotation_scale = std::fabs(m.a - m.d) < tolerance && std::fabs(m.b + m.c) < tolerance;
  bool with_reflection = std::fabs(m.a + m.d) < tolerance && std::fabs(m.b - m.c) < tolerance;
  return rotation_scale || with_reflection;
}

double uniform_scale(const geo::Matrix& m) { return std::sqrt(std::fabs(m.determinant())); }

bool turns(const geo::Matrix& m) {
  const double scale = std::fabs(m.a) + std::fabs(m.b) + std::fabs(m.c) + std::fabs(m.d);
  return std::fabs(m.b) > 1e-9 * scale || std::fabs(m.c) > 1e-9 * scale;
}

double user_units(const detail::Length& length, const Context& context, char axis) {
  switch (length.unit) {
    case detail::LengthUnit::percent: {
      double base = axis == 'w' ? context.viewport_width
                    : axis == 'h' ? context.viewport_height
                                  : std::hypot(context.viewport_width, context.viewport_height) / std::sqrt(2.0);
      return length.value * base / 100.0;
    }
    // librsvg's ex is half an em.
    case detail::LengthUnit::em: return length.value * context.font_size;
    case detail::LengthUnit::ex: return length.value * context.font_size / 2;
    default: return *length.to_pixels();
  }
}

double user_units(std::string_view text, double fallback, const Context& context, char axis) {
  auto parsed = detail::parse_length(text);
  return parsed ? user_units(*parsed, context, axis) : fallback;
}

double length(const RawElement& e, std::string_view name, double fallback, const Context& context,
              char axis) {
  const RawAttribute* a = e.attribute(name);
  return a ? user_units(a->value, fallback, context, axis) : fallback;
}

bool read_view_box(BuildState& state, const RawElement& root, model::ViewBox& box) {
  if (const RawAttribute* a = root.attribute("viewBox")) {
    auto numbers = detail::parse_number_list(a->value);
    if (numbers && numbers->size() == 4 && (*numbers)[2] > 0 && (*numbers)[3] > 0) {
      box = {(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]};
      return true;
    }
  }
  Context none;
  double w = length(root, "width", 0, none, 'w');
  double h = length(root, "height", 0, none, 'h');
  if (w > 0 && h > 0) {
    box = {0, 0, w, h};
    state.note("convert-structure", root, "viewBox taken from width and height");
    return true;
  }
  state.refuse(root, "the logo has neither a usable viewBox nor absolute width and height; its artboard is unknown");
  return false;
}

std::string aspect_mode(const RawElement& e) {
  const RawAttribute* par = e.attribute("preserveAspectRatio");
  return par ? trim_xml_space(par->value) : "xMidYMid meet";
}

geo::Matrix aspect_transform(const RawElement& e, const model::ViewBox& box, double width, double height) {
  double sx = width / box.width, sy = height / box.height;
  std::string mode = aspect_mode(e);
  if (mode == "none") return geo::Matrix{sx, 0, 0, sy, -box.x * sx, -box.y * sy};
  bool slice = mode.find("slice") != std::string::npos;
  double s = slice ? std::max(sx, sy) : std::min(sx, sy);
  double align_x = mode.find("xMin") != std::string::npos ? 0 : mode.find("xMax") != std::string::npos ? 1 : 0.5;
  double align_y = mode.find("YMin") != std::string::npos ? 0 : mode.find("YMax") != std::string::npos ? 1 : 0.5;
  double tx = (width - box.width * s) * align_x - box.x * s;
  double ty = (height - box.height * s) * align_y - box.y * s;
  return geo::Matrix{s, 0, 0, s, tx, ty};
}

bool overflow_hidden(const BuildState& state, std::size_t index) {
  auto overflow = state.own(index, "overflow");
  std::string shown = overflow ? trim_xml_space(*overflow) : "hidden";
  return shown != "visible" && shown != "auto";
}

geo::Matrix view_box_transform(const RawElement& e, double width, double height) {
  const RawAttribute* a = e.attribute("viewBox");
  if (!a) return {};
  auto numbers = detail::parse_number_list(a->value);
  if (!numbers || numbers->size() != 4 || (*numbers)[2] <= 0 || (*numbers)[3] <= 0) return {};
  return aspect_transform(e, {(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]}, width, height);
}

}  // namespace bimi::svgps::convert

namespace bimi::svgps::convert {
namespace {

bool absolute_but_not_pixels(const RawAttribute* a) {
  if (!a) return false;
  auto parsed = detail::parse_length(trim_xml_space(a->value));
  if (!parsed || parsed->value <= 0) return false;
  switch (parsed->unit) {
    case detail::LengthUnit::pt:
    case detail::LengthUnit::pc:
    case detail::LengthUnit::mm:
    case detail::LengthUnit::cm:
    case detail::LengthUnit::in: return true;
    default: return false;
  }
}

}  // namespace

std::optional<std::string> with_pixel_view_box(std::string_view text, const RawDocument& raw) {
  const RawElement& root = raw.root();
  if (root.attribute("viewBox")) return std::nullopt;
  const RawAttribute* width = root.attribute("width");
  const RawAttribute* height = root.attribute("height");
  if (!absolute_but_not_pixels(width) || !absolute_but_not_pixels(height)) return std::nullopt;
  auto at = root_start(text, raw);
  if (!at) return std::nullopt;
  Context none;
  char box[96];
  std::snprintf(box, sizeof box, " viewBox=\"0 0 %.17g %.17g\"", length(root, "width", 0, none, 'w'),
                length(root, "height", 0, none, 'h'));
  std::string framed(text);
  framed.insert(*at + 1 + root.qname.size(), box);
  return framed;
}

std::optional<std::size_t> root_start(std::string_view text, const RawDocument& raw) {
  const RawElement& root = raw.root();
  // The start tag's byte offset from its line and column (columns count characters).
  detail::SourceMap map(text);
  std::size_t at = map.line_start(root.location.line);
  for (int column = 1; column < root.location.column && at < text.size(); ++column) {
    do ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80);
  }
  std::string open = "<" + root.qname;
  if (text.compare(at, open.size(), open) != 0) return std::nullopt;
  return at;
}

}  // namespace bimi::svgps::convert
