// PKCS#10 requests for mark certificates: a new or given key, the SAN and the subject fields.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "bimi/vmc/logotype.hpp"

namespace bimi::vmc {

struct CsrRequest {
  std::vector<std::string> domains;  // A-labels
  std::string selector;              // when set, SANs are <selector>._bimi.<domain> only
  std::string organization;
  std::string common_name;  // empty: the organization, as issued mark certificates have it
  std::string country;      // ISO 3166 two letters
  std::string state;
  std::string locality;
  std::string street;
  // Mark-certificate subject attributes. CAs take the validated values from the order, but a request
  // whose fields `bimi verify` would reject for its mark type is refused (assess_mark_type).
  std::string mark_type;
  std::string trademark_country;
  std::string trademark_id;
  std::string statute_country;   // Government Mark
  std::string statute_citation;  // Government Mark
  std::string statute_url;       // Government Mark, optional
  std::string prior_use_url;     // Prior Use Mark: priorUseMarkSourceURL, the evidence of prior use
  long long requested_at = 0;    // seconds since the epoch; mark-type rules that depend on the issue date use it
  std::optional<std::string> key_pem;  // an existing unencrypted private key; else one is generated
  std::string key_type = "rsa:2048";   // rsa:2048, rsa:3072, ec:P-256, ec:P-384
};

// Everything about a request that does not need the key: names, subject field values and their
// upper bounds (RFC 5280 Appendix A), and the mark type's required and prohibited fields. An Error
// is a bad request (a usage error); make_csr runs this first.
std::optional<Error> check_csr_request(const CsrRequest& request);

struct CsrResult {
  std::string csr_pem;
  std::string key_pem;  // PKCS#8 PEM of a generated key; empty when the key was given
  std::vector<std::string> dns_names;
  std::string subject_text;
};

// Errors are bad requests (check_csr_request) or unusable keys.
std::variant<CsrResult, Error> make_csr(const CsrRequest& request);

// Summary of an existing CSR (for tests and `inspect`-like checks): subject, SANs, whether its
// self-signature verifies and the signature digest is SHA-256.
struct CsrSummary {
  std::string subject_text;
  std::vector<std::string> dns_names;
  bool signature_valid = false;
  std::string signature_algorithm;  // OpenSSL's long name
  std::string key_type;             // "RSA-2048", "EC-P-256", ...
};
std::variant<CsrSummary, Error> read_csr(std::string_view pem);

}  // namespace bimi::vmc
