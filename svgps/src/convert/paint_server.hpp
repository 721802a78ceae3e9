// Paint: colours, currentColor, solidColor and gradients resolved into the output's paints.
#pragma once

#include <cstddef>
#include <string>
#include <optional>
#include <string_view>
#include <utility>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

enum class PaintProperty { fill, stroke };

// An element's fill or stroke, with its opacity, for a shape whose geometry is `path`; a gradient
// it uses is added to the output document.
model::Paint resolve_paint(BuildState& state, std::size_t index, PaintProperty property, const Context& context,
                           const geo::Path& path);

// A gradient as written, in its own coordinates (objectBoundingBox fractions, before
// gradientTransform), and the matrix to the user space of the shape whose geometry is `path`.
struct GradientInSpace {
  model::Gradient gradient;
  geo::Matrix to_user;
  bool exact = true;  // false: a spreadMethod written out as more periods than allowed, or an off-centre focal point
};
// nullopt when the gradient paints nothing (no stops, or an empty bounding box). What it cannot
// keep exactly is reported as approximated on `user` when `approximate` is set. A repeated or
// reflected gradient is written out over the path's box, widened by `room` times its larger side
// on each side (a stroke paints past the path).
std::optional<GradientInSpace> read_gradient(BuildState& state, std::size_t index, const geo::Path& path,
                                             const RawElement& user, bool approximate, double room = 0);
// The gradient mapped by `to_user`: exactly for a linear one or a circle that stays a circle;
// else the circle kept in its own space and the stretching matrix returned beside it.
std::pair<model::Gradient, std::optional<geo::Matrix>> place_gradient(BuildState& state, model::Gradient gradient,
                                                                      const geo::Matrix& to_user, const RawElement& user);

// Notes a gradient in objectBoundingBox units painted under a rotating or skewing `ctm`, which
// librsvg and browsers lay out on different boxes.
void note_turned_gradient(BuildState& state, std::size_t server, const RawElement& at, const geo::Matrix& ctm);

// Maps a gradient paint's coordinates by `m` (exact where bake_shape uses it).
void bake_paint_transform(BuildState& state, model::Paint& paint, const geo::Matrix& m);

}  // namespace bimi::svgps::convert
