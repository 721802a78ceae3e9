// mix-blend-mode between flat colours. A blended element over a backdrop of flat-coloured shapes
// is exact as flat shapes: where it lies over one backdrop colour, it paints one colour. The
// element is cut against the shapes drawn before it (back to the nearest isolated group) and each
// overlap is painted with the colour the blend gives there; gradients and traced bitmaps, in the
// element or under it, are refused.
#pragma once

#include <cstddef>
#include <functional>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// Whether librsvg (2.54, StackingContext::should_isolate) draws the element as an isolated group,
// which a blend inside it cannot see through: opacity below 1, a filter, a mask, a blend mode,
// a clip-path in objectBoundingBox units, or isolation: isolate.
bool isolates(const BuildState& state, std::size_t index);

// Registers an output group while its content is built, so that a blended element inside sees
// what was drawn before it there.
class GroupBeingBuilt {
 public:
  GroupBeingBuilt(BuildState& state, const model::Node& node, bool isolated);
  ~GroupBeingBuilt();
  GroupBeingBuilt(const GroupBeingBuilt&) = delete;
  GroupBeingBuilt& operator=(const GroupBeingBuilt&) = delete;

 private:
  BuildState& state_;
};

// Draws the element itself (its filter, transform and effects included) in `context`, into `node`.
using DrawBlended = std::function<void(const Context& context, model::Node& node)>;

// Builds an element with a mix-blend-mode of Compositing 1 other than normal as flat shapes;
// true when handled (drawn, or refused, or the blend dropped under --force), false when the
// element has no such blend mode (the caller draws it, and apply_effects refuses an unknown mode).
bool build_blended(BuildState& state, std::size_t index, model::Node& parent, const Context& context,
                   const DrawBlended& draw);

// Says once per blended element what its blends became.
void report_blends(BuildState& state);

}  // namespace bimi::svgps::convert
