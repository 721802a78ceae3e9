// Strokes: an element's stroke properties, and the region a stroke paints.
#pragma once

#include <cstddef>
#include <optional>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// An element's stroke properties with the given paint; nullopt when it paints nothing.
std::optional<model::Stroke> read_stroke(BuildState& state, std::size_t index, const model::Paint& paint,
                                         const Context& context);
// The region a stroke paints, as a nonzero fill; nullopt (refused) when it has too many dashes.
std::optional<geo::Path> stroke_outline(BuildState& state, const RawElement& e, const model::Stroke& stroke,
                                        const geo::Path& path, double tolerance);

}  // namespace bimi::svgps::convert
