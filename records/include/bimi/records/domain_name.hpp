// Host names as BIMI and DMARC use them: ASCII (A-labels), letters, digits and hyphens.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bimi::records {

// Lowercased, without a trailing dot; nullopt unless every label is 1-63 letters, digits or
// inner hyphens, there are at least two labels and the name is at most 253 bytes.
std::optional<std::string> normalize_domain(std::string_view name);

// A BIMI selector: sub-domain *("." sub-domain) (BIMI draft §4.4); returned lowercased.
std::optional<std::string> normalize_selector(std::string_view selector);

}  // namespace bimi::records
