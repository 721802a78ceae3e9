// <text>: runs outlined with the fonts available, then drawn as shapes.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// The outlines of a <text> element's runs in its user space, one per text node with its
// element (the text or a tspan); nullopt when refused. Each run is positioned by the nearest
// x/y; tspans continue where the last run ended.
std::optional<std::vector<std::pair<std::size_t, geo::Path>>> outline_spans(BuildState& state, std::size_t index,
                                                                            const Context& context);
void build_text(BuildState& state, std::size_t index, model::Node& parent, const Context& outer);

}  // namespace bimi::svgps::convert
