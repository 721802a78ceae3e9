#include "convert/effect_trace.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <utility>

#include "bimi/svgps/render.hpp"
#include "model/writer.hpp"
#include "raster/alpha_bands.hpp"
#include "raster/trace.hpp"

namespace bimi::svgps::convert {

namespace {

// Properties a primitive or its children take from the cascade: written as computed, so the
// render sees what the original's did without its style sheets.
constexpr std::string_view cascaded[] = {"color-interpolation-filters", "flood-color", "flood-opacity",
                                         "lighting-color", "color"};

std::string number(double v) { return format_number(v, 6); }

std::string matrix(const geo::Matrix& m) {
  return "matrix(" + number(m.a) + " " + number(m.b) + " " + number(m.c) + " " + number(m.d) + " " + number(m.e) +
         " " + number(m.f) + ")";
}

// An element of the filter as written, its presentation properties as computed, its children
// (transfer functions, merge nodes, light sources) likewise.
void write_element(const BuildState& state, std::size_t index, int depth, std::string& out) {
  const RawElement& e = state.document.elements[index];
  out += "<" + e.local;
  for (const RawAttribute& a : e.attributes) {
    if (!a.ns.empty() || a.local == "style" || a.local == "class" || a.local == "id") continue;
    if (std::find(std::begin(cascaded), std::end(cascaded), a.local) != std::end(cascaded)) continue;
    out += " " + a.local + "=\"" + escape_xml(a.value) + "\"";
  }
  for (std::string_view name : cascaded) {
    if (auto value = state.property(index, name)) out += " " + std::string(name) + "=\"" + escape_xml(*value) + "\"";
  }
  out += ">";
  if (depth < 2) {
    for (std::size_t c : e.children) {
      if (state.document.elements[c].ns == detail::svg_namespace) write_element(state, c, depth + 1, out);
    }
  }
  out += "</" + e.local + ">";
}

std::string filter_markup(const BuildState& state, const EffectRender& effect) {
  const RawElement& f = state.document.elements[effect.filter];
  std::string out = "<filter id=\"bimi-effect\" filterUnits=\"userSpaceOnUse\" x=\"" + number(effect.x) + "\" y=\"" +
                    number(effect.y) + "\" width=\"" + number(effect.width) + "\" height=\"" +
                    number(effect.height) + "\"";
  if (const RawAttribute* units = f.attribute("primitiveUnits")) {
    out += " primitiveUnits=\"" + escape_xml(units->value) + "\"";
  }
  out += ">";
  for (std::size_t c : f.children) {
    const RawElement& p = state.document.elements[c];
    if (p.ns != detail::svg_namespace || p.local == "title" || p.local == "desc") continue;
    write_element(state, c, 1, out);
    if (c == effect.last) break;
  }
  return out + "</filter>";
}

}  // namespace

bool renderable_primitive(const BuildState& state, std::size_t primitive) {
  static const std::set<std::string, std::less<>> drawn = {
      "feBlend",          "feColorMatrix",     "feComponentTransfer", "feComposite",   "feConvolveMatrix",
      "feDiffuseLighting", "feDisplacementMap", "feDropShadow",        "feFlood",       "feGaussianBlur",
      "feMerge",          "feMorphology",      "feOffset",            "feSpecularLighting", "feTile",
      "feTurbulence"};
  const RawElement& p = state.document.elements[primitive];
  return p.ns == detail::svg_namespace && drawn.count(p.local) > 0;
}

std::optional<TracedEffect> trace_effect(BuildState& state, const model::Node& source, const EffectRender& effect,
                                         std::string& error) {
  if (++state.effect_renders > max_effect_renders) {
    error = "more than " + std::to_string(max_effect_renders) + " filter results to render in one logo";
    return std::nullopt;
  }
  auto undo = effect.user.inverse();
  const model::ViewBox& page = state.out.view_box;
  const double extent = std::max(effect.area.width(), effect.area.height());
  if (!undo || effect.area.empty() || !(extent > 0) || !std::isfinite(extent)) {
    error = "the filter region cannot be drawn";
    return std::nullopt;
  }
  // A square around the region, at the density of the whole logo drawn effect_trace_density wide.
  const double per_unit = effect_trace_density / std::max(page.width, page.height);
  const int size = static_cast<int>(std::clamp(std::ceil(extent * per_unit), 8.0, double(max_effect_trace_size)));
  model::Document alone;
  alone.view_box = {(effect.area.x0 + effect.area.x1 - extent) / 2, (effect.area.y0 + effect.area.y1 - extent) / 2,
                    extent, extent};
  alone.gradients = state.out.gradients;
  alone.root.children.push_back(source);
  std::string svg = write_document(alone, {6});
  // The drawing, already in document coordinates, is taken back into the element's user space,
  // where the filter applies (its region, blur radii and offsets are in those units).
  std::size_t open_end = svg.find(">\n");
  std::size_t close = svg.rfind("</svg>");
  if (open_end == std::string::npos || close == std::string::npos || close < open_end) {
    error = "the filter result could not be written";
    return std::nullopt;
  }
  svg.insert(close, "</g></g>\n");
  const bool functions = !effect.functions.empty();
  svg.insert(open_end + 2, (functions ? "" : "<defs>" + filter_markup(state, effect) + "</defs>") + "<g transform=\"" +
                               matrix(effect.user) + "\" filter=\"" +
                               (functions ? escape_xml(effect.functions) : std::string("url(#bimi-effect)")) +
                               "\"><g transform=\"" + matrix(*undo) + "\">\n");
  auto image = render_logo(svg, size, state.options.limits, error);
  if (!image) return std::nullopt;
  check_now(state.deadline());
  TracedEffect out;
  const double pixel = extent / size;
  out.to_document = geo::Matrix::translate(alone.view_box.x, alone.view_box.y) * geo::Matrix::scale(pixel, pixel);
  auto bands = raster::alpha_bands(*image);
  if (!bands) return out;  // nothing visible
  auto traced = raster::trace_layers(bands->indexed, {}, error, state.deadline());
  if (!traced) return std::nullopt;
  for (std::size_t i = 0; i < traced->group.children.size(); ++i) {
    model::Shape shape = std::move(*traced->group.children[i].shape);
    shape.fill.opacity = bands->opacity[traced->layers[i]];
    out.shapes.push_back(std::move(shape));
  }
  return out;
}

}  // namespace bimi::svgps::convert
