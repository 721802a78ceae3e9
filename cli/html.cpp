#include "html.hpp"

#include <algorithm>

#include "bimi/base64.hpp"

namespace bimi::cli {
namespace {

constexpr int context_lines = 2;            // lines shown each side of a finding's line
constexpr std::size_t max_line_chars = 160;  // characters shown of one source line

// One line cut to at most max_line_chars around `column` (1-based; 0: from its start), escaped.
std::string shown_line(std::string_view line, int column) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() <= max_line_chars) return escape_html(line);
  std::size_t at = column > 0 ? static_cast<std::size_t>(column - 1) : 0;
  std::size_t start = at > max_line_chars / 2 ? std::min(at - max_line_chars / 2, line.size() - max_line_chars) : 0;
  std::string out = start > 0 ? "…" : "";
  out += escape_html(line.substr(start, max_line_chars));
  if (start + max_line_chars < line.size()) out += "…";
  return out;
}

// Walks the text forward a line at a time; going back restarts from the top. Findings come in
// line order, so a file is walked about once.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  // Moves to the line (1-based); false when the text has fewer lines.
  bool seek(int line) {
    if (line < line_) {
      line_ = 1;
      start_ = 0;
    }
    while (line_ < line) {
      std::size_t end = text_.find('\n', start_);
      if (end == std::string_view::npos) return false;
      start_ = end + 1;
      ++line_;
    }
    return start_ <= text_.size();
  }
  std::string_view current() const {
    std::size_t end = text_.find('\n', start_);
    return text_.substr(start_, end == std::string_view::npos ? std::string_view::npos : end - start_);
  }

 private:
  std::string_view text_;
  int line_ = 1;
  std::size_t start_ = 0;
};

// Each line is a block of its own, so no newline separates them inside the <pre>.
std::string excerpt(LineCursor& cursor, int line, int column) {
  std::string out;
  for (int shown = std::max(1, line - context_lines); shown <= line + context_lines; ++shown) {
    if (!cursor.seek(shown)) break;
    bool own = shown == line;
    out += std::string(own ? "<mark>" : "<span>") + "<b>" + std::to_string(shown) + "</b>" +
           shown_line(cursor.current(), own ? column : 0) + (own ? "</mark>" : "</span>");
  }
  return out.empty() ? out : "<pre class=\"source\">" + out + "</pre>";
}

}  // namespace

const std::string_view findings_style =
    "ol.findings{padding-left:1.2em}ol.findings li{margin:6px 0}.error{color:#cf222e}.warning{color:#9a6700}.note{color:#57606a}"
    "pre.source{background:#f6f8fa;border:1px solid #ddd;padding:4px 0;margin:4px 0;overflow-x:auto;font-size:12px}"
    "pre.source span,pre.source mark{display:block;padding:0 8px}pre.source mark{background:#fff3b0}"
    "pre.source b{display:inline-block;min-width:4em;color:#888;font-weight:400}";

std::string html_page_start(std::string_view title, std::string_view style) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
         "<title>" +
         escape_html(title) + "</title><style>" + std::string(style) + "</style></head><body>\n";
}

std::string data_uri(std::string_view mime, std::string_view bytes) {
  return "data:" + std::string(mime) + ";base64," + base64_encode(bytes);
}

std::vector<PageFinding> page_findings(const Diagnostics& findings, std::string_view text, std::size_t max_findings,
                                       std::size_t& left_out) {
  std::vector<PageFinding> out;
  left_out = 0;
  LineCursor cursor(text);
  for (const auto& d : findings.items()) {
    if (out.size() >= max_findings) {
      ++left_out;
      continue;
    }
    PageFinding finding{d, {}};
    if (d.location.line > 0 && !text.empty() && out.size() < max_findings_with_source) finding.excerpt = excerpt(cursor, d.location.line, d.location.column);
    out.push_back(std::move(finding));
  }
  return out;
}

std::string findings_html(const std::vector<PageFinding>& findings, std::string_view file_label) {
  if (findings.empty()) return "";
  std::string out = "<ol class=\"findings\">\n";
  for (const auto& f : findings) {
    const auto& d = f.diagnostic;
    std::string where = std::string(file_label);
    if (d.location.line > 0) where += ":" + std::to_string(d.location.line);
    if (d.location.column > 0) where += ":" + std::to_string(d.location.column);
    out += "<li><span class=\"" + std::string(to_string(d.severity)) + "\">" + std::string(to_string(d.severity)) +
           "</span> <code>" + escape_html(d.rule) + "</code> <span class=\"where\">" + escape_html(where) + "</span>: " +
           escape_html(d.message) + f.excerpt + "</li>\n";
  }
  return out + "</ol>\n";
}

}  // namespace bimi::cli
