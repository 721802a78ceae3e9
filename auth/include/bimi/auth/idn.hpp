// Internationalized domain names as DNS knows them: U-labels to A-labels (RFC 5890 §2.3.2.1,
// IDNA2008 non-transitional, input NFC-normalized), through libidn2.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bimi::auth {

// `domain` unchanged when it is ASCII; else its A-label form. Nullopt, with `problem`, for a name
// libidn2 refuses.
std::optional<std::string> to_a_labels(std::string_view domain, std::string& problem);

}  // namespace bimi::auth
