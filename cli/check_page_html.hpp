// `bimi check --format html`: one self-contained page (no script, no network) with each logo drawn
// from the exact bytes checked (an <img>, which never runs scripts or fetches) and each finding's
// source lines; a summary table first when several files were checked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "html.hpp"
#include "report.hpp"

namespace bimi::cli {

// One file of the page, made where the file was checked so that its bytes need not be kept.
struct CheckPageFile {
  std::string label;
  bool unreadable = false;
  std::size_t errors = 0, warnings = 0;
  std::string svg;  // the text checked (SVGZ gunzipped); empty when unreadable or too large to show
  bool too_large = false;
  std::vector<PageFinding> findings;
  std::size_t findings_left_out = 0;
};

// A logo larger than this is listed as too large to show (docs/limits.md).
inline constexpr std::size_t max_shown_checked_bytes = 256 * 1024;
// Bytes of logos one page embeds in all.
inline constexpr std::size_t max_check_page_image_bytes = 16u << 20;

// `text` is the SVG text that was checked (empty when it could not be read). Only the counts are
// kept for a file past max_page_files (`index` is its place on the page).
CheckPageFile check_page_file(std::size_t index, const FileFindings& findings, std::string label, std::string_view text);

std::string check_page_html(const std::vector<CheckPageFile>& files);

}  // namespace bimi::cli
