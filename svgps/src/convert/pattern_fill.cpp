#include "convert/pattern_fill.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "convert/bounds.hpp"
#include "convert/clip_mask.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"
#include "geometry/transform.hpp"
#include "svg/numbers.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::convert {
namespace {

// Bounds on the work one painted shape can ask for (docs/limits.md): each tile draws the
// pattern's content again.
constexpr std::size_t max_tiles = 4096;
// The pattern and the patterns its href names, nearest first: each attribute, and the content,
// come from the first that has them (SVG 1.1 §13.3). The chain ends at an element that is not a
// pattern.
std::vector<std::size_t> pattern_chain(const BuildState& state, std::size_t pattern) {
  std::vector<std::size_t> chain = state.href_chain(pattern);
  auto other = std::find_if(chain.begin(), chain.end(),
                            [&](std::size_t i) { return !state.document.elements[i].is_svg("pattern"); });
  chain.erase(other, chain.end());
  return chain;
}

// The pattern in the chain that carries `name`, if any.
const RawElement* carrier(const BuildState& state, const std::vector<std::size_t>& chain, std::string_view name) {
  for (std::size_t p : chain) {
    const RawElement& e = state.document.elements[p];
    if (e.attribute(name)) return &e;
  }
  return nullptr;
}

std::string inherited(const BuildState& state, const std::vector<std::size_t>& chain, std::string_view name) {
  const RawElement* e = carrier(state, chain, name);
  return e ? trim_xml_space(e->attribute(name)->value) : std::string();
}

// The first pattern in the chain with drawable children.
std::optional<std::size_t> content_of(const BuildState& state, const std::vector<std::size_t>& chain) {
  for (std::size_t p : chain) {
    for (std::size_t c : state.document.elements[p].children) {
      const RawElement& child = state.document.elements[c];
      if (child.ns == detail::svg_namespace && child.local != "title" && child.local != "desc") return p;
    }
  }
  return std::nullopt;
}

// x, y, width or height in objectBoundingBox units: a number or a percentage of the box.
double fraction(const BuildState& state, const std::vector<std::size_t>& chain, std::string_view name) {
  const RawElement* e = carrier(state, chain, name);
  if (!e) return 0;
  auto l = detail::parse_length(e->attribute(name)->value);
  if (!l) return 0;
  if (l->unit == detail::LengthUnit::percent) return l->value / 100;
  return l->unit == detail::LengthUnit::none ? l->value : 0;
}

}  // namespace

bool pattern_lacks_box(BuildState& state, std::size_t pattern, std::size_t element) {
  const std::vector<std::size_t> chain = pattern_chain(state, pattern);
  const bool needs_box = inherited(state, chain, "patternUnits") != "userSpaceOnUse" ||
                         inherited(state, chain, "patternContentUnits") == "objectBoundingBox";
  return needs_box && !local_bounds(state, element).has_area();
}

std::optional<std::size_t> pattern_paint(BuildState& state, std::size_t index, PaintProperty property) {
  const ElementStyle& style = state.style(index);
  const PaintValue& value = property == PaintProperty::fill ? style.fill : style.stroke;
  if (!value.url || value.url->empty()) return std::nullopt;
  auto it = state.ids.find(*value.url);
  if (it == state.ids.end() || !state.document.elements[it->second].is_svg("pattern")) return std::nullopt;
  if (pattern_lacks_box(state, it->second, index)) return std::nullopt;
  return it->second;
}

bool draw_pattern(BuildState& state, std::size_t index, std::size_t pattern, geo::FilledPath area, double opacity,
                  const Context& context, model::Node& parent) {
  const RawElement& e = state.document.elements[index];
  const RawElement& p = state.document.elements[pattern];
  // A pattern whose content paints with the same pattern: the inner use paints nothing.
  if (std::find(state.patterns_drawn.begin(), state.patterns_drawn.end(), pattern) != state.patterns_drawn.end()) {
    return true;
  }
  const std::vector<std::size_t> chain = pattern_chain(state, pattern);
  const std::optional<std::size_t> content = content_of(state, chain);
  if (!content) return true;  // no content: the pattern paints nothing
  const geo::Box box = local_bounds(state, index);
  const bool box_units = inherited(state, chain, "patternUnits") != "userSpaceOnUse";
  const bool box_content = inherited(state, chain, "patternContentUnits") == "objectBoundingBox";
  if ((box_units || box_content) && !box.has_area()) return true;  // no box: nothing to tile
  // The tile: x, y, width and height in patternUnits.
  double x = 0, y = 0, width = 0, height = 0;
  if (box_units) {
    x = box.x0 + fraction(state, chain, "x") * box.width();
    y = box.y0 + fraction(state, chain, "y") * box.height();
    width = fraction(state, chain, "width") * box.width();
    height = fraction(state, chain, "height") * box.height();
  } else {
    auto user = [&](std::string_view name, char axis) {
      const RawElement* c = carrier(state, chain, name);
      return c ? length(*c, name, 0, context, axis) : 0.0;
    };
    x = user("x", 'w');
    y = user("y", 'h');
    width = user("width", 'w');
    height = user("height", 'h');
  }
  if (!(width > 0 && height > 0) || !std::isfinite(x + y + width + height)) return true;  // a tile of no area
  geo::Matrix placed;
  if (std::string text = inherited(state, chain, "patternTransform"); !text.empty()) {
    if (auto m = geo::parse_transform(text)) placed = *m;
  }
  auto into_pattern = placed.inverse();
  if (!into_pattern) return true;
  // The content in a tile: its viewBox fitted to the tile, else objectBoundingBox content units
  // scale it by the box (its x and y are not added, as librsvg and resvg draw it).
  geo::Matrix inside;
  if (const RawElement* v = carrier(state, chain, "viewBox")) {
    auto numbers = detail::parse_number_list(v->attribute("viewBox")->value);
    if (numbers && numbers->size() == 4) {
      if (!((*numbers)[2] > 0 && (*numbers)[3] > 0)) return true;
      const RawElement* aspect = carrier(state, chain, "preserveAspectRatio");
      inside = aspect_transform(aspect ? *aspect : *v, {(*numbers)[0], (*numbers)[1], (*numbers)[2], (*numbers)[3]},
                                width, height);
    }
  } else if (box_content) {
    inside = geo::Matrix::scale(box.width(), box.height());
  }
  // The tiles that meet the area.
  const geo::Box covered = geo::bounds(geo::transformed(area.path, *into_pattern));
  if (covered.empty()) return true;
  const double first_column = std::floor((covered.x0 - x) / width), last_column = std::ceil((covered.x1 - x) / width);
  const double first_row = std::floor((covered.y0 - y) / height), last_row = std::ceil((covered.y1 - y) / height);
  const double tiles = (last_column - first_column) * (last_row - first_row);
  if (!(tiles <= static_cast<double>(max_tiles))) {
    return state.refuse_or_drop(e, "a pattern fill of more than " + std::to_string(max_tiles) + " tiles");
  }
  // Content that stays inside its tile needs no cut there: adjoining tiles then meet without the
  // anti-aliased seams two cuts leave.
  const geo::Box drawn_box = geo::bounds(geo::transformed(box_path(local_bounds(state, *content)), inside));
  const double slack = 1e-9 * std::max(width, height);
  const bool overflows = drawn_box.empty() || drawn_box.x0 < -slack || drawn_box.y0 < -slack ||
                         drawn_box.x1 > width + slack || drawn_box.y1 > height + slack;
  Context base = context;
  base.opacity *= opacity;
  clip_to_area(state, std::move(area), base);
  std::size_t drawn = 0;
  state.patterns_drawn.push_back(pattern);
  for (double row = first_row; row < last_row; ++row) {
    for (double column = first_column; column < last_column; ++column) {
      if (++state.use_instances > state.options.limits.max_use_instances) {
        state.patterns_drawn.pop_back();
        state.refuse(e, "pattern tiles repeat too much to draw (each is drawn as shapes)");
        return false;
      }
      Context tile = base;
      tile.ctm = context.ctm * placed * geo::Matrix::translate(x + column * width, y + row * height);
      if (overflows && !clip_to_viewport(state, 0, 0, width, height, tile)) continue;
      tile.ctm = tile.ctm * inside;
      tile.viewport_width = width;
      tile.viewport_height = height;
      build_children(state, *content, parent, tile);
      if (state.refused) {
        state.patterns_drawn.pop_back();
        return false;
      }
      ++drawn;
    }
  }
  state.patterns_drawn.pop_back();
  if (drawn > 0) {
    std::string id = p.attribute("id") ? p.attribute("id")->value : std::string();
    state.note("convert-paint", e,
               "pattern #" + id + " drawn as " + std::to_string(drawn) + (drawn == 1 ? " tile" : " tiles") +
                   " cut to the shape (the output has no patterns); librsvg draws a pattern from its tile rendered "
                   "to whole pixels and resampled, browsers at its exact size, so the original draws differently in "
                   "each by up to a pixel at every tile's edges; the output follows browsers");
  }
  return true;
}

}  // namespace bimi::svgps::convert
