// A drawing of flat colours as disjoint regions of one colour each: its shapes (strokes outlined)
// as layers in paint order, cut against each other where translucent ones overlap. What a blend
// (blending.hpp) and a gradient mask over several colours (gradient_mask.hpp) need, since SVG
// Tiny has no group compositing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "convert/build_state.hpp"
#include "convert/color_map.hpp"

namespace bimi::svgps::convert {

// Regions one drawing may become, and polygon operations spent finding them: each shape can
// split every region found so far in two.
constexpr std::size_t max_flat_regions = 1024;
constexpr std::size_t max_flat_operations = 8192;

// A flat-coloured layer in the drawing's coordinates: a fill, or a stroke outlined.
struct Layer {
  geo::Path path;
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;
  Rgba colour;
  const char* unknown = nullptr;  // why its colour is no single value: "a gradient", "a traced bitmap"
  geo::Path edges;                // a stroke's: the curves its outline follows (geo::stroke_edges)
};

// The paths whose curves restore_curves() may put back into cuts of `layers`.
std::vector<const geo::Path*> curve_sources(const std::vector<Layer>& layers);

// A part of the picture of one colour.
struct Region {
  geo::Path path;
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;
  Rgba colour;
};

bool boxes_overlap(const geo::Box& a, const geo::Box& b);

// The regions of one element's drawing; `e` is whose stroke outlines are reported.
class FlatRegions {
 public:
  FlatRegions(BuildState& state, const RawElement& e) : state_(state), e_(e), tolerance_(state.tolerance()) {}

  // The layers `node` paints, in paint order, those outside `within` left out (when given).
  // False when refused on the way (a stroke of too many dashes).
  bool collect(const model::Node& node, const geo::Matrix& outer, bool traced, const geo::Box* within,
               std::vector<Layer>& out);

  // Splits `regions` by each layer drawn over them in turn: the part under a layer takes the
  // layer's colour composited over its own. A reason when that is not exact or not bounded.
  std::optional<std::string> split(std::vector<Region>& regions, const std::vector<Layer>& layers);

  // The layers drawn over each other as an isolated group: disjoint regions of one composited
  // colour each. A layer that overlaps nothing before it stays whole, and an opaque one covers
  // what it overlaps, so that only translucent overlaps cost cuts.
  std::optional<std::string> composite(const std::vector<Layer>& layers, std::vector<Region>& regions);

  // Counts regions emitted for the element; a reason once they pass the bound.
  std::optional<std::string> emit(std::size_t count) { return bound(emitted_ += count); }

  Region make_region(geo::Path path, Rgba colour) const;

  // A polygon operation's result thinner than the flattening tolerance: a sliver along an edge
  // both operands share, not a region of its own.
  bool negligible(const geo::Path& path) const;

  double tolerance() const { return tolerance_; }

 private:
  std::optional<std::string> spend(std::size_t operations);
  static std::optional<std::string> bound(std::size_t regions);
  void add(Layer layer, const model::Paint& paint, bool traced, std::vector<Layer>& out) const;

  BuildState& state_;
  const RawElement& e_;
  double tolerance_;
  std::size_t operations_ = 0;
  std::size_t emitted_ = 0;
};

bool same_paint(const Rgba& a, const Rgba& b);

// Parts gathered by colour, in the order their colours first appear: each colour becomes one
// shape, so that no seam shows between its parts.
using ColourParts = std::vector<std::pair<Rgba, std::vector<geo::Path>>>;
void add_part(ColourParts& parts, const Rgba& colour, geo::Path path);

// The parts of one colour as one path (their union), with the curves of `sources` put back.
geo::Path join_parts(BuildState& state, std::vector<geo::Path> paths, const std::vector<const geo::Path*>& sources,
                     double tolerance);

// A shape filled with one straight-alpha colour.
model::Node flat_shape(geo::Path path, geo::FillRule rule, const Rgba& colour);

}  // namespace bimi::svgps::convert
