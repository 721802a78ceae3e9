// SVG path data (the `d` attribute) reduced to absolute move, line, cubic and close segments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "geometry/librsvg_paths.hpp"
#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

struct PathParse {
  Path path;
  bool complete = true;  // false: a syntax error, an overflow or the segment limit stopped it
  std::size_t error_offset = 0;  // byte offset of the first error in `d` (when !complete)
  std::string error;             // what was wrong (when !complete)
  // Segments that continue the arc command before them (an arc is drawn as up to four cubics):
  // markers stand at the vertices of the commands, not of the pieces.
  std::vector<std::size_t> arc_continuations;
};

// Parses every command of SVG 1.1 §8.3 / SVG 2 path data, with implicit repeats and compact
// number forms ("M1.5.5", "1e-3", arc flags without separators "a1 1 0 00 1 1").
//
// The output holds only absolute segments:
// - H/V become lines; Q/T become the exactly equivalent cubics; S/T reflect the previous control
//   point only after C/S (resp. Q/T), else use the current point.
// - Arcs follow SVG's implementation notes (F.6): equal end points drop the arc, a zero radius
//   makes it a line, radii too small are scaled up, and each cubic spans at most 90°. Two
//   guards go beyond F.6: a short arc on an ellipse over 10^8 times its chord is drawn as the
//   chord (it departs from it by under 10^-8 of its length), and an arc whose arithmetic would
//   overflow is drawn as its chord.
// - Z closes the subpath and returns to its start; when a drawing command follows Z without an M,
//   an explicit move to that start is inserted, so every subpath begins with a move. Repeated Zs
//   collapse into one.
//
// On a syntax error the segments before the failing command (or before the failing repeat of an
// implicitly repeated command) are kept, as SVG's "render up to the error" rule requires, and
// complete is false. A command whose coordinates add up to infinity ("M1e308 0 l1e308 0") stops
// the parse the same way, so every output point is finite. No more than `max_segments` segments
// are produced: past that the parse stops with complete == false, so hostile input cannot
// allocate without bound. With CurveForm::librsvg, Q, T and A become librsvg's cubics instead
// (librsvg_paths.hpp).
PathParse parse_path_data(std::string_view d, std::size_t max_segments, CurveForm form = CurveForm::exact);

// Appends the cubics that approximate the SVG elliptical arc from `from` (F.6 endpoint
// parameterisation) to `out`, at most 90° each (so at most 4, or a line when a radius is zero;
// nothing when the end points coincide). Exposed for the shape converters and the tests.
void append_arc(Path& out, Point from, double rx, double ry, double x_axis_rotation_degrees,
                bool large_arc, bool sweep, Point to);

}  // namespace bimi::svgps::geometry
