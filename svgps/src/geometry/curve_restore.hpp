// Curves put back into the result of a polygon operation. Clipper works on flattened operands and
// returns only line segments; where a run of those segments follows one of the operands' cubics,
// the piece of that cubic between the run's ends draws the same edge in a fraction of the bytes.
#pragma once

#include <cstddef>
#include <vector>

#include "geometry/path.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::geometry {

// `polygons` with each run of line segments that follows one cubic of `sources` replaced by the
// piece of that cubic between the run's ends (de Casteljau split), its ends moved onto the run's
// end vertices so that the ring stays closed where it was. Identity is recovered geometrically
// (Clipper keeps no vertex tags): a vertex lies on a cubic when it is within `tolerance` of it, and
// a run is taken when every edge joins two such vertices in order along the cubic, the cubic
// between them stays within `tolerance` of the edge, and the run has at least min_restored_edges
// edges (shorter runs stay lines: a cubic costs more bytes than they do). Everything not matched
// with confidence is kept as it was: line segments, subpaths that already hold cubics, rings lying
// wholly on one cubic. Lines of the sources are never matched.
//
// Bounded: when the candidate tests (vertex × nearby cubic, and edge × pairs of its vertices'
// cubics) would pass max_restore_work, the polygons are returned unchanged. `deadline` (optional)
// is checked per ring (throws convert::WorkRefused).
inline constexpr std::size_t min_restored_edges = 3;
inline constexpr std::size_t max_restore_work = 4'000'000;

Path restore_curves(const Path& polygons, const std::vector<const Path*>& sources, double tolerance,
                    const convert::Deadline* deadline = nullptr);

}  // namespace bimi::svgps::geometry
