// The checks `lint` runs, one file each. Each appends findings with a rule id from the rule table;
// `lint` applies the profile's severities afterwards.
#pragma once

#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"
#include "render/plain_scene.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::detail {

// Root, title, desc, content model and attribute allow-list (structure_checks.cpp).
void check_structure(const RawDocument& document, Diagnostics& diagnostics);

// href and url() references, ids, use cycles and expansion (reference_checks.cpp).
// Returns false when references make the document unsafe to render (cycles, expansion).
bool check_references(const RawDocument& document, const Limits& limits, Diagnostics& diagnostics);

// viewBox, squareness, width/height units and minimum size (viewport_checks.cpp).
void check_geometry(const RawDocument& document, Diagnostics& diagnostics);

// What the rendered rules were measured on.
enum class Picture {
  none,      // nothing: the document proved none of them fires (visual_proof.cpp)
  drawn,     // bimi's own cairo drawing of a plain logo, equal to librsvg's (scene_drawing.cpp)
  rendered,  // librsvg's render in a worker process
};

// Colours, background and circle crop (visual_checks.cpp), on the cheapest picture that gives
// librsvg's answer.
Picture check_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                        Diagnostics& diagnostics);
// The same three rules, always measured on a picture: drawn when `plain_scene` is given and
// drawable, else rendered (the proof's oracle in the tests passes none).
Picture measure_rendering(std::string_view svg_text, const RawDocument& document, const Limits& limits,
                          Diagnostics& diagnostics, const std::vector<SceneLayer>* plain_scene = nullptr);

// libxml2 RelaxNG validation with the bundled schema (schema_gate.cpp). Reports `schema` findings.
void check_schema_gate(std::string_view svg_text, Diagnostics& diagnostics);

}  // namespace bimi::svgps::detail
