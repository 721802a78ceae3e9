#include "convert/mask_trace.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "convert/blending.hpp"
#include "convert/bounds.hpp"
#include "convert/clip_mask.hpp"
#include "convert/effect_trace.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"
#include "raster/data_uri.hpp"
#include "bimi/svgps/raster.hpp"
#include "model/writer.hpp"

namespace bimi::svgps::convert {

namespace {

// Bounds the masks one element is drawn through: each is converted and rendered again.
constexpr std::size_t max_mask_chain = 8;

// The mask's content when it is only embedded images (an Illustrator opacity mask is one), as
// markup for the render: the images themselves, each placed where it is drawn, rather than their
// traces, whose few flat colours would band the mask. Nothing when anything else is drawn, when
// an element on the way has an effect of its own, or when an image is not a PNG, JPEG or GIF
// (the formats whose size the render reads from their headers).
std::optional<std::string> images_as_drawn(BuildState& state, std::size_t mask_index, const Context& inside) {
  std::string markup;
  std::vector<std::pair<std::size_t, geo::Matrix>> stack;
  const RawElement& mask = state.document.elements[mask_index];
  for (auto it = mask.children.rbegin(); it != mask.children.rend(); ++it) stack.push_back({*it, inside.ctm});
  while (!stack.empty()) {
    auto [i, outer] = stack.back();
    stack.pop_back();
    const RawElement& e = state.document.elements[i];
    if (e.ns != detail::svg_namespace || state.style(i).display_none) continue;
    if (e.is_svg("title") || e.is_svg("desc") || e.is_svg("metadata")) continue;
    if (state.style(i).opacity < 1) return std::nullopt;
    for (const char* effect : {"filter", "mask", "clip-path", "mix-blend-mode"}) {
      auto value = state.own(i, effect);
      if (value && trim_xml_space(*value) != "none" && trim_xml_space(*value) != "normal") return std::nullopt;
    }
    geo::Matrix m = outer * state.element_transform(e);
    if (e.is_svg("g")) {
      for (auto it = e.children.rbegin(); it != e.children.rend(); ++it) stack.push_back({*it, m});
      continue;
    }
    if (!e.is_svg("image") || !e.href()) return std::nullopt;
    if (!state.style(i).visible) continue;
    auto uri = raster::decode_data_uri(e.href()->value, state.options.limits.max_input_bytes);
    if (!uri || (uri->media_type != "image/png" && uri->media_type != "image/jpeg" && uri->media_type != "image/gif")) {
      return std::nullopt;
    }
    std::string error;
    auto bitmap = decode_raster(uri->bytes, state.options.limits, error);
    if (!bitmap || aspect_mode(e).find("slice") != std::string::npos) return std::nullopt;
    Context lengths = inside;
    lengths.ctm = m;
    double x = length(e, "x", 0, lengths, 'w'), y = length(e, "y", 0, lengths, 'h');
    double width = length(e, "width", bitmap->width, lengths, 'w');
    double height = length(e, "height", bitmap->height, lengths, 'h');
    if (!(width > 0) || !(height > 0)) continue;
    const model::ViewBox pixels{0, 0, static_cast<double>(bitmap->width), static_cast<double>(bitmap->height)};
    geo::Matrix placed = m * geo::Matrix::translate(x, y) * aspect_transform(e, pixels, width, height);
    markup += "<image width=\"" + std::to_string(bitmap->width) + "\" height=\"" + std::to_string(bitmap->height) +
              "\" preserveAspectRatio=\"none\" transform=\"" + matrix_text(placed) + "\" href=\"" +
              escape_xml(e.href()->value) + "\"/>";
  }
  if (markup.empty()) return std::nullopt;
  return markup;
}

}  // namespace

MaskRender mask_render(BuildState& state, std::size_t index, std::size_t mask_index, const Context& context) {
  const RawElement& e = state.document.elements[index];
  const geo::Matrix user = context.ctm * state.element_transform(e);
  // The mask's content, converted like any drawing, in the space maskContentUnits says.
  Context inside;
  inside.ctm = user;
  inside.viewport_width = context.viewport_width;
  inside.viewport_height = context.viewport_height;
  inside.use_depth = context.use_depth;
  const RawElement& mask = state.document.elements[mask_index];
  if (const RawAttribute* units = mask.attribute("maskContentUnits");
      units && trim_xml_space(units->value) == "objectBoundingBox") {
    auto box = bounding_box_units(state, index);
    if (!box) return {};  // no area: the element is not drawn
    inside.ctm = user * *box;
  }
  // The masks this one is drawn through (a <mask>'s own mask property), outermost first.
  std::vector<std::size_t> chain{mask_index};
  while (auto inner = mask_of_mask(state, chain.back())) {
    // librsvg ignores a mask property that leads back to a mask being drawn.
    if (std::find(chain.begin(), chain.end(), *inner) != chain.end()) {
      state.note("convert-clip", state.document.elements[chain.back()],
                 "mask property leads back to a mask it is drawn in; ignored as renderers do");
      break;
    }
    if (chain.size() >= max_mask_chain) return {{}, {}, "masks are nested more than 8 deep"};
    const RawAttribute* units = state.document.elements[*inner].attribute("maskContentUnits");
    if (units && trim_xml_space(units->value) == "objectBoundingBox") {
      return {{}, {}, "the mask of its mask has content in objectBoundingBox units"};
    }
    chain.push_back(*inner);
  }
  // Each mask's content: an image in it is drawn as it is; any other content, converted (images
  // in it traced).
  std::vector<std::string> contents;
  for (std::size_t drawn_mask : chain) {
    std::optional<std::string> drawn_content = images_as_drawn(state, drawn_mask, inside);
    if (!drawn_content) {
      model::Node content;
      {
        GroupBeingBuilt open(state, content, true);
        state.masks_drawn.insert(state.masks_drawn.end(), chain.begin(), chain.end());
        build_children(state, drawn_mask, content, inside);
        state.masks_drawn.resize(state.masks_drawn.size() - chain.size());
      }
      if (state.refused) return {};
      drawn_content = written_drawing(state, content, "m" + std::to_string(contents.size()));
    }
    contents.push_back(std::move(*drawn_content));
  }
  Context lengths = context;
  lengths.ctm = user;
  const geo::Box region = mask_box(state, mask_index, index, lengths);
  if (region.empty()) {
    state.note("convert-clip", e, tag(e) + " is masked away entirely; removed");
    return {};
  }
  auto undo = user.inverse();
  if (!undo) return {};  // a degenerate space draws nothing
  auto number = [](double v) { return format_number(v, 6); };
  auto mask_markup = [&](std::size_t k, const std::string& where) {
    return "<mask id=\"bimi-mask" + std::to_string(k) + "\"" + where +
           (is_alpha_mask(state, chain[k]) ? " mask-type=\"alpha\"" : "") +
           (k + 1 < chain.size() ? " mask=\"url(#bimi-mask" + std::to_string(k + 1) + ")\"" : "") +
           "><g transform=\"" + matrix_text(*undo) + "\">" + contents[k] + "</g></mask>";
  };
  std::string defs = mask_markup(0, " maskUnits=\"userSpaceOnUse\" x=\"" + number(region.x0) + "\" y=\"" +
                                        number(region.y0) + "\" width=\"" + number(region.width()) +
                                        "\" height=\"" + number(region.height()) + "\"");
  for (std::size_t k = 1; k < chain.size(); ++k) {
    // An inner mask's objectBoundingBox region is relative to the content it masks, which the
    // render lays out as the original does: its attributes are kept as written.
    const RawElement& inner = state.document.elements[chain[k]];
    const RawAttribute* units = inner.attribute("maskUnits");
    std::string where;
    if (units && trim_xml_space(units->value) == "userSpaceOnUse") {
      const geo::Box box = mask_box(state, chain[k], index, lengths);
      if (box.empty()) {
        state.note("convert-clip", e, tag(e) + " is masked away entirely; removed");
        return {};
      }
      where = " maskUnits=\"userSpaceOnUse\" x=\"" + number(box.x0) + "\" y=\"" + number(box.y0) + "\" width=\"" +
              number(box.width()) + "\" height=\"" + number(box.height()) + "\"";
    } else {
      for (const char* name : {"x", "y", "width", "height"}) {
        if (const RawAttribute* a = inner.attribute(name)) {
          where += std::string(" ") + name + "=\"" + escape_xml(a->value) + "\"";
        }
      }
    }
    defs += mask_markup(k, where);
  }
  return {std::move(defs), region, {}};
}

bool mask_applied_outside(const BuildState& state, std::size_t index) { return state.mask_applied == index; }

bool build_traced_mask(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                       const DrawElement& draw) {
  if (!state.mask_to_trace || state.mask_to_trace->first != index) return false;
  const std::string why = std::move(state.mask_to_trace->second);
  state.mask_to_trace.reset();
  const RawElement& e = state.document.elements[index];
  // Drawn again the usual way, apply_mask refuses the mask with the reason.
  auto untraced = [&](std::string reason) {
    state.untraced_masks[index] = std::move(reason);
    draw(context, parent);
    return true;
  };
  auto value = state.own(index, "mask");
  const std::string id = value ? local_reference(*value) : std::string();
  auto it = state.ids.find(id);
  if (it == state.ids.end()) return untraced("the mask is not found");
  const std::size_t mask_index = it->second;
  // A gradient mask around it would turn every traced colour into its gradient.
  if (context.gradient_mask) return untraced("it lies under a mask painted with a gradient");
  const geo::Matrix user = context.ctm * state.element_transform(e);

  // The element's drawing without its mask and without the clips around it (they cut the result).
  Context source = context;
  source.clips.clear();
  model::Node drawing;
  state.mask_applied = index;
  draw(source, drawing);
  state.mask_applied.reset();
  if (state.refused) return true;

  MaskRender mask = mask_render(state, index, mask_index, context);
  if (mask.defs.empty()) return mask.failure.empty() ? true : untraced(mask.failure);
  EffectRender effect;
  effect.defs = std::move(mask.defs);
  effect.applied = " mask=\"url(#bimi-mask0)\"";
  effect.user = user;
  effect.area = geo::bounds(geo::transformed(box_path(mask.region), user));
  std::string error;
  auto traced = trace_effect(state, drawing, effect, error);
  if (!traced) return untraced(error);
  if (traced->shapes.empty()) {
    state.note("convert-clip", e, tag(e) + " is masked away entirely (its render under mask #" + id + " is empty); removed");
    return true;
  }
  const std::size_t shapes = traced->shapes.size(), gradients = traced->gradients.size();
  model::Node node;
  const std::size_t bytes = place_traced(state, e, std::move(*traced), context, node);
  state.note("convert-traced", e, traced_note("mask #" + id + " (" + why + ")", shapes, gradients, bytes));
  if (!node.children.empty()) parent.children.push_back(std::move(node));
  return true;
}

}  // namespace bimi::svgps::convert
