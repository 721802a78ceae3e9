// Potrace on colour layers: every colour of an indexed bitmap becomes one filled shape.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/document.hpp"
#include "raster/palette.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::raster {

struct TraceParameters {
  int despeckle = 2;         // potrace turdsize: specks of at most this many pixels are ignored
  double smoothing = 1.0;    // potrace alphamax: higher rounds more corners (0 keeps every corner)
  double tolerance = 0.2;    // potrace opttolerance: how far joined curves may stray, in pixels
  // Opaque colours may be stacked in any order and draw the same pixels; translucent bands may
  // not (their opacities compose in palette order).
  bool any_order = false;
};

struct TracedLayers {
  model::Node group;                 // shapes in pixel coordinates, bottom layer first
  std::vector<std::size_t> layers;   // per shape of group: its colour index (empty layers are left out)
  bool bottom_covers_canvas = false; // the first layer is the whole bitmap (an opaque background)
};

// Layers are stacked in palette order (largest first), or with `any_order` in the order whose
// outlines are shortest (raster/stacking.hpp) when that trace has fewer coordinates. Each is traced from its own pixels together
// with those of every layer drawn above it, so neighbours overlap instead of leaving hairline
// gaps where their smoothed outlines would meet.
//
// Potrace keeps working memory for every pixel edge of a layer's outline while it traces it, and
// cannot be interrupted, so a layer whose outline has more than max_trace_outline_edges pixel
// edges (noise, a photograph: nothing a 32 KiB logo could hold) is refused before potrace starts.
// `deadline` (optional) is checked between layers and while layers are prepared (throws
// convert::WorkRefused).
inline constexpr std::size_t max_trace_outline_edges = 250'000;
std::optional<TracedLayers> trace_layers(const Indexed& indexed, const TraceParameters& parameters, std::string& error,
                                         const convert::Deadline* deadline = nullptr);

}  // namespace bimi::svgps::raster
