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
  std::string country;  // ISO 3166 two letters
  std::string state;
  std::string locality;
  std::string street;
  // Mark-certificate subject attributes; informational (CAs take them from the validated order).
  std::string mark_type;
  std::string trademark_country;
  std::string trademark_id;
  std::optional<std::string> key_pem;  // an existing unencrypted private key; else one is generated
  std::string key_type = "rsa:2048";   // rsa:2048, rsa:3072, ec:P-256, ec:P-384
};

struct CsrResult {
  std::string csr_pem;
  std::string key_pem;  // PKCS#8 PEM of a generated key; empty when the key was given
  std::vector<std::string> dns_names;
  std::string subject_text;
};

// Errors are bad requests or unusable keys.
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
