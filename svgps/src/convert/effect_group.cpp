#include "convert/effect_group.hpp"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "convert/effect_trace.hpp"
#include "convert/framing.hpp"

namespace bimi::svgps::convert {

namespace {

// Whether everything `node` draws comes from traced effects.
bool traced_only(const model::Node& node) {
  if (node.traced) return true;
  if (node.shape || node.children.empty()) return false;
  return std::all_of(node.children.begin(), node.children.end(), traced_only);
}

}  // namespace

bool flatten_effect_group(BuildState& state, std::size_t index, const Context& inner, std::size_t effects,
                          model::Node& node) {
  EffectRender effect;
  effect.user = geo::Matrix{};  // the drawing is already in document coordinates
  effect.area = drawn_bounds(node, geo::Matrix{});
  if (effect.area.empty()) return false;
  std::string error;
  auto traced = trace_effect(state, node, effect, error);
  if (!traced || traced->shapes.empty()) return false;
  const RawElement& e = state.document.elements[index];
  const std::size_t shapes = traced->shapes.size(), gradients = traced->gradients.size();
  // The render holds the drawing's opacities already; the group's clips give its edges back.
  Context placed = inner;
  placed.opacity = 1;
  model::Node flat;
  const std::size_t bytes = place_traced(state, e, std::move(*traced), placed, flat);
  node = std::move(flat);
  ++state.flattened_groups;
  state.note("convert-traced", e,
             traced_note("the group with its " + std::to_string(effects) + " traced effects, as one picture to fit the " +
                             "byte budget,",
                         shapes, gradients, bytes));
  return true;
}

void flatten_effect_runs(BuildState& state, std::size_t index, const Context& context, model::Node& node) {
  std::vector<model::Node> children;
  auto& from = node.children;
  for (std::size_t i = 0; i < from.size();) {
    std::size_t end = i;
    while (end < from.size() && traced_only(from[end])) ++end;
    if (end - i >= min_effects_to_flatten) {
      model::Node run;
      run.children.assign(std::make_move_iterator(from.begin() + static_cast<std::ptrdiff_t>(i)),
                          std::make_move_iterator(from.begin() + static_cast<std::ptrdiff_t>(end)));
      flatten_effect_group(state, index, context, end - i, run);  // left as it was when it cannot be traced
      children.push_back(std::move(run));
      i = end;
    } else {
      children.push_back(std::move(from[i]));
      ++i;
    }
  }
  from = std::move(children);
}

}  // namespace bimi::svgps::convert
