// Local-part selectors (BIMI draft §5.5): the selector a sender's local part names when the record
// has lps=, and whether the record's prefixes let it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::records {

// §5.5 step 3: drop a subaddress ("+" and what follows, RFC 5233), turn each run of "_" and "."
// into one "-", drop dashes at both ends; the result is a selector when it is 1 to 63 letters,
// digits and dashes. Lowercased (selectors are case-insensitive); nullopt when it cannot be one.
std::optional<std::string> normalize_local_part(std::string_view local_part);

// §5.5 step 4: no prefixes, or one of them begins the normalized local part (in any case).
bool matches_local_part_prefixes(std::string_view normalized, const std::vector<std::string>& prefixes);

}  // namespace bimi::records
