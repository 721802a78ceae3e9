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

}  // namespace
}  // namespace bimi::vmc
