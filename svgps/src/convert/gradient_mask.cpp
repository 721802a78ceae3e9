#include "convert/gradient_mask.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "geometry/clip.hpp"
#include "convert/bounds.hpp"
#include "convert/clip_mask.hpp"
#include "convert/flat_regions.hpp"
#include "convert/paint_server.hpp"
#include "convert/shapes.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

// Stops added between two stops whose grey and opacity both change: the mask's value is then
// their product, a parabola, which this many straight pieces follow within 1/256.
constexpr int parabola_pieces = 8;

bool is_shape(const RawElement& e) {
  static const std::set<std::string, std::less<>> shapes = {"path", "rect", "circle", "ellipse",
                                                            "line", "polyline", "polygon"};
  return shapes.count(e.local) > 0;
}

// Elements that draw something other than shapes and groups (or draw them through another element).
bool draws_otherwise(const RawElement& e) {
  static const std::set<std::string, std::less<>> others = {"a", "use", "image", "svg", "switch", "text", "textArea",
                                                            "foreignObject", "video", "audio", "animation"};
  return others.count(e.local) > 0;
}

// An effect set on the element itself that changes what it paints.
bool has_own_effect(const BuildState& state, std::size_t index, bool clips_too, bool opacity_too = true) {
  if (opacity_too && state.style(index).opacity < 1) return true;
  for (const char* effect : {"filter", "mask", "mix-blend-mode", "clip-path"}) {
    if (!clips_too && std::string_view(effect) == "clip-path") continue;
    auto value = state.own(index, effect);
    if (value && trim_xml_space(*value) != "none" && trim_xml_space(*value) != "normal") return true;
  }
  return false;
}

bool no_stroke(const ElementStyle& style) { return !style.stroke.url && style.stroke.color.kind == ColorValue::Kind::none; }

// What the masked element draws, as the mask's gradient can take it.
enum class MaskedContent {
  other,         // a gradient, an image, text, a <use>, an effect within: the mask is read otherwise
  one_colour,    // shapes of one colour and opacity, no stroke: the colour becomes the gradient
  flat_colours,  // flat fills and strokes of several colours: cut into regions (per_region)
};

// Shapes under a mask painted with a gradient, at most: each is a layer the regions are cut from.
constexpr std::size_t max_masked_shapes = 256;

// Overlapping translucent shapes of one colour would show their overlap under one gradient, so
// a translucent colour is one_colour for one shape only; otherwise they are flat_colours too.
MaskedContent masked_content(const BuildState& state, std::size_t masked) {
  std::optional<model::Rgb> colour;
  double opacity = 0;
  std::size_t shapes = 0;
  bool several = false;
  auto flat = [](const ColorValue& c) { return c.kind != ColorValue::Kind::invalid; };
  std::vector<std::size_t> stack{masked};
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    const RawElement& e = state.document.elements[i];
    if (e.ns != detail::svg_namespace || state.style(i).display_none) continue;
    // A filled shape's own opacity folds into its fill-opacity exactly (fold_opacity).
    bool faded_fill = is_shape(e) && no_stroke(state.style(i));
    if (i != masked && has_own_effect(state, i, false, !faded_fill)) return MaskedContent::other;
    if (e.is_svg("g") || e.is_svg("a")) {
      stack.insert(stack.end(), e.children.begin(), e.children.end());
      continue;
    }
    if (draws_otherwise(e)) return MaskedContent::other;
    if (!is_shape(e) || !state.style(i).visible) continue;
    const ElementStyle& style = state.style(i);
    if (style.fill.url || style.stroke.url || !flat(style.fill.color) || !flat(style.stroke.color)) {
      return MaskedContent::other;
    }
    if (++shapes > max_masked_shapes) return MaskedContent::other;
    several = several || !no_stroke(style);
    if (style.fill.color.kind == ColorValue::Kind::none) continue;
    const style::Color& c = style.fill.color.color;
    model::Rgb rgb{c.r, c.g, c.b};
    double alpha = clamp01(c.alpha * style.fill_opacity * (i != masked ? style.opacity : 1.0));
    several = several || (colour && (*colour != rgb || opacity != alpha));
    colour = rgb;
    opacity = alpha;
  }
  if (!colour && !several) return MaskedContent::other;
  if (!several && (shapes == 1 || opacity == 1)) return MaskedContent::one_colour;
  return MaskedContent::flat_colours;
}

// The mask's one shape, and the matrix from its user space to the masked element's.
struct MaskShape {
  std::size_t element;
  geo::Matrix placement;
};

std::optional<MaskShape> single_mask_shape(BuildState& state, std::size_t mask_index, std::size_t masked) {
  geo::Matrix units;
  if (const RawAttribute* a = state.document.elements[mask_index].attribute("maskContentUnits");
      a && trim_xml_space(a->value) == "objectBoundingBox") {
    auto box = bounding_box_units(state, masked);
    if (!box) return std::nullopt;
    units = *box;
  }
  std::optional<MaskShape> found;
  std::vector<std::pair<std::size_t, geo::Matrix>> stack;
  for (auto it = state.document.elements[mask_index].children.rbegin();
       it != state.document.elements[mask_index].children.rend(); ++it) {
    stack.push_back({*it, units});
  }
  while (!stack.empty()) {
    auto [i, m] = stack.back();
    stack.pop_back();
    const RawElement& e = state.document.elements[i];
    if (e.ns != detail::svg_namespace || state.style(i).display_none) continue;
    if (has_own_effect(state, i, true)) return std::nullopt;
    geo::Matrix placement = m * state.element_transform(e);
    if (e.is_svg("g")) {
      for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) stack.push_back({*it, placement});
      continue;
    }
    if (draws_otherwise(e)) return std::nullopt;
    if (!is_shape(e) || !state.style(i).visible) continue;
    if (found) return std::nullopt;  // two shapes: their values would overlap
    found = MaskShape{i, placement};
  }
  return found;
}

// A stop colour's luminance: sRGB with the coefficients librsvg uses for a luminance mask (as
// clip_mask.cpp computes it), in whole numbers first so that white is exactly 1.
double luminance(const model::Rgb& c) { return (2125 * c.r + 7154 * c.g + 721 * c.b) / (10000 * 255.0); }

// The stops as mask values (in `opacity`): luminance times opacity, or opacity alone for an
// alpha mask, times `scale`. Where grey and opacity change together, renderers interpolate both
// and the value is their product, a parabola, which added stops follow.
std::vector<model::GradientStop> mask_values(const std::vector<model::GradientStop>& stops, bool alpha, double scale) {
  auto grey = [&](const model::GradientStop& s) { return alpha ? 1.0 : luminance(s.color); };
  std::vector<model::GradientStop> values;
  for (std::size_t i = 0; i < stops.size(); ++i) {
    const model::GradientStop& s = stops[i];
    if (i > 0) {
      const model::GradientStop& p = stops[i - 1];
      if (s.offset > p.offset && grey(p) != grey(s) && p.opacity != s.opacity) {
        for (int k = 1; k < parabola_pieces; ++k) {
          double t = static_cast<double>(k) / parabola_pieces;
          model::GradientStop mid;
          mid.offset = p.offset + (s.offset - p.offset) * t;
          mid.opacity = clamp01(scale * (grey(p) + (grey(s) - grey(p)) * t) * (p.opacity + (s.opacity - p.opacity) * t));
          values.push_back(mid);
        }
      }
    }
    model::GradientStop v;
    v.offset = s.offset;
    v.opacity = clamp01(scale * grey(s) * s.opacity);
    values.push_back(v);
  }
  return values;
}

}  // namespace

GradientMaskResult apply_gradient_mask(BuildState& state, std::size_t masked, std::size_t mask_index, Context& context) {
  // A filter or a blend mode is evaluated around the masked drawing; a mask inside another
  // gradient mask would multiply two gradients.
  auto set = [&](const char* property) {
    auto value = state.own(masked, property);
    return value && trim_xml_space(*value) != "none" && trim_xml_space(*value) != "normal";
  };
  if (context.gradient_mask || set("filter") || set("mix-blend-mode")) return GradientMaskResult::declined;
  auto shape = single_mask_shape(state, mask_index, masked);
  if (!shape) return GradientMaskResult::declined;
  const ElementStyle& style = state.style(shape->element);
  if (!style.fill.url || !no_stroke(style)) return GradientMaskResult::declined;
  auto server = state.ids.find(*style.fill.url);
  if (server == state.ids.end()) return GradientMaskResult::declined;
  const RawElement& gradient_element = state.document.elements[server->second];
  if (!gradient_element.is_svg("linearGradient") && !gradient_element.is_svg("radialGradient")) {
    return GradientMaskResult::declined;
  }
  MaskedContent content = masked_content(state, masked);
  if (content == MaskedContent::other) return GradientMaskResult::declined;
  const RawElement& shape_element = state.document.elements[shape->element];
  auto path = shape_path(state, shape->element, context);
  if (!path || path->empty()) return GradientMaskResult::declined;
  auto read = read_gradient(state, server->second, *path, shape_element, false);
  if (!read || !read->exact) return GradientMaskResult::declined;
  note_turned_gradient(state, server->second, shape_element, context.ctm * shape->placement);

  auto mask = std::make_unique<GradientMask>();
  mask->values = read->gradient;
  mask->values.stops = mask_values(read->gradient.stops, is_alpha_mask(state, mask_index), clamp01(style.fill_opacity));
  mask->to_document = context.ctm * shape->placement * read->to_user;
  const RawElement& e = state.document.elements[masked];
  bool drawn = std::any_of(mask->values.stops.begin(), mask->values.stops.end(),
                           [](const model::GradientStop& s) { return s.opacity > 0; });
  // Outside its shape (and its region) a mask's value is 0.
  std::vector<geo::FilledPath> pieces;
  pieces.push_back({geo::transformed(*path, shape->placement), style.fill_rule});
  const Clip* clip = drawn ? mask_clip(state, mask_index, masked, context, std::move(pieces)) : nullptr;
  if (!clip || clip->box.empty()) {
    state.note("convert-clip", e, tag(e) + " is masked away entirely; removed");
    return GradientMaskResult::hidden;
  }
  context.clips.push_back(clip);
  const RawAttribute* id = state.document.elements[mask_index].attribute("id");
  std::string kind = gradient_element.is_svg("linearGradient") ? "linear" : "radial";
  mask->what = "mask #" + (id ? id->value : std::string()) + " (" + kind + " gradient)";
  if (content == MaskedContent::flat_colours) {
    // The regions are disjoint (finish_gradient_mask), so a group opacity is exact on each.
    mask->per_region = true;
    mask->group_opacity = std::exchange(context.isolated_opacity, 1.0);
  } else {
    // Overlapping shapes are joined (join_masked_overlaps), so a group opacity is exact on each.
    context.opacity *= std::exchange(context.isolated_opacity, 1.0);
    state.note("convert-clip", e, mask->what + " became the fill's stop-opacity");
  }
  context.gradient_mask = mask.get();
  state.gradient_masks.push_back(std::move(mask));
  return GradientMaskResult::applied;
}

namespace {

// Content of several flat colours: the drawing cut into disjoint regions of one composited
// colour (flat_regions.hpp), those of one colour joined so that no seam shows between them, and
// each painted with the mask's gradient in its colour.
void paint_regions(BuildState& state, model::Node& drawn, const GradientMask& mask, const RawElement& e) {
  FlatRegions flat(state, e);
  std::vector<Layer> layers;
  if (!flat.collect(drawn, geo::Matrix{}, false, nullptr, layers)) return;
  std::vector<Region> regions;
  if (auto reason = flat.composite(layers, regions)) {
    state.refuse_or_drop(e, mask.what + " over several colours " + *reason);
    return;  // with --force the content stays drawn, clipped to the mask, without its fade
  }
  ColourParts by_colour;
  for (Region& region : regions) {
    if (region.colour.a > 0) add_part(by_colour, region.colour, std::move(region.path));
  }
  std::vector<const geo::Path*> sources = curve_sources(layers);
  model::Node painted;
  for (auto& [colour, paths] : by_colour) {
    geo::Path path = join_parts(state, std::move(paths), sources, flat.tolerance());
    model::Paint fill;
    fill.kind = model::Paint::Kind::color;
    fill.color = to_rgb(colour);
    fill.opacity = clamp01(colour.a * mask.group_opacity);
    // The regions are in document coordinates: the groups above them carry no transform.
    fill = masked_fill(state, mask, fill, geo::Matrix{}, e);
    // place_shape draws a stretched radial gradient in its own space.
    place_shape(state, e, model::Shape{std::move(path), geo::FillRule::nonzero, fill, std::nullopt}, Context{}, painted);
  }
  drawn.shape.reset();
  drawn.children = std::move(painted.children);
  std::size_t count = drawn.children.size();
  state.note("convert-clip", e,
             mask.what + " over several colours became the stop-opacity of " + std::to_string(count) +
                 " region" + (count == 1 ? "" : "s") + " of one colour each");
}

}  // namespace

void finish_gradient_mask(BuildState& state, model::Node& drawn, const GradientMask& mask, const RawElement& e) {
  if (mask.per_region) {
    paint_regions(state, drawn, mask, e);
  } else {
    join_masked_overlaps(state, drawn, e);
  }
}

void join_masked_overlaps(BuildState& state, model::Node& group, const RawElement& e) {
  struct Leaf {
    model::Node* node;
    geo::Matrix space;  // the leaf's coordinates to the group's
    geo::Box box;       // in the group's coordinates
  };
  std::vector<Leaf> leaves;
  std::vector<std::pair<model::Node*, geo::Matrix>> stack{{&group, geo::Matrix{}}};
  while (!stack.empty()) {
    auto [node, outer] = stack.back();
    stack.pop_back();
    geo::Matrix space = outer * node->transform;
    if (node->shape) {
      leaves.push_back({node, space, geo::bounds(geo::transformed(node->shape->path, space))});
      continue;
    }
    for (auto it = node->children.rbegin(); it != node->children.rend(); ++it) stack.push_back({&*it, space});
  }
  auto overlap = [](const geo::Box& a, const geo::Box& b) {
    return !a.empty() && !b.empty() && a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  };
  // Leaves in one space that overlap become one shape (the first's node); they all paint the same.
  std::vector<bool> joined(leaves.size(), false);
  bool exact = true;
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (joined[i]) continue;
    std::vector<std::size_t> same_space{i};
    bool overlapping = false;
    for (std::size_t j = i + 1; j < leaves.size(); ++j) {
      check(state.deadline());
      if (joined[j]) continue;
      if (leaves[j].space == leaves[i].space) {
        same_space.push_back(j);
        continue;
      }
      for (std::size_t k : same_space) exact = exact && !overlap(leaves[k].box, leaves[j].box);
    }
    for (std::size_t a = 0; a < same_space.size() && !overlapping; ++a) {
      for (std::size_t b = a + 1; b < same_space.size() && !overlapping; ++b) {
        overlapping = overlap(leaves[same_space[a]].box, leaves[same_space[b]].box);
      }
    }
    for (std::size_t k : same_space) joined[k] = true;
    if (!overlapping) continue;
    std::vector<geo::FilledPath> pieces;
    for (std::size_t k : same_space) {
      model::Shape& shape = *leaves[k].node->shape;
      pieces.push_back({std::move(shape.path), shape.fill_rule});
      if (k != i) shape.fill.kind = model::Paint::Kind::none;
    }
    model::Shape& first = *leaves[i].node->shape;
    first.path = geo::unite(pieces, state.tolerance_under(leaves[i].space), state.deadline());
    first.fill_rule = geo::FillRule::nonzero;
  }
  std::function<void(model::Node&)> prune = [&](model::Node& node) {
    for (auto& child : node.children) prune(child);
    std::erase_if(node.children, [](const model::Node& c) {
      return c.shape ? c.shape->fill.kind == model::Paint::Kind::none && !c.shape->stroke : c.children.empty();
    });
  };
  prune(group);
  if (!exact) state.approximate(e, "overlapping shapes under a gradient mask: where they overlap, the fade shows twice");
}

model::Paint masked_fill(BuildState& state, const GradientMask& mask, model::Paint fill, const geo::Matrix& ctm,
                         const RawElement& user) {
  if (fill.kind != model::Paint::Kind::color) return fill;
  auto from_document = ctm.inverse();
  if (!from_document) return fill;
  model::Gradient gradient = mask.values;
  for (model::GradientStop& stop : gradient.stops) {
    stop.color = fill.color;
    stop.opacity = clamp01(fill.opacity * stop.opacity);
  }
  if (std::all_of(gradient.stops.begin(), gradient.stops.end(),
                  [&](const model::GradientStop& s) { return s.opacity == gradient.stops.front().opacity; })) {
    fill.opacity = gradient.stops.front().opacity;  // a uniform mask is an opacity
    return fill;
  }
  auto [placed, space] = place_gradient(state, std::move(gradient), *from_document * mask.to_document, user);
  state.out.gradients.push_back(std::move(placed));
  fill.kind = model::Paint::Kind::gradient;
  fill.gradient = state.out.gradients.size() - 1;
  fill.opacity = 1;
  if (space) state.gradient_spaces[fill.gradient] = *space;
  return fill;
}

}  // namespace bimi::svgps::convert
