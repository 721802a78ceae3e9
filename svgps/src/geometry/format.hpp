// Compact, deterministic path data for the writer.
#pragma once

#include <string>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

// Path data for `path` that parse_path_data() reads back with every point within
// 10^-decimals of the original (decimals is clamped to 0..17; coordinates must be finite —
// a non-finite one is written as 0).
//
// - Numbers: at most `decimals` fraction digits, trailing zeros and the leading "0" of "0.5"
//   removed, "-0" written as "0"; std::to_chars, so the C locale never matters.
// - Each segment is written absolute or relative, whichever is shorter (ties: absolute); relative
//   coordinates are taken from the point a reader will have reached (the rounded one), so
//   rounding errors never accumulate. Lines may become H/V and cubics S when the rounded
//   result stays within the same bound.
// - Separators only where needed ("M1 2L3-4", "M.5.5"); a command letter is left out when the
//   previous command repeats implicitly (including L after M and l after m).
// - A move straight after a close to the subpath's start is left out when a drawing command
//   follows (the reader starts there anyway); repeated closes are written once; a path that
//   does not start with a move gets "M0 0" first.
std::string format_path(const Path& path, int decimals);

// One number as format_path() writes it ("0.50" → ".5", "-0" → "0", no exponent), for the
// writer's other numeric attributes. decimals is clamped to 0..17; a non-finite value gives "0".
std::string format_number(double value, int decimals);

}  // namespace bimi::svgps::geometry
