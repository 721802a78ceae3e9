// FillPaint and StrokePaint (Filter Effects 1 §9.4): a filter input that floods the region with
// the element's fill or stroke. The traced render applies the filter to a group around the
// element's drawing, so the group carries the element's paints, gradients included.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// Whether the element's fill and stroke can be given to the render: each is none, a colour, or a
// linear or radial gradient (a pattern cannot; a missing server falls back to its colour).
bool paints_renderable(const BuildState& state, std::size_t index);

// The element's fill and stroke as attributes of the filtered group, in the element's user space,
// with each gradient they use appended to `defs` (laid out on the element's bounding box, as
// librsvg lays it out for FillPaint). nullopt when a gradient paints nothing or cannot be kept
// exactly (a spreadMethod other than pad, a focal point off the centre).
std::optional<std::string> paint_attributes(BuildState& state, std::size_t index, std::string& defs);

}  // namespace bimi::svgps::convert
