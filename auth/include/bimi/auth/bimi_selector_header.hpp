// The BIMI-Selector header field a sender adds to choose a BIMI record other than `default`
// (BIMI draft, "BIMI-Selector Header"): `v=BIMI1; s=<selector>;`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bimi::auth {

struct BimiSelectorHeader {
  std::optional<std::string> selector;  // lower case
  std::string problem;                  // why the field is ignored, when it is
};

// v= must come first and be exactly BIMI1; s= is required and a selector (dot-separated labels).
// Tag names are case-insensitive ("BIMI header fields are case insensitive").
BimiSelectorHeader parse_bimi_selector_header(std::string_view value);

}  // namespace bimi::auth
