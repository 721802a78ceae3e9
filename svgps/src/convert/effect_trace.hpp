// What an effect draws that no exact form holds (a blur, a drop shadow, lighting, turbulence,
// morphology; a mask of an image or of partial transparency): librsvg renders the element's own
// converted drawing under that effect, alone and in place, and the colour tracer turns the
// pixels into nested alpha bands, shapes with fill-opacity. SVG Tiny P/S has neither filters nor
// masks; a logo only has to look the same, and the fidelity gate judges the whole.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// Effect renders one document may ask for: each is a render in the worker (docs/limits.md).
inline constexpr std::size_t max_effect_renders = 96;
// Pixels per document unit are those of the whole logo drawn this many pixels wide.
inline constexpr int effect_trace_density = 256;
inline constexpr int max_effect_trace_size = 1024;

struct EffectRender {
  std::string defs;     // what the effect refers to (a <filter>, a <mask>), in the element's user space
  std::string applied;  // the attributes applying it there: ` filter="url(#bimi-effect)"`
  std::string inner;    // attributes of the group around the drawing, inside the effect
  std::string outer;    // attributes of a group around the effect (a mask applied after a filter)
  geo::Matrix user;     // the element's user space to document coordinates
  geo::Box area;        // what the render must cover, in document coordinates
};

struct TracedEffect {
  std::vector<model::Shape> shapes;  // bottom first, with fill-opacity, in pixel coordinates
  geo::Matrix to_document;           // pixel coordinates to document coordinates
  // A fade fitted as one gradient (pixel coordinates): the shapes painted with a gradient refer
  // to this list, not yet to the document's.
  std::vector<model::Gradient> gradients;
  // A fade around an ellipse: its gradient (by index in `gradients`) is a circle in a space of
  // its own, which this maps into pixel coordinates.
  std::map<std::size_t, geo::Matrix> spaces;
};

// The primitives librsvg can draw from the element alone: no feImage (it would need another
// element or a file).
bool renderable_primitive(const BuildState& state, std::size_t primitive);

// Whether a primitive's input names the backdrop (BackgroundImage, BackgroundAlpha, which
// Filter Effects 1 §9.4 left to enable-background). Browsers read such a name as no input (the
// previous result, SourceGraphic for the first primitive, as for any name that is not a result);
// librsvg (2.54) reads what is drawn beneath the element. The output follows browsers.
bool names_backdrop(std::string_view input);

// <filter id="`id`"> with the filter's primitives up to `last` (the result needed; those after it
// are left out), each primitive's cascaded properties written as attributes, its region
// (x, y, width, height in the element's user space) in userSpaceOnUse. An input naming the
// backdrop is left out, so that librsvg reads it as browsers do.
std::string filter_markup(const BuildState& state, std::size_t filter, std::size_t last, const geo::Box& region,
                          std::string_view id);

// A converted drawing as the writer writes it, in document coordinates, its gradients (written
// with it) named with `prefix` so that two drawings can share one render.
std::string written_drawing(const BuildState& state, const model::Node& drawing, std::string_view prefix);

// Renders `source` (the element's drawing, in document coordinates) under the effect and traces
// the result. Nullopt with `error` set when it cannot be rendered or traced (a bound crossed,
// noise too fine for a logo, more than the output's byte budget).
std::optional<TracedEffect> trace_effect(BuildState& state, const model::Node& source, const EffectRender& effect,
                                         std::string& error);

// Places traced bands under the clips of `outside` (the render is already cut to the effect's
// region) into `node`, and returns the bytes they take in the output, about.
std::size_t place_traced(BuildState& state, const RawElement& e, TracedEffect effect, const Context& outside,
                         model::Node& node);

// "<what> rendered and traced into N shapes[, G fitted gradients] (about B bytes)", the report's note.
std::string traced_note(const std::string& what, std::size_t shapes, std::size_t gradients, std::size_t bytes);

// "matrix(a b c d e f)" at full precision, for the render's markup.
std::string matrix_text(const geo::Matrix& m);

}  // namespace bimi::svgps::convert
