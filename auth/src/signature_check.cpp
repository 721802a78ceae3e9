#include "signature_check.hpp"

#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>

#include "bimi/auth/dkim_key.hpp"
#include "text.hpp"

namespace bimi::auth::detail {
namespace {

using PkeyCtx = Handle<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;

// RSA from SubjectPublicKeyInfo (RFC 6376 §3.6.1) or, as some publishers write it, a bare
// RSAPublicKey; Ed25519 from its 32 raw bytes (RFC 8463 §4).
Pkey decode_key(const DkimKey& key) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(key.public_key.data());
  auto size = static_cast<long>(key.public_key.size());
  if (key.type == DkimKeyType::ed25519) {
    if (key.public_key.size() != 32) return nullptr;
    return Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes, 32));
  }
  const unsigned char* cursor = bytes;
  Pkey pkey(d2i_PUBKEY(nullptr, &cursor, size));
  if (!pkey || cursor != bytes + size) {
    cursor = bytes;
    pkey.reset(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, size));
    if (pkey && cursor != bytes + size) pkey.reset();
  }
  if (pkey && EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA) pkey.reset();
  return pkey;
}

Pkey load_key(const DkimKey& key, DkimKeyCache* cache) {
  if (cache == nullptr) return decode_key(key);
  std::string bytes = (key.type == DkimKeyType::ed25519 ? "e" : "r") + key.public_key;
  if (EVP_PKEY* kept = cache->find(bytes)) return Pkey(kept);
  Pkey decoded = decode_key(key);
  if (decoded) cache->keep(bytes, decoded.get());
  return decoded;
}

KeyOutcome refusal(DkimResult result, std::string reason, std::string message) {
  KeyOutcome outcome;
  outcome.result = result;
  outcome.reason = std::move(reason);
  outcome.message = std::move(message);
  return outcome;
}

}  // namespace

// SHA-256 fetched from the default provider once: EVP_sha256() is fetched again by every call that
// takes it (OpenSSL 3's implicit fetch), which costs as much as hashing a short message.
const EVP_MD* sha256_method() {
  static EVP_MD* const method = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return method != nullptr ? method : EVP_sha256();
}

std::string sha256(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, sha256_method(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

KeyOutcome fetch_key(const std::string& selector, const std::string& domain, DkimAlgorithm algorithm,
                     const records::TxtLookupFunction& lookup, unsigned min_rsa_bits, DkimKeyCache* cache) {
  std::string name = selector + "._domainkey." + domain;
  records::TxtLookup answer = lookup(name);
  switch (answer.status) {
    case records::LookupStatus::found: break;
    case records::LookupStatus::no_records:
    case records::LookupStatus::no_name:
      return refusal(DkimResult::permerror, "dkim-key-missing", "no key record at " + name);
    case records::LookupStatus::timeout:
    case records::LookupStatus::failure:
      return refusal(DkimResult::temperror, "dkim-key-dns", "the key record at " + name + " could not be read: " + answer.detail);
    case records::LookupStatus::too_large:
      return refusal(DkimResult::permerror, "dkim-key-syntax", "too many TXT records at " + name);
  }
  // The first record that parses is the key (RFC 6376 §3.6.2.2 leaves the choice to the verifier).
  DkimKeyParse parse;
  for (const auto& record : answer.records) {
    parse = cache != nullptr ? cache->parsed(record) : parse_dkim_key(record);
    if (parse.key) break;
  }
  if (answer.records.empty()) return refusal(DkimResult::permerror, "dkim-key-missing", "no key record at " + name);
  if (!parse.key) return refusal(DkimResult::permerror, parse.error.reason, parse.error.message + " at " + name);
  const DkimKey& key = *parse.key;
  if (key.revoked) return refusal(DkimResult::permerror, "dkim-key-revoked", "the key at " + name + " is revoked (empty p=)");
  bool ed25519 = algorithm == DkimAlgorithm::ed25519_sha256;
  if ((key.type == DkimKeyType::ed25519) != ed25519)
    return refusal(DkimResult::permerror, "dkim-key-type",
                   "the key at " + name + " is not of the type a=" + std::string(to_string(algorithm)) + " needs");
  if (!key.hashes.empty()) {
    bool allowed = false;
    for (const auto& hash : key.hashes) allowed = allowed || hash == "sha256";
    if (!allowed) return refusal(DkimResult::permerror, "dkim-key-hash", "the key at " + name + " does not allow sha256 (h=)");
  }
  KeyOutcome outcome;
  outcome.testing = key.testing;
  outcome.strict_identity = key.strict_identity;
  outcome.key = load_key(key, cache);
  if (!outcome.key) return refusal(DkimResult::permerror, "dkim-key-syntax", "p= at " + name + " is not a public key");
  outcome.bits = static_cast<unsigned>(EVP_PKEY_get_bits(outcome.key.get()));
  if (!ed25519 && outcome.bits < min_rsa_bits) {
    KeyOutcome small = refusal(DkimResult::permerror, "dkim-key-small",
                               "the key at " + name + " has " + std::to_string(outcome.bits) + " bits; RSA keys under " +
                                   std::to_string(min_rsa_bits) + " bits are not valid (RFC 8301 §3.2)");
    small.bits = outcome.bits;
    return small;
  }
  return outcome;
}

bool signature_matches(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view data, std::string_view signature) {
  const auto* sig = reinterpret_cast<const unsigned char*>(signature.data());
  // Both algorithms sign the SHA-256 of the data: RSASSA-PKCS1-v1_5 over its DigestInfo (RFC 6376
  // §3.3.1), PureEdDSA over the digest itself (RFC 8463 §3).
  std::string digest = sha256(data);
  const auto* hashed = reinterpret_cast<const unsigned char*>(digest.data());
  if (algorithm == DkimAlgorithm::ed25519_sha256) {
    // libsodium verifies Ed25519 in under half the time of OpenSSL 3.0's implementation, and is what
    // dkimpy verifies with (through PyNaCl); it also refuses small-order keys and non-canonical
    // signatures, which only a forger makes.
    static const bool sodium_ready = sodium_init() >= 0;
    unsigned char raw[crypto_sign_PUBLICKEYBYTES];
    std::size_t raw_size = sizeof raw;
    if (!sodium_ready || signature.size() != crypto_sign_BYTES ||
        EVP_PKEY_get_raw_public_key(key, raw, &raw_size) != 1 || raw_size != sizeof raw)
      return false;
    return crypto_sign_verify_detached(sig, hashed, digest.size(), raw) == 0;
  }
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_CTX_set_signature_md(ctx.get(), sha256_method()) != 1)
    return false;
  return EVP_PKEY_verify(ctx.get(), sig, signature.size(), hashed, digest.size()) == 1;
}

std::string selected_headers(const Message& message, const std::vector<std::string>& names, Canonicalization mode) {
  std::string data;
  std::vector<bool> used(message.headers().size(), false);
  for (const auto& name : names) {
    for (std::size_t i = message.headers().size(); i-- > 0;) {
      const HeaderField& field = message.headers()[i];
      if (used[i] || ascii_lower(field.name) != name) continue;
      used[i] = true;
      data += canonical_header(field.raw, mode);
      break;
    }
  }
  return data;
}

std::string without_signature(std::string_view raw_field, std::size_t b_begin, std::size_t b_end, Canonicalization mode) {
  std::string raw(raw_field.substr(0, b_begin));
  raw += raw_field.substr(b_end);
  std::string canonical = canonical_header(raw, mode);
  canonical.resize(canonical.size() - 2);
  return canonical;
}

const std::string& BodyHashes::canonical(Canonicalization mode) {
  auto& slot = mode == Canonicalization::simple ? simple_ : relaxed_;
  if (!slot) slot = canonical_body(body_, mode);
  return *slot;
}

}  // namespace bimi::auth::detail

namespace bimi::auth {

DkimKeyCache::~DkimKeyCache() {
  for (auto& [bytes, key] : keys_) EVP_PKEY_free(key);
}

evp_pkey_st* DkimKeyCache::find(const std::string& bytes) const {
  auto found = keys_.find(bytes);
  if (found == keys_.end() || EVP_PKEY_up_ref(found->second) != 1) return nullptr;
  return found->second;
}

DkimKeyParse DkimKeyCache::parsed(const std::string& record) {
  if (auto found = records_.find(record); found != records_.end()) return found->second;
  DkimKeyParse parse = parse_dkim_key(record);
  if (records_.size() < max_keys) records_.emplace(record, parse);
  return parse;
}

void DkimKeyCache::keep(const std::string& bytes, evp_pkey_st* key) {
  if (keys_.size() >= max_keys || keys_.count(bytes) != 0 || EVP_PKEY_up_ref(key) != 1) return;
  keys_.emplace(bytes, key);
}

}  // namespace bimi::auth
