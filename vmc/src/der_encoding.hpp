// Private: is a certificate's encoding DER, or only BER? OpenSSL's decoder accepts BER
// (indefinite lengths, long-form lengths, constructed strings), and RFC 5280 §4.1 requires DER.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bimi::vmc::detail {

// The first place where `encoded` (one complete TLV) departs from DER's length and form rules
// (X.690 §10.1, §10.2): an indefinite length, a length not in its shortest form, a constructed
// string, or bytes after the element. nullopt when there is none. Iterative and linear.
std::optional<std::string> der_violation(std::string_view encoded);

}  // namespace bimi::vmc::detail
