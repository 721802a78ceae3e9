#include "ci_reports.hpp"

#include <nlohmann/json.hpp>

#include <string>

#include "findings_json.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

// XML 1.0 cannot hold control characters or invalid UTF-8 at all: the text goes
// through printable() first (which spells them as \x1b, \xff, ...), then the
// markup characters are escaped.
std::string xml_text(const std::string& text) {
  std::string out;
  for (char c : printable(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string finding_line(const std::string& path, const Diagnostic& finding) {
  std::string line = path;
  if (finding.location.line > 0) {
    line += ":" + std::to_string(finding.location.line);
    if (finding.location.column > 0) line += ":" + std::to_string(finding.location.column);
  }
  return line + ": " + std::string(to_string(finding.severity)) + ": " + finding.message + " [" + finding.rule + "]";
}

}  // namespace

void write_junit(std::ostream& out, const std::vector<FileFindings>& files) {
  std::size_t failures = 0, errors = 0;
  for (const auto& file : files) {
    if (file.unreadable) {
      ++errors;
    } else if (file.diagnostics.has_errors()) {
      ++failures;
    }
  }
  std::string counts = " tests=\"" + std::to_string(files.size()) + "\" failures=\"" + std::to_string(failures) +
                       "\" errors=\"" + std::to_string(errors) + "\"";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"bimi check\"" << counts << ">\n"
      << "  <testsuite name=\"bimi check\"" << counts << " skipped=\"0\">\n";
  for (const auto& file : files) {
    std::string path = xml_text(file.path);
    out << "    <testcase classname=\"bimi check\" name=\"" << path << "\" file=\"" << path << "\"";
    if (file.diagnostics.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    std::string failing, other;
    std::size_t failing_count = 0;
    for (const auto& finding : file.diagnostics.items()) {
      std::string line = xml_text(finding_line(file.path, finding)) + "\n";
      if (finding.severity == Severity::error) {
        failing += line;
        ++failing_count;
      } else {
        other += line;
      }
    }
    if (failing_count > 0) {
      const char* element = file.unreadable ? "error" : "failure";
      std::string first = xml_text(file.diagnostics.items().front().message);
      for (const auto& finding : file.diagnostics.items()) {
        if (finding.severity == Severity::error) {
          first = xml_text(finding.message);
          break;
        }
      }
      out << "      <" << element << " type=\"" << (file.unreadable ? "unreadable" : "findings") << "\" message=\""
          << failing_count << (failing_count == 1 ? " error: " : " errors, the first: ") << first << "\">" << failing
          << "</" << element << ">\n";
    }
    if (!other.empty()) out << "      <system-out>" << other << "</system-out>\n";
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

void write_codeclimate(std::ostream& out, const std::vector<FileFindings>& files) {
  nlohmann::ordered_json issues = nlohmann::ordered_json::array();
  for (const auto& file : files) {
    for (const auto& finding : file.diagnostics.items()) issues.push_back(codeclimate_issue(finding, file.path));
  }
  out << issues.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

}  // namespace bimi::cli
