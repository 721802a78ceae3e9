// The SVG transform attribute: a list of matrix/translate/scale/rotate/skewX/skewY functions.
#pragma once

#include <optional>
#include <string_view>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

// Parses a whole transform list (SVG 1.1 §7.6 with SVG 2's optional separators) into one matrix,
// the functions composed left to right as SVG applies them. "none", an empty or all-whitespace
// value give the identity. nullopt on any syntax error, a wrong argument count, or a result that
// is not finite; the caller then ignores the attribute, as SVG requires.
std::optional<Matrix> parse_transform(std::string_view text);

// A rotation by `degrees` about the origin whose multiples of 90° are exact (no 6e-17 residues),
// so axis-aligned shapes stay axis-aligned.
Matrix exact_rotation(double degrees);

}  // namespace bimi::svgps::geometry
