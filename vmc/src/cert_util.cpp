#include "cert_util.hpp"

#include <algorithm>

#include "der.hpp"
#include "der_encoding.hpp"

namespace bimi::vmc::detail {

std::variant<std::vector<ossl::X509Ptr>, Error> load_certificates(std::string_view bytes,
                                                                  std::vector<std::string>* encodings) {
  ossl::clear_errors();
  std::vector<ossl::X509Ptr> certs;
  if (bytes.find("-----BEGIN") != std::string_view::npos) {
    ossl::Bio bio = ossl::memory_bio(bytes);
    // Walk every PEM block; only CERTIFICATE blocks count, anything malformed is an error.
    for (;;) {
      char* name = nullptr;
      char* header = nullptr;
      unsigned char* data = nullptr;
      long length = 0;
      if (PEM_read_bio(bio.get(), &name, &header, &data, &length) != 1) {
        unsigned long code = ERR_peek_last_error();
        if (ERR_GET_REASON(code) == PEM_R_NO_START_LINE && !certs.empty()) {
          ossl::clear_errors();
          break;
        }
        std::string why = ossl::drain_errors();
        if (certs.empty()) return Error{"no PEM certificate found" + (why.empty() ? "" : " (" + why + ")")};
        return Error{"malformed PEM block after certificate " + std::to_string(certs.size()) +
                     (why.empty() ? "" : " (" + why + ")")};
      }
      std::string block_name = name;
      std::string der(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
      OPENSSL_free(name);
      OPENSSL_free(header);
      OPENSSL_free(data);
      if (block_name != "CERTIFICATE" && block_name != "TRUSTED CERTIFICATE" && block_name != "X509 CERTIFICATE") {
        continue;
      }
      const auto* p = reinterpret_cast<const unsigned char*>(der.data());
      ossl::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
      if (!cert || p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
        std::string why = ossl::drain_errors();
        return Error{"PEM certificate " + std::to_string(certs.size() + 1) + " is not valid DER" +
                     (why.empty() ? "" : " (" + why + ")")};
      }
      certs.push_back(std::move(cert));
      if (encodings) encodings->push_back(std::move(der));
    }
    if (certs.empty()) return Error{"no CERTIFICATE block in the PEM input"};
    return certs;
  }
  if (bytes.empty()) return Error{"empty input"};
  if (static_cast<unsigned char>(bytes[0]) != 0x30) return Error{"neither PEM nor a DER certificate"};
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  ossl::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
  if (!cert) {
    std::string why = ossl::drain_errors();
    return Error{"not a valid DER certificate" + (why.empty() ? "" : " (" + why + ")")};
  }
  if (p != reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size()) {
    return Error{"unexpected data after the DER certificate"};
  }
  certs.push_back(std::move(cert));
  if (encodings) encodings->emplace_back(bytes);
  return certs;
}

std::vector<std::string> non_der_certificates(const std::vector<std::string>& encodings) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < encodings.size(); ++i) {
    if (auto problem = der_violation(encodings[i])) {
      problems.push_back("certificate " + std::to_string(i + 1) + " is not DER: " + *problem);
    }
  }
  return problems;
}

std::vector<NameField> name_fields(const X509_NAME* name) {
  std::vector<NameField> fields;
  int count = X509_NAME_entry_count(name);
  for (int i = 0; i < count; ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    const ASN1_OBJECT* object = X509_NAME_ENTRY_get_object(entry);
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(entry);
    NameField field;
    field.oid = ossl::oid_text(object);
    if (auto mark = mark_attribute_name(field.oid); !mark.empty()) {
      field.name = std::string(mark);
    } else if (int nid = OBJ_obj2nid(object); nid != NID_undef) {
      field.name = OBJ_nid2sn(nid);
    } else {
      field.name = field.oid;
    }
    unsigned char* utf8 = nullptr;
    int n = ASN1_STRING_to_UTF8(&utf8, data);
    if (n >= 0 && utf8 != nullptr) {
      field.value.assign(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(n));
      OPENSSL_free(utf8);
    } else {
      ossl::clear_errors();
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

std::string name_text(const X509_NAME* name) {
  // In certificate order, with mark-certificate attributes named (OpenSSL prints them as hex).
  std::string text;
  for (const auto& field : name_fields(name)) {
    if (!text.empty()) text += ", ";
    text += field.name + "=" + field.value;
  }
  return text;
}

std::vector<std::string> dns_names(X509* cert) {
  std::vector<std::string> names;
  ossl::GeneralNamesPtr sans(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!sans) {
    ossl::clear_errors();
    return names;
  }
  for (int i = 0; i < sk_GENERAL_NAME_num(sans.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans.get(), i);
    if (name->type != GEN_DNS) continue;
    const ASN1_IA5STRING* text = name->d.dNSName;
    names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                       static_cast<std::size_t>(ASN1_STRING_length(text)));
  }
  return names;
}

std::vector<std::string> extended_key_usages(X509* cert, bool& present) {
  std::vector<std::string> oids;
  int critical = -1;
  ossl::ExtendedKeyUsagePtr eku(
      static_cast<EXTENDED_KEY_USAGE*>(X509_get_ext_d2i(cert, NID_ext_key_usage, &critical, nullptr)));
  present = eku != nullptr;
  if (!eku) {
    ossl::clear_errors();
    return oids;
  }
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) oids.push_back(ossl::oid_text(sk_ASN1_OBJECT_value(eku.get(), i)));
  return oids;
}

std::vector<std::string> policies(X509* cert, bool& present) {
  std::vector<std::string> oids;
  ossl::CertificatePoliciesPtr list(
      static_cast<CERTIFICATEPOLICIES*>(X509_get_ext_d2i(cert, NID_certificate_policies, nullptr, nullptr)));
  present = list != nullptr;
  if (!list) {
    ossl::clear_errors();
    return oids;
  }
  for (int i = 0; i < sk_POLICYINFO_num(list.get()); ++i) {
    oids.push_back(ossl::oid_text(sk_POLICYINFO_value(list.get(), i)->policyid));
  }
  return oids;
}

std::vector<std::string> crl_urls(X509* cert) {
  std::vector<std::string> urls;
  ossl::CrlDistPointsPtr points(
      static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(cert, NID_crl_distribution_points, nullptr, nullptr)));
  if (!points) {
    ossl::clear_errors();
    return urls;
  }
  for (int i = 0; i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* point = sk_DIST_POINT_value(points.get(), i);
    if (point->distpoint == nullptr || point->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = point->distpoint->name.fullname;
    for (int k = 0; k < sk_GENERAL_NAME_num(names); ++k) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, k);
      if (name->type != GEN_URI) continue;
      urls.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.uniformResourceIdentifier)),
                        static_cast<std::size_t>(ASN1_STRING_length(name->d.uniformResourceIdentifier)));
    }
  }
  return urls;
}

std::optional<RawExtension> find_extension(X509* cert, std::string_view dotted_oid) {
  ossl::Asn1ObjectPtr object = ossl::make_oid(std::string(dotted_oid).c_str());
  if (!object) return std::nullopt;
  int index = X509_get_ext_by_OBJ(cert, object.get(), -1);
  if (index < 0) return std::nullopt;
  X509_EXTENSION* extension = X509_get_ext(cert, index);
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(extension);
  RawExtension raw;
  raw.value.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                   static_cast<std::size_t>(ASN1_STRING_length(data)));
  raw.critical = X509_EXTENSION_get_critical(extension) != 0;
  return raw;
}

CertificateSummary summarize(X509* cert) {
  CertificateSummary summary;
  summary.subject = name_fields(X509_get_subject_name(cert));
  summary.subject_text = name_text(X509_get_subject_name(cert));
  summary.issuer_text = name_text(X509_get_issuer_name(cert));
  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
  summary.serial_hex = to_hex(std::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(serial)),
                                               static_cast<std::size_t>(ASN1_STRING_length(serial))));
  ossl::to_unix(X509_get0_notBefore(cert), summary.not_before);
  ossl::to_unix(X509_get0_notAfter(cert), summary.not_after);
  summary.sha256_fingerprint = hex_digest(HashAlgorithm::sha256, ossl::to_der(cert));
  summary.is_ca = X509_check_ca(cert) != 0;
  summary.self_signed = X509_check_issued(cert, cert) == X509_V_OK;
  ossl::clear_errors();
  return summary;
}

MarkCertificate::PilotIdentifier pilot_identifier(const RawExtension& extension) {
  MarkCertificate::PilotIdentifier pilot;
  pilot.critical = extension.critical;
  std::string error;
  der::Reader reader(extension.value);
  auto element = reader.next(error);
  constexpr unsigned char utf8_string = 0x0c, printable_string = 0x13;
  bool text = element && reader.empty() &&
              (element->tag == utf8_string || element->tag == printable_string || element->tag == der::ia5_string) &&
              std::all_of(element->content.begin(), element->content.end(),
                          [](char c) { return static_cast<unsigned char>(c) >= 0x20 && c != 0x7f; });
  pilot.value = text ? std::string(element->content) : to_hex(extension.value);
  return pilot;
}

}  // namespace bimi::vmc::detail
