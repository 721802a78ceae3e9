// The generated test PKI (tests/vmc/make_test_pki.cpp): one leaf per defect, each failing exactly
// the checks that defect concerns.
#include <gtest/gtest.h>

#include <set>

#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/verify.hpp"
#include "test_support.hpp"

namespace bimi::vmc {
namespace {

const std::filesystem::path pki = BIMI_TEST_PKI_DIR;

std::string describe(const VerifyReport& report) {
  std::string out;
  for (const auto& check : report.checks) {
    out += check.id + ": " + std::string(to_string(check.verdict));
    for (const auto& m : check.messages) out += "\n    " + m;
    out += "\n";
  }
  return out;
}

VerifyOptions pki_options() {
  VerifyOptions options;
  options.domain = "example.com";
  options.at = *parse_time("2024-06-01T00:00:00Z");
  options.roots_pem = test::read_fixture(pki / "root.pem");
  options.crl = test::read_fixture(pki / "crl.pem");
  options.ct_log_keys = test::read_fixture(pki / "ct-log.pem");
  return options;
}

VerifyReport verify_case(const std::string& name, const VerifyOptions& options, const std::string& logo_file = "logo.svg") {
  auto result = verify_certificate(test::read_fixture(pki / (name + ".pem")), test::read_fixture(pki / logo_file), options);
  if (auto* error = std::get_if<Error>(&result)) {
    ADD_FAILURE() << name << ": " << error->message;
    return {};
  }
  return std::get<VerifyReport>(std::move(result));
}

std::set<std::string> failed(const VerifyReport& report) {
  std::set<std::string> ids;
  for (const auto& check : report.checks) {
    if (check.verdict == Verdict::fail) ids.insert(check.id);
  }
  return ids;
}

struct DefectCase {
  const char* name;
  std::set<std::string> fails;
};

const DefectCase defect_cases[] = {
    {"good", {}},
    {"sha384-only", {}},
    {"cmc", {}},
    {"wrong-logo", {"logotype-hash", "logo-bytes"}},
    {"gzip-hash", {"logotype-hash"}},
    {"no-eku", {"eku-leaf"}},
    {"extra-eku", {"eku-leaf"}},
    {"issuer-no-eku", {"eku-issuer", "revocation"}},  // the CRL is from the other CA
    {"unknown-critical", {"critical-extension"}},
    {"wrong-domain", {"san"}},
    {"expired", {"validity"}},
    {"untrusted", {"chain", "revocation"}},  // the CRL is from the trusted CA
    {"selector-only", {"san"}},
    {"government-missing-citation", {"mark-type"}},
    {"no-policy", {"policy"}},
    {"no-sct", {"sct"}},
    {"bad-sct", {"sct"}},
    {"revoked", {"revocation"}},
    {"https-uri", {"logotype", "logo-bytes"}},
    {"gzip-bomb", {"logotype", "logo-bytes"}},
    {"malformed-logotype", {"logotype", "logo-bytes"}},
};

class Defect : public ::testing::TestWithParam<DefectCase> {};

TEST_P(Defect, FailsExactlyItsChecks) {
  auto report = verify_case(GetParam().name, pki_options());
  EXPECT_EQ(failed(report), GetParam().fails) << describe(report);
  EXPECT_EQ(report.valid(), GetParam().fails.empty());
  // Every check reports a verdict with a reason, passed ones included.
  ASSERT_EQ(report.checks.size(), 15u);
  for (const auto& check : report.checks) EXPECT_FALSE(check.messages.empty()) << check.id;
}

INSTANTIATE_TEST_SUITE_P(TestPki, Defect, ::testing::ValuesIn(defect_cases), [](const auto& param_info) {
  std::string name = param_info.param.name;
  for (auto& c : name) {
    if (c == '-') c = '_';
  }
  return name;
});

TEST(TestPki, GoodPassesEveryCheckItCan) {
  auto report = verify_case("good", pki_options());
  for (const auto& check : report.checks) {
    if (check.id == "logo-profile") {
      EXPECT_EQ(check.verdict, Verdict::skipped);  // no linter given to the library
    } else {
      EXPECT_EQ(check.verdict, Verdict::pass) << check.id << "\n" << describe(report);
    }
  }
  EXPECT_EQ(report.mark_class, MarkClass::vmc);
  EXPECT_EQ(report.chain.size(), 3u);
}

TEST(TestPki, SelectorOnlySanCoversThatSelectorOnly) {
  auto options = pki_options();
  options.selector = "brand";
  EXPECT_TRUE(verify_case("selector-only", options).valid());
  options.selector = "other";
  EXPECT_EQ(verify_case("selector-only", options).find("san")->verdict, Verdict::fail);
  // A bare-domain SAN covers every selector.
  EXPECT_TRUE(verify_case("good", options).valid());
}

TEST(TestPki, DomainMatchIgnoresCaseAndTrailingDot) {
  auto options = pki_options();
  options.domain = "Example.COM.";
  EXPECT_TRUE(verify_case("good", options).valid());
  options.domain = "sub.example.com";
  EXPECT_FALSE(verify_case("good", options).valid());
}

TEST(TestPki, CmcWithPilotIdentifierIsClassifiedAndAllowed) {
  auto report = verify_case("cmc", pki_options());
  EXPECT_TRUE(report.valid()) << describe(report);
  EXPECT_EQ(report.mark_class, MarkClass::cmc);
  EXPECT_EQ(report.mark_type, "Prior Use Mark");
  const auto* critical = report.find("critical-extension");
  EXPECT_NE(critical->messages.front().find("pilot identifier"), std::string::npos);
}

TEST(TestPki, GzipHashDefectIsExplained) {
  auto report = verify_case("gzip-hash", pki_options());
  const auto* hash = report.find("logotype-hash");
  ASSERT_FALSE(hash->messages.empty());
  EXPECT_NE(hash->messages.front().find("gzip"), std::string::npos) << hash->messages.front();
  EXPECT_EQ(report.find("logo-bytes")->verdict, Verdict::pass);
}

TEST(TestPki, WrongLogoAgainstItsOwnLogoOnlyFailsNothing) {
  // The wrong-logo leaf is self-consistent: it verifies for the logo it embeds.
  EXPECT_TRUE(verify_case("wrong-logo", pki_options(), "other-logo.svg").valid());
}

TEST(TestPki, UntrustedUnderBundledRootsAndOtherRoot) {
  auto options = pki_options();
  options.roots_pem.reset();  // the bundled BIMI roots do not anchor the test PKI
  EXPECT_EQ(verify_case("good", options).find("chain")->verdict, Verdict::fail);
  options.roots_pem = test::read_fixture(pki / "other-root.pem");
  EXPECT_EQ(verify_case("good", options).find("chain")->verdict, Verdict::fail);
  EXPECT_EQ(verify_case("untrusted", options).find("chain")->verdict, Verdict::pass);
}

TEST(TestPki, RevocationNeedsACrlFromTheIssuer) {
  auto options = pki_options();
  options.crl.reset();
  auto report = verify_case("revoked", options);
  EXPECT_EQ(report.find("revocation")->verdict, Verdict::skipped);
  EXPECT_TRUE(report.valid());
  options.crl = test::read_fixture(pki / "crl-wrong-signer.pem");
  EXPECT_EQ(verify_case("good", options).find("revocation")->verdict, Verdict::fail);
  // Before the revocation date the leaf was good.
  options.crl = test::read_fixture(pki / "crl.pem");
  options.at = *parse_time("2024-01-15T00:00:00Z");
  EXPECT_EQ(verify_case("revoked", options).find("revocation")->verdict, Verdict::pass);
}

TEST(TestPki, SctSignaturesOnlyWithLogKeys) {
  auto options = pki_options();
  options.ct_log_keys.reset();
  EXPECT_TRUE(verify_case("bad-sct", options).valid());  // present, not verified
  options.ct_log_keys = test::read_fixture(pki / "ct-log.pem");
  EXPECT_FALSE(verify_case("bad-sct", options).valid());
}

TEST(TestPki, ExpiredIsValidInsideItsPeriod) {
  auto options = pki_options();
  options.at = *parse_time("2022-06-01T00:00:00Z");
  options.crl.reset();
  EXPECT_TRUE(verify_case("expired", options).valid());
  options.at = *parse_time("2021-06-01T00:00:00Z");
  EXPECT_EQ(verify_case("expired", options).find("validity")->verdict, Verdict::fail);
}

TEST(TestPki, LogoLinterDecidesTheLogoProfileCheck) {
  auto options = pki_options();
  std::string seen;
  options.logo_linter = [&seen](std::string_view svg) {
    seen = std::string(svg);
    Diagnostics found;
    if (svg.find("<script") != std::string_view::npos) found.add("forbidden-element", Severity::error, "script");
    return found;
  };
  auto bad = verify_case("bad-profile", options, "bad-profile.svg");
  EXPECT_EQ(failed(bad), std::set<std::string>{"logo-profile"}) << describe(bad);
  EXPECT_EQ(seen, test::read_fixture(pki / "bad-profile.svg"));
  EXPECT_TRUE(verify_case("good", options).valid());
}

TEST(TestPki, InspectNamesTheFieldsOfACmc) {
  auto result = inspect_certificate(test::read_fixture(pki / "cmc.pem"));
  ASSERT_TRUE(std::holds_alternative<MarkCertificate>(result));
  const auto& cert = std::get<MarkCertificate>(result);
  EXPECT_EQ(cert.mark.mark_class, MarkClass::cmc);
  bool named = false;
  for (const auto& field : cert.certificates[0].subject) named |= field.name == "priorUseMarkSourceURL";
  EXPECT_TRUE(named);
  ASSERT_TRUE(cert.logo);
  EXPECT_EQ(cert.logo->svg, test::read_fixture(pki / "logo.svg"));
}

TEST(TestPki, InspectReportsAMalformedLogotypeWithoutFailing) {
  for (const char* name : {"malformed-logotype", "gzip-bomb", "https-uri"}) {
    auto result = inspect_certificate(test::read_fixture(pki / (std::string(name) + ".pem")));
    ASSERT_TRUE(std::holds_alternative<MarkCertificate>(result)) << name;
    const auto& cert = std::get<MarkCertificate>(result);
    EXPECT_FALSE(cert.logo) << name;
    EXPECT_FALSE(cert.logo_error.empty()) << name;
  }
}

TEST(TestPki, ATlsCertificateIsCalledWhatItIs) {
  auto options = pki_options();
  options.domain = "logo.example.com";
  options.roots_pem = test::read_fixture(pki / "tls-ca.pem");
  options.crl.reset();
  auto report = verify_case("tls-server", options);
  EXPECT_FALSE(report.valid());
  EXPECT_EQ(report.not_a_mark_certificate, "a TLS certificate, not a mark certificate: no BIMI EKU, no logotype");
  EXPECT_EQ(verify_case("good", pki_options()).not_a_mark_certificate, "");
  // A leaf without the EKU but with its logotype is a defective mark certificate, not something else.
  EXPECT_EQ(verify_case("no-eku", pki_options()).not_a_mark_certificate, "");
}

TEST(TestPki, InspectReportsThePilotIdentifierExtension) {
  auto cmc = std::get<MarkCertificate>(inspect_certificate(test::read_fixture(pki / "cmc.pem")));
  ASSERT_TRUE(cmc.pilot_identifier);
  EXPECT_EQ(cmc.pilot_identifier->value, "pilot-2024");
  EXPECT_TRUE(cmc.pilot_identifier->critical);
  auto good = std::get<MarkCertificate>(inspect_certificate(test::read_fixture(pki / "good.pem")));
  EXPECT_FALSE(good.pilot_identifier);
}

}  // namespace
}  // namespace bimi::vmc
