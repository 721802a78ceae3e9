#include "bimi/auth/dkim_verify.hpp"

#include "bimi/auth/dkim_canonical.hpp"
#include "signature_check.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

using namespace detail;

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

DkimVerification verify_one(const Message& message, const HeaderField& field, const records::TxtLookupFunction& lookup,
                            const DkimVerifyOptions& options, BodyHashes& bodies) {
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

  KeyOutcome key = fetch_key(sig.selector, sig.domain, sig.algorithm, lookup, options.min_rsa_bits, options.keys);
  out.key_testing = key.testing;
  out.key_bits = key.bits;
  if (!key.key) return set(key.result, key.reason, key.message);
  if (key.strict_identity && ascii_lower(sig.identity.substr(sig.identity.rfind('@') + 1)) != sig.domain)
    return set(DkimResult::permerror, "dkim-key-strict-identity",
               "the key at " + sig.selector + "._domainkey." + sig.domain + " has t=s, so i= must be in " + sig.domain + " itself");

  std::string_view body = bodies.canonical(sig.body_canonicalization);
  if (sig.body_length) {
    // A count past the canonical body claims bytes that are not there.
    if (*sig.body_length > body.size())
      return set(DkimResult::fail, "dkim-body-length",
                 "l=" + std::to_string(*sig.body_length) + " is longer than the body (" + std::to_string(body.size()) + " bytes)");
    body = body.substr(0, static_cast<std::size_t>(*sig.body_length));
  }
  if (sha256(body) != sig.body_hash)
    return set(DkimResult::fail, "dkim-body-hash", "the body changed after signing (bh= does not match)");

  std::string data = selected_headers(message, sig.signed_headers, sig.header_canonicalization) +
                     without_signature(field.raw, sig.b_value_begin, sig.b_value_end, sig.header_canonicalization);
  if (!signature_matches(key.key.get(), sig.algorithm, data, sig.signature)) {
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
  BodyHashes bodies(message.body());
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
