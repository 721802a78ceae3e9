#include "report.hpp"
#include "terminal.hpp"

#include <nlohmann/json.hpp>

#include "file_uri.hpp"
#include "findings_json.hpp"

namespace bimi::cli {
namespace {

using nlohmann::ordered_json;

const char* color_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "\033[1;31m";
    case Severity::warning: return "\033[1;33m";
    case Severity::note: return "\033[1;36m";
  }
  return "";
}

std::string location_text(const std::string& path, Location location) {
  std::string text = printable(path);
  if (location.line > 0) {
    text += ":" + std::to_string(location.line);
    if (location.column > 0) text += ":" + std::to_string(location.column);
  }
  return text;
}

// SARIF's conventional name for the directory relative paths start from.
constexpr const char* source_root = "%SRCROOT%";

// An absolute path becomes a file: URI; a relative one stays relative, to the run's %SRCROOT%.
ordered_json artifact_location(const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute()) return {{"uri", file_uri(p)}};
  return {{"uri", percent_encode_path(p.generic_string())}, {"uriBaseId", source_root}};
}

}  // namespace

std::optional<Format> parse_format(std::string_view text) {
  if (text == "text") return Format::text;
  if (text == "json") return Format::json;
  if (text == "sarif") return Format::sarif;
  if (text == "junit") return Format::junit;
  if (text == "codeclimate") return Format::codeclimate;
  if (text == "html") return Format::html;
  return std::nullopt;
}

void write_text(std::ostream& out, const std::vector<FileFindings>& files, const ReportOptions& options) {
  std::size_t errors = 0, warnings = 0, failed_files = 0;
  const char* reset = options.color ? "\033[0m" : "";
  const char* bold = options.color ? "\033[1m" : "";
  for (const auto& file : files) {
    std::size_t file_errors = file.diagnostics.count(Severity::error);
    errors += file_errors;
    warnings += file.diagnostics.count(Severity::warning);
    if (file_errors > 0) ++failed_files;
    if (file.diagnostics.empty()) {
      out << bold << printable(file.path) << reset << ": ok\n";
      continue;
    }
    out << bold << printable(file.path) << reset << "\n";
    for (const auto& d : file.diagnostics.items()) {
      out << "  " << location_text(file.path, d.location) << ": " << (options.color ? color_of(d.severity) : "")
          << to_string(d.severity) << reset << ": " << printable(d.message) << " [" << d.rule << "]\n";
    }
  }
  out << files.size() << (files.size() == 1 ? " file" : " files") << " checked, " << failed_files << " failed: "
      << errors << (errors == 1 ? " error, " : " errors, ") << warnings << (warnings == 1 ? " warning\n" : " warnings\n");
}

void write_json(std::ostream& out, const std::vector<FileFindings>& files, const ReportOptions&) {
  ordered_json root;
  root["files"] = ordered_json::array();
  std::size_t errors = 0, warnings = 0;
  for (const auto& file : files) {
    ordered_json f;
    f["path"] = file.path;
    f["valid"] = !file.diagnostics.has_errors();
    if (file.unreadable) f["unreadable"] = true;
    f["findings"] = findings_json(file.diagnostics);
    errors += file.diagnostics.count(Severity::error);
    warnings += file.diagnostics.count(Severity::warning);
    root["files"].push_back(std::move(f));
  }
  root["summary"] = {{"files", files.size()}, {"errors", errors}, {"warnings", warnings}};
  out << root.dump(2) << "\n";
}

void write_sarif(std::ostream& out, const std::vector<FileFindings>& files, const ReportOptions& options) {
  ordered_json rules = ordered_json::array();
  for (const auto& rule : options.rules) {
    ordered_json r;
    r["id"] = rule.id;
    r["shortDescription"] = {{"text", rule.summary}};
    r["help"] = {{"text", "Source: " + rule.source}};
    r["properties"] = {{"source", rule.source}};
    rules.push_back(std::move(r));
  }
  ordered_json results = ordered_json::array();
  for (const auto& file : files) {
    for (const auto& d : file.diagnostics.items()) {
      ordered_json result;
      result["ruleId"] = d.rule;
      result["level"] = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note";
      result["message"] = {{"text", d.message}};
      ordered_json physical;
      physical["artifactLocation"] = artifact_location(file.path);
      if (d.location.line > 0) {
        ordered_json region;
        region["startLine"] = d.location.line;
        if (d.location.column > 0) region["startColumn"] = d.location.column;
        physical["region"] = std::move(region);
      }
      result["locations"] = ordered_json::array({{{"physicalLocation", std::move(physical)}}});
      results.push_back(std::move(result));
    }
  }
  ordered_json driver;
  driver["name"] = options.tool_name;
  driver["version"] = options.tool_version;
  driver["informationUri"] = "https://bimigroup.org/";
  driver["rules"] = std::move(rules);
  ordered_json run;
  run["tool"] = {{"driver", std::move(driver)}};
  // SARIF columns count Unicode code points here, as bimi's text output does.
  run["columnKind"] = "unicodeCodePoints";
  if (!options.base_directory.empty()) {
    std::string base = file_uri(options.base_directory);
    if (base.back() != '/') base += '/';  // a base URI names a directory only with its trailing slash
    run["originalUriBaseIds"] = {{source_root, {{"uri", base}}}};
  }
  run["results"] = std::move(results);
  ordered_json sarif;
  sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  sarif["version"] = "2.1.0";
  sarif["runs"] = ordered_json::array({std::move(run)});
  out << sarif.dump(2) << "\n";
}

}  // namespace bimi::cli
