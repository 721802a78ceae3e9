#include "convert/mask_trace.hpp"

#include <optional>
#include <string>
#include <utility>

#include "convert/blending.hpp"
#include "convert/bounds.hpp"
#include "convert/clip_mask.hpp"
#include "convert/effect_trace.hpp"
#include "convert/tree.hpp"
#include "model/writer.hpp"

namespace bimi::svgps::convert {

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
    if (!box) return true;  // no area: the element is not drawn
    inside.ctm = user * *box;
  }
  model::Node content;
  {
    GroupBeingBuilt open(state, content, true);
    build_children(state, mask_index, content, inside);
  }
  if (state.refused) return true;
  Context lengths = context;
  lengths.ctm = user;
  const geo::Box region = mask_box(state, mask_index, index, lengths);
  if (region.empty()) {
    state.note("convert-clip", e, tag(e) + " is masked away entirely; removed");
    return true;
  }
  auto undo = user.inverse();
  if (!undo) return true;  // a degenerate space draws nothing
  EffectRender effect;
  auto number = [](double v) { return format_number(v, 6); };
  effect.defs = "<mask id=\"bimi-mask\" maskUnits=\"userSpaceOnUse\" x=\"" + number(region.x0) + "\" y=\"" +
                number(region.y0) + "\" width=\"" + number(region.width()) + "\" height=\"" +
                number(region.height()) + "\"" + (is_alpha_mask(state, mask_index) ? " mask-type=\"alpha\"" : "") +
                "><g transform=\"" + matrix_text(*undo) + "\">" + written_drawing(state, content, "m") + "</g></mask>";
  effect.applied = " mask=\"url(#bimi-mask)\"";
  effect.user = user;
  effect.area = geo::bounds(geo::transformed(box_path(region), user));
  std::string error;
  auto traced = trace_effect(state, drawing, effect, error);
  if (!traced) return untraced(error);
  const std::size_t shapes = traced->shapes.size(), gradients = traced->gradients.size();
  model::Node node;
  const std::size_t bytes = place_traced(state, e, std::move(*traced), context, node);
  state.note("convert-traced", e, traced_note("mask #" + id + " (" + why + ")", shapes, gradients, bytes));
  if (!node.children.empty()) parent.children.push_back(std::move(node));
  return true;
}

}  // namespace bimi::svgps::convert
