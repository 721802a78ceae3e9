// A DKIM-Signature header field, parsed and validated as RFC 6376 §3.5 and §6.1.1 require.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/auth/dkim_canonical.hpp"

namespace bimi::auth {

enum class DkimAlgorithm { rsa_sha256, ed25519_sha256, rsa_sha1 };

std::string_view to_string(DkimAlgorithm algorithm);

struct DkimSignature {
  DkimAlgorithm algorithm = DkimAlgorithm::rsa_sha256;
  std::string signature;  // b=, decoded
  std::string body_hash;  // bh=, decoded
  Canonicalization header_canonicalization = Canonicalization::simple;
  Canonicalization body_canonicalization = Canonicalization::simple;
  std::string domain;    // d=, lower case
  std::string selector;  // s=, lower case
  std::string identity;  // i=, or "@" + d= when absent (DKIM only)
  int instance = 0;      // i= of an ARC-Message-Signature
  std::vector<std::string> signed_headers;  // h=, lower case, in order
  std::optional<std::uint64_t> body_length;  // l=
  std::optional<std::int64_t> timestamp;     // t=
  std::optional<std::int64_t> expiration;    // x=
  std::vector<std::pair<std::string, std::string>> copied_headers;  // z=, decoded
  // Where the b= value sits in the field's raw bytes: verification hashes the field without it.
  std::size_t b_value_begin = 0;
  std::size_t b_value_end = 0;
};

// Why a signature cannot be evaluated: a stable reason id and words for people.
struct DkimSignatureError {
  std::string reason;
  std::string message;
};

// `raw_field` is the whole header field as written (name, colon, folded value).
// Either a signature or an error (a PERMFAIL in RFC 6376 terms).
struct DkimSignatureParse {
  std::optional<DkimSignature> signature;
  DkimSignatureError error;
};

// An ARC-Message-Signature (RFC 8617 §4.1.2) is a DKIM signature with i= holding the ARC instance
// and no v=; its h= may be empty and must not name ARC-Seal.
enum class SignatureKind { dkim, arc_message };

DkimSignatureParse parse_dkim_signature(std::string_view raw_field, SignatureKind kind = SignatureKind::dkim);

// An ARC instance number, i=1 to i=50 (RFC 8617 §4.2.1); nullopt for anything else.
std::optional<int> parse_arc_instance(std::string_view value);

// RFC 6376 §3.5 bounds: l= at most 76 digits, t= and x= at most 12.
inline constexpr std::size_t max_signed_headers = 256;

}  // namespace bimi::auth
