// Private: strict base64 (RFC 4648 §4, padding required) for DKIM values, white space already removed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bimi::auth {

std::optional<std::string> decode_base64(std::string_view text);

}  // namespace bimi::auth
