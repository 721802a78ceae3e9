#include "bimi/vmc/certificate.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <ctime>
#include <utility>

#include "cert_util.hpp"
#include "sct.hpp"

namespace bimi::vmc {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 13> mark_attributes{{
    {"1.3.6.1.4.1.53087.1.2", "trademarkOfficeName"},
    {"1.3.6.1.4.1.53087.1.3", "trademarkCountryOrRegionName"},
    {"1.3.6.1.4.1.53087.1.4", "trademarkRegistration"},
    {"1.3.6.1.4.1.53087.1.5", "legalEntityIdentifier"},
    {"1.3.6.1.4.1.53087.1.6", "wordMark"},
    {"1.3.6.1.4.1.53087.1.13", "markType"},
    {"1.3.6.1.4.1.53087.3.2", "statuteCountryName"},
    {"1.3.6.1.4.1.53087.3.3", "statuteStateOrProvinceName"},
    {"1.3.6.1.4.1.53087.3.4", "statuteLocalityName"},
    {"1.3.6.1.4.1.53087.3.5", "statuteCitation"},
    {"1.3.6.1.4.1.53087.3.6", "statuteURL"},
    {"1.3.6.1.4.1.53087.4.1", "pilotIdentifier"},
    {"1.3.6.1.4.1.53087.5.1", "priorUseMarkSourceURL"},
}};

bool has(const std::vector<NameField>& subject, std::string_view oid) {
  for (const auto& field : subject) {
    if (field.oid == oid) return true;
  }
  return false;
}

constexpr std::string_view tm_office = "1.3.6.1.4.1.53087.1.2";
constexpr std::string_view tm_country = "1.3.6.1.4.1.53087.1.3";
constexpr std::string_view tm_registration = "1.3.6.1.4.1.53087.1.4";
constexpr std::string_view statute_country = "1.3.6.1.4.1.53087.3.2";
constexpr std::string_view statute_citation = "1.3.6.1.4.1.53087.3.5";
constexpr std::array<std::string_view, 5> statute_fields{
    "1.3.6.1.4.1.53087.3.2", "1.3.6.1.4.1.53087.3.3", "1.3.6.1.4.1.53087.3.4", "1.3.6.1.4.1.53087.3.5",
    "1.3.6.1.4.1.53087.3.6"};
constexpr std::string_view prior_use_url = "1.3.6.1.4.1.53087.5.1";
// Prior Use Mark certificates issued from this date on must carry priorUseMarkSourceURL.
constexpr long long prior_use_url_required_from = 1744675200;  // 2025-04-15T00:00:00Z

std::string field_label(std::string_view oid) { return std::string(mark_attribute_name(oid)) + " (" + std::string(oid) + ")"; }

}  // namespace

std::string_view mark_attribute_name(std::string_view oid) {
  for (const auto& [key, name] : mark_attributes) {
    if (key == oid) return name;
  }
  return {};
}

std::string_view to_string(MarkClass mark_class) {
  switch (mark_class) {
    case MarkClass::unknown: return "unknown";
    case MarkClass::vmc: return "VMC";
    case MarkClass::cmc: return "CMC";
  }
  return "unknown";
}

MarkTypeAssessment assess_mark_type(const std::vector<NameField>& subject, long long issued_at) {
  MarkTypeAssessment result;
  int mark_type_count = 0;
  for (const auto& field : subject) {
    if (field.oid == mark_type_oid) {
      result.mark_type = field.value;
      ++mark_type_count;
    }
  }
  if (mark_type_count > 1) result.errors.push_back("the subject has more than one markType");
  auto require = [&](std::string_view oid, std::string_view why) {
    if (!has(subject, oid)) result.errors.push_back(field_label(oid) + " is required for " + std::string(why));
  };
  auto prohibit = [&](std::string_view oid, std::string_view why) {
    if (has(subject, oid)) result.errors.push_back(field_label(oid) + " is prohibited for " + std::string(why));
  };
  auto prohibit_statute = [&](std::string_view why) {
    for (auto oid : statute_fields) prohibit(oid, why);
  };
  const std::string& type = result.mark_type;
  if (type == "Registered Mark" || type == "Modified Registered Mark") {
    result.mark_class = type == "Registered Mark" ? MarkClass::vmc : MarkClass::cmc;
    std::string why = "a " + type;
    require(tm_country, why);
    require(tm_registration, why);
    prohibit_statute(why);
    prohibit(prior_use_url, why);
  } else if (type == "Government Mark") {
    result.mark_class = MarkClass::vmc;
    std::string why = "a Government Mark";
    require(statute_country, why);
    require(statute_citation, why);
    prohibit(tm_office, why);
    prohibit(tm_country, why);
    prohibit(tm_registration, why);
    prohibit(prior_use_url, why);
  } else if (type == "Prior Use Mark") {
    result.mark_class = MarkClass::cmc;
    std::string why = "a Prior Use Mark";
    prohibit(tm_office, why);
    prohibit(tm_country, why);
    prohibit(tm_registration, why);
    prohibit_statute(why);
    if (issued_at >= prior_use_url_required_from) {
      require(prior_use_url, "a Prior Use Mark issued on or after 2025-04-15");
    }
  } else if (type.empty()) {
    // Certificates issued before the markType attribute was required: a trademark makes a VMC.
    if (has(subject, tm_country) && has(subject, tm_registration)) {
      result.mark_class = MarkClass::vmc;
      result.warnings.push_back(
          "no markType attribute (issued before it was required); classified VMC from its trademark fields");
    } else {
      result.errors.push_back("no markType attribute and no trademark fields to classify the mark");
    }
  } else {
    result.errors.push_back("markType \"" + type +
                            "\" is not one of Registered Mark, Government Mark, Prior Use Mark, Modified "
                            "Registered Mark");
  }
  return result;
}

std::variant<MarkCertificate, Error> inspect_certificate(std::string_view bytes) {
  ossl::clear_errors();
  std::vector<std::string> encodings;
  auto loaded = detail::load_certificates(bytes, &encodings);
  if (auto* error = std::get_if<Error>(&loaded)) return *error;
  auto& certs = std::get<std::vector<ossl::X509Ptr>>(loaded);
  MarkCertificate result;
  result.der_errors = detail::non_der_certificates(encodings);
  for (auto& cert : certs) result.certificates.push_back(detail::summarize(cert.get()));
  X509* leaf = certs.front().get();
  result.dns_names = detail::dns_names(leaf);
  bool present = false;
  result.extended_key_usages = detail::extended_key_usages(leaf, present);
  result.policies = detail::policies(leaf, present);
  result.crl_urls = detail::crl_urls(leaf);
  if (auto raw = detail::find_extension(leaf, detail::sct_list_oid)) {
    auto scts = detail::parse_sct_list(raw->value);
    if (auto* list = std::get_if<std::vector<detail::Sct>>(&scts)) result.sct_count = list->size();
  }
  if (auto raw = detail::find_extension(leaf, pilot_identifier_oid)) result.pilot_identifier = detail::pilot_identifier(*raw);
  result.mark = assess_mark_type(result.certificates.front().subject, result.certificates.front().not_before);
  if (auto raw = detail::find_extension(leaf, logotype_oid)) {
    auto parsed = parse_logotype(raw->value);
    if (auto* error = std::get_if<Error>(&parsed)) {
      result.logotype_error = error->message;
    } else {
      result.logotype = std::get<Logotype>(std::move(parsed));
      const auto& image = result.logotype->images.front();
      auto decoded = decode_data_uri(image.uris.front());
      if (auto* bad = std::get_if<Error>(&decoded)) {
        result.logo_error = bad->message;
      } else {
        result.logo = std::get<EmbeddedLogo>(std::move(decoded));
      }
    }
  } else {
    result.logotype_error = "no logotype extension";
  }
  if (!result.logotype) result.logo_error = result.logotype_error;
  ossl::clear_errors();
  return result;
}

}  // namespace bimi::vmc
