#include "convert/bounds.hpp"

#include "convert/shapes.hpp"
#include "convert/text_outline.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

void add_box(geo::Box& box, const geo::Box& more) {
  if (more.empty()) return;
  box.add({more.x0, more.y0});
  box.add({more.x1, more.y1});
}

}  // namespace

geo::Path box_path(const geo::Box& box) {
  return {{geo::Segment::move_to({box.x0, box.y0}), geo::Segment::line_to({box.x1, box.y0}),
           geo::Segment::line_to({box.x1, box.y1}), geo::Segment::line_to({box.x0, box.y1}), geo::Segment::close()}};
}

geo::Box local_bounds(BuildState& state, std::size_t index, int depth) {
  Context none;
  const RawElement& e = state.document.elements[index];
  auto path = shape_path(state, index, none);
  if (path) return geo::bounds(*path);
  geo::Box box;
  if (depth > 32) return box;
  if (e.is_svg("text")) {
    auto spans = outline_spans(state, index, none);
    for (const auto& span : spans.value_or(std::vector<std::pair<std::size_t, geo::Path>>{})) {
      add_box(box, geo::bounds(span.second));
    }
    return box;
  }
  if (e.is_svg("use")) {
    // In the space the use's x and y move the copy into, as the copy's effects are applied.
    auto target = state.href_target(e);
    if (!target) return box;
    geo::Box inner = local_bounds(state, *target, depth + 1);
    if (inner.empty()) return box;
    return geo::bounds(geo::transformed(box_path(inner), state.element_transform(state.document.elements[*target])));
  }
  for (std::size_t child : state.document.elements[index].children) {
    const RawElement& c = state.document.elements[child];
    if (c.ns != detail::svg_namespace || state.style(child).display_none) continue;
    auto p = shape_path(state, child, none);
    geo::Box b;
    if (p) {
      b = geo::bounds(geo::transformed(*p, state.element_transform(c)));
    } else if (c.is_svg("g") || c.is_svg("a") || c.is_svg("use") || c.is_svg("text")) {
      geo::Box inner = local_bounds(state, child, depth + 1);
      if (inner.empty()) continue;
      geo::Matrix m = state.element_transform(c);
      if (c.is_svg("use")) m = m * geo::Matrix::translate(length(c, "x", 0, none, 'w'), length(c, "y", 0, none, 'h'));
      b = geo::bounds(geo::transformed(box_path(inner), m));
    }
    add_box(box, b);
  }
  return box;
}

std::optional<geo::Matrix> bounding_box_units(BuildState& state, std::size_t element) {
  geo::Box box = local_bounds(state, element);
  if (box.empty() || box.width() <= 0 || box.height() <= 0) return std::nullopt;
  return geo::Matrix{box.width(), 0, 0, box.height(), box.x0, box.y0};
}

}  // namespace bimi::svgps::convert
