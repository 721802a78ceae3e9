#include "convert/clip_mask.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <set>

#include "geometry/clip.hpp"
#include "geometry/shapes.hpp"
#include "style/color.hpp"
#include "svg/numbers.hpp"
#include "convert/bounds.hpp"
#include "convert/flat_regions.hpp"
#include "convert/gradient_mask.hpp"
#include "convert/opacity.hpp"
#include "convert/paint_server.hpp"
#include "convert/shapes.hpp"
#include "convert/stroke.hpp"
#include "convert/text_outline.hpp"
#include "convert/units_viewport.hpp"
#include "convert/use_expansion.hpp"

namespace bimi::svgps::convert {

namespace {

// librsvg (2.54) lays objectBoundingBox units on a rotated or skewed element out on the
// page-aligned box around it; browsers, as SVG 1.1 §7.11 says, on the element's own box. The
// original then draws differently in each, which a fidelity refusal should say (what_to_try).
void note_turned_box(BuildState& state, const RawElement& at, const Context& context, const char* what) {
  if (!turns(context.ctm)) return;
  state.note("convert-clip", at,
             std::string(what) + " in objectBoundingBox units on a rotated or skewed element: librsvg lays it on the " +
                 "page-aligned box around the element, browsers on the element's own box, so the original draws " +
                 "differently in each; the output follows browsers");
}

// A clipPath's own transform with objectBoundingBox units: librsvg (2.54) applies it inside the
// box (a translate of 0.5 moves half the box), browsers in the clipped element's user space (half
// a unit). Where the two orders place the clip apart the original draws differently in each.
void note_transform_in_box(BuildState& state, const RawElement& clip, const geo::Matrix& transform,
                           const geo::Matrix& box) {
  const geo::Matrix browsers = transform * box, librsvg = box * transform;
  const double size = std::fabs(box.a) + std::fabs(box.d);
  const std::array<double, 6> x = {browsers.a, browsers.b, browsers.c, browsers.d, browsers.e, browsers.f},
                              y = {librsvg.a, librsvg.b, librsvg.c, librsvg.d, librsvg.e, librsvg.f};
  bool apart = false;
  for (std::size_t i = 0; i < x.size(); ++i) apart = apart || std::fabs(x[i] - y[i]) > 1e-6 * (1 + size);
  if (!apart) return;
  state.note("convert-clip", clip,
             "a clipPath's transform with objectBoundingBox units: librsvg applies it inside the box, browsers in "
             "the element's user space, so the original draws differently in each; the output follows browsers");
}

// A clipPath of several overlapping shapes: librsvg (2.54) clips with their outlines as one path
// under the last shape's clip-rule, so overlaps can cancel out (opposite windings, evenodd);
// browsers, as SVG 1.1 §14.3.5 says, with the union of each shape under its own rule. Where the
// two regions differ the original draws differently in each.
// `browsers` is the union unite_pieces made of them.
void note_combined_clip(BuildState& state, const RawElement& clip, const std::vector<geo::FilledPath>& pieces,
                        const geo::Path& browsers, double tolerance) {
  if (pieces.size() < 2) return;
  bool overlap = false;
  std::vector<geo::Box> boxes;
  for (const auto& piece : pieces) boxes.push_back(geo::bounds(piece.path));
  for (std::size_t i = 0; !overlap && i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; !overlap && j < boxes.size(); ++j) overlap = boxes_overlap(boxes[i], boxes[j]);
  }
  if (!overlap) return;
  geo::FilledPath combined{{}, pieces.back().rule};
  for (const auto& piece : pieces) {
    combined.path.segments.insert(combined.path.segments.end(), piece.path.segments.begin(), piece.path.segments.end());
  }
  const geo::Path librsvg = geo::unite({combined}, tolerance, state.deadline());
  const auto nonzero = geo::FillRule::nonzero;
  const double apart =
      geo::filled_area(geo::subtract(browsers, nonzero, librsvg, nonzero, tolerance, state.deadline()), tolerance) +
      geo::filled_area(geo::subtract(librsvg, nonzero, browsers, nonzero, tolerance, state.deadline()), tolerance);
  if (!(apart > 1e-3 * geo::filled_area(browsers, tolerance))) return;
  state.note("convert-clip", clip,
             "the clipPath's shapes overlap: librsvg clips with their outlines as one path under the last one's "
             "clip-rule, browsers with the union of each under its own, so the original draws differently in "
             "each; the output follows browsers");
}

// One shape a clipPath or a mask draws. Its style is `element`'s (a <use> copy's styles are in
// force while it is visited); `path` is in the element's user space, which `placement` maps to
// the user space of the clipped or masked element.
struct ContentShape {
  std::size_t element;
  const geo::Path& path;
  geo::Matrix placement;
  bool text = false;  // outlines of a text span: filled with nonzero whatever the rules say
  const std::vector<std::size_t>& around;  // the groups and <use>s it is drawn through
};

using ContentVisitor = std::function<bool(const ContentShape&)>;

bool is_drawing_element(const RawElement& e) {
  static const std::set<std::string, std::less<>> drawing = {"image", "svg", "symbol", "switch", "foreignObject",
                                                             "a", "video", "animation", "textArea"};
  return drawing.count(e.local) > 0;
}

bool visit_children(BuildState& state, std::size_t container, const geo::Matrix& m, const Context& context,
                    bool groups, const ContentVisitor& visit, int depth, std::vector<std::size_t>& around);
bool visit_content_element(BuildState& state, std::size_t index, const geo::Matrix& m, const Context& context,
                           bool groups, const ContentVisitor& visit, int depth, std::vector<std::size_t>& around);

// Visits what the children of a clipPath or mask draw: shapes, text spans, shapes drawn by
// <use>, and (in a mask only: `groups`) groups. False when something there is refused.
bool visit_content(BuildState& state, std::size_t container, const geo::Matrix& m, const Context& context, bool groups,
                   const ContentVisitor& visit, int depth = 0) {
  std::vector<std::size_t> around;
  return visit_children(state, container, m, context, groups, visit, depth, around);
}

bool visit_children(BuildState& state, std::size_t container, const geo::Matrix& m, const Context& context, bool groups,
                    const ContentVisitor& visit, int depth, std::vector<std::size_t>& around) {
  for (std::size_t child : state.document.elements[container].children) {
    const RawElement& c = state.document.elements[child];
    if (c.ns != detail::svg_namespace || state.style(child).display_none) continue;
    if (!c.is_svg("use")) {
      if (!visit_content_element(state, child, m, context, groups, visit, depth, around)) return false;
      continue;
    }
    auto target = state.href_target(c);
    if (!target) continue;
    if (depth > 32) {
      state.refuse(c, "<use> references nest too deeply to inline");
      return false;
    }
    geo::Matrix placement = m * state.element_transform(c) *
                            geo::Matrix::translate(length(c, "x", 0, context, 'w'), length(c, "y", 0, context, 'h'));
    bool group = state.document.elements[*target].is_svg("g");
    if (group && !groups) {
      // SVG 1.1 §14.3.5: a <use> in a clipPath must name a shape or text directly; librsvg and
      // browsers draw nothing for one that names a group.
      state.note("convert-clip", c, "<use> of a group inside a clipPath adds nothing to the clip (SVG 1.1 §14.3.5); ignored as renderers do");
      continue;
    }
    auto saved = enter_instance(state, child, *target);
    around.push_back(child);
    bool ok = visit_content_element(state, *target, placement, context, groups, visit, depth + 1, around);
    around.pop_back();
    leave_instance(state, *target, std::move(saved));
    if (!ok) return false;
  }
  return true;
}

bool visit_content_element(BuildState& state, std::size_t index, const geo::Matrix& m, const Context& context, bool groups,
                           const ContentVisitor& visit, int depth, std::vector<std::size_t>& around) {
  const RawElement& e = state.document.elements[index];
  geo::Matrix placement = m * state.element_transform(e);
  if (e.is_svg("g") && groups) {
    around.push_back(index);
    bool ok = visit_children(state, index, placement, context, groups, visit, depth + 1, around);
    around.pop_back();
    return ok;
  }
  if (e.is_svg("text")) {
    auto spans = outline_spans(state, index, context);
    if (!spans) return false;
    around.push_back(index);  // the <text> around each span
    bool ok = true;
    for (const auto& [span, path] : *spans) {
      if (!(ok = visit({span, path, placement, true, around}))) break;
    }
    around.pop_back();
    return ok;
  }
  if (!state.style(index).visible) return true;
  auto path = shape_path(state, index, context);
  if (!path) {
    if (groups && is_drawing_element(e)) {
      // An image, a nested svg or the like in a mask: its luminance is not one flat value.
      if (state.mask_deferral) {
        *state.mask_deferral = "holds " + tag(e);
        return false;
      }
      if (!state.refuse_or_drop(e, tag(e) + " inside a mask")) return false;
    }
    return true;  // a clipPath draws only shapes and text; renderers ignore the rest
  }
  return visit({index, *path, placement, false, around});
}


// The area the pieces cover, in the space they are given in: their concatenation when that is
// exact (one piece, or pieces of one rule that cannot overlap), else their union.
geo::FilledPath unite_pieces(BuildState& state, std::vector<geo::FilledPath> pieces, double tolerance) {
  if (pieces.size() == 1) return std::move(pieces.front());
  std::vector<geo::Box> boxes;
  for (const auto& piece : pieces) boxes.push_back(geo::bounds(piece.path));
  bool apart = pieces.size() <= 64;
  for (std::size_t i = 0; apart && i < pieces.size(); ++i) {
    apart = pieces[i].rule == pieces.front().rule;
    for (std::size_t j = i + 1; apart && j < pieces.size(); ++j) apart = !boxes_overlap(boxes[i], boxes[j]);
  }
  if (!apart) return {geo::unite(pieces, tolerance, state.deadline()), geo::FillRule::nonzero};
  geo::FilledPath all{{}, pieces.empty() ? geo::FillRule::nonzero : pieces.front().rule};
  for (auto& piece : pieces) {
    all.path.segments.insert(all.path.segments.end(), piece.path.segments.begin(), piece.path.segments.end());
  }
  return all;
}

// A clip region kept for the shapes below: `area` (in the clipped element's user space)
// mapped to the document by `ctm`. `implied`: no clip-path asked for it (Clip::implied).
const Clip* store_clip(BuildState& state, geo::FilledPath area, const geo::Matrix& ctm, bool implied = false) {
  auto clip = std::make_unique<Clip>();
  clip->implied = implied;
  clip->path = geo::transformed(area.path, ctm);
  clip->rule = area.rule;
  clip->box = geo::bounds(clip->path);
  geo::Box rectangle;
  clip->rectangle = geo::is_axis_aligned_rectangle(clip->path, rectangle);
  state.clips.push_back(std::move(clip));
  return state.clips.back().get();
}

struct MaskArea {
  std::vector<geo::FilledPath> pieces;  // in the masked element's user space
  double value = -1;                    // the mask value every piece has; -1 until one is drawn
  bool dropped = false;                 // refused content dropped under --force: draw unmasked
  std::string deferred;                 // set: left to be rendered and traced, and why
};

// What one paint of a mask's content adds to the mask: nothing, or the mask value of its opaque
// colour; `reason` says why it is neither.
struct MaskPaint {
  bool drawn = false;
  double value = 0;
  std::string reason;
};

// The first element among a mask's shape and the groups and <use>s it is drawn through that
// changes its paint with an effect of its own, if any.
std::optional<std::size_t> effect_in_mask(const BuildState& state, const ContentShape& shape) {
  std::vector<std::size_t> elements = shape.around;
  elements.push_back(shape.element);
  for (std::size_t i : elements) {
    if (state.style(i).opacity < 1) return i;
    for (const char* effect : {"filter", "mask", "clip-path", "mix-blend-mode"}) {
      auto value = state.own(i, effect);
      if (value && trim_xml_space(*value) != "none" && trim_xml_space(*value) != "normal") return i;
    }
  }
  return std::nullopt;
}

// The stroke of a mask's shape as a filled region in the masked element's user space.
std::optional<geo::Path> stroke_in_content(BuildState& state, const ContentShape& shape, const Context& context) {
  model::Paint paint;
  paint.kind = model::Paint::Kind::color;
  auto stroke = read_stroke(state, shape.element, paint, context);
  if (!stroke) return geo::Path{};
  const RawElement& e = state.document.elements[shape.element];
  auto outline = stroke_outline(state, e, *stroke, shape.path, state.tolerance_under(context.ctm * shape.placement));
  if (!outline) return std::nullopt;
  state.note("convert-clip", e, "stroke in a mask outlined");
  return geo::transformed(*outline, shape.placement);
}

MaskPaint mask_paint(const BuildState& state, const PaintValue& paint, double paint_opacity, bool alpha) {
  if (paint.url) {
    auto it = state.ids.find(*paint.url);
    if (it != state.ids.end()) return {false, 0, "painted with " + tag(state.document.elements[it->second])};
  }
  if (paint.color.kind != ColorValue::Kind::color) return {};  // none, or a missing server's fallback
  const style::Color* color = &paint.color.color;
  double opacity = color->alpha * paint_opacity;
  if (opacity <= 0) return {};
  if (opacity < 1) return {false, 0, "partly transparent"};
  // Luminance from the sRGB values, as librsvg and browsers compute a luminance mask; in whole
  // numbers first, so that white is exactly 1 and equal colours compare equal.
  int weighted = 2125 * color->r + 7154 * color->g + 721 * color->b;
  return {true, alpha ? 1.0 : weighted / (10000 * 255.0), ""};
}

// Reads a mask's content into `area`. False when it cannot be a clip: refused, or with
// --force the mask is dropped (area.dropped) and the element drawn without it.
bool read_mask(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context, MaskArea& area) {
  const RawElement& mask = state.document.elements[mask_index];
  geo::Matrix m;
  if (const RawAttribute* units = mask.attribute("maskContentUnits");
      units && trim_xml_space(units->value) == "objectBoundingBox") {
    auto box = bounding_box_units(state, masked);
    if (!box) return true;  // nothing drawn: the element is hidden
    m = *box;
    note_turned_box(state, mask, context, "a mask's content");
  }
  bool alpha = is_alpha_mask(state, mask_index);
  // What no clip holds is left to be rendered and traced (mask_trace.hpp), unless that failed.
  auto untraced = state.untraced_masks.find(masked);
  const bool defer = state.options.trace_effects && untraced == state.untraced_masks.end();
  auto fail = [&](const RawElement& at, const std::string& why) {
    if (defer) {
      area.deferred = "whose content " + why;
      return false;
    }
    std::string because = untraced == state.untraced_masks.end() ? "" : " (its render could not be traced: " +
                                                                            untraced->second + ")";
    area.dropped = state.refuse_or_drop(at, "a mask whose content " + why + because);
    return false;
  };
  std::string* outer_deferral = std::exchange(state.mask_deferral, defer ? &area.deferred : nullptr);
  struct Restore {
    BuildState& state;
    std::string* deferral;
    ~Restore() { state.mask_deferral = deferral; }
  } restore{state, outer_deferral};
  return visit_content(state, mask_index, m, context, true, [&](const ContentShape& shape) {
    const RawElement& at = state.document.elements[shape.element];
    if (auto effect = effect_in_mask(state, shape)) {
      return fail(state.document.elements[*effect], "has its own opacity, filter, mask or clip-path");
    }
    const ElementStyle& shape_style = state.style(shape.element);
    MaskPaint fill = mask_paint(state, shape_style.fill, shape_style.fill_opacity, alpha);
    MaskPaint stroke = mask_paint(state, shape_style.stroke, shape_style.stroke_opacity, alpha);
    for (const MaskPaint* paint : {&fill, &stroke}) {
      if (!paint->reason.empty()) return fail(at, "is " + paint->reason);
      if (!paint->drawn) continue;
      if (area.value >= 0 && paint->value != area.value) return fail(at, "has more than one luminance");
      area.value = paint->value;
    }
    if (fill.drawn) {
      geo::FillRule rule = shape.text ? geo::FillRule::nonzero : state.style(shape.element).fill_rule;
      area.pieces.push_back({geo::transformed(shape.path, shape.placement), rule});
    }
    if (stroke.drawn && !shape.text) {
      auto outline = stroke_in_content(state, shape, context);
      if (!outline) return false;
      area.pieces.push_back({std::move(*outline), geo::FillRule::nonzero});
    }
    return true;
  });
}

}  // namespace

geo::Box mask_box(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context);

namespace {

// The union of a mask's pieces cut to its region (x, y, width, height in maskUnits).
geo::FilledPath mask_region(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context,
                            std::vector<geo::FilledPath> pieces) {
  double tolerance = state.tolerance_under(context.ctm);
  geo::FilledPath area = unite_pieces(state, std::move(pieces), tolerance);
  geo::Box region = mask_box(state, mask_index, masked, context);
  geo::Box drawn = geo::bounds(area.path);
  if (drawn.empty() || region.empty()) return {};
  if (drawn.x0 >= region.x0 && drawn.y0 >= region.y0 && drawn.x1 <= region.x1 && drawn.y1 <= region.y1) return area;
  return {geo::intersect(area.path, area.rule, box_path(region), geo::FillRule::nonzero, tolerance, state.deadline()),
          geo::FillRule::nonzero};
}

}  // namespace

// The mask's rectangle in the masked element's user space: by default 10 % of the element's
// bounding box around it.
geo::Box mask_box(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context) {
  const RawElement& mask = state.document.elements[mask_index];
  const RawAttribute* units = mask.attribute("maskUnits");
  if (units && trim_xml_space(units->value) == "userSpaceOnUse") {
    double x = length(mask, "x", -0.1 * context.viewport_width, context, 'w');
    double y = length(mask, "y", -0.1 * context.viewport_height, context, 'h');
    double w = length(mask, "width", 1.2 * context.viewport_width, context, 'w');
    double h = length(mask, "height", 1.2 * context.viewport_height, context, 'h');
    return w > 0 && h > 0 ? geo::Box{x, y, x + w, y + h} : geo::Box{};
  }
  auto box = bounding_box_units(state, masked);
  if (!box) return {};
  // The default region reaches 10 % past the box: a turned element's stays inside either box.
  if (mask.attribute("x") || mask.attribute("y") || mask.attribute("width") || mask.attribute("height")) {
    note_turned_box(state, mask, context, "a mask's region");
  }
  auto fraction = [&](const char* name, double fallback) {
    const RawAttribute* a = mask.attribute(name);
    auto parsed = a ? detail::parse_length(a->value) : std::nullopt;
    if (!parsed) return fallback;
    return parsed->unit == detail::LengthUnit::percent ? parsed->value / 100 : parsed->value;
  };
  double x = fraction("x", -0.1), y = fraction("y", -0.1), w = fraction("width", 1.2), h = fraction("height", 1.2);
  if (!(w > 0) || !(h > 0)) return {};
  geo::Point p0 = box->apply({x, y}), p1 = box->apply({x + w, y + h});
  return {p0.x, p0.y, p1.x, p1.y};
}

bool is_alpha_mask(const BuildState& state, std::size_t mask_index) {
  // mask-type: from CSS, else the presentation attribute (SVG 2).
  std::optional<std::string> type;
  if (auto css = state.own(mask_index, "mask-type")) type = trim_xml_space(*css);
  const RawAttribute* a = state.document.elements[mask_index].attribute("mask-type");
  if (!type && a) type = trim_xml_space(a->value);
  return type == "alpha";
}

const Clip* mask_clip(BuildState& state, std::size_t mask_index, std::size_t masked, const Context& context,
                      std::vector<geo::FilledPath> pieces) {
  // Implied: the mask's own note says what it became.
  return store_clip(state, mask_region(state, mask_index, masked, context, std::move(pieces)), context.ctm, true);
}

const Clip* clip_region(BuildState& state, std::size_t clip_index, std::size_t clipped, const Context& context) {
  const RawElement& clip_element = state.document.elements[clip_index];
  geo::Matrix m = state.element_transform(clip_element);
  if (const RawAttribute* units = clip_element.attribute("clipPathUnits");
      units && trim_xml_space(units->value) == "objectBoundingBox") {
    auto box = bounding_box_units(state, clipped);
    if (!box) return nullptr;
    note_turned_box(state, clip_element, context, "a clipPath");
    note_transform_in_box(state, clip_element, m, *box);
    m = m * *box;
  }
  std::vector<geo::FilledPath> pieces;
  bool ok = visit_content(state, clip_index, m, context, false, [&](const ContentShape& shape) {
    geo::FillRule rule = shape.text ? geo::FillRule::nonzero : state.style(shape.element).clip_rule;
    pieces.push_back({geo::transformed(shape.path, shape.placement), rule});
    if (shape.text) state.note("convert-clip", state.document.elements[shape.element], "text in a clipPath outlined");
    return true;
  });
  if (!ok) return nullptr;
  const double tolerance = state.tolerance_under(context.ctm);
  geo::FilledPath area = unite_pieces(state, pieces, tolerance);
  note_combined_clip(state, clip_element, pieces, area.path, tolerance);
  return store_clip(state, std::move(area), context.ctm);
}

std::optional<std::size_t> mask_of_mask(const BuildState& state, std::size_t mask_index) {
  auto value = state.own(mask_index, "mask");
  if (!value || trim_xml_space(*value) == "none") return std::nullopt;
  auto it = state.ids.find(local_reference(*value));
  if (it == state.ids.end() || !state.document.elements[it->second].is_svg("mask")) return std::nullopt;
  if (it->second == mask_index) return std::nullopt;  // a mask on itself: librsvg ignores it
  return it->second;
}

bool apply_mask(BuildState& state, std::size_t index, std::string_view value, Context& context) {
  const RawElement& e = state.document.elements[index];
  auto it = state.ids.find(local_reference(value));
  if (it == state.ids.end() || !state.document.elements[it->second].is_svg("mask")) {
    state.note("convert-clip", e, "mask \"" + std::string(value) + "\" refers to no mask; ignored as renderers do");
    return true;
  }
  // SVG 1.1 gives <mask> no transform: browsers ignore one, librsvg (2.54) applies it.
  if (const RawElement& mask = state.document.elements[it->second];
      mask.attribute("transform") && !state.element_transform(mask).is_identity()) {
    state.note("convert-clip", mask,
               "a transform on <mask>: librsvg applies it, browsers ignore it, so the original draws differently in "
               "each; the output follows browsers");
  }
  // librsvg draws an element whose mask leads back to a mask being drawn as if it had none.
  if (std::find(state.masks_drawn.begin(), state.masks_drawn.end(), it->second) != state.masks_drawn.end()) {
    state.note("convert-clip", e, "mask \"" + std::string(value) + "\" refers back to the mask it is drawn in; ignored as renderers do");
    return true;
  }
  // A <mask> with a mask of its own draws its content through that one: no clip or stop-opacity
  // holds the product of two masks, so the element is rendered and traced with both.
  if (auto inner = mask_of_mask(state, it->second)) {
    auto untraced = state.untraced_masks.find(index);
    if (state.options.trace_effects && untraced == state.untraced_masks.end()) {
      state.mask_to_trace.emplace(index, "the mask has a mask of its own");
      return false;
    }
    std::string because = untraced == state.untraced_masks.end() ? "" : " (its render could not be traced: " +
                                                                            untraced->second + ")";
    return state.refuse_or_drop(e, "a mask with a mask of its own" + because);
  }
  switch (apply_gradient_mask(state, index, it->second, context)) {
    case GradientMaskResult::applied: return true;
    case GradientMaskResult::hidden: return false;
    case GradientMaskResult::declined: break;
  }
  MaskArea area;
  if (!read_mask(state, it->second, index, context, area)) {
    if (!area.deferred.empty()) state.mask_to_trace.emplace(index, area.deferred);
    return area.dropped;
  }
  if (area.pieces.empty() || area.value <= 0) {
    state.note("convert-clip", e, tag(e) + " is hidden by its mask (the mask draws nothing, or only black, which a luminance mask turns transparent); removed");
    return false;
  }
  const Clip* clip = mask_clip(state, it->second, index, context, std::move(area.pieces));
  if (clip->box.empty()) {
    state.note("convert-clip", e, tag(e) + " is masked away entirely; removed");
    return false;
  }
  context.clips.push_back(clip);
  std::string how = "mask applied as a clip of its shapes";
  if (area.value < 1) {
    fold_opacity(state, index, area.value, context);
    char opacity[16];
    std::snprintf(opacity, sizeof opacity, "%.3f", area.value);
    how += std::string(" and an opacity of ") + opacity + " (its uniform luminance)";
  }
  state.note("convert-clip", e, how);
  return true;
}

bool clip_to_viewport(BuildState& state, double x, double y, double width, double height, Context& context) {
  if (!(width > 0 && height > 0)) return false;
  auto rectangle = geo::rect_path(x, y, width, height, 0, 0);
  if (!rectangle) return false;
  context.clips.push_back(store_clip(state, {std::move(*rectangle), geo::FillRule::nonzero}, context.ctm, true));
  return true;
}

void clip_to_area(BuildState& state, geo::FilledPath area, Context& context) {
  context.clips.push_back(store_clip(state, std::move(area), context.ctm, true));
}

}  // namespace bimi::svgps::convert
