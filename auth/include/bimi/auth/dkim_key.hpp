// A DKIM key record published at <selector>._domainkey.<domain> (RFC 6376 §3.6.1, RFC 8463 §4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/auth/dkim_signature.hpp"

namespace bimi::auth {

enum class DkimKeyType { rsa, ed25519 };

struct DkimKey {
  DkimKeyType type = DkimKeyType::rsa;
  std::string public_key;           // p=, decoded: SubjectPublicKeyInfo (RSA) or 32 raw bytes (Ed25519)
  bool revoked = false;             // p= present and empty
  std::vector<std::string> hashes;  // h=; empty means every hash algorithm
  bool testing = false;             // t=y
  bool strict_identity = false;     // t=s: i= must be in d= itself, not a subdomain
};

struct DkimKeyParse {
  std::optional<DkimKey> key;
  DkimSignatureError error;  // reason ids dkim-key-syntax, dkim-key-type, dkim-key-service
};

DkimKeyParse parse_dkim_key(std::string_view record);

}  // namespace bimi::auth
