#include "bimi/auth/arc_verify.hpp"

#include <map>
#include <optional>

#include "bimi/base64.hpp"
#include "bimi/auth/dkim_tags.hpp"
#include "signature_check.hpp"
#include "text.hpp"

namespace bimi::auth {
namespace {

using namespace detail;

constexpr int max_instances = 50;

struct ArcSet {
  const HeaderField* results = nullptr;    // ARC-Authentication-Results
  const HeaderField* signature = nullptr;  // ARC-Message-Signature
  const HeaderField* seal = nullptr;       // ARC-Seal
};

struct Seal {
  DkimAlgorithm algorithm = DkimAlgorithm::rsa_sha256;
  std::string signature;
  std::string domain;
  std::string selector;
  std::string cv;
  std::size_t b_value_begin = 0;
  std::size_t b_value_end = 0;
};

ArcValidation outcome(ArcResult result, std::string reason, std::string message, int instance = 0) {
  ArcValidation validation;
  validation.result = result;
  validation.reason = std::move(reason);
  validation.message = std::move(message);
  validation.failed_instance = instance;
  return validation;
}

// The i= that opens an ARC-Authentication-Results value ("i=1; mx.example; spf=pass ...").
std::optional<int> results_instance(std::string_view value, std::string& payload) {
  std::size_t pos = 0;
  auto skip_space = [&] {
    while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t' || value[pos] == '\r' || value[pos] == '\n')) ++pos;
  };
  skip_space();
  if (value.substr(pos, 2) != "i=") return std::nullopt;
  pos += 2;
  std::size_t semicolon = value.find(';', pos);
  if (semicolon == std::string_view::npos) return std::nullopt;
  std::string_view number = value.substr(pos, semicolon - pos);
  while (!number.empty() && (number.back() == ' ' || number.back() == '\t')) number.remove_suffix(1);
  auto instance = parse_arc_instance(number);
  if (!instance) return std::nullopt;
  payload = std::string(value.substr(semicolon + 1));
  return instance;
}

// An ARC-Seal's tags (RFC 8617 §4.1.3): i a b cv d s, t optional, and no h=.
std::optional<Seal> parse_seal(const HeaderField& field, std::string& error) {
  std::size_t value_offset = static_cast<std::size_t>(field.value.data() - field.raw.data());
  auto tags = parse_dkim_tags(field.value, error);
  if (!tags) return std::nullopt;
  for (std::string_view required : {"i", "a", "b", "cv", "d", "s"}) {
    if (!tags->find(required)) {
      error = "the ARC-Seal has no " + std::string(required) + "= tag";
      return std::nullopt;
    }
  }
  if (tags->find("h")) {
    error = "an ARC-Seal must not have h= (RFC 8617 §4.1.3)";
    return std::nullopt;
  }
  Seal seal;
  std::string_view a = tags->find("a")->value;
  if (a == "rsa-sha256") seal.algorithm = DkimAlgorithm::rsa_sha256;
  else if (a == "ed25519-sha256") seal.algorithm = DkimAlgorithm::ed25519_sha256;
  else {
    error = "the ARC-Seal's a=" + std::string(a) + " is not an algorithm bimi accepts";
    return std::nullopt;
  }
  const DkimTag* b = tags->find("b");
  auto signature = base64_decode(without_white_space(b->value));
  if (!signature || signature->empty()) {
    error = "the ARC-Seal's b= is not base64";
    return std::nullopt;
  }
  seal.signature = std::move(*signature);
  seal.b_value_begin = value_offset + b->raw_begin;
  seal.b_value_end = value_offset + b->raw_end;
  seal.domain = ascii_lower(tags->find("d")->value);
  seal.selector = ascii_lower(tags->find("s")->value);
  if (!is_domain_name(seal.domain) || !is_domain_name(seal.selector)) {
    error = "the ARC-Seal's d= or s= is not a domain name";
    return std::nullopt;
  }
  seal.cv = std::string(tags->find("cv")->value);
  if (seal.cv != "none" && seal.cv != "pass" && seal.cv != "fail") {
    error = "cv=" + seal.cv + " is none of none, pass, fail";
    return std::nullopt;
  }
  if (const DkimTag* t = tags->find("t")) {
    bool digits = !t->value.empty() && t->value.size() <= 12;
    for (char c : t->value) digits = digits && c >= '0' && c <= '9';
    if (!digits) {
      error = "the ARC-Seal's t=" + std::string(t->value) + " is not a timestamp";
      return std::nullopt;
    }
  }
  return seal;
}

// The i= of an ARC-Seal or ARC-Message-Signature, read before the rest is validated.
std::optional<int> tag_instance(const HeaderField& field) {
  std::string error;
  auto tags = parse_dkim_tags(field.value, error);
  if (!tags || !tags->find("i")) return std::nullopt;
  return parse_arc_instance(tags->find("i")->value);
}

}  // namespace

std::string_view to_string(ArcResult result) {
  switch (result) {
    case ArcResult::none: return "none";
    case ArcResult::pass: return "pass";
    case ArcResult::fail: return "fail";
  }
  return "";
}

ArcValidation validate_arc(const Message& message, const records::TxtLookupFunction& lookup,
                           const DkimVerifyOptions& options) {
  auto results_fields = message.fields("ARC-Authentication-Results");
  auto signature_fields = message.fields("ARC-Message-Signature");
  auto seal_fields = message.fields("ARC-Seal");
  // §5.2 step 1: no ARC set at all is "none".
  if (results_fields.empty() && signature_fields.empty() && seal_fields.empty())
    return outcome(ArcResult::none, "arc-none", "the message has no ARC header fields");
  if (seal_fields.size() > max_instances || signature_fields.size() > max_instances ||
      results_fields.size() > max_instances)
    return outcome(ArcResult::fail, "arc-structure", "more than 50 ARC sets (RFC 8617 §4.2.1)");

  // Step 3: group the fields into sets by instance; each instance exactly once per field kind.
  std::map<int, ArcSet> sets;
  std::map<int, std::string> payloads;
  for (const HeaderField* field : results_fields) {
    std::string payload;
    auto instance = results_instance(field->value, payload);
    if (!instance) return outcome(ArcResult::fail, "arc-instance", "an ARC-Authentication-Results field does not start with i=N;");
    if (sets[*instance].results) return outcome(ArcResult::fail, "arc-structure", "two ARC-Authentication-Results fields for i=" + std::to_string(*instance), *instance);
    sets[*instance].results = field;
    payloads[*instance] = payload;
  }
  for (const HeaderField* field : signature_fields) {
    auto instance = tag_instance(*field);
    if (!instance) return outcome(ArcResult::fail, "arc-instance", "an ARC-Message-Signature has no valid i=");
    if (sets[*instance].signature) return outcome(ArcResult::fail, "arc-structure", "two ARC-Message-Signature fields for i=" + std::to_string(*instance), *instance);
    sets[*instance].signature = field;
  }
  for (const HeaderField* field : seal_fields) {
    auto instance = tag_instance(*field);
    if (!instance) return outcome(ArcResult::fail, "arc-instance", "an ARC-Seal has no valid i=");
    if (sets[*instance].seal) return outcome(ArcResult::fail, "arc-structure", "two ARC-Seal fields for i=" + std::to_string(*instance), *instance);
    sets[*instance].seal = field;
  }
  int newest = sets.rbegin()->first;
  if (static_cast<int>(sets.size()) != newest)
    return outcome(ArcResult::fail, "arc-structure", "the ARC instances are not 1 to " + std::to_string(newest) + " without gaps");
  std::vector<Seal> seals;
  for (const auto& [instance, set] : sets) {
    if (!set.results || !set.signature || !set.seal)
      return outcome(ArcResult::fail, "arc-structure",
                     "ARC set i=" + std::to_string(instance) + " lacks its " +
                         (!set.results ? "ARC-Authentication-Results" : !set.signature ? "ARC-Message-Signature" : "ARC-Seal"),
                     instance);
    std::string error;
    auto seal = parse_seal(*set.seal, error);
    if (!seal) return outcome(ArcResult::fail, "arc-syntax", error, instance);
    seals.push_back(std::move(*seal));
  }
  // Step 2 and 3.3: a chain already marked failed stays failed; cv is none at i=1 and pass after.
  if (seals.back().cv == "fail")
    return outcome(ArcResult::fail, "arc-cv", "the newest ARC-Seal records cv=fail", newest);
  for (std::size_t k = 0; k < seals.size(); ++k) {
    const char* expected = k == 0 ? "none" : "pass";
    if (seals[k].cv != expected)
      return outcome(ArcResult::fail, "arc-cv",
                     "the ARC-Seal of i=" + std::to_string(k + 1) + " has cv=" + seals[k].cv + ", not " + expected,
                     static_cast<int>(k + 1));
  }

  // Step 4: the newest ARC-Message-Signature, verified as a DKIM signature.
  const HeaderField& newest_signature = *sets[newest].signature;
  auto parse = parse_dkim_signature(newest_signature.raw, SignatureKind::arc_message);
  if (!parse.signature)
    return outcome(ArcResult::fail, parse.error.reason == "arc-instance" ? "arc-instance" : "arc-syntax",
                   "ARC-Message-Signature i=" + std::to_string(newest) + ": " + parse.error.message, newest);
  const DkimSignature& ams = *parse.signature;
  if (ams.algorithm == DkimAlgorithm::rsa_sha1)
    return outcome(ArcResult::fail, "arc-syntax", "ARC-Message-Signature i=" + std::to_string(newest) + " uses rsa-sha1 (RFC 8301 §3.1)", newest);
  {
    KeyOutcome key = fetch_key(ams.selector, ams.domain, ams.algorithm, lookup, options.min_rsa_bits, options.keys);
    if (!key.key) return outcome(ArcResult::fail, key.reason, "ARC-Message-Signature i=" + std::to_string(newest) + ": " + key.message, newest);
    BodyHashes bodies(message.body());
    std::string_view body = bodies.canonical(ams.body_canonicalization);
    if (ams.body_length) {
      if (*ams.body_length > body.size())
        return outcome(ArcResult::fail, "arc-message-signature", "l= is longer than the body", newest);
      body = body.substr(0, static_cast<std::size_t>(*ams.body_length));
    }
    if (sha256(body) != ams.body_hash)
      return outcome(ArcResult::fail, "arc-message-signature",
                     "ARC-Message-Signature i=" + std::to_string(newest) + ": the body changed after it was signed", newest);
    std::string data = selected_headers(message, ams.signed_headers, ams.header_canonicalization) +
                       without_signature(newest_signature.raw, ams.b_value_begin, ams.b_value_end, ams.header_canonicalization);
    if (!signature_matches(key.key.get(), ams.algorithm, data, ams.signature))
      return outcome(ArcResult::fail, "arc-message-signature",
                     "ARC-Message-Signature i=" + std::to_string(newest) + " does not match the signed header fields", newest);
  }

  // Step 8: every seal, newest first, over the ARC sets up to its own (relaxed, §5.1.1).
  for (int instance = newest; instance >= 1; --instance) {
    const Seal& seal = seals[static_cast<std::size_t>(instance - 1)];
    std::string data;
    for (int k = 1; k <= instance; ++k) {
      const ArcSet& set = sets[k];
      data += canonical_header(set.results->raw, Canonicalization::relaxed);
      data += canonical_header(set.signature->raw, Canonicalization::relaxed);
      if (k < instance) data += canonical_header(set.seal->raw, Canonicalization::relaxed);
    }
    data += without_signature(sets[instance].seal->raw, seal.b_value_begin, seal.b_value_end, Canonicalization::relaxed);
    KeyOutcome key = fetch_key(seal.selector, seal.domain, seal.algorithm, lookup, options.min_rsa_bits, options.keys);
    if (!key.key) return outcome(ArcResult::fail, key.reason, "ARC-Seal i=" + std::to_string(instance) + ": " + key.message, instance);
    if (!signature_matches(key.key.get(), seal.algorithm, data, seal.signature))
      return outcome(ArcResult::fail, "arc-seal", "ARC-Seal i=" + std::to_string(instance) + " does not match the ARC sets it seals", instance);
  }

  ArcValidation validation = outcome(ArcResult::pass, "arc-pass", "the chain of " + std::to_string(newest) + " ARC sets holds");
  for (int instance = 1; instance <= newest; ++instance) {
    ArcHop hop;
    hop.instance = instance;
    hop.sealer = seals[static_cast<std::size_t>(instance - 1)].domain;
    auto signature = parse_dkim_signature(sets[instance].signature->raw, SignatureKind::arc_message);
    if (signature.signature) hop.signer = signature.signature->domain;
    HeaderField payload{};
    payload.value = payloads[instance];
    hop.authentication_results = Message::unfolded_value(payload);
    validation.hops.push_back(std::move(hop));
  }
  return validation;
}

}  // namespace bimi::auth
