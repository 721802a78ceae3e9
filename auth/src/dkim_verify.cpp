#include "bimi/auth/dkim_verify.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

#include "bimi/auth/dkim_canonical.hpp"
#include "bimi/auth/dkim_key.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::string sha256(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

// The key as OpenSSL holds it: RSA from SubjectPublicKeyInfo (RFC 6376 §3.6.1) or, as some
// publishers write it, a bare RSAPublicKey; Ed25519 from its 32 raw bytes (RFC 8463 §4).
Pkey load_key(const DkimKey& key) {
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

bool verify_signature(EVP_PKEY* key, DkimAlgorithm algorithm, std::string_view data, std::string_view signature) {
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) return false;
  const auto* sig = reinterpret_cast<const unsigned char*>(signature.data());
  if (algorithm == DkimAlgorithm::ed25519_sha256) {
    // RFC 8463 §3: PureEdDSA over the SHA-256 of the data.
    std::string digest = sha256(data);
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1) return false;
    return EVP_DigestVerify(ctx.get(), sig, signature.size(), reinterpret_cast<const unsigned char*>(digest.data()),
                            digest.size()) == 1;
  }
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1) return false;
  return EVP_DigestVerify(ctx.get(), sig, signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size()) == 1;
}

// The header fields h= names, each the lowest one not yet used (§5.4.2), canonicalized.
std::string signed_header_data(const Message& message, const DkimSignature& sig, const HeaderField& own) {
  std::string data;
  std::vector<bool> used(message.headers().size(), false);
  for (const auto& name : sig.signed_headers) {
    for (std::size_t i = message.headers().size(); i-- > 0;) {
      const HeaderField& field = message.headers()[i];
      if (used[i] || lower(field.name) != name) continue;
      used[i] = true;
      data += canonical_header(field.raw, sig.header_canonicalization);
      break;
    }
  }
  // The signature's own field with the b= value removed, without its final CRLF (§3.7).
  std::string own_raw(own.raw.substr(0, sig.b_value_begin));
  own_raw += own.raw.substr(sig.b_value_end);
  std::string canonical = canonical_header(own_raw, sig.header_canonicalization);
  canonical.resize(canonical.size() - 2);
  data += canonical;
  return data;
}

// With z=, the first signed field whose value differs from the copy taken at signing.
std::optional<std::string> changed_header(const Message& message, const DkimSignature& sig) {
  for (const auto& [name, value] : sig.copied_headers) {
    auto fields = message.fields(name);
    std::string copy = canonical_header(name + ":" + value, Canonicalization::relaxed);
    if (fields.empty()) return name;
    bool same = false;
    for (const HeaderField* field : fields)
      same = same || canonical_header(field->raw, Canonicalization::relaxed) == copy;
    if (!same) return name;
  }
  return std::nullopt;
}

struct BodyCache {
  std::optional<std::string> simple;
  std::optional<std::string> relaxed;
  const std::string& get(std::string_view body, Canonicalization mode) {
    auto& slot = mode == Canonicalization::simple ? simple : relaxed;
    if (!slot) slot = canonical_body(body, mode);
    return *slot;
  }
};

DkimVerification verify_one(const Message& message, const HeaderField& field, const records::TxtLookupFunction& lookup,
                            const DkimVerifyOptions& options, BodyCache& bodies) {
  DkimVerification out;
  out.line = field.line;
  auto set = [&out](DkimResult result, std::string reason, std::string text) {
    out.result = result;
    out.reason = std::move(reason);
    out.message = std::move(text);
    return out;
  };
  auto parse = parse_dkim_signature(field.raw);
  if (!parse.signature) return set(DkimResult::permerror, parse.error.reason, parse.error.message);
  const DkimSignature& sig = *parse.signature;
  out.domain = sig.domain;
  out.selector = sig.selector;
  out.identity = sig.identity;
  out.algorithm = sig.algorithm;
  out.body_length = sig.body_length;
  out.signed_headers = sig.signed_headers;

  if (sig.algorithm == DkimAlgorithm::rsa_sha1)
    return set(DkimResult::fail, "dkim-rsa-sha1", "rsa-sha1 signatures are not valid (RFC 8301 §3.1)");
  if (sig.expiration && *sig.expiration < options.now)
    return set(DkimResult::fail, "dkim-expired", "the signature expired (x=" + std::to_string(*sig.expiration) + ")");
  // RFC 6376 §3.5 lets verifiers refuse a signature made in the future; clocks drift, so only past
  // the same 10 hours dkimpy allows.
  if (sig.timestamp && *sig.timestamp > options.now + options.clock_skew_seconds)
    return set(DkimResult::fail, "dkim-future", "the signature was made in the future (t=" + std::to_string(*sig.timestamp) + ")");

  std::string name = sig.selector + "._domainkey." + sig.domain;
  records::TxtLookup answer = lookup(name);
  switch (answer.status) {
    case records::LookupStatus::found: break;
    case records::LookupStatus::no_records:
    case records::LookupStatus::no_name:
      return set(DkimResult::permerror, "dkim-key-missing", "no key record at " + name);
    case records::LookupStatus::timeout:
    case records::LookupStatus::failure:
      return set(DkimResult::temperror, "dkim-key-dns",
                 "the key record at " + name + " could not be read: " + answer.detail);
    case records::LookupStatus::too_large:
      return set(DkimResult::permerror, "dkim-key-syntax", "too many TXT records at " + name);
  }
  // The first record that parses is the key (§3.6.2.2 leaves the choice to the verifier).
  DkimKeyParse key_parse;
  for (const auto& record : answer.records) {
    key_parse = parse_dkim_key(record);
    if (key_parse.key) break;
  }
  if (!key_parse.key) return set(DkimResult::permerror, key_parse.error.reason, key_parse.error.message + " at " + name);
  const DkimKey& key = *key_parse.key;
  out.key_testing = key.testing;
  if (key.revoked) return set(DkimResult::permerror, "dkim-key-revoked", "the key at " + name + " is revoked (empty p=)");
  bool ed25519 = sig.algorithm == DkimAlgorithm::ed25519_sha256;
  if ((key.type == DkimKeyType::ed25519) != ed25519)
    return set(DkimResult::permerror, "dkim-key-type",
               "the key at " + name + " is not of the type a=" + std::string(to_string(sig.algorithm)) + " needs");
  if (!key.hashes.empty()) {
    bool allowed = false;
    for (const auto& hash : key.hashes) allowed = allowed || hash == "sha256";
    if (!allowed) return set(DkimResult::permerror, "dkim-key-hash", "the key at " + name + " does not allow sha256 (h=)");
  }
  if (key.strict_identity && lower(sig.identity.substr(sig.identity.rfind('@') + 1)) != sig.domain)
    return set(DkimResult::permerror, "dkim-key-strict-identity",
               "the key at " + name + " has t=s, so i= must be in " + sig.domain + " itself");
  Pkey pkey = load_key(key);
  if (!pkey) return set(DkimResult::permerror, "dkim-key-syntax", "p= at " + name + " is not a public key");
  out.key_bits = static_cast<unsigned>(EVP_PKEY_get_bits(pkey.get()));
  if (!ed25519 && out.key_bits < options.min_rsa_bits)
    return set(DkimResult::permerror, "dkim-key-small",
               "the key at " + name + " has " + std::to_string(out.key_bits) + " bits; RSA keys under " +
                   std::to_string(options.min_rsa_bits) + " bits are not valid (RFC 8301 §3.2)");

  std::string_view body = bodies.get(message.body(), sig.body_canonicalization);
  if (sig.body_length) {
    // A count past the canonical body claims bytes that are not there.
    if (*sig.body_length > body.size())
      return set(DkimResult::fail, "dkim-body-length",
                 "l=" + std::to_string(*sig.body_length) + " is longer than the body (" + std::to_string(body.size()) + " bytes)");
    body = body.substr(0, static_cast<std::size_t>(*sig.body_length));
  }
  if (sha256(body) != sig.body_hash)
    return set(DkimResult::fail, "dkim-body-hash", "the body changed after signing (bh= does not match)");

  std::string data = signed_header_data(message, sig, field);
  if (!verify_signature(pkey.get(), sig.algorithm, data, sig.signature)) {
    out.changed_header = changed_header(message, sig);
    return set(DkimResult::fail, "dkim-signature",
               out.changed_header ? "the " + *out.changed_header + " header field changed after signing"
                                  : "the signature does not match the signed header fields");
  }
  return set(DkimResult::pass, "dkim-pass", "signed by " + sig.domain);
}

}  // namespace

std::string_view to_string(DkimResult result) {
  switch (result) {
    case DkimResult::pass: return "pass";
    case DkimResult::fail: return "fail";
    case DkimResult::neutral: return "neutral";
    case DkimResult::policy: return "policy";
    case DkimResult::temperror: return "temperror";
    case DkimResult::permerror: return "permerror";
  }
  return "";
}

std::vector<DkimVerification> verify_dkim(const Message& message, const records::TxtLookupFunction& lookup,
                                          const DkimVerifyOptions& options) {
  std::vector<DkimVerification> results;
  BodyCache bodies;
  std::size_t evaluated = 0;
  for (const HeaderField* field : message.fields("DKIM-Signature")) {
    if (evaluated == options.max_signatures) {
      DkimVerification skipped;
      skipped.line = field->line;
      skipped.result = DkimResult::neutral;
      skipped.reason = "dkim-limit";
      skipped.message = "not evaluated: bimi verifies the first " + std::to_string(options.max_signatures) + " signatures";
      results.push_back(std::move(skipped));
      continue;
    }
    results.push_back(verify_one(message, *field, lookup, options, bodies));
    ++evaluated;
  }
  return results;
}

}  // namespace bimi::auth
