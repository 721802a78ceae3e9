// Reading inputs and writing outputs for the mark-certificate commands (hash, csr, verify, inspect).
#pragma once

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/svgps/file_format.hpp"
#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/raster.hpp"
#include "exit_codes.hpp"
#include "terminal.hpp"
#include "file_args.hpp"
#include "render_worker.hpp"

namespace bimi::cli::vmc_io {

// Reads a file ("-": standard input) or prints why not (to stderr) and returns nullopt: the caller
// exits 3.
inline std::optional<std::string> read_input(const std::string& path, std::size_t max_bytes, std::string_view what) {
  auto bytes = read_input_file(path, max_bytes);
  if (auto* error = std::get_if<IoError>(&bytes)) {
    std::cerr << "bimi: cannot read " << what << ": " << printable(error->message) << "\n";
    return std::nullopt;
  }
  return std::get<std::string>(std::move(bytes));
}

// Writes an output (atomically, creating its directory) or prints why not; false means exit 4.
inline bool write_output(const std::string& path, std::string_view bytes, WriteOptions options = {}) {
  auto written = write_output_file(path, bytes, options);
  if (auto* error = std::get_if<IoError>(&written)) {
    std::cerr << "bimi: cannot write " << printable(error->message) << "\n";
    return false;
  }
  return true;
}

// True (after printing why) when an output path names an input.
inline bool clashes(const std::string& output, const std::string& input) {
  if (!output_is_input(output, input)) return false;
  std::cerr << "bimi: refusing to write " << printable(output) << ": it is also an input\n";
  return true;
}

// True (after printing why) when "-" names standard input more than once.
inline bool reads_stdin_twice(const std::vector<std::string>& inputs) {
  if (!reads_standard_input_twice(inputs)) return false;
  std::cerr << "bimi: standard input (-) can be read only once\n";
  return true;
}

// The logo rules a file must pass before bimi tells anyone to give it to a CA: it must be an SVG
// (a bitmap is refused outright) and pass `bimi check --profile strict`, unless allow_invalid.
// Prints why not (to stderr) and returns false: the caller exits 1.
inline bool logo_fit_for_ca(const std::string& path, std::string_view bytes, bool allow_invalid) {
  if (svgps::sniff_raster(bytes) != svgps::RasterFormat::none) {
    std::cerr << "bimi: " << printable(input_label(path)) << ": this is a " << svgps::format_name(svgps::sniff_format(bytes))
              << "; convert it first with bimi convert (bimi convert " << printable(input_label(path)) << " -o logo.svg)\n";
    return false;
  }
  svgps::LintOptions options;
  options.profile = svgps::Profile::strict;
  options.limits = sandboxed_limits();  // an untrusted logo is drawn in a worker, as everywhere
  auto report = svgps::lint(bytes, options);
  std::size_t errors = report.diagnostics.count(Severity::error);
  if (errors == 0) return true;
  std::cerr << "bimi: " << printable(input_label(path)) << " fails bimi check with " << errors << (errors == 1 ? " error" : " errors")
            << (allow_invalid ? " (going on: --allow-invalid)" : "; fix it (bimi convert writes a logo that passes) or give --allow-invalid")
            << ":\n";
  for (const auto& d : report.diagnostics.items()) {
    if (d.severity != Severity::error) continue;
    std::cerr << printable(input_label(path)) << ":" << d.location.line << ":" << d.location.column << ": error: " << printable(d.message) << " [" << d.rule
              << "]\n";
  }
  return allow_invalid;
}

}  // namespace bimi::cli::vmc_io
