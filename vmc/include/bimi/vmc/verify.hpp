// Verification of an issued mark certificate (VMC or CMC) against trust anchors, the logo's exact
// bytes and the domain. Every check in check_table() yields a verdict and at least one message.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/logotype.hpp"

namespace bimi::vmc {

struct VerifyOptions {
  std::string domain;                     // e.g. "example.com" (A-labels)
  std::string selector;                   // empty means the BIMI default selector "default"
  long long at = 0;                       // verification time, seconds since the epoch (UTC)
  std::optional<std::string> roots_pem;   // replaces the bundled BIMI trust anchors
  std::optional<std::string> crl;         // a CRL (PEM or DER) from the issuing CA
  std::optional<std::string> ct_log_keys; // PEM public keys of the CT logs SCTs may come from
  // Lints the embedded logo for the logo-profile check; when empty that check is skipped.
  std::function<Diagnostics(std::string_view svg)> logo_linter;
};

enum class Verdict { pass, warn, fail, skipped };
std::string_view to_string(Verdict verdict);  // "pass", "warn", "fail", "skipped"

struct CheckResult {
  std::string id;  // from check_table()
  Verdict verdict = Verdict::skipped;
  std::vector<std::string> messages;
};

struct VerifyReport {
  std::vector<CheckResult> checks;  // one per check_table() entry, in its order
  // The same messages as findings: rule = check id; pass and skipped are notes, warn a warning,
  // fail an error.
  Diagnostics diagnostics;
  MarkClass mark_class = MarkClass::unknown;
  std::string mark_type;
  std::vector<std::string> chain;  // subjects from the leaf to the trust anchor, when one was built
  // Set when the leaf is no mark certificate at all (neither the BIMI EKU nor a logotype), saying
  // what it is instead, e.g. "a TLS certificate, not a mark certificate: no BIMI EKU, no logotype".
  std::string not_a_mark_certificate;

  bool valid() const;
  const CheckResult* find(std::string_view id) const;
};

// `certificate` is the PEM (leaf first, chain optional) or DER; `logo` the SVG (or gzip of it) the
// domain publishes. An Error means an input could not be read (exit 3), not that it is invalid; its
// message starts with the input it is about: "certificate: ", "logo: ", "trust anchors: ", "CRL: "
// or "CT logs: ".
std::variant<VerifyReport, Error> verify_certificate(std::string_view certificate, std::string_view logo,
                                                     const VerifyOptions& options);

// The trust anchors and issuing CAs compiled into the library (PEM).
std::string_view bundled_roots_pem();
std::string_view bundled_intermediates_pem();

}  // namespace bimi::vmc
