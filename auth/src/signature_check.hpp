// Private: the steps DKIM signatures and ARC seals share: fetching and checking the key, hashing
// the canonical body once per message, choosing the signed header fields, checking the signature.
#pragma once

#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/auth/dkim_canonical.hpp"
#include "bimi/handle.hpp"
#include "bimi/auth/dkim_signature.hpp"
#include "bimi/auth/dkim_verify.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::auth::detail {

using Pkey = Handle<EVP_PKEY, EVP_PKEY_free>;

std::string sha256(std::string_view data);

// The key at <selector>._domainkey.<domain>, checked for the algorithm; or why not (a result and
// a dkim-key-* reason).
struct KeyOutcome {
  Pkey key;
  unsigned bits = 0;
  bool testing = false;
  bool strict_identity = false;
  DkimResult result = DkimResult::pass;
  std::string reason;
  std::string message;
};

KeyOutcome fetch_key(const std::string& selector, const std::string& domain, DkimAlgorithm algorithm,
                     const records::TxtLookupFunction& lookup, unsigned min_rsa_bits, DkimKeyCache* cache = nullptr);

bool signature_matches(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view data, std::string_view signature);

// The header fields `names` lists, each the lowest not yet used (RFC 6376 §5.4.2), canonicalized.
std::string selected_headers(const Message& message, const std::vector<std::string>& names, Canonicalization mode);

// A signature field canonicalized with its b= value removed and no final CRLF (RFC 6376 §3.7).
std::string without_signature(std::string_view raw_field, std::size_t b_begin, std::size_t b_end,
                              Canonicalization mode);

// Each canonical body computed once per message, whatever the number of signatures.
class BodyHashes {
 public:
  explicit BodyHashes(std::string_view body) : body_(body) {}
  const std::string& canonical(Canonicalization mode);

 private:
  std::string_view body_;
  std::optional<std::string> simple_;
  std::optional<std::string> relaxed_;
};

}  // namespace bimi::auth::detail
