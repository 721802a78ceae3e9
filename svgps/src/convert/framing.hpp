// What every conversion does once its content is a model::Document, whatever it came from (SVG
// or a traced bitmap): title, square frame, margin, background, and the acceptance of the
// written bytes (size budget, own lint, fidelity).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/render.hpp"
#include "geometry/path.hpp"
#include "model/document.hpp"

namespace bimi::svgps::convert {

// Bounds of everything drawn (strokes included), in the coordinates of `parent`.
geometry::Box drawn_bounds(const model::Node& node, const geometry::Matrix& parent);

// The box padded equally on its shorter side to a square.
model::ViewBox squared(model::ViewBox box);

// About 1/4096 of the logo's size per last digit: invisible at any size inboxes use.
int automatic_decimals(const model::ViewBox& box);

// A rectangle filling `box` with one colour.
model::Node background_node(const model::ViewBox& box, model::Rgb color);

// A background colour that cannot swallow the mark, judged on a render of it; nullopt if none is.
std::optional<model::Rgb> safe_background(const Image& image);

// Sets the title (--title, else the file's own, else the fallback) and the description.
void apply_title(model::Document& document, const ConvertOptions& options);

// What a square viewport shows of `box` under the root's preserveAspectRatio (`aspect`, as written):
// meet pads and slice crops, on the sides its alignment names. Nothing for "none" (a stretch, which
// a square viewBox cannot say: the builder draws it stretched, see root_stretch.hpp) and for the
// default "xMidYMid meet" (padding equally, see squared).
std::optional<model::ViewBox> aligned_square(const model::ViewBox& box, std::string_view aspect);

// The square frame the content is shown in (artboard or drawn content, padded to a square as the
// root's preserveAspectRatio frames it), before any margin. Says what it changed.
model::ViewBox square_frame(const model::Document& document, std::string_view aspect, const ConvertOptions& options,
                            Diagnostics& changes);

// Renders the content in a final frame (for --background auto); may return nullopt.
using FramedRender = std::function<std::optional<Image>(const model::ViewBox&)>;

// What frame_and_background did: false when the options are unusable (a refusal in `changes`).
struct Framing {
  bool usable = true;
  std::optional<model::Rgb> automatic_background;  // the colour --background auto put behind the logo
  explicit operator bool() const { return usable; }
};

// Adds the margin to `frame`, sets it as the document's viewBox and adds the background the
// options ask for.
Framing frame_and_background(model::Document& document, model::ViewBox frame, const ConvertOptions& options,
                             const FramedRender& framed_render, Diagnostics& changes);

// One way to finish a conversion into `result` (frame, write, the last gate), with the background
// --background auto chooses or without it; returns the colour it put behind the logo, if it did.
using Finish = std::function<std::optional<model::Rgb>(bool without_automatic_background, ConvertResult& result)>;

// Finishes the conversion. When the background --background auto chose is refused with the logo
// (its bytes push the file past the budget, or to a precision or a coarser trace that no longer
// renders like the original), it is finished again without one before it is refused: a logo on
// transparency, which `bimi check` warns about, rather than none. Another colour would cost the
// same bytes, and the fidelity renders never include the background, so only leaving it out can
// change the verdict. A note says which was taken and why. `result` holds the report so far.
void finish_with_background_fallback(const Finish& finish, ConvertResult& result);

// Whether a note says the original draws differently in librsvg and in browsers (the output then
// follows browsers, and librsvg's render is no reference for it).
bool renderers_differ(const Diagnostics& changes);

// The advice a fidelity refusal ends with: what the report shows went approximate (a fallback font,
// a trace), then --force.
std::string what_to_try(const Diagnostics& changes, bool traced);

// A refusal's message without the advice what_to_try appended ("; try: …").
std::string without_advice(const std::string& refusal);

// The last gate: the bytes fit `options.max_bytes`, pass `bimi check --profile strict` and render
// like the original (else refused unless --force). Fills result.svg when accepted.
void accept_output(std::string svg, const std::optional<Fidelity>& fidelity, const std::string& render_error,
                   const ConvertOptions& options, ConvertResult& result);

// The document with its whole user space scaled by `factor` (viewBox, coordinates, translations,
// stroke widths and dashes, gradient geometry): it draws exactly the same picture.
model::Document rescaled(const model::Document& document, double factor);

// "N bytes, M over the limit of L".
std::string over_budget(std::size_t bytes, std::size_t limit);

}  // namespace bimi::svgps::convert
