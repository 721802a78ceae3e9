#include "bimi/vmc/csr.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <utility>

#include "bimi/vmc/certificate.hpp"
#include "cert_util.hpp"

namespace bimi::vmc {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool valid_dns_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    std::string_view label = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return name.find('.') != std::string_view::npos;
}

// The subject attributes a request carries as text, with the option that sets each and its upper
// bound in characters: RFC 5280 Appendix A (ub-*), and ITU-T X.520 (02/2001) UpperBounds for
// streetAddress, which RFC 5280 does not bound. countryName is checked on its own (two capitals).
struct SubjectText {
  std::string_view option;
  std::string_view attribute;
  std::string CsrRequest::*value;
  std::size_t upper_bound;  // 0: no bound of its own
  std::string_view bound_source;
};

constexpr SubjectText subject_texts[] = {
    {"--org", "organizationName", &CsrRequest::organization, 64, "RFC 5280 Appendix A, ub-organization-name"},
    {"--cn", "commonName", &CsrRequest::common_name, 64, "RFC 5280 Appendix A, ub-common-name"},
    {"--state", "stateOrProvinceName", &CsrRequest::state, 128, "RFC 5280 Appendix A, ub-state-name"},
    {"--locality", "localityName", &CsrRequest::locality, 128, "RFC 5280 Appendix A, ub-locality-name"},
    {"--street", "streetAddress", &CsrRequest::street, 128, "ITU-T X.520 (02/2001), ub-street-address"},
    {"--trademark-id", "trademarkRegistration", &CsrRequest::trademark_id, 0, {}},
    {"--statute-citation", "statuteCitation", &CsrRequest::statute_citation, 0, {}},
    {"--statute-url", "statuteURL", &CsrRequest::statute_url, 0, {}},
    {"--prior-use-url", "priorUseMarkSourceURL", &CsrRequest::prior_use_url, 0, {}},
};

// Characters in UTF-8 text; nullopt when it is not UTF-8 or holds a control character.
std::optional<std::size_t> printable_utf8_length(std::string_view text) {
  std::size_t count = 0;
  while (!text.empty()) {
    unsigned long value = 0;
    int used = UTF8_getc(reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()), &value);
    if (used <= 0 || value < 0x20 || value == 0x7f || (value >= 0x80 && value < 0xa0)) return std::nullopt;
    text.remove_prefix(static_cast<std::size_t>(used));
    ++count;
  }
  return count;
}

bool two_capitals(std::string_view code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) != 0 &&
         std::isupper(static_cast<unsigned char>(code[1])) != 0 && static_cast<unsigned char>(code[0]) < 0x80 &&
         static_cast<unsigned char>(code[1]) < 0x80;
}

// The subject as verify reads it from an issued certificate, for the shared mark-type rules.
std::vector<NameField> mark_subject(const CsrRequest& request) {
  std::vector<NameField> subject;
  auto add = [&](std::string_view oid, const std::string& value) {
    if (!value.empty()) subject.push_back({std::string(oid), std::string(mark_attribute_name(oid)), value});
  };
  add(mark_type_oid, request.mark_type);
  add(trademark_country_oid, request.trademark_country);
  add(trademark_registration_oid, request.trademark_id);
  add(statute_country_oid, request.statute_country);
  add(statute_citation_oid, request.statute_citation);
  add(statute_url_oid, request.statute_url);
  add(prior_use_url_oid, request.prior_use_url);
  return subject;
}

// The option that sets a mark attribute, to name it in an error.
std::string_view option_for(std::string_view message) {
  constexpr std::pair<std::string_view, std::string_view> options[] = {
      {"trademarkCountryOrRegionName", "--trademark-country"}, {"trademarkRegistration", "--trademark-id"},
      {"statuteCountryName", "--statute-country"},             {"statuteCitation", "--statute-citation"},
      {"statuteURL", "--statute-url"},                         {"priorUseMarkSourceURL", "--prior-use-url"}};
  for (const auto& [name, option] : options) {
    if (message.starts_with(name)) return option;
  }
  return {};
}

int no_password(char*, int, int, void*) { return 0; }

std::string key_description(EVP_PKEY* key) {
  int id = EVP_PKEY_get_base_id(key);
  if (id == EVP_PKEY_RSA) return "RSA-" + std::to_string(EVP_PKEY_get_bits(key));
  if (id == EVP_PKEY_EC) {
    char group[64] = {0};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &length) == 1) {
      std::string name(group, length);
      if (name == "prime256v1") name = "P-256";
      if (name == "secp384r1") name = "P-384";
      return "EC-" + name;
    }
    return "EC";
  }
  return OBJ_nid2sn(id);
}

bool add_entry(X509_NAME* name, std::string_view field, const std::string& value, int type = MBSTRING_UTF8) {
  if (value.empty()) return true;
  ossl::Asn1ObjectPtr object(OBJ_txt2obj(std::string(field).c_str(), 0));
  if (!object) return false;
  return X509_NAME_add_entry_by_OBJ(name, object.get(), type, reinterpret_cast<const unsigned char*>(value.data()),
                                    static_cast<int>(value.size()), -1, 0) == 1;
}

}  // namespace

std::optional<Error> check_csr_request(const CsrRequest& request) {
  if (request.domains.empty()) return Error{"at least one --domain is required"};
  for (const auto& domain : request.domains) {
    if (!valid_dns_name(lowercase(domain))) return Error{"--domain \"" + domain + "\" is not a DNS name (use its A-label form, e.g. example.com)"};
    if (!request.selector.empty() && !valid_dns_name(request.selector + "._bimi." + lowercase(domain))) {
      return Error{"--selector \"" + request.selector + "\" is not a valid selector"};
    }
  }
  if (request.organization.empty()) return Error{"--org is required"};
  if (!two_capitals(request.country)) return Error{"--country must be a two-letter ISO 3166 code in capitals (e.g. US)"};
  for (const auto& field : subject_texts) {
    const std::string& value = request.*field.value;
    auto length = printable_utf8_length(value);
    if (!length) return Error{std::string(field.option) + " must be UTF-8 text without control characters"};
    if (field.upper_bound != 0 && *length > field.upper_bound) {
      return Error{std::string(field.option) + " is " + std::to_string(*length) + " characters; " +
                   std::string(field.attribute) + " holds at most " + std::to_string(field.upper_bound) + " (" +
                   std::string(field.bound_source) + ")"};
    }
  }
  if (!request.trademark_country.empty() && !two_capitals(request.trademark_country)) {
    return Error{"--trademark-country must be a two-letter code in capitals (e.g. US, or EM for the EU office)"};
  }
  if (!request.statute_country.empty() && !two_capitals(request.statute_country)) {
    return Error{"--statute-country must be a two-letter ISO 3166 code in capitals"};
  }
  if (!request.mark_type.empty() && request.mark_type != "Registered Mark" && request.mark_type != "Government Mark" &&
      request.mark_type != "Prior Use Mark" && request.mark_type != "Modified Registered Mark") {
    return Error{"--mark-type must be one of: Registered Mark, Government Mark, Prior Use Mark, Modified Registered Mark"};
  }
  auto subject = mark_subject(request);
  if (request.mark_type.empty()) {
    if (!subject.empty()) return Error{"mark-certificate fields need --mark-type"};
    return std::nullopt;
  }
  // The rules `bimi verify` applies to an issued certificate, so that the CA's certificate can pass.
  auto assessment = assess_mark_type(subject, request.requested_at);
  if (!assessment.errors.empty()) {
    const std::string& first = assessment.errors.front();
    auto option = option_for(first);
    return Error{"--mark-type \"" + request.mark_type + "\": " + first +
                 (option.empty() ? std::string() : " (" + std::string(option) + ")")};
  }
  return std::nullopt;
}

std::variant<CsrResult, Error> make_csr(const CsrRequest& request) {
  ossl::clear_errors();
  if (auto bad = check_csr_request(request)) return *bad;
  CsrResult result;
  for (const auto& domain : request.domains) {
    std::string d = lowercase(domain);
    std::string name = request.selector.empty() ? d : request.selector + "._bimi." + d;
    if (std::find(result.dns_names.begin(), result.dns_names.end(), name) == result.dns_names.end()) {
      result.dns_names.push_back(name);
    }
  }

  ossl::EvpPkeyPtr key;
  if (request.key_pem) {
    ossl::Bio bio = ossl::memory_bio(*request.key_pem);
    key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr));
    if (!key) return Error{"cannot read the private key (encrypted keys are not supported): " + ossl::drain_errors()};
    std::string type = key_description(key.get());
    if (type != "RSA-2048" && type != "RSA-3072" && type != "RSA-4096" && type != "EC-P-256" && type != "EC-P-384") {
      return Error{"the key is " + type + "; mark certificate CAs take RSA 2048/3072/4096 or EC P-256/P-384"};
    }
  } else {
    const std::string& type = request.key_type;
    if (type == "rsa:2048" || type == "rsa:3072") {
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(type == "rsa:2048" ? 2048 : 3072)));
    } else if (type == "ec:P-256" || type == "ec:P-384") {
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", type == "ec:P-256" ? "P-256" : "P-384"));
    } else {
      return Error{"unknown key type \"" + type + "\" (rsa:2048, rsa:3072, ec:P-256 or ec:P-384)"};
    }
    if (!key) return Error{"key generation failed: " + ossl::drain_errors()};
    ossl::Bio out(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
      return Error{"cannot encode the private key: " + ossl::drain_errors()};
    }
    result.key_pem = ossl::bio_contents(out.get());
  }

  ossl::X509ReqPtr req(X509_REQ_new());
  ossl::X509NamePtr subject(X509_NAME_new());
  bool ok = req && subject && X509_REQ_set_version(req.get(), 0) == 1 &&
            add_entry(subject.get(), "C", request.country, MBSTRING_ASC) &&
            add_entry(subject.get(), "ST", request.state) && add_entry(subject.get(), "L", request.locality) &&
            add_entry(subject.get(), "street", request.street) && add_entry(subject.get(), "O", request.organization) &&
            add_entry(subject.get(), "CN", request.common_name.empty() ? request.organization : request.common_name) &&
            add_entry(subject.get(), mark_type_oid, request.mark_type) &&
            add_entry(subject.get(), trademark_country_oid, request.trademark_country, MBSTRING_ASC) &&
            add_entry(subject.get(), trademark_registration_oid, request.trademark_id) &&
            add_entry(subject.get(), statute_country_oid, request.statute_country, MBSTRING_ASC) &&
            add_entry(subject.get(), statute_citation_oid, request.statute_citation) &&
            add_entry(subject.get(), statute_url_oid, request.statute_url) &&
            add_entry(subject.get(), prior_use_url_oid, request.prior_use_url) &&
            X509_REQ_set_subject_name(req.get(), subject.get()) == 1 && X509_REQ_set_pubkey(req.get(), key.get()) == 1;
  if (!ok) return Error{"cannot build the request: " + ossl::drain_errors()};

  ossl::GeneralNamesPtr names(GENERAL_NAMES_new());
  for (const auto& dns : result.dns_names) {
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    if (name == nullptr || text == nullptr || ASN1_STRING_set(text, dns.data(), static_cast<int>(dns.size())) != 1) {
      GENERAL_NAME_free(name);
      ASN1_IA5STRING_free(text);
      return Error{"cannot build the subjectAltName: " + ossl::drain_errors()};
    }
    GENERAL_NAME_set0_value(name, GEN_DNS, text);
    sk_GENERAL_NAME_push(names.get(), name);
  }
  STACK_OF(X509_EXTENSION)* extensions = sk_X509_EXTENSION_new_null();
  X509_EXTENSION* san = X509V3_EXT_i2d(NID_subject_alt_name, 0, names.get());
  ok = extensions != nullptr && san != nullptr && sk_X509_EXTENSION_push(extensions, san) > 0;
  if (!ok) X509_EXTENSION_free(san);
  ok = ok && X509_REQ_add_extensions(req.get(), extensions) == 1;
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  if (!ok) return Error{"cannot add the subjectAltName: " + ossl::drain_errors()};
  if (X509_REQ_sign(req.get(), key.get(), EVP_sha256()) <= 0) return Error{"cannot sign the request: " + ossl::drain_errors()};
  ossl::Bio out(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509_REQ(out.get(), req.get()) != 1) return Error{"cannot encode the request: " + ossl::drain_errors()};
  result.csr_pem = ossl::bio_contents(out.get());
  result.subject_text = detail::name_text(X509_REQ_get_subject_name(req.get()));
  ossl::clear_errors();
  return result;
}

std::variant<CsrSummary, Error> read_csr(std::string_view pem) {
  ossl::clear_errors();
  ossl::Bio bio = ossl::memory_bio(pem);
  ossl::X509ReqPtr req(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
  if (!req) return Error{"not a PEM certificate request: " + ossl::drain_errors()};
  CsrSummary summary;
  summary.subject_text = detail::name_text(X509_REQ_get_subject_name(req.get()));
  EVP_PKEY* key = X509_REQ_get0_pubkey(req.get());
  summary.signature_valid = key != nullptr && X509_REQ_verify(req.get(), key) == 1;
  if (key != nullptr) summary.key_type = key_description(key);
  summary.signature_algorithm = OBJ_nid2ln(X509_REQ_get_signature_nid(req.get()));
  STACK_OF(X509_EXTENSION)* extensions = X509_REQ_get_extensions(req.get());
  for (int i = 0; i < sk_X509_EXTENSION_num(extensions); ++i) {
    X509_EXTENSION* extension = sk_X509_EXTENSION_value(extensions, i);
    if (OBJ_obj2nid(X509_EXTENSION_get_object(extension)) != NID_subject_alt_name) continue;
    ossl::GeneralNamesPtr names(static_cast<GENERAL_NAMES*>(X509V3_EXT_d2i(extension)));
    for (int k = 0; names && k < sk_GENERAL_NAME_num(names.get()); ++k) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), k);
      if (name->type == GEN_DNS) {
        summary.dns_names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(name->d.dNSName)),
                                       static_cast<std::size_t>(ASN1_STRING_length(name->d.dNSName)));
      }
    }
  }
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
  ossl::clear_errors();
  return summary;
}

}  // namespace bimi::vmc
