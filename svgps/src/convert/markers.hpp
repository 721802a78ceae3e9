// Markers (SVG 1.1 §11.6, as librsvg 2.54 draws them): a <marker>'s content drawn at the vertices
// of a path, line, polyline or polygon, turned along the path, scaled by the stroke width, and cut
// to the marker's viewport. The output has no markers, so each one is drawn where it stands.
#pragma once

#include <cstddef>
#include <vector>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// A marker drawn at one vertex: where, turned by how much (degrees), and which property names it.
struct MarkerVertex {
  enum class Kind { start, mid, end };
  Kind kind = Kind::mid;
  geo::Point at;
  double angle = 0;
};

// The vertices librsvg draws markers at, with its angles: one per drawing command (an arc is one,
// whatever its cubics; `arc_continuations` lists the pieces that continue one), the start of the
// first, the end of the last, and mid markers between; an angle bisects the incoming and outgoing
// directions, zero-length segments skipped.
std::vector<MarkerVertex> marker_vertices(const geo::Path& path, const std::vector<std::size_t>& arc_continuations);

// Draws the markers of a path, line, polyline or polygon into `parent`, in the element's
// context (its user space, clips and opacity). Nothing when no marker property names a <marker>.
void build_markers(BuildState& state, std::size_t index, const Context& context, model::Node& parent);

}  // namespace bimi::svgps::convert
