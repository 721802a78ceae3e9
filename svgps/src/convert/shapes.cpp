#include "convert/shapes.hpp"

#include <functional>
#include <utility>

#include "geometry/clip.hpp"
#include "geometry/curve_restore.hpp"
#include "geometry/path_data.hpp"
#include "geometry/shapes.hpp"
#include "geometry/stroke.hpp"
#include "svg/numbers.hpp"
#include "convert/clip_mask.hpp"
#include "convert/clipping.hpp"
#include "convert/gradient_mask.hpp"
#include "convert/markers.hpp"
#include "convert/paint_server.hpp"
#include "convert/pattern_fill.hpp"
#include "convert/stroke.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

// An opacity on a filled and stroked shape applies to the two as one picture (SVG 1.1 §14.5):
// where an opaque stroke covers the fill, only the stroke shows. With the fill cut away under the
// stroke, folding the opacity into both paints is exact.
struct FoldedOpacity {
  bool exact = true;                    // false: the stroke is translucent or either is a pattern
  std::optional<geo::FilledPath> fill;  // what the fill paints once cut, when both paint
};

FoldedOpacity fold_over_fill_and_stroke(BuildState& state, std::size_t index, const model::Shape& shape,
                                        const Context& context) {
  const RawElement& e = state.document.elements[index];
  if (pattern_paint(state, index, PaintProperty::fill) || pattern_paint(state, index, PaintProperty::stroke)) {
    return {false, std::nullopt};
  }
  Context alone = context;  // the paints without the opacity folded into them
  alone.opacity = 1;
  alone.gradient_mask = nullptr;
  const model::Paint paint = resolve_paint(state, index, PaintProperty::stroke, alone, shape.path);
  if (paint.kind == model::Paint::Kind::none) return {};
  if (resolve_paint(state, index, PaintProperty::fill, alone, shape.path).kind == model::Paint::Kind::none) return {};
  bool opaque = paint.opacity >= 1;
  if (opaque && paint.kind == model::Paint::Kind::gradient) {
    for (const auto& stop : state.out.gradients[paint.gradient].stops) opaque = opaque && stop.opacity >= 1;
  }
  if (!opaque) return {false, std::nullopt};
  auto stroke = read_stroke(state, index, paint, alone);
  if (!stroke) return {};
  const double tolerance = state.tolerance_under(context.ctm);
  auto outline = stroke_outline(state, e, *stroke, shape.path, tolerance);
  if (!outline) return {false, std::nullopt};
  geo::FilledPath fill{geo::subtract(shape.path, shape.fill_rule, *outline, geo::FillRule::nonzero, tolerance,
                                     state.deadline()),
                       geo::FillRule::nonzero};
  if (fill.path.segments.size() == shape.path.segments.size()) {
    fill = {shape.path, shape.fill_rule};  // untouched: subtract returns the fill as it was
  } else {
    const geo::Path edges = geo::stroke_edges(shape.path, stroke->width);
    fill.path = geo::restore_curves(fill.path, {&shape.path, &edges}, tolerance, state.deadline());
  }
  state.note("convert-opacity", e, "opacity on a filled and stroked shape folded into both, the fill cut away under the stroke");
  return {true, std::move(fill)};
}

bool has_radial_paint(const BuildState& state, const model::Shape& shape) {
  auto radial = [&](const model::Paint& p) {
    return p.kind == model::Paint::Kind::gradient &&
           state.out.gradients[p.gradient].kind == model::Gradient::Kind::radial;
  };
  return radial(shape.fill) || (shape.stroke && radial(shape.stroke->paint));
}

// Maps a shape's geometry, stroke and paint into document coordinates (exact for a conformal
// matrix, or for any matrix when there is neither a stroke nor a radial gradient).
void bake_shape(BuildState& state, model::Shape& shape, const geo::Matrix& m) {
  shape.path = geo::transformed(shape.path, m);
  if (shape.stroke) {
    double s = uniform_scale(m);
    shape.stroke->width *= s;
    for (double& d : shape.stroke->dashes) d *= s;
    shape.stroke->dash_offset *= s;
  }
  bake_paint_transform(state, shape.fill, m);
  if (shape.stroke) bake_paint_transform(state, shape.stroke->paint, m);
}

}  // namespace

std::optional<geo::Path> shape_path(BuildState& state, std::size_t index, const Context& context) {
  const RawElement& e = state.document.elements[index];
  const std::string& n = e.local;
  if (n == "path") {
    const RawAttribute* d = e.attribute("d");
    if (!d) return std::nullopt;
    auto parsed = geo::parse_path_data(d->value, max_path_segments);
    if (!parsed.complete) {
      state.note("convert-structure", e, "path data has an error (" + parsed.error + "); drawn up to it, as renderers do");
    }
    return std::move(parsed.path);
  }
  if (n == "rect") {
    std::optional<double> rx, ry;
    if (e.attribute("rx")) rx = length(e, "rx", 0, context, 'w');
    if (e.attribute("ry")) ry = length(e, "ry", 0, context, 'h');
    return geo::rect_path(length(e, "x", 0, context, 'w'), length(e, "y", 0, context, 'h'),
                          length(e, "width", 0, context, 'w'), length(e, "height", 0, context, 'h'), rx, ry);
  }
  if (n == "circle") {
    return geo::circle_path(length(e, "cx", 0, context, 'w'), length(e, "cy", 0, context, 'h'),
                            length(e, "r", 0, context, 'd'));
  }
  if (n == "ellipse") {
    // SVG 2 (and librsvg): a missing, empty or "auto" radius takes the other one's value.
    auto radius = [&](const char* name, char axis) -> std::optional<double> {
      const RawAttribute* a = e.attribute(name);
      if (!a || !detail::parse_length(a->value)) return std::nullopt;
      return length(e, name, 0, context, axis);
    };
    auto rx = radius("rx", 'w');
    auto ry = radius("ry", 'h');
    if (!rx && !ry) return std::nullopt;
    return geo::ellipse_path(length(e, "cx", 0, context, 'w'), length(e, "cy", 0, context, 'h'), rx.value_or(*ry),
                             ry.value_or(*rx));
  }
  if (n == "line") {
    return geo::line_path(length(e, "x1", 0, context, 'w'), length(e, "y1", 0, context, 'h'),
                          length(e, "x2", 0, context, 'w'), length(e, "y2", 0, context, 'h'));
  }
  if (n == "polyline" || n == "polygon") {
    const RawAttribute* points = e.attribute("points");
    if (!points) return std::nullopt;
    auto parsed = geo::parse_points(points->value, max_path_segments);
    return n == "polygon" ? geo::polygon_path(parsed.points) : geo::polyline_path(parsed.points);
  }
  return std::nullopt;
}

void place_shape(BuildState& state, const RawElement& e, model::Shape shape, const Context& context, model::Node& parent) {
  geo::Matrix m = context.ctm;
  auto stretched = [&](const model::Paint& p) {
    return p.kind == model::Paint::Kind::gradient && state.gradient_spaces.count(p.gradient) > 0;
  };
  if (shape.stroke && (stretched(shape.stroke->paint) || stretched(shape.fill))) {
    // A stretched gradient is drawn in its own space, which would distort a stroke: fill and
    // stroke become two shapes, and a stroke painted with the gradient is outlined here, in
    // the shape's own space, and painted as a fill.
    if (shape.fill.kind != model::Paint::Kind::none) {
      model::Shape fill = shape;
      fill.stroke.reset();
      place_shape(state, e, std::move(fill), context, parent);
    }
    model::Shape stroke = std::move(shape);
    stroke.fill.kind = model::Paint::Kind::none;
    if (stretched(stroke.stroke->paint)) {
      auto outline = stroke_outline(state, e, *stroke.stroke, stroke.path, state.tolerance_under(m));
      if (!outline) return;
      model::Shape outlined;
      outlined.fill = stroke.stroke->paint;
      outlined.path = std::move(*outline);
      stroke = std::move(outlined);
      state.note("convert-paint", e, "stroke painted with a stretched radial gradient outlined and filled");
    }
    place_shape(state, e, std::move(stroke), context, parent);
    return;
  }
  if (stretched(shape.fill)) {
    const geo::Matrix space = state.gradient_spaces.at(shape.fill.gradient);
    auto inverse = space.inverse();
    if (!inverse) return;
    shape.path = geo::transformed(shape.path, *inverse);
    for (model::Shape& part : clipped_parts(state, e, std::move(shape), context, m * space)) {
      model::Node node;
      node.transform = m * space;
      node.shape = std::move(part);
      parent.children.push_back(std::move(node));
    }
    return;
  }
  bool bake = is_conformal(m) || (!shape.stroke && !has_radial_paint(state, shape));
  if (bake) bake_shape(state, shape, m);
  for (model::Shape& part : clipped_parts(state, e, std::move(shape), context, bake ? std::optional<geo::Matrix>() : m)) {
    model::Node node;
    // A stroke outlined by a clip is a fill now, and a fill can be baked.
    if (!bake && !part.stroke && !has_radial_paint(state, part)) {
      bake_shape(state, part, m);
    } else if (!bake) {
      node.transform = m;
    }
    node.shape = std::move(part);
    parent.children.push_back(std::move(node));
  }
}

void place_in_paint_order(BuildState& state, std::size_t index, model::Shape shape, const Context& context, model::Node& parent) {
  const RawElement& e = state.document.elements[index];
  if (state.style(index).stroke_before_fill && shape.stroke && shape.fill.kind != model::Paint::Kind::none) {
    model::Shape under = shape;
    under.fill.kind = model::Paint::Kind::none;
    shape.stroke.reset();
    state.note("convert-paint", e, "paint-order with the stroke first written as two shapes");
    place_shape(state, e, std::move(under), context, parent);
  }
  place_shape(state, e, std::move(shape), context, parent);
}

void build_shape(BuildState& state, std::size_t index, model::Node& parent, const Context& outer) {
  bool folded = false;
  auto context = leaf_context(state, index, outer, "", &folded);
  if (!context) return;
  auto path = shape_path(state, index, *context);
  if (!path || path->empty() || !state.style(index).visible) return;
  model::Shape shape;
  shape.path = std::move(*path);
  shape.fill_rule = state.style(index).fill_rule;
  FoldedOpacity fold;
  if (folded && !(fold = fold_over_fill_and_stroke(state, index, shape, *context)).exact) {
    if (state.refused) return;
    state.approximate(state.document.elements[index],
                      "opacity on a filled and stroked shape folded into both; the fill shows under the stroke's inner half");
  }
  const geo::FilledPath* fill_area = fold.fill ? &*fold.fill : nullptr;
  const GradientMask* mask = context->gradient_mask;
  if (mask == outer.gradient_mask || !mask->per_region) {
    paint_with_markers(state, index, std::move(shape), *context, parent, fill_area);
    return;
  }
  // Its own mask over a fill and a stroke of other colours: painted once both are drawn.
  model::Node drawn;
  paint_with_markers(state, index, std::move(shape), *context, drawn, fill_area);
  finish_gradient_mask(state, drawn, *mask, state.document.elements[index]);
  if (!drawn.children.empty()) parent.children.push_back(std::move(drawn));
}

namespace {

// The fill and the stroke as two layers in paint order, with `between` drawn between them (the
// markers paint-order puts there). A layer painted with a pattern is its tiles cut to the area it
// paints; the other is a shape as usual. The fill paints `fill_area` when given (its paint still
// laid out on the shape's geometry).
void paint_in_layers(BuildState& state, std::size_t index, const model::Shape& shape, const Context& context,
                     model::Node& parent, const std::function<void()>& between, const geo::FilledPath* fill_area) {
  const RawElement& e = state.document.elements[index];
  const ElementStyle& style = state.style(index);
  auto fill_layer = [&] {
    if (auto pattern = pattern_paint(state, index, PaintProperty::fill)) {
      return draw_pattern(state, index, *pattern, {shape.path, shape.fill_rule}, style.fill_opacity, context, parent);
    }
    model::Shape fill = shape;
    fill.fill = resolve_paint(state, index, PaintProperty::fill, context, shape.path);
    fill.stroke.reset();
    if (fill_area) {
      fill.path = fill_area->path;
      fill.fill_rule = fill_area->rule;
      if (fill.path.empty()) return true;
    }
    if (fill.fill.kind != model::Paint::Kind::none) place_shape(state, e, std::move(fill), context, parent);
    return !state.refused;
  };
  auto stroke_layer = [&] {
    if (auto pattern = pattern_paint(state, index, PaintProperty::stroke)) {
      model::Paint solid;
      solid.kind = model::Paint::Kind::color;
      auto stroke = read_stroke(state, index, solid, context);
      if (!stroke) return !state.refused;
      auto outline = stroke_outline(state, e, *stroke, shape.path, state.tolerance_under(context.ctm));
      if (!outline) return !state.refused;
      return draw_pattern(state, index, *pattern, {std::move(*outline), geo::FillRule::nonzero}, style.stroke_opacity,
                          context, parent);
    }
    model::Shape stroke = shape;
    stroke.fill.kind = model::Paint::Kind::none;
    stroke.stroke = read_stroke(state, index, resolve_paint(state, index, PaintProperty::stroke, context, shape.path),
                                context);
    if (stroke.stroke) place_shape(state, e, std::move(stroke), context, parent);
    return !state.refused;
  };
  auto in_order = [&](auto& first, auto& second) {
    if (!first()) return;
    between();
    if (!state.refused) second();
  };
  if (style.stroke_before_fill) {
    in_order(stroke_layer, fill_layer);
  } else {
    in_order(fill_layer, stroke_layer);
  }
}

}  // namespace

void paint_with_markers(BuildState& state, std::size_t index, model::Shape shape, const Context& context,
                        model::Node& parent, const geo::FilledPath* fill_area) {
  const int markers_at = state.style(index).markers_at;
  if (markers_at == 1) {
    paint_in_layers(state, index, shape, context, parent, [&] { build_markers(state, index, context, parent); },
                    fill_area);
    return;
  }
  if (markers_at == 0) build_markers(state, index, context, parent);
  paint_and_place(state, index, std::move(shape), context, parent, fill_area);
  if (markers_at == 2) build_markers(state, index, context, parent);
}

void paint_and_place(BuildState& state, std::size_t index, model::Shape shape, const Context& context,
                     model::Node& parent, const geo::FilledPath* fill_area) {
  if (fill_area || pattern_paint(state, index, PaintProperty::fill) ||
      pattern_paint(state, index, PaintProperty::stroke)) {
    paint_in_layers(state, index, shape, context, parent, [] {}, fill_area);
    return;
  }
  shape.fill = resolve_paint(state, index, PaintProperty::fill, context, shape.path);
  auto stroke_paint = resolve_paint(state, index, PaintProperty::stroke, context, shape.path);
  shape.stroke = read_stroke(state, index, stroke_paint, context);
  // The fill of a shape with no width or no height (a straight line) covers nothing.
  if (!shape.stroke && (shape.fill.kind == model::Paint::Kind::none || !geo::bounds(shape.path).has_area())) return;
  place_in_paint_order(state, index, std::move(shape), context, parent);
}

}  // namespace bimi::svgps::convert
