// The real VMCs in fixtures/real verify at their pinned times and fail for a wrong domain, a
// changed logo byte and a later date.
#include <gtest/gtest.h>

#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/verify.hpp"
#include "test_support.hpp"

namespace bimi::vmc {
namespace {

struct RealCase {
  const char* name;
  const char* pem;
  const char* logo;
  const char* domain;
  const char* at;
  const char* after_expiry;
};

const RealCase cases[] = {
    {"cnn", "cnn-vmc.pem", "cnn-logo.svg", "cnn.com", "2022-07-09T08:30:14Z", "2022-08-13T00:00:00Z"},
    {"globalsign", "globalsign-vmc.pem", "globalsign-logo.svg", "globalsign.com", "2025-06-01T00:00:00Z",
     "2026-04-08T00:00:00Z"},
};

class RealCertificate : public ::testing::TestWithParam<RealCase> {
 protected:
  VerifyReport run(std::string_view logo, const std::string& domain, const char* at) {
    VerifyOptions options;
    options.domain = domain;
    options.at = *parse_time(at);
    auto result = verify_certificate(pem_, logo, options);
    EXPECT_TRUE(std::holds_alternative<VerifyReport>(result));
    if (auto* error = std::get_if<Error>(&result)) ADD_FAILURE() << error->message;
    return std::get<VerifyReport>(std::move(result));
  }
  void SetUp() override {
    pem_ = test::read_fixture(test::real_dir() / GetParam().pem);
    logo_ = test::read_fixture(test::real_dir() / GetParam().logo);
  }
  std::string pem_;
  std::string logo_;
};

std::string describe(const VerifyReport& report) {
  std::string out;
  for (const auto& check : report.checks) {
    out += check.id + ": " + std::string(to_string(check.verdict));
    for (const auto& m : check.messages) out += "\n    " + m;
    out += "\n";
  }
  return out;
}

TEST_P(RealCertificate, VerifiesAtThePinnedTime) {
  auto report = run(logo_, GetParam().domain, GetParam().at);
  EXPECT_TRUE(report.valid()) << describe(report);
  EXPECT_EQ(report.mark_class, MarkClass::vmc);
  for (const char* id : {"chain", "critical-extension", "eku-leaf", "eku-issuer", "logotype", "logotype-hash",
                         "logo-bytes", "san", "validity", "policy", "sct", "mark-type"}) {
    ASSERT_NE(report.find(id), nullptr) << id;
    EXPECT_NE(report.find(id)->verdict, Verdict::fail) << id << "\n" << describe(report);
  }
  EXPECT_EQ(report.find("chain")->verdict, Verdict::pass);
  EXPECT_EQ(report.find("logotype-hash")->verdict, Verdict::pass);
  EXPECT_GE(report.chain.size(), 3u);
}

TEST_P(RealCertificate, FailsForAWrongDomain) {
  auto report = run(logo_, "example.com", GetParam().at);
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(report.find("san")->verdict, Verdict::fail);
  EXPECT_EQ(report.find("chain")->verdict, Verdict::pass);
}

TEST_P(RealCertificate, FailsForAChangedByte) {
  std::string changed = logo_;
  changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x20);
  auto report = run(changed, GetParam().domain, GetParam().at);
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(report.find("logotype-hash")->verdict, Verdict::fail);
  EXPECT_EQ(report.find("logo-bytes")->verdict, Verdict::fail);
}

TEST_P(RealCertificate, FailsForATrailingNewline) {
  auto report = run(logo_ + "\n", GetParam().domain, GetParam().at);
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(report.find("logotype-hash")->verdict, Verdict::fail);
  // The mismatch is explained in the terms people fix, not only as a byte offset.
  const auto& messages = report.find("logo-bytes")->messages;
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("the logo given ends with"), std::string::npos) << messages[0];
}

TEST_P(RealCertificate, ExplainsCrlfLineEnds) {
  std::string crlf;
  for (char c : logo_) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto report = run(crlf, GetParam().domain, GetParam().at);
  const auto& messages = report.find("logo-bytes")->messages;
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("the logo given has CRLF line ends where the embedded SVG has LF"), std::string::npos)
      << messages[0];
}

TEST_P(RealCertificate, FailsAfterExpiry) {
  auto report = run(logo_, GetParam().domain, GetParam().after_expiry);
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(report.find("validity")->verdict, Verdict::fail);
}

TEST_P(RealCertificate, AcceptsTheGzippedLogo) {
  auto report = run(gzip(logo_), GetParam().domain, GetParam().at);
  EXPECT_TRUE(report.valid()) << describe(report);
}

TEST_P(RealCertificate, FailsAgainstOtherTrustAnchors) {
  // The other vendor's root alone does not anchor this chain, and the bundled roots are replaced.
  VerifyOptions options;
  options.domain = GetParam().domain;
  options.at = *parse_time(GetParam().at);
  auto other = test::read_fixture(test::real_dir() /
                                  (std::string(GetParam().name) == "cnn" ? "globalsign-vmc.pem" : "cnn-vmc.pem"));
  // The last certificate in the other file is its self-signed root.
  options.roots_pem = other.substr(other.rfind("-----BEGIN CERTIFICATE-----"));
  auto result = verify_certificate(pem_, logo_, options);
  ASSERT_TRUE(std::holds_alternative<VerifyReport>(result));
  const auto& report = std::get<VerifyReport>(result);
  EXPECT_EQ(report.find("chain")->verdict, Verdict::fail);
  EXPECT_FALSE(report.valid());
}

TEST_P(RealCertificate, BundledIntermediatesCompleteALeafOnlyPem) {
  std::string leaf_only = pem_.substr(0, pem_.find("-----END CERTIFICATE-----") + 26);
  VerifyOptions options;
  options.domain = GetParam().domain;
  options.at = *parse_time(GetParam().at);
  auto result = verify_certificate(leaf_only, logo_, options);
  ASSERT_TRUE(std::holds_alternative<VerifyReport>(result));
  const auto& report = std::get<VerifyReport>(result);
  EXPECT_TRUE(report.valid()) << describe(report);
  EXPECT_EQ(report.chain.size(), 3u);
}

TEST_P(RealCertificate, AcceptsDer) {
  std::string body;
  auto begin = pem_.find('\n') + 1;
  auto end = pem_.find("-----END CERTIFICATE-----");
  for (std::size_t i = begin; i < end; ++i) {
    if (pem_[i] != '\n' && pem_[i] != '\r') body += pem_[i];
  }
  auto der = base64_decode(body);
  ASSERT_TRUE(der);
  VerifyOptions options;
  options.domain = GetParam().domain;
  options.at = *parse_time(GetParam().at);
  auto result = verify_certificate(*der, logo_, options);
  ASSERT_TRUE(std::holds_alternative<VerifyReport>(result));
  EXPECT_TRUE(std::get<VerifyReport>(result).valid());
}

TEST_P(RealCertificate, InspectsTheEmbeddedLogo) {
  auto result = inspect_certificate(pem_);
  ASSERT_TRUE(std::holds_alternative<MarkCertificate>(result));
  const auto& cert = std::get<MarkCertificate>(result);
  ASSERT_TRUE(cert.logo) << cert.logo_error;
  EXPECT_EQ(cert.logo->svg, logo_);
  EXPECT_EQ(cert.certificates.size(), 3u);
  EXPECT_EQ(cert.dns_names, std::vector<std::string>{GetParam().domain});
  EXPECT_EQ(cert.mark.mark_class, MarkClass::vmc);
  EXPECT_GE(cert.sct_count, 1u);
}

INSTANTIATE_TEST_SUITE_P(Real, RealCertificate, ::testing::ValuesIn(cases),
                         [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(RealCertificateDetails, GlobalSignCarriesThreeHashesAndAMarkType) {
  auto result = inspect_certificate(test::read_fixture(test::real_dir() / "globalsign-vmc.pem"));
  const auto& cert = std::get<MarkCertificate>(result);
  ASSERT_TRUE(cert.logotype);
  ASSERT_EQ(cert.logotype->images.size(), 1u);
  EXPECT_EQ(cert.logotype->images[0].hashes.size(), 3u);
  EXPECT_EQ(cert.mark.mark_type, "Registered Mark");
  bool named = false;
  for (const auto& field : cert.certificates[0].subject) {
    if (field.name == "trademarkRegistration" && field.value == "UK00800952838") named = true;
  }
  EXPECT_TRUE(named);
}

TEST(RealCertificateDetails, CnnHasOnlySha1AndNoMarkType) {
  auto result = inspect_certificate(test::read_fixture(test::real_dir() / "cnn-vmc.pem"));
  const auto& cert = std::get<MarkCertificate>(result);
  ASSERT_TRUE(cert.logotype);
  ASSERT_EQ(cert.logotype->images[0].hashes.size(), 1u);
  EXPECT_EQ(cert.logotype->images[0].hashes[0].algorithm, HashAlgorithm::sha1);
  EXPECT_TRUE(cert.mark.mark_type.empty());
  EXPECT_FALSE(cert.mark.warnings.empty());
}

}  // namespace
}  // namespace bimi::vmc
