// End-to-end tests of the certificate and hashing commands as users meet them: what they refuse,
// their exit codes and what their messages say.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string q(const std::string& text) { return shell_quote(text); }
std::string fixture(const std::string& relative) { return std::string(BIMI_FIXTURES_DIR) + "/" + relative; }
std::string pki(const std::string& name) { return std::string(BIMI_TEST_PKI_DIR) + "/" + name; }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

const std::string cnn = fixture("real/cnn-vmc.pem");
const std::string cnn_logo = fixture("real/cnn-logo.svg");
const std::string jpeg = fixture("raster/logo-baseline.jpg");
const std::string cnn_at = " --domain cnn.com --at 2022-07-10T00:00:00Z";

// ---- hash and csr --logo run the logo rules first ----

TEST(HashCommand, RefusesABitmapAndSaysToConvertIt) {
  RunResult r = run_bimi("hash " + q(jpeg), true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("this is a JPEG; convert it first with bimi convert"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("sha256"), std::string::npos) << r.out;
  EXPECT_EQ(run_bimi("hash " + q(jpeg) + " --allow-invalid").exit_code, 1);
}

TEST(HashCommand, RefusesALogoThatFailsCheckUnlessAllowed) {
  RunResult r = run_bimi("hash " + q(pki("bad-profile.svg")), true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("fails bimi check"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": error: "), std::string::npos) << r.out;  // each error with its line
  EXPECT_EQ(r.out.find("sha256"), std::string::npos) << r.out;
  r = run_bimi("hash " + q(pki("bad-profile.svg")) + " --allow-invalid");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("sha256:"), std::string::npos) << r.out;
  EXPECT_EQ(run_bimi("hash " + q(pki("logo.svg"))).exit_code, 0);
}

TEST(HashCommand, AConvertedLogoHasNoByteWarnings) {
  TempDir dir;
  std::string out = (dir.path() / "logo.svg").string();
  ASSERT_EQ(run_bimi("convert " + q(fixture("convert/inkscape.svg")) + " -o " + q(out)).exit_code, 0);
  ASSERT_TRUE(read(out).ends_with("</svg>\n"));
  RunResult r = run_bimi("hash " + q(out) + " --format json");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(nlohmann::json::parse(r.out)["warnings"].empty()) << r.out;
  // A second final newline is what tools trim: that is still warned about.
  write(dir.path() / "extra.svg", read(out) + "\n");
  r = run_bimi("hash " + q((dir.path() / "extra.svg").string()) + " --format json");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["warnings"][0]["rule"], "trailing-newline") << r.out;
}

std::string csr_base(const TempDir& dir) {
  return "csr --domain example.com --org " + q("Example Brand Inc.") + " --country US --mark-type " +
         q("Registered Mark") + " --trademark-country US --trademark-id 1234567 --key-type ec:P-256 --key-out " +
         q((dir.path() / "key.pem").string()) + " -o " + q((dir.path() / "req.pem").string());
}

TEST(CsrCommand, RefusesABitmapOrInvalidLogoAndWritesNothing) {
  TempDir dir;
  RunResult r = run_bimi(csr_base(dir) + " --logo " + q(jpeg), true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("this is a JPEG; convert it first with bimi convert"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("give the CA this exact file"), std::string::npos) << r.out;
  r = run_bimi(csr_base(dir) + " --logo " + q(pki("bad-profile.svg")), true);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("fails bimi check"), std::string::npos) << r.out;
  EXPECT_EQ(entries(dir.path()), 0u);
  r = run_bimi(csr_base(dir) + " --logo " + q(pki("bad-profile.svg")) + " --allow-invalid");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(entries(dir.path()), 2u);
}

// ---- csr: usage errors are 2 whichever way the key is given ----

TEST(CsrCommand, BadValuesAreUsageErrorsWithEitherKeyOption) {
  TempDir dir;
  ASSERT_EQ(run_bimi(csr_base(dir)).exit_code, 0);
  fs::rename(dir.path() / "key.pem", dir.path() / "given.pem");
  fs::remove(dir.path() / "req.pem");
  std::string key = " --key " + q((dir.path() / "given.pem").string());
  std::string key_out = " --key-type ec:P-256 --key-out " + q((dir.path() / "new.pem").string());
  std::string out = " -o " + q((dir.path() / "out.pem").string());
  const std::string bad[] = {
      "--domain example.com --org Example --country USA",
      "--domain example.com --org Example --country US --mark-type Trademark",
      "--domain https://example.com --org Example --country US",
      "--domain example.com --selector " + q("not a selector") + " --org Example --country US",
      "--domain example.com --org " + q(std::string(65, 'x')) + " --country US",
      "--domain example.com --org Example --country US --mark-type " + q("Prior Use Mark") +
          " --prior-use-url https://example.com/since-2019 --trademark-id 1234567",
      "--domain example.com --org Example --country US --mark-type " + q("Registered Mark"),
      "--domain example.com --org Example --country US --mark-type " + q("Prior Use Mark"),
  };
  for (const auto& args : bad) {
    EXPECT_EQ(run_bimi("csr " + args + key + out).exit_code, 2) << args << " --key";
    EXPECT_EQ(run_bimi("csr " + args + key_out + out).exit_code, 2) << args << " --key-out";
  }
  EXPECT_EQ(entries(dir.path()), 1u);  // only the given key
  // The bad key itself is an input error.
  write(dir.path() / "bad.pem", "not a key");
  EXPECT_EQ(run_bimi("csr --domain example.com --org Example --country US --key " +
                     q((dir.path() / "bad.pem").string()) + out)
                .exit_code,
            3);
}

TEST(CsrCommand, AnOverlongOrganizationNamesTheLimit) {
  TempDir dir;
  RunResult r = run_bimi("csr --domain example.com --org " + q(std::string(65, 'x')) +
                             " --country US --key-type ec:P-256 --key-out " + q((dir.path() / "k.pem").string()) +
                             " -o " + q((dir.path() / "r.pem").string()),
                         true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("--org is 65 characters; organizationName holds at most 64 (RFC 5280 Appendix A"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("error:"), std::string::npos) << "no OpenSSL error string: " << r.out;
}

TEST(CsrCommand, PriorUseMarkWithItsEvidenceUrl) {
  TempDir dir;
  RunResult r = run_bimi("csr --domain example.com --org Example --country US --mark-type " + q("Prior Use Mark") +
                         " --prior-use-url https://example.com/since-2019 --key-type ec:P-256 --key-out " +
                         q((dir.path() / "k.pem").string()) + " -o " + q((dir.path() / "r.pem").string()));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("CN=Example"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("priorUseMarkSourceURL=https://example.com/since-2019"), std::string::npos) << r.out;
}

// ---- verify ----

TEST(VerifyCommand, ExplainsALogoThatDiffersFromTheEmbeddedOne) {
  TempDir dir;
  std::string crlf;
  for (char c : read(cnn_logo)) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  write(dir.path() / "crlf.svg", crlf);
  RunResult r = run_bimi("verify " + q(cnn) + " --logo " + q((dir.path() / "crlf.svg").string()) + cnn_at);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("the logo given has CRLF line ends where the embedded SVG has LF"), std::string::npos) << r.out;
  write(dir.path() / "bare.svg", read(cnn_logo).substr(0, read(cnn_logo).size() - 1));
  r = run_bimi("verify " + q(cnn) + " --logo " + q((dir.path() / "bare.svg").string()) + cnn_at);
  EXPECT_NE(r.out.find("the logo given lacks the final newline of the embedded SVG"), std::string::npos) << r.out;
}

TEST(VerifyCommand, DomainAndSelectorAreValidatedAsCsrAndDomainDo) {
  for (const char* domain : {"https://cnn.com", "cnn", "cnn.com/", "b\xc3\xbc" "cher.example", ""}) {
    RunResult r = run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + " --domain " + q(domain), true);
    EXPECT_EQ(r.exit_code, 2) << domain << "\n" << r.out;
    EXPECT_NE(r.out.find("is not a domain name"), std::string::npos) << r.out;
  }
  RunResult r = run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + cnn_at + " --selector " + q("a b"), true);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("is not a selector"), std::string::npos) << r.out;
  EXPECT_EQ(run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + " --domain CNN.com. --at 2022-07-10").exit_code, 0);
}

TEST(VerifyCommand, SwappedArgumentsNameTheFileThatIsNoCertificate) {
  RunResult r = run_bimi("verify " + q(cnn_logo) + " --logo " + q(cnn) + cnn_at, true);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("cannot read " + cnn_logo + " as a certificate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the certificate comes first, the logo after --logo"), std::string::npos) << r.out;
}

TEST(VerifyCommand, CallsATlsCertificateWhatItIs) {
  RunResult r = run_bimi("verify " + q(pki("tls-server.pem")) + " --logo " + q(pki("logo.svg")) +
                         " --domain logo.example.com --at 2024-06-01 --roots " + q(pki("tls-ca.pem")));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("\nINVALID: a TLS certificate, not a mark certificate: no BIMI EKU, no logotype\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("INVALID: unknown"), std::string::npos) << r.out;
  r = run_bimi("verify " + q(pki("tls-server.pem")) + " --logo " + q(pki("logo.svg")) +
               " --domain logo.example.com --at 2024-06-01 --format json");
  EXPECT_EQ(nlohmann::json::parse(r.out)["not_a_mark_certificate"],
            "a TLS certificate, not a mark certificate: no BIMI EKU, no logotype");
  r = run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + cnn_at + " --format json");
  EXPECT_TRUE(nlohmann::json::parse(r.out)["not_a_mark_certificate"].is_null());
}

TEST(VerifyCommand, AtTakesEveryIsoFormUsersType) {
  for (const char* at : {"2022-07-10", "2022-07-10T00:00", "2022-07-10T00:00:00", "2022-07-10T00:00Z",
                         "2022-07-10T00:00:00Z", "2022-07-10T02:00:00+02:00", "2022-07-10T02:00+0200",
                         "2022-07-10 00:00:00Z", "20220710T000000Z"}) {
    RunResult r = run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + " --domain cnn.com --at " + q(at));
    EXPECT_EQ(r.exit_code, 0) << at;
    EXPECT_NE(r.out.find(" at 2022-07-10T00:00:00Z"), std::string::npos) << at << "\n" << r.out;
  }
  RunResult r = run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + " --domain cnn.com --at 2022-07-10T00:00", true);
  EXPECT_NE(r.out.find("note: --at 2022-07-10T00:00 has no zone; taken as UTC"), std::string::npos) << r.out;
  for (const char* at : {"07/10/2022", "2022-07-10T00", "yesterday", "2022-07-10T00:00:00 UTC"}) {
    r = run_bimi("verify " + q(cnn) + " --logo " + q(cnn_logo) + " --domain cnn.com --at " + q(at), true);
    EXPECT_EQ(r.exit_code, 2) << at;
    EXPECT_NE(r.out.find("accepted: YYYY-MM-DD, YYYY-MM-DDTHH:MM"), std::string::npos) << r.out;
  }
}

// ---- inspect ----

TEST(InspectCommand, TextShowsWhatJsonShows) {
  RunResult r = run_bimi("inspect " + q(pki("cmc.pem")));
  ASSERT_EQ(r.exit_code, 0);
  auto json = nlohmann::json::parse(run_bimi("inspect " + q(pki("cmc.pem")) + " --format json").out);
  EXPECT_NE(r.out.find("serial:     " + json["serial"].get<std::string>()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EKUs:       1.3.6.1.5.5.7.3.31"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("policies:   1.3.6.1.4.1.53087.1.1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CRL URLs:   http://crl.example.test/ca.crl"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SCTs:       1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pilot id:   pilot-2024 (extension 1.3.6.1.4.1.53087.4.1, critical)"), std::string::npos)
      << r.out;
  EXPECT_EQ(json["pilot_identifier"]["value"], "pilot-2024");
  EXPECT_EQ(json["pilot_identifier"]["critical"], true);
  r = run_bimi("inspect " + q(cnn));
  EXPECT_NE(r.out.find("pilot id:   (no extension)"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bimi::test
