#include "bimi/vmc/csr.hpp"

#include <gtest/gtest.h>

namespace bimi::vmc {
namespace {

CsrRequest base_request() {
  CsrRequest request;
  request.domains = {"example.com"};
  request.organization = "Example Brand Inc.";
  request.country = "US";
  request.state = "California";
  request.locality = "San Francisco";
  request.mark_type = "Registered Mark";
  request.trademark_country = "US";
  request.trademark_id = "1234567";
  request.key_type = "ec:P-256";
  return request;
}

CsrSummary read_back(const CsrResult& made) {
  auto summary = read_csr(made.csr_pem);
  EXPECT_TRUE(std::holds_alternative<CsrSummary>(summary));
  return std::get<CsrSummary>(summary);
}

TEST(Csr, NewEcKeySignedWithSha256) {
  auto result = make_csr(base_request());
  ASSERT_TRUE(std::holds_alternative<CsrResult>(result)) << std::get<Error>(result).message;
  const auto& made = std::get<CsrResult>(result);
  EXPECT_NE(made.key_pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  auto summary = read_back(made);
  EXPECT_TRUE(summary.signature_valid);
  EXPECT_EQ(summary.signature_algorithm, "ecdsa-with-SHA256");
  EXPECT_EQ(summary.key_type, "EC-P-256");
  EXPECT_EQ(summary.dns_names, std::vector<std::string>{"example.com"});
  EXPECT_NE(summary.subject_text.find("markType=Registered Mark"), std::string::npos) << summary.subject_text;
  EXPECT_NE(summary.subject_text.find("trademarkRegistration=1234567"), std::string::npos);
  EXPECT_NE(summary.subject_text.find("O=Example Brand Inc."), std::string::npos);
}

TEST(Csr, RsaKeyAndSelectorNames) {
  auto request = base_request();
  request.key_type = "rsa:2048";
  request.domains = {"example.com", "Example.org"};
  request.selector = "brand";
  auto result = make_csr(request);
  ASSERT_TRUE(std::holds_alternative<CsrResult>(result)) << std::get<Error>(result).message;
  auto summary = read_back(std::get<CsrResult>(result));
  EXPECT_TRUE(summary.signature_valid);
  EXPECT_EQ(summary.signature_algorithm, "sha256WithRSAEncryption");
  EXPECT_EQ(summary.key_type, "RSA-2048");
  EXPECT_EQ(summary.dns_names, (std::vector<std::string>{"brand._bimi.example.com", "brand._bimi.example.org"}));
}

TEST(Csr, ReusesAGivenKey) {
  auto first = std::get<CsrResult>(make_csr(base_request()));
  auto request = base_request();
  request.key_pem = first.key_pem;
  auto second = make_csr(request);
  ASSERT_TRUE(std::holds_alternative<CsrResult>(second)) << std::get<Error>(second).message;
  EXPECT_TRUE(std::get<CsrResult>(second).key_pem.empty());
  EXPECT_TRUE(read_back(std::get<CsrResult>(second)).signature_valid);
}

TEST(Csr, RefusesBadRequests) {
  auto request = base_request();
  request.domains.clear();
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
  request = base_request();
  request.domains = {"not a domain"};
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
  request = base_request();
  request.domains = {"bücher.example"};
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
  request = base_request();
  request.country = "USA";
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
  request = base_request();
  request.mark_type = "Trademark";
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
  request = base_request();
  request.key_type = "dsa:1024";
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
  request = base_request();
  request.key_pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
  EXPECT_TRUE(std::holds_alternative<Error>(make_csr(request)));
}

constexpr long long in_2026 = 1767225600;  // 2026-01-01T00:00:00Z, after priorUseMarkSourceURL became required

std::string error_of(const CsrRequest& request) {
  auto result = make_csr(request);
  if (!std::holds_alternative<Error>(result)) return {};
  EXPECT_EQ(check_csr_request(request).value_or(Error{"(none)"}).message, std::get<Error>(result).message);
  return std::get<Error>(result).message;
}

TEST(Csr, CommonNameIsTheOrganizationUnlessGiven) {
  auto summary = read_back(std::get<CsrResult>(make_csr(base_request())));
  EXPECT_NE(summary.subject_text.find("CN=Example Brand Inc."), std::string::npos) << summary.subject_text;
  EXPECT_EQ(summary.subject_text.find("CN=example.com"), std::string::npos) << summary.subject_text;
  auto request = base_request();
  request.common_name = "Example Brand";
  summary = read_back(std::get<CsrResult>(make_csr(request)));
  EXPECT_NE(summary.subject_text.find("CN=Example Brand,"), std::string::npos) << summary.subject_text;
}

TEST(Csr, SubjectFieldsKeepTheirUpperBounds) {
  auto request = base_request();
  request.organization = std::string(64, 'o');
  EXPECT_EQ(error_of(request), "");
  request.organization = std::string(65, 'o');
  EXPECT_EQ(error_of(request),
            "--org is 65 characters; organizationName holds at most 64 (RFC 5280 Appendix A, ub-organization-name)");
  request.organization = std::string(32, 'o');
  request.organization += std::string(32 * 2, '\0');
  for (std::size_t i = 32; i < request.organization.size(); i += 2) {
    request.organization[i] = static_cast<char>(0xc3);  // "ä" is one character in two bytes
    request.organization[i + 1] = static_cast<char>(0xa4);
  }
  EXPECT_EQ(error_of(request), "") << "64 characters in 96 bytes";
  request = base_request();
  request.common_name = std::string(65, 'c');
  EXPECT_NE(error_of(request).find("ub-common-name"), std::string::npos);
  request = base_request();
  request.state = std::string(129, 's');
  EXPECT_NE(error_of(request).find("at most 128 (RFC 5280 Appendix A, ub-state-name)"), std::string::npos);
  request = base_request();
  request.locality = std::string(129, 'l');
  EXPECT_NE(error_of(request).find("ub-locality-name"), std::string::npos);
  request = base_request();
  request.street = std::string(129, 's');
  EXPECT_NE(error_of(request).find("X.520"), std::string::npos);
  request = base_request();
  request.organization = "Bad\nName";
  EXPECT_EQ(error_of(request), "--org must be UTF-8 text without control characters");
  request.organization = "Bad \xff Name";
  EXPECT_EQ(error_of(request), "--org must be UTF-8 text without control characters");
}

TEST(Csr, AppliesTheMarkTypeRulesVerifyApplies) {
  auto request = base_request();
  request.requested_at = in_2026;
  EXPECT_EQ(error_of(request), "");
  // A trademark on a Prior Use Mark.
  request.mark_type = "Prior Use Mark";
  request.prior_use_url = "https://example.com/evidence";
  EXPECT_NE(error_of(request).find("is prohibited for a Prior Use Mark"), std::string::npos) << error_of(request);
  // A Prior Use Mark without its evidence URL.
  request.trademark_country.clear();
  request.trademark_id.clear();
  EXPECT_EQ(error_of(request), "");
  request.prior_use_url.clear();
  EXPECT_EQ(error_of(request),
            "--mark-type \"Prior Use Mark\": priorUseMarkSourceURL (1.3.6.1.4.1.53087.5.1) is required for a Prior Use "
            "Mark issued on or after 2025-04-15 (--prior-use-url)");
  // A Registered Mark without trademark fields.
  request = base_request();
  request.requested_at = in_2026;
  request.trademark_id.clear();
  EXPECT_NE(error_of(request).find("trademarkRegistration (1.3.6.1.4.1.53087.1.4) is required for a Registered Mark (--trademark-id)"),
            std::string::npos)
      << error_of(request);
  // A Government Mark with its statute.
  request = base_request();
  request.requested_at = in_2026;
  request.mark_type = "Government Mark";
  request.trademark_country.clear();
  request.trademark_id.clear();
  EXPECT_NE(error_of(request).find("(--statute-country)"), std::string::npos) << error_of(request);
  request.statute_country = "US";
  request.statute_citation = "36 U.S.C. 300101";
  EXPECT_EQ(error_of(request), "");
  auto summary = read_back(std::get<CsrResult>(make_csr(request)));
  EXPECT_NE(summary.subject_text.find("statuteCitation=36 U.S.C. 300101"), std::string::npos) << summary.subject_text;
  // Mark fields without a mark type.
  request = base_request();
  request.mark_type.clear();
  EXPECT_EQ(error_of(request), "mark-certificate fields need --mark-type");
  request.trademark_country.clear();
  request.trademark_id.clear();
  EXPECT_EQ(error_of(request), "");
}

TEST(Csr, RequestErrorsComeBeforeTheKey) {
  // A bad value is the same error whether or not the key is usable.
  auto request = base_request();
  request.country = "usa";
  request.key_pem = "not a key";
  ASSERT_TRUE(check_csr_request(request));
  EXPECT_EQ(error_of(request), "--country must be a two-letter ISO 3166 code in capitals (e.g. US)");
}

}  // namespace
}  // namespace bimi::vmc
