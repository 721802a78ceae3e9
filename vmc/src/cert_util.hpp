// Private: helpers over OpenSSL certificates shared by inspect, verify and csr.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bimi/vmc/certificate.hpp"
#include "ossl.hpp"

namespace bimi::vmc::detail {

// PEM (all CERTIFICATE blocks) or one DER certificate; an error when none is found or any is bad.
// `encodings`, when given, receives each certificate's bytes as given (OpenSSL also reads BER).
std::variant<std::vector<ossl::X509Ptr>, Error> load_certificates(std::string_view bytes,
                                                                  std::vector<std::string>* encodings = nullptr);

// Why a certificate's bytes are not DER, as "certificate N: …" per offending certificate.
std::vector<std::string> non_der_certificates(const std::vector<std::string>& encodings);

std::vector<NameField> name_fields(const X509_NAME* name);
std::string name_text(const X509_NAME* name);
std::vector<std::string> dns_names(X509* cert);
std::vector<std::string> extended_key_usages(X509* cert, bool& present);
std::vector<std::string> policies(X509* cert, bool& present);
std::vector<std::string> crl_urls(X509* cert);

// The raw extension value (the DER inside extnValue) and its criticality; nullopt when absent.
struct RawExtension {
  std::string value;
  bool critical = false;
};
std::optional<RawExtension> find_extension(X509* cert, std::string_view dotted_oid);

CertificateSummary summarize(X509* cert);

// The pilot identifier extension's criticality and its value as text.
MarkCertificate::PilotIdentifier pilot_identifier(const RawExtension& extension);

}  // namespace bimi::vmc::detail
