// From the XML as written to the closed model: CSS resolved, use/symbol/nested svg inlined,
// switch and links resolved, shapes turned into paths, paints and gradients resolved into user
// space, opacity folded, clip paths and masks of one flat value applied to geometry (strokes they
// cut outlined first), text outlined. Everything changed, approximated or refused is reported to
// `changes` with the element's line:column.
#pragma once

#include <optional>
#include <string>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"
#include "model/document.hpp"
#include "svg/deadline.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::text {
class Fonts;
}

namespace bimi::svgps::convert {

struct BuildOptions {
  bool force = false;        // drop what cannot be represented (filters, external images) instead of refusing
  double tolerance = 0.01;   // flattening tolerance for clipping, in user units after scaling to 512 px
  text::Fonts* fonts = nullptr;  // text is refused without fonts
  const Deadline* deadline = nullptr;  // checked while building; building stops when it passes
  Limits limits;
  std::vector<std::string> languages;  // the reader's, for <switch> (see ConvertOptions::languages)
  bool trace_effects = true;  // render and trace filter results no exact form holds (blurs, shadows)
  std::size_t max_bytes = 32 * 1024;  // the output's budget: a traced result alone past it is refused
  // A group holding several traced effects is traced as one picture (effect_group.hpp): tried
  // when the logo does not fit otherwise.
  bool flatten_effect_groups = false;
};

// Change kinds reported while converting (rule ids of the conversion report).
//   convert-css, convert-structure, convert-removed, convert-paint, convert-opacity, convert-clip
//   (clip paths, masks, strokes outlined for them), convert-text, convert-filter, convert-blend: notes
//   of what was rewritten exactly;
//   convert-traced: a note, an embedded bitmap or a filter's result was traced into shapes;
//   convert-approximated: a warning, something was kept only approximately;
//   convert-dropped: a warning, something visible was dropped under --force;
//   convert-refused: an error, the input cannot be converted faithfully.
// What the builder made, and what the rest of the pipeline needs to know of the input.
struct Built {
  model::Document document;
  // An embedded bitmap or a filter's result was traced into shapes: the result is judged as bitmap logos are
  // (the traced fidelity thresholds, a finer comparison render).
  bool traced = false;
  // A filter spreads an element reaching past the page, which librsvg filters only on the page:
  // the fidelity reference is rendered with room around the page (padded_reference.hpp).
  bool filter_past_page = false;
};

// Why a document was refused, where the caller can still try something else.
struct BuildRefusal {
  // An effect's traced result alone took more bytes than a whole logo may (noise, a textured
  // fill): the drawing does not fit the budget, and a picture of the whole may.
  bool effect_over_budget = false;
};

std::optional<Built> build_document(const detail::RawDocument& document, const BuildOptions& options,
                                    Diagnostics& changes, BuildRefusal* why_refused = nullptr);

}  // namespace bimi::svgps::convert
