#include "convert/use_expansion.hpp"

#include <utility>
#include <vector>

#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

// While a <use> copy is built, its elements inherit from the <use>. Returns what it replaced.
InstanceStyles enter_instance(BuildState& state, std::size_t use, std::size_t target) {
  InstanceStyles saved;
  std::vector<std::pair<std::size_t, style::ComputedStyles::Values>> stack;
  stack.emplace_back(target, state.computed_values(use));
  while (!stack.empty()) {
    auto [index, parent_values] = std::move(stack.back());
    stack.pop_back();
    style::ComputedStyles::Values values = state.styles.computed_under(parent_values, index);
    if (auto it = state.instance_styles.find(index); it != state.instance_styles.end()) saved.emplace(index, it->second);
    for (std::size_t child : state.document.elements[index].children) stack.emplace_back(child, values);
    ElementStyle typed = resolve_element_style(values, state.styles.specified_values(index));
    state.instance_styles[index] = {std::move(values), std::move(typed)};
  }
  return saved;
}

void leave_instance(BuildState& state, std::size_t target, InstanceStyles saved) {
  std::vector<std::size_t> stack{target};
  while (!stack.empty()) {
    std::size_t index = stack.back();
    stack.pop_back();
    state.instance_styles.erase(index);
    for (std::size_t child : state.document.elements[index].children) stack.push_back(child);
  }
  for (auto& [index, values] : saved) state.instance_styles[index] = std::move(values);
}

void build_use(BuildState& state, std::size_t index, model::Node& parent, const Context& context) {
  const RawElement& e = state.document.elements[index];
  auto found = state.href_target(e);
  if (!found) {
    state.note("convert-removed", e, "<use> refers to nothing drawable; removed");
    return;
  }
  if (context.use_depth > 32 || ++state.use_instances > state.options.limits.max_use_instances) {
    state.refuse(e, "<use> references nest or repeat too much to inline");
    return;
  }
  std::size_t target = *found;
  for (std::size_t p = index; p != RawElement::no_parent; p = state.document.elements[p].parent) {
    if (p == target) {
      state.refuse(e, "<use> refers to an element that contains it");
      return;
    }
  }
  if (!state.inlined_use_noted) {
    state.note("convert-structure", e, "<use> references inlined (the output has no references)");
    state.inlined_use_noted = true;
  }
  Context inner = context;
  inner.use_depth++;
  double x = length(e, "x", 0, context, 'w');
  double y = length(e, "y", 0, context, 'h');
  inner.ctm = context.ctm * state.element_transform(e) * geo::Matrix::translate(x, y);
  build_container(state, index, parent, inner, [&](const Context& entered, model::Node& node) {
    const RawElement& t = state.document.elements[target];
    auto saved = enter_instance(state, index, target);
    if (t.is_svg("symbol") || t.is_svg("svg")) {
      double w = length(e, "width", context.viewport_width, context, 'w');
      double h = length(e, "height", context.viewport_height, context, 'h');
      Context symbol = entered;
      symbol.ctm = entered.ctm * state.element_transform(t) * view_box_transform(t, w, h);
      symbol.viewport_width = w;
      symbol.viewport_height = h;
      if (apply_effects(state, target, symbol)) build_children(state, target, node, symbol);
    } else {
      build_element(state, target, node, entered);
    }
    leave_instance(state, target, std::move(saved));
  });
}

}  // namespace bimi::svgps::convert
