// What the HTML pages bimi writes (the aggregate-report page, the domain dashboard, the convert
// report and the check page) share: text escaped for element content and quoted attribute values,
// the page frame with its policy, data: URIs, and findings shown with their source lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::cli {

inline std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// The top of a self-contained page up to <body>: its policy lets the page run no script and fetch
// nothing; styles are inline and images are data: URIs only.
std::string html_page_start(std::string_view title, std::string_view style);
inline constexpr std::string_view html_page_end = "</body></html>\n";

// A data: URI of the bytes (base64).
std::string data_uri(std::string_view mime, std::string_view bytes);

// Bytes of images one page may embed in all: past it an image is shown as not shown, so a page
// stays bounded whatever the inputs (docs/limits.md).
class ImageBudget {
 public:
  explicit ImageBudget(std::size_t bytes) : left_(bytes) {}
  // Whether an image of this many bytes still fits; if so it is counted.
  bool take(std::size_t bytes) {
    if (bytes > left_) return false;
    left_ -= bytes;
    return true;
  }

 private:
  std::size_t left_;
};

// A finding as a page shows it: its source lines already cut out (escaped HTML), so the file's
// text need not be kept.
struct PageFinding {
  Diagnostic diagnostic;
  std::string excerpt;  // <pre class="source">…</pre>, or empty when the finding has no line
};

// Files a page shows in full; later files are in its summary table only (docs/limits.md).
inline constexpr std::size_t max_page_files = 500;
// Findings shown per file, and of those, how many with their source lines.
inline constexpr std::size_t max_page_findings = 200;
inline constexpr std::size_t max_findings_with_source = 20;

// Cuts the source lines around each finding's line out of `text` (a few lines each side, every
// shown line at most a bounded width around the column), the finding's own line highlighted, for
// the first max_findings_with_source findings. At most `max_findings` are kept; `left_out` counts
// the others.
std::vector<PageFinding> page_findings(const Diagnostics& findings, std::string_view text, std::size_t max_findings,
                                       std::size_t& left_out);

// A list of findings (severity, rule, location, message, source excerpt).
std::string findings_html(const std::vector<PageFinding>& findings, std::string_view file_label);

// Styles of the findings list and the source excerpts, for a page that shows them.
extern const std::string_view findings_style;

}  // namespace bimi::cli
