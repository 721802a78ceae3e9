// The one JSON shape of a finding, shared by every command's --format json:
// {"rule", "severity", "message", "location": {"line"?, "column"?}} (docs/schemas/finding.json).
#pragma once

#include <nlohmann/json.hpp>

#include "bimi/diagnostic.hpp"

namespace bimi::cli {

nlohmann::ordered_json finding_json(const Diagnostic& finding);
nlohmann::ordered_json findings_json(const Diagnostics& findings);

}  // namespace bimi::cli
