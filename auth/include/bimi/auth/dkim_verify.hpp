// Verifies every DKIM-Signature of a message (RFC 6376 §6, RFC 8463, RFC 8301) and says, for each,
// the RFC 8601 result and why.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bimi/auth/dkim_key.hpp"
#include "bimi/auth/dkim_signature.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/records/lookup.hpp"

struct evp_pkey_st;

namespace bimi::auth {

// The result words of RFC 8601 §2.7.1.
enum class DkimResult { pass, fail, neutral, policy, temperror, permerror };

std::string_view to_string(DkimResult result);

struct DkimVerification {
  DkimResult result = DkimResult::permerror;
  // A stable id for why: dkim-pass, dkim-body-hash, dkim-signature, dkim-key-missing, … (see
  // docs/dkim.md); and words for people.
  std::string reason;
  std::string message;
  int line = 0;  // of the DKIM-Signature field
  // What the signature says, as far as it could be read.
  std::string domain;
  std::string selector;
  std::string identity;
  std::optional<DkimAlgorithm> algorithm;
  std::optional<std::uint64_t> body_length;  // l=: BIMI must not trust a partly signed body
  std::vector<std::string> signed_headers;
  bool key_testing = false;  // the key has t=y
  unsigned key_bits = 0;
  std::optional<std::string> changed_header;  // named from z= when the signature does not match
};

// Public keys already decoded, by their bytes, and key records already parsed, by their text, for the
// messages of one run (OpenSSL 3 decodes an RSA key in tens of microseconds, more than the signature
// check; a record's base64 costs as much as a short message's hash). One per thread; bounded.
class DkimKeyCache {
 public:
  static constexpr std::size_t max_keys = 1024;
  DkimKeyCache() = default;
  DkimKeyCache(const DkimKeyCache&) = delete;
  DkimKeyCache& operator=(const DkimKeyCache&) = delete;
  ~DkimKeyCache();
  // A new reference to the key decoded from `bytes`, or nullptr when it is not kept.
  evp_pkey_st* find(const std::string& bytes) const;
  // Keeps a reference to `key` (while there is room).
  void keep(const std::string& bytes, evp_pkey_st* key);
  // The record parsed as parse_dkim_key() parses it, kept on first use while there is room.
  DkimKeyParse parsed(const std::string& record);

 private:
  std::map<std::string, evp_pkey_st*> keys_;
  std::map<std::string, DkimKeyParse> records_;
};

struct DkimVerifyOptions {
  std::int64_t now = 0;  // seconds since the epoch, for x= and t=
  std::int64_t clock_skew_seconds = 36000;  // how far in the future t= may be
  // Signatures past this many are reported as not evaluated (RFC 6376 §6.1 lets verifiers limit).
  std::size_t max_signatures = 16;
  unsigned min_rsa_bits = 1024;  // RFC 8301 §3.2
  DkimKeyCache* keys = nullptr;   // optional: decoded keys shared by the messages of a run
};

// One verification per DKIM-Signature field, top to bottom. Key records are read through `lookup`.
std::vector<DkimVerification> verify_dkim(const Message& message, const records::TxtLookupFunction& lookup,
                                          const DkimVerifyOptions& options);

}  // namespace bimi::auth
