// The checks `lint` runs, one file each. Each appends findings with a rule id from the rule table;
// `lint` applies the profile's severities afterwards.
#pragma once

#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::detail {

// Root, title, desc, content model and attribute allow-list (structure_checks.cpp).
void check_structure(const RawDocument& document, Diagnostics& diagnostics);

// href and url() references, ids, use cycles and expansion (reference_checks.cpp).
// Returns false when references make the document unsafe to render (cycles, expansion).
bool check_references(const RawDocument& document, const Limits& limits, Diagnostics& diagnostics);

// viewBox, squareness, width/height units and minimum size (viewport_checks.cpp).
void check_geometry(const RawDocument& document, Diagnostics& diagnostics);

// Colours, background and circle crop, measured on a render (visual_checks.cpp) unless the document
// proves none of them fires (visual_proof.cpp). Returns whether it rendered.
bool check_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                     Diagnostics& diagnostics);
// The same three rules, always measured on a render (the proof's oracle in the tests).
void measure_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                       Diagnostics& diagnostics);

// libxml2 RelaxNG validation with the bundled schema (schema_gate.cpp). Reports `schema` findings.
void check_schema_gate(std::string_view svg_text, Diagnostics& diagnostics);

}  // namespace bimi::svgps::detail
