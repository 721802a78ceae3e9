// Printing findings for people (text) and machines (JSON, SARIF 2.1.0; JUnit XML and Code Climate
// JSON for CI systems in ci_reports.hpp).
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::cli {

enum class Format { text, json, sarif, junit, codeclimate, html };  // html: check_page_html.hpp
std::optional<Format> parse_format(std::string_view text);

struct FileFindings {
  std::string path;
  Diagnostics diagnostics;
  bool unreadable = false;  // the file could not be read or parsed: exit 3
};

// A rule's description and source, for SARIF's rule metadata.
struct RuleMetadata {
  std::string id;
  std::string summary;
  std::string source;
};

struct ReportOptions {
  bool color = false;
  std::string tool_name = "bimi";
  std::string tool_version;
  std::vector<RuleMetadata> rules;
  // SARIF: relative paths are URIs relative to this directory (originalUriBaseIds %SRCROOT%).
  std::filesystem::path base_directory;
};

void write_text(std::ostream& out, const std::vector<FileFindings>& files, const ReportOptions& options);
void write_json(std::ostream& out, const std::vector<FileFindings>& files, const ReportOptions& options);
void write_sarif(std::ostream& out, const std::vector<FileFindings>& files, const ReportOptions& options);

}  // namespace bimi::cli
