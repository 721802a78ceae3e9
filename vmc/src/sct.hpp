// Private: the RFC 6962 SignedCertificateTimestampList carried in the SCT extension, and the
// verification of each SCT's signature against known log keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/vmc/logotype.hpp"

namespace bimi::vmc::detail {

inline constexpr std::string_view sct_list_oid = "1.3.6.1.4.1.11129.2.4.2";

struct Sct {
  unsigned version = 0;
  std::string log_id;  // 32 bytes
  std::uint64_t timestamp_ms = 0;
  std::string extensions;
  unsigned hash_algorithm = 0;
  unsigned signature_algorithm = 0;
  std::string signature;
};

// `extension_value` is the extnValue content: an OCTET STRING holding the TLS-encoded list.
std::variant<std::vector<Sct>, Error> parse_sct_list(std::string_view extension_value);

// The TLS encoding of one SCT (for the list); used by the test fixture generator too.
std::string encode_sct(const Sct& sct);
std::string encode_sct_list(const std::vector<Sct>& scts);

// The bytes an SCT signature covers for a precertificate entry (RFC 6962 §3.2).
std::string precert_signed_data(const Sct& sct, std::string_view issuer_key_hash, std::string_view tbs_der);

}  // namespace bimi::vmc::detail
