#include "findings_json.hpp"

#include <string>

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

nlohmann::ordered_json findings_json(const Diagnostics& findings) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& finding : findings.items()) list.push_back(finding_json(finding));
  return list;
}

}  // namespace bimi::cli
