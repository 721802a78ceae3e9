// What a filter draws that no exact form holds (a blur, a drop shadow, lighting, turbulence,
// morphology): librsvg renders that result alone, in place, and the colour tracer turns the
// pixels into nested alpha bands, shapes with fill-opacity. SVG Tiny P/S has no filters; a logo
// only has to look the same, and the fidelity gate judges the whole.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// Filter renders one document may ask for: each is a render in the worker (docs/limits.md).
inline constexpr std::size_t max_effect_renders = 32;
// Pixels per document unit are those of the whole logo drawn this many pixels wide.
inline constexpr int effect_trace_density = 256;
inline constexpr int max_effect_trace_size = 1024;

struct EffectRender {
  std::size_t filter = 0;     // the <filter> element
  std::string functions;      // or, when set, a list of filter functions applied instead
  std::size_t last = 0;       // the primitive whose result is drawn; those after it are left out
  double x = 0, y = 0, width = 0, height = 0;  // the filter region, in the element's user space
  geo::Matrix user;           // the element's user space to document coordinates
  geo::Box area;              // what the render must cover, in document coordinates
};

struct TracedEffect {
  std::vector<model::Shape> shapes;  // bottom first, with fill-opacity, in pixel coordinates
  geo::Matrix to_document;           // pixel coordinates to document coordinates
};

// The primitives librsvg can draw from the element alone: no feImage (it would need another
// element or a file), and every input SourceGraphic, SourceAlpha or a named result.
bool renderable_primitive(const BuildState& state, std::size_t primitive);

// Renders `source` (the element's drawing, in document coordinates) under the filter up to
// `effect.last`, and traces the result. Nullopt with `error` set when it cannot be rendered or
// traced (a bound crossed, noise too fine for a logo).
std::optional<TracedEffect> trace_effect(BuildState& state, const model::Node& source, const EffectRender& effect,
                                         std::string& error);

}  // namespace bimi::svgps::convert
