// Reading mark certificates: the summary `bimi inspect` prints, mark-type classification and times.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/vmc/logotype.hpp"
#include "bimi/vmc/time_text.hpp"  // format_time, parse_time: used with certificates

namespace bimi::vmc {

// Certificate files larger than this are refused before parsing.
inline constexpr std::size_t max_certificate_file_bytes = 4u << 20;

inline constexpr std::string_view bimi_eku_oid = "1.3.6.1.5.5.7.3.31";
inline constexpr std::string_view mark_policy_oid = "1.3.6.1.4.1.53087.1.1";
inline constexpr std::string_view pilot_identifier_oid = "1.3.6.1.4.1.53087.4.1";
inline constexpr std::string_view mark_type_oid = "1.3.6.1.4.1.53087.1.13";
inline constexpr std::string_view trademark_country_oid = "1.3.6.1.4.1.53087.1.3";
inline constexpr std::string_view trademark_registration_oid = "1.3.6.1.4.1.53087.1.4";
inline constexpr std::string_view statute_country_oid = "1.3.6.1.4.1.53087.3.2";
inline constexpr std::string_view statute_citation_oid = "1.3.6.1.4.1.53087.3.5";
inline constexpr std::string_view statute_url_oid = "1.3.6.1.4.1.53087.3.6";
inline constexpr std::string_view prior_use_url_oid = "1.3.6.1.4.1.53087.5.1";

// The name of a mark-certificate subject attribute (e.g. "trademarkRegistration"); empty when the
// OID is not one of them.
std::string_view mark_attribute_name(std::string_view oid);

struct NameField {
  std::string oid;    // dotted
  std::string name;   // short name (OpenSSL's, or the mark-certificate attribute name), else the OID
  std::string value;  // UTF-8
};

struct CertificateSummary {
  std::vector<NameField> subject;
  std::string subject_text;  // RFC 2253, one line
  std::string issuer_text;
  std::string serial_hex;
  long long not_before = 0;  // seconds since the epoch, UTC
  long long not_after = 0;
  std::string sha256_fingerprint;  // lowercase hex of the DER
  bool is_ca = false;
  bool self_signed = false;
};

enum class MarkClass { unknown, vmc, cmc };
std::string_view to_string(MarkClass mark_class);  // "unknown", "VMC", "CMC"

// What the subject's mark type and attributes say, and what they lack or carry against the rules.
struct MarkTypeAssessment {
  std::string mark_type;  // the attribute value, empty when absent
  MarkClass mark_class = MarkClass::unknown;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

// `issued_at` is the leaf's notBefore (some requirements depend on the issue date).
MarkTypeAssessment assess_mark_type(const std::vector<NameField>& subject, long long issued_at);

struct MarkCertificate {
  std::vector<CertificateSummary> certificates;  // in file order; the first is the leaf
  std::vector<std::string> der_errors;           // certificates encoded in BER, not DER (RFC 5280 §4.1)
  std::vector<std::string> dns_names;            // subjectAltName dNSNames of the leaf
  std::vector<std::string> extended_key_usages;  // dotted OIDs on the leaf
  std::vector<std::string> policies;             // dotted OIDs on the leaf
  std::vector<std::string> crl_urls;             // CRL distribution point URIs
  std::size_t sct_count = 0;
  // The pilot identifier extension (1.3.6.1.4.1.53087.4.1) some CMCs carry, often critical.
  struct PilotIdentifier {
    bool critical = false;
    std::string value;  // the string it holds, else the hex of its DER
  };
  std::optional<PilotIdentifier> pilot_identifier;
  MarkTypeAssessment mark;
  std::optional<Logotype> logotype;
  std::string logotype_error;  // why logotype is empty (absent or malformed)
  std::optional<EmbeddedLogo> logo;
  std::string logo_error;  // why logo is empty
};

// Parses PEM (one or more certificates, leaf first) or a single DER certificate. Anything that is
// not a certificate is an Error; a malformed logotype is reported inside the result instead.
std::variant<MarkCertificate, Error> inspect_certificate(std::string_view bytes);

}  // namespace bimi::vmc
