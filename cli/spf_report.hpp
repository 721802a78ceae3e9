// The SPF section of `bimi domain`: the include tree with the DNS look-ups each term costs, as
// text lines under the step and as the report's "spf" JSON object (docs/schemas/domain.json).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "bimi/auth/spf_record_check.hpp"

namespace bimi::cli {

void print_spf_tree_text(const auth::SpfRecordCheck& check, std::ostream& out, std::string_view indent);

nlohmann::ordered_json spf_json(const auth::SpfRecordCheck& check);

}  // namespace bimi::cli
