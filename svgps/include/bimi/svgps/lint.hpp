// Lint an SVG file against SVG Tiny P/S and the BIMI logo rules.
#pragma once

#include <cstddef>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"
#include "bimi/svgps/rules.hpp"

namespace bimi::svgps {

struct LintOptions {
  Profile profile = Profile::strict;
  Limits limits;
  bool render_checks = true;  // colours, background and crop, measured on a librsvg render
  bool schema_gate = true;    // libxml2 RelaxNG validation with the bundled schema as a last gate
};

struct LintReport {
  Diagnostics diagnostics;     // sorted by location
  bool fatal = false;          // the input could not be read as an SVG document
  bool gzipped = false;        // the input was .svgz
  std::size_t svg_bytes = 0;   // uncompressed size
  bool rendered = false;       // the rendered rules needed librsvg's render (the document did not settle them)
  bool drawn = false;          // they were measured on bimi's own drawing of a plain logo instead
};

// `bytes` is the file exactly as stored (SVG or gzip-compressed SVG).
LintReport lint(std::string_view bytes, const LintOptions& options = {});

}  // namespace bimi::svgps
