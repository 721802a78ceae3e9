#include "convert/builder.hpp"


#include <cctype>
#include <set>
#include <string>
#include <vector>
#include <utility>

#include "convert/blending.hpp"
#include "convert/effect_group.hpp"
#include "convert/build_state.hpp"
#include "convert/image.hpp"
#include "convert/clip_mask.hpp"
#include "convert/filter_effects.hpp"
#include "convert/mask_trace.hpp"
#include "convert/gradient_mask.hpp"
#include "convert/opacity.hpp"
#include "convert/shapes.hpp"
#include "convert/text_content.hpp"
#include "convert/text_outline.hpp"
#include "convert/tree.hpp"
#include "convert/root_stretch.hpp"
#include "convert/units_viewport.hpp"
#include "convert/use_expansion.hpp"

namespace bimi::svgps::convert {

namespace {

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// SVG 1.1 §5.8.5: systemLanguage (comma-separated language tags) holds when one of the reader's
// languages equals one of the tags, or is a prefix of one followed by '-' ("en" reads "en-US").
// An empty value never holds.
bool speaks_any(const std::vector<std::string>& languages, std::string_view system_language) {
  std::string_view rest = system_language;
  while (!rest.empty()) {
    std::size_t comma = rest.find(',');
    std::string tag = ascii_lower(trim_xml_space(rest.substr(0, comma)));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (tag.empty()) continue;
    for (const auto& language : languages) {
      std::string reader = ascii_lower(language);
      if (reader.empty()) continue;
      if (tag == reader || (tag.size() > reader.size() && tag.compare(0, reader.size(), reader) == 0 &&
                            tag[reader.size()] == '-')) {
        return true;
      }
    }
  }
  return false;
}

// The transform, opacity, clip and effects of a container, then its children.
void build_group(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                 const geo::Matrix& extra) {
  const RawElement& e = state.document.elements[index];
  Context inner = context;
  inner.ctm = context.ctm * state.element_transform(e) * extra;
  build_container(state, index, parent, inner, [&](const Context& entered, model::Node& node) {
    build_children(state, index, node, entered);
  });
}

void build_nested_svg(BuildState& state, std::size_t index, model::Node& parent, const Context& context) {
  const RawElement& e = state.document.elements[index];
  double x = length(e, "x", 0, context, 'w');
  double y = length(e, "y", 0, context, 'h');
  double w = length(e, "width", context.viewport_width, context, 'w');
  double h = length(e, "height", context.viewport_height, context, 'h');
  geo::Matrix viewport = geo::Matrix::translate(x, y) * view_box_transform(e, w, h);
  Context inner = context;
  // Its viewport clips what it draws (overflow is hidden on <svg> unless visible or auto).
  bool clipped = overflow_hidden(state, index);
  if (clipped) {
    Context outer = context;
    outer.ctm = context.ctm * state.element_transform(e);
    if (!clip_to_viewport(state, x, y, w, h, outer)) {
      state.note("convert-removed", e, "nested <svg> with an empty viewport removed");
      return;
    }
    inner.clips = outer.clips;
  }
  state.note("convert-structure", e,
             clipped ? "nested <svg> inlined as a group clipped to its viewport" : "nested <svg> inlined as a group");
  inner.viewport_width = w;
  inner.viewport_height = h;
  build_group(state, index, parent, inner, viewport);
}

void build_switch(BuildState& state, std::size_t index, model::Node& parent, const Context& context) {
  const RawElement& e = state.document.elements[index];
  for (std::size_t child : e.children) {
    const RawElement& c = state.document.elements[child];
    if (c.ns != detail::svg_namespace) continue;
    // A renderer skips children that ask for extensions or features it lacks (Illustrator
    // puts its private data in such a <foreignObject>) and draws the first one left.
    const RawAttribute* extensions = c.attribute("requiredExtensions");
    if (extensions && !trim_xml_space(extensions->value).empty()) continue;
    if (const RawAttribute* language = c.attribute("systemLanguage")) {
      if (!speaks_any(state.options.languages, language->value)) continue;
    }
    state.note("convert-structure", e, "<switch> resolved to the " + tag(c) + " a renderer draws");
    Context inner = context;
    inner.ctm = context.ctm * state.element_transform(e);
    build_container(state, index, parent, inner, [&](const Context& entered, model::Node& node) {
      build_element(state, child, node, entered);
    });
    return;
  }
}

void build_drawing(BuildState& state, std::size_t index, model::Node& parent, const Context& context);

void build_element_unguarded(BuildState& state, std::size_t index, model::Node& parent, const Context& context) {
  if (state.refused) return;
  const RawElement& e = state.document.elements[index];
  if (state.options.deadline && ++state.elements_built % 256 == 0 && state.options.deadline->passed()) {
    state.refuse(e, state.options.deadline->refusal());
    return;
  }
  if (e.ns != detail::svg_namespace) {
    state.note("convert-removed", e, tag(e) + " (editor metadata or foreign markup) removed");
    return;
  }
  const std::string& name = e.local;
  static const std::set<std::string, std::less<>> never_drawn = {
      "defs", "title", "desc", "metadata", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
      "symbol", "marker", "pattern", "filter", "style", "font", "font-face", "glyph", "missing-glyph", "hkern",
      "vkern", "solidColor", "cursor", "view", "animate", "animateMotion", "animateColor", "animateTransform",
      "set", "discard", "script"};
  if (never_drawn.count(name)) {
    if (name == "script" || name == "style" || name.rfind("anim", 0) == 0 || name == "set") {
      state.note("convert-removed", e, tag(e) + " removed" + (name == "style" ? " (its rules were applied as attributes)" : ""));
    }
    return;
  }
  if (state.style(index).display_none) {
    state.note("convert-removed", e, tag(e) + " with display=\"none\" removed");
    return;
  }
  auto draw = [&](const Context& drawn, model::Node& node) { build_drawing(state, index, node, drawn); };
  auto filtered = [&](const Context& drawn, model::Node& node) {
    if (!build_filtered(state, index, node, drawn, draw)) build_drawing(state, index, node, drawn);
    // A mask apply_mask could not hold is drawn now, rendered and traced.
    build_traced_mask(state, index, node, drawn, draw);
  };
  if (!build_blended(state, index, parent, context, filtered)) filtered(context, parent);
}

// What draws an element, by its name.
void build_drawing(BuildState& state, std::size_t index, model::Node& parent, const Context& outer) {
  const RawElement& e = state.document.elements[index];
  const std::string& name = e.local;
  Context context = outer;
  context.font_size = font_size_px(state, index);  // em and ex in its geometry and stroke
  if (name == "g" || name == "a") {
    if (name == "a") state.note("convert-structure", e, "<a> unwrapped: its content kept, the link dropped");
    build_group(state, index, parent, context, geo::Matrix{});
  } else if (name == "svg") {
    build_nested_svg(state, index, parent, context);
  } else if (name == "use") {
    build_use(state, index, parent, context);
  } else if (name == "switch") {
    build_switch(state, index, parent, context);
  } else if (name == "text" || name == "textArea") {
    build_text(state, index, parent, context);
  } else if (name == "image") {
    build_image(state, index, parent, context);
  } else if (name == "foreignObject" || name == "video" || name == "audio" || name == "animation") {
    state.refuse_or_drop(e, tag(e));
  } else if (name == "path" || name == "rect" || name == "circle" || name == "ellipse" || name == "line" ||
             name == "polyline" || name == "polygon") {
    build_shape(state, index, parent, context);
  } else {
    state.note("convert-removed", e, tag(e) + " is not a drawing element; removed");
  }
}

}  // namespace

void build_children(BuildState& state, std::size_t index, model::Node& group, const Context& context) {
  for (std::size_t child : state.document.elements[index].children) build_element(state, child, group, context);
}

void build_element(BuildState& state, std::size_t index, model::Node& parent, const Context& context) {
  try {
    build_element_unguarded(state, index, parent, context);
  } catch (const WorkRefused& refusal) {
    if (!state.refused) state.refuse(state.document.elements[index], refusal.what());
    throw;
  }
}

bool apply_effects(BuildState& state, std::size_t index, Context& context) {
  const RawElement& e = state.document.elements[index];
  // A filter evaluated by build_filtered is applied there, and the element's opacity after it.
  bool filtered = filter_applied_outside(state, index);
  if (double opacity = state.style(index).opacity; !filtered && opacity < 1 && fold_opacity(state, index, opacity, context)) {
    state.note("convert-opacity", e, "opacity folded into fill-opacity and stroke-opacity");
  }
  // A blend mode build_blended evaluates is applied there, around the element's drawing.
  if (auto blend = state.own(index, "mix-blend-mode");
      blend && trim_xml_space(*blend) != "normal" && state.blend_applied != index) {
    if (!state.refuse_or_drop(e, "mix-blend-mode \"" + std::string(*blend) + "\"")) return false;
  }
  auto filter = state.own(index, "filter");
  if (!filtered && filter && empty_filter(state, index)) {
    state.note("convert-filter", e, "filter \"" + std::string(*filter) + "\" has no primitives; " + tag(e) +
                                        " is not drawn, as renderers do");
    return false;
  }
  if (std::string invalid = filter ? invalid_filter(state, index) : std::string(); !filtered && !invalid.empty()) {
    state.note("convert-filter", e, "filter \"" + std::string(*filter) + "\" has " + invalid +
                                        "; ignored, as librsvg draws the element without it");
  } else if (!filtered && filter && trim_xml_space(*filter) != "none") {
    auto untraced = state.untraced_effects.find(index);
    std::string why = untraced == state.untraced_effects.end() ? unplanned_filter(state, index, context.ctm)
                                                                : "its result could not be traced: " + untraced->second;
    if (!state.refuse_or_drop(e, "filter \"" + std::string(*filter) + "\" (" + why + ")")) return false;
  }
  if (auto mask = state.own(index, "mask");
      mask && trim_xml_space(*mask) != "none" && !mask_applied_outside(state, index)) {
    if (!apply_mask(state, index, *mask, context)) return false;
  }
  if (auto clip = state.own(index, "clip-path");
      clip && trim_xml_space(*clip) != "none" && state.clip_applied != index) {
    std::string id = local_reference(*clip);
    auto it = state.ids.find(id);
    if (id.empty() || it == state.ids.end() || !state.document.elements[it->second].is_svg("clipPath")) {
      state.note("convert-clip", e, "clip-path \"" + std::string(*clip) + "\" refers to no clipPath; ignored as renderers do");
      return true;
    }
    const Clip* region = clip_region(state, it->second, index, context);
    if (!region) return false;
    if (region->box.empty()) {
      state.note("convert-clip", e, tag(e) + " is clipped away entirely; removed");
      return false;
    }
    context.clips.push_back(region);
  }
  return true;
}

void build_container(BuildState& state, std::size_t index, model::Node& parent, Context inner,
                     const std::function<void(const Context&, model::Node&)>& content) {
  inner.isolated_opacity = 1;
  const GradientMask* outer_mask = inner.gradient_mask;
  if (!apply_effects(state, index, inner)) return;
  double isolated = std::exchange(inner.isolated_opacity, 1.0);
  model::Node node;
  const std::size_t renders = state.effect_renders, flattened = state.flattened_groups;
  {
    GroupBeingBuilt open(state, node, isolates(state, index));
    content(inner, node);
  }
  // The innermost group holding several traced effects, when the logo must be smaller.
  if (state.options.flatten_effect_groups && !state.refused && inner.gradient_mask == outer_mask &&
      state.flattened_groups == flattened && state.effect_renders - renders >= min_effects_to_flatten) {
    flatten_effect_group(state, index, inner, state.effect_renders - renders, node);
  }
  if (inner.gradient_mask != outer_mask) finish_gradient_mask(state, node, *inner.gradient_mask, state.document.elements[index]);
  if (isolated < 1) fold_isolated_opacity(state, node, isolated, state.document.elements[index]);
  if (!node.children.empty()) parent.children.push_back(std::move(node));
}

std::optional<Context> leaf_context(BuildState& state, std::size_t index, const Context& outer,
                                    std::string_view approximated, bool* folded) {
  Context context = outer;
  context.ctm = outer.ctm * state.element_transform(state.document.elements[index]);
  context.isolated_opacity = 1;
  if (!apply_effects(state, index, context)) return std::nullopt;
  if (context.isolated_opacity < 1) {
    context.opacity *= std::exchange(context.isolated_opacity, 1.0);
    if (folded) *folded = true;
    if (!approximated.empty()) state.approximate(state.document.elements[index], std::string(approximated));
  }
  return context;
}

std::optional<Built> build_document(const RawDocument& document, const BuildOptions& options,
                                    Diagnostics& changes, BuildRefusal* why_refused) {
  BuildState state(document, options, changes);
  // Said of a refusal only: the state ends with this function.
  struct SaysWhy {
    const BuildState& state;
    BuildRefusal* refusal;
    ~SaysWhy() {
      if (refusal) refusal->effect_over_budget = state.refused && state.effect_over_budget;
    }
  } says_why{state, why_refused};
  const RawElement& root = document.root();
  if (!root.is_svg("svg")) {
    state.refuse(root, "the root element is not <svg> in the SVG namespace");
    return std::nullopt;
  }
  if (!read_view_box(state, root, state.out.view_box)) return std::nullopt;
  for (std::size_t child : root.children) {
    const RawElement& e = document.elements[child];
    if (e.is_svg("title") && state.out.title.empty()) state.out.title = detail::collapse_xml_space(e.text);
    if (e.is_svg("desc") && state.out.desc.empty()) state.out.desc = detail::collapse_xml_space(e.text);
  }
  Context context;
  context.viewport_width = state.out.view_box.width;
  context.viewport_height = state.out.view_box.height;
  // Percentages stay against the viewBox; the drawing is stretched onto the root's own size.
  if (auto stretch = root_stretch(root)) {
    context.ctm = stretch->transform();
    state.out.view_box = {0, 0, stretch->width, stretch->height};
    state.note("convert-structure", root, "stretched to its width and height, as its preserveAspectRatio \"none\" draws it");
  }
  try {
    GroupBeingBuilt page(state, state.out.root, true);
    // The root's own opacity applies to the whole drawing, as a group's does. Its transform,
    // clip-path, mask and filter librsvg applies in the viewport's pixels, outside the viewBox:
    // they change with the size the logo is drawn at, so no one drawing holds them.
    bool dropped = false;
    for (const char* name : {"clip-path", "mask", "filter"}) {
      auto value = state.own(0, name);
      if (!value || trim_xml_space(*value) == "none") continue;
      dropped = true;
      if (!state.refuse_or_drop(root, std::string(name) + " on the root <svg>, which renderers apply in the viewport's "
                                                          "pixels (it changes with the size the logo is drawn at)")) {
        return std::nullopt;
      }
    }
    if (root.attribute("transform") || state.styles.css_transform(0)) {
      if (!state.refuse_or_drop(root, "a transform on the root <svg>, which renderers apply in the viewport's pixels "
                                      "(it changes with the size the logo is drawn at)")) {
        return std::nullopt;
      }
    }
    if (state.style(0).opacity < 1 && !dropped) {
      Context inner = context;
      inner.isolated_opacity = 1;
      build_container(state, 0, state.out.root, inner, [&](const Context& entered, model::Node& node) {
        build_children(state, 0, node, entered);
      });
    } else {
      build_children(state, 0, state.out.root, context);
    }
    if (state.options.flatten_effect_groups && !state.refused && state.flattened_groups == 0) {
      flatten_effect_runs(state, 0, context, state.out.root);
    }
  } catch (const WorkRefused& refusal) {
    // Work outside any element's own (the root's children as a whole): refused without a line.
    if (!state.refused) changes.add("convert-refused", Severity::error, refusal.what());
    return std::nullopt;
  }
  if (state.refused) return std::nullopt;
  report_blends(state);
  return Built{std::move(state.out), state.traced, state.filter_past_page};
}

}  // namespace bimi::svgps::convert
