#include "bimi/vmc/checks.hpp"

#include <array>

namespace bimi::vmc {
namespace {

constexpr std::array<CheckInfo, 15> table{{
    {"der",
     "every certificate in the file is encoded in DER: definite lengths in their shortest form, primitive strings, "
     "nothing after the certificate (OpenSSL also reads BER)",
     "RFC 5280 §4.1; ITU-T X.690 §10.1, §10.2"},
    {"chain",
     "the certificate chains to a trust anchor (the bundled BIMI roots, or --roots) with every signature verified",
     "RFC 5280 §6; draft-fetch-validation-vmc-wchuang"},
    {"critical-extension",
     "no certificate in the chain has an unhandled critical extension, except the pilot identifier 1.3.6.1.4.1.53087.4.1",
     "RFC 5280 §4.2; BIMI Group Mark Certificate requirements (pilot identifier)"},
    {"eku-leaf",
     "the leaf has the extended key usage id-kp-BrandIndicatorforMessageIdentification (1.3.6.1.5.5.7.3.31) and no other",
     "RFC 9399; draft-fetch-validation-vmc-wchuang"},
    {"eku-issuer",
     "the issuing CA certificate carries the BIMI extended key usage",
     "draft-fetch-validation-vmc-wchuang; BIMI Group Mark Certificate requirements"},
    {"logotype",
     "the logotype extension 1.3.6.1.5.5.7.1.12 is present, non-critical and parses strictly; its image is image/svg+xml in a data: URI",
     "RFC 3709; RFC 9399; draft-fetch-validation-vmc-wchuang"},
    {"logotype-hash",
     "every logotype hash with a known algorithm (SHA-1/256/384/512) matches the exact SVG bytes given",
     "RFC 3709 (logotypeHash); RFC 9399"},
    {"logo-bytes",
     "the SVG embedded in the certificate is byte-for-byte the logo given (a gzipped logo is inflated first)",
     "draft-fetch-validation-vmc-wchuang; draft-brand-indicators-for-message-identification"},
    {"san",
     "a subjectAltName dNSName is the domain (any selector) or `<selector>._bimi.<domain>`",
     "draft-fetch-validation-vmc-wchuang; draft-brand-indicators-for-message-identification"},
    {"validity",
     "the leaf is valid at the verification time (--at, default now)",
     "RFC 5280 §4.1.2.5"},
    {"policy",
     "the leaf asserts the mark certificate policy 1.3.6.1.4.1.53087.1.1",
     "BIMI Group Mark Certificate requirements"},
    {"sct",
     "the leaf has a signed certificate timestamp list with at least one SCT; with --ct-logs each SCT signature is verified",
     "RFC 6962 §3.3; draft-fetch-validation-vmc-wchuang"},
    {"revocation",
     "with --crl, the CRL is signed by the issuing CA and does not list the leaf; a CRL distribution point is present",
     "RFC 5280 §6.3; BIMI Group Mark Certificate requirements"},
    {"mark-type",
     "the mark type classifies the certificate as VMC or CMC and the subject has the fields that type requires and none it prohibits",
     "BIMI Group Mark Certificate requirements (subject attributes 1.3.6.1.4.1.53087)"},
    {"logo-profile",
     "the embedded logo passes `bimi check` (SVG Tiny P/S)",
     "draft-svg-tiny-ps-abrotman; draft-brand-indicators-for-message-identification"},
}};

}  // namespace

std::span<const CheckInfo> check_table() { return table; }

std::string checks_markdown() {
  return rules_markdown<CheckInfo>(
      table,
      "# Mark certificate checks\n\n"
      "Every check `bimi verify` makes, in the order it reports them. Each yields a verdict (pass, warn,\n"
      "fail or skipped) and at least one message; any fail makes the certificate invalid (exit 1). The\n"
      "table is generated from `vmc/src/checks.cpp`; a test keeps this page in step with it.\n\n",
      {}, "what it checks");
}

const CheckInfo* find_check(std::string_view id) { return find_row<CheckInfo>(table, id); }

}  // namespace bimi::vmc
