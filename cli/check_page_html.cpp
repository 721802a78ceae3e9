#include "check_page_html.hpp"

#include <algorithm>

namespace bimi::cli {
namespace {

constexpr std::string_view style =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:2em}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:middle}"
    ".pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}"
    ".logos{display:flex;gap:16px;align-items:flex-end;margin:12px 0}"
    "img.inbox{width:40px;height:40px;border-radius:50%;background:#fff;border:1px solid #ccc;object-fit:contain}"
    "img.large{width:160px;height:160px;border:1px solid #ccc;object-fit:contain;background:#fff}"
    ".missing{display:flex;align-items:center;justify-content:center;width:160px;height:60px;border:1px dashed #ccc;"
    "color:#57606a;font-size:12px;text-align:center}"
    "code{font-size:12px}";

std::string verdict(const CheckPageFile& file) {
  if (file.unreadable) return "<span class=\"fail\">unreadable</span>";
  if (file.errors > 0) return "<span class=\"fail\">" + std::to_string(file.errors) + " errors</span>";
  return "<span class=\"pass\">passes</span>";
}

std::string missing(const char* why) { return "<div class=\"missing\">" + std::string(why) + "</div>"; }

std::string logo(const CheckPageFile& file, ImageBudget& budget) {
  if (file.too_large) return missing("too large to show");
  if (file.svg.empty()) return missing("nothing to show");
  if (!budget.take(2 * file.svg.size())) return missing("not shown: the page's image budget is spent");
  std::string uri = data_uri("image/svg+xml", file.svg);
  return "<div class=\"logos\"><img class=\"inbox\" alt=\"logo at inbox size\" src=\"" + uri +
         "\"><img class=\"large\" alt=\"logo\" src=\"" + uri + "\"></div>\n";
}

bool gzipped(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b'; }

}  // namespace

CheckPageFile check_page_file(std::size_t index, const FileFindings& findings, std::string label, std::string_view text) {
  CheckPageFile file;
  file.label = std::move(label);
  file.unreadable = findings.unreadable;
  file.errors = findings.diagnostics.count(Severity::error);
  file.warnings = findings.diagnostics.count(Severity::warning);
  if (index >= max_page_files) return file;
  if (text.size() > max_shown_checked_bytes) {
    file.too_large = true;
  } else if (!gzipped(text)) {
    file.svg = std::string(text);
  }
  file.findings = page_findings(findings.diagnostics, text, max_page_findings, file.findings_left_out);
  return file;
}

std::string check_page_html(const std::vector<CheckPageFile>& files) {
  std::size_t passing = 0;
  for (const auto& file : files) passing += !file.unreadable && file.errors == 0 ? 1 : 0;
  std::string out = html_page_start("bimi check", std::string(style) + std::string(findings_style));
  out += "<h1>bimi check</h1>\n<p class=\"summary\">" + std::to_string(passing) + " of " + std::to_string(files.size()) +
         " files pass.</p>\n";
  if (files.size() > 1) {
    out += "<table id=\"summary\"><thead><tr><th>file</th><th>verdict</th><th>errors</th><th>warnings</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto& file = files[i];
      out += "<tr><td><a href=\"#file-" + std::to_string(i + 1) + "\">" + escape_html(file.label) + "</a></td><td>" +
             verdict(file) + "</td><td>" + std::to_string(file.errors) + "</td><td>" + std::to_string(file.warnings) +
             "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  ImageBudget budget(max_check_page_image_bytes);
  for (std::size_t i = 0; i < std::min(files.size(), max_page_files); ++i) {
    const auto& file = files[i];
    out += "<section id=\"file-" + std::to_string(i + 1) + "\"><h2>" + escape_html(file.label) + " " + verdict(file) + "</h2>\n";
    out += logo(file, budget) + findings_html(file.findings, file.label);
    if (file.findings_left_out > 0) out += "<p>" + std::to_string(file.findings_left_out) + " more findings not shown.</p>\n";
    out += "</section>\n";
  }
  if (files.size() > max_page_files) {
    out += "<p>" + std::to_string(files.size() - max_page_files) + " more files are in the table only.</p>\n";
  }
  return out + std::string(html_page_end);
}

}  // namespace bimi::cli
