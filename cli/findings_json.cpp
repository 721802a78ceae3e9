#include "findings_json.hpp"

#include <algorithm>
#include <string>

#include "bimi/vmc/logo_hash.hpp"

namespace bimi::cli {

nlohmann::ordered_json finding_json(const Diagnostic& finding) {
  nlohmann::ordered_json location = nlohmann::ordered_json::object();
  if (finding.location.line > 0) location["line"] = finding.location.line;
  if (finding.location.column > 0) location["column"] = finding.location.column;
  nlohmann::ordered_json item;
  item["rule"] = finding.rule;
  item["severity"] = std::string(to_string(finding.severity));
  item["message"] = finding.message;
  item["location"] = std::move(location);
  return item;
}

void write_finding(JsonWriter& json, const Diagnostic& finding) {
  json.begin_object()
      .member("rule", finding.rule)
      .member("severity", to_string(finding.severity))
      .member("message", finding.message)
      .key("location")
      .begin_object();
  if (finding.location.line > 0) json.member("line", finding.location.line);
  if (finding.location.column > 0) json.member("column", finding.location.column);
  json.end_object().end_object();
}

nlohmann::ordered_json findings_json(const Diagnostics& findings) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& finding : findings.items()) list.push_back(finding_json(finding));
  return list;
}

namespace {

const char* codeclimate_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return "major";
    case Severity::warning: return "minor";
    case Severity::note: return "info";
  }
  return "info";
}

}  // namespace

nlohmann::ordered_json codeclimate_issue(const Diagnostic& finding, const std::string& path) {
  std::string identity = path + '\0' + finding.rule + '\0' + std::to_string(finding.location.line) + '\0' +
                         std::to_string(finding.location.column) + '\0' + finding.message;
  nlohmann::ordered_json issue;
  issue["type"] = "issue";
  issue["check_name"] = finding.rule;
  issue["description"] = finding.message;
  issue["categories"] = nlohmann::ordered_json::array({"Compatibility"});
  // Code Climate lines start at 1: a finding about the whole file points at its first line.
  int line = std::max(finding.location.line, 1);
  issue["location"] = {{"path", path}, {"lines", {{"begin", line}, {"end", line}}}};
  issue["severity"] = codeclimate_severity(finding.severity);
  issue["fingerprint"] = vmc::hex_digest(vmc::HashAlgorithm::sha256, identity);
  return issue;
}

}  // namespace bimi::cli
