// The --report page of `bimi convert`: one self-contained file (no script, no network) with, per
// file, the original and the converted logo at inbox size and at 256 px, the fidelity gate's own
// difference map as a heat map, the figures, the sizes and every note with its source lines; a
// summary table first when several files were converted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/svgps/convert.hpp"
#include "html.hpp"

namespace bimi::cli {

// One file of the page, made where the file was converted so that its bytes need not be kept.
struct ConvertPageFile {
  std::string input;   // labels as the text report prints them
  std::string output;
  std::string status;  // converted, refused, unreadable or write-failed
  std::string reason;  // why not converted: the I/O error or the first error note
  std::size_t input_bytes = 0;
  std::size_t output_bytes = 0;
  std::string original_mime;  // empty: the original is too large (or not an image) to show
  std::string original;       // the bytes shown (gunzipped for SVGZ)
  std::string converted;      // the converted logo, empty when none
  std::optional<svgps::Fidelity> fidelity;  // without its difference map
  std::string heat_map_png;                 // the difference map as a PNG, empty when identical or none
  std::vector<PageFinding> notes;
  std::size_t notes_left_out = 0;
  std::vector<PageFinding> output_findings;
  std::size_t output_findings_left_out = 0;
};

// A logo larger than this is listed as too large to show (docs/limits.md).
inline constexpr std::size_t max_shown_logo_bytes = 256 * 1024;
// Bytes of images one page embeds in all.
inline constexpr std::size_t max_page_image_bytes = 16u << 20;

// Only the summary figures are kept for a file past max_page_files (`index` is its place).
ConvertPageFile convert_page_file(std::size_t index, std::string input_label, std::string output_label, std::string status, std::string io_error,
                                  std::string_view input_bytes, const svgps::ConvertResult& result);

std::string convert_report_html(const std::vector<ConvertPageFile>& files);

}  // namespace bimi::cli
