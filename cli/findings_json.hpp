// The one JSON shape of a finding, shared by every command's --format json:
// {"rule", "severity", "message", "location": {"line"?, "column"?}} (docs/schemas/finding.json).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "bimi/diagnostic.hpp"
#include "json_writer.hpp"

namespace bimi::cli {

nlohmann::ordered_json finding_json(const Diagnostic& finding);
nlohmann::ordered_json findings_json(const Diagnostics& findings);
// The same object written by a streaming writer, byte for byte finding_json(finding).dump().
void write_finding(JsonWriter& json, const Diagnostic& finding);

// A finding as a Code Climate issue (GitLab Code Quality reads these): check_name is the rule,
// severity info/minor/major, the location a path and line, and a fingerprint that stays the same
// while the finding does (docs/schemas/codeclimate.json).
nlohmann::ordered_json codeclimate_issue(const Diagnostic& finding, const std::string& path);

}  // namespace bimi::cli
