// End-to-end tests of `bimi hash|csr|verify|inspect`: the built binary, its exit codes, its
// outputs, and that a failed run leaves no partial output behind.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/vmc/csr.hpp"
#include "bimi/vmc/logo_hash.hpp"
#include "test_support.hpp"

namespace bimi::vmc {
namespace {

namespace fs = std::filesystem;

const fs::path pki = BIMI_TEST_PKI_DIR;

struct Run {
  int code = -1;
  std::string out;
};

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs bimi with the arguments; stdout is captured, stderr goes to a file in `dir` when given.
Run bimi(const std::vector<std::string>& args) {
  std::string command = quote(BIMI_EXE);
  for (const auto& arg : args) command += " " + quote(arg);
  command += " 2>/dev/null";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  int status = pclose(pipe);
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bimi-vmc-e2e-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

const std::string cnn = (test::real_dir() / "cnn-vmc.pem").string();
const std::string cnn_logo = (test::real_dir() / "cnn-logo.svg").string();
const std::string gs = (test::real_dir() / "globalsign-vmc.pem").string();
const std::string gs_logo = (test::real_dir() / "globalsign-logo.svg").string();

// ---- hash ----
TEST_F(Cli, HashJsonHasTheDigestsOfTheExactBytes) {
  auto run = bimi({"hash", cnn_logo, "--format", "json"});
  ASSERT_EQ(run.code, 0);
  auto json = nlohmann::json::parse(run.out);
  auto bytes = test::read_fixture(cnn_logo);
  EXPECT_EQ(json["sha256"], hex_digest(HashAlgorithm::sha256, bytes));
  EXPECT_EQ(json["sha1"], hex_digest(HashAlgorithm::sha1, bytes));
  EXPECT_EQ(json["data_uri"], "data:image/svg+xml;base64," + json["gzip_base64"].get<std::string>());
  // It ends with the one LF bimi convert writes too: nothing to warn about.
  EXPECT_TRUE(json["warnings"].empty()) << run.out;
}

TEST_F(Cli, HashTextAndUnreadableInput) {
  auto run = bimi({"hash", gs_logo});
  EXPECT_EQ(run.code, 0);
  EXPECT_NE(run.out.find("sha256:"), std::string::npos);
  EXPECT_EQ(bimi({"hash", path("missing.svg")}).code, 3);
  EXPECT_EQ(bimi({"hash"}).code, 2);
}

// ---- inspect ----
TEST_F(Cli, InspectJsonAndExtractLogoExactly) {
  auto run = bimi({"inspect", gs, "--format", "json", "--extract-logo", path("out.svg")});
  ASSERT_EQ(run.code, 0);
  auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["mark_type"], "Registered Mark");
  EXPECT_EQ(json["mark_class"], "VMC");
  EXPECT_EQ(json["dns_names"][0], "globalsign.com");
  EXPECT_EQ(json["logotype"]["images"][0]["hashes"].size(), 3u);
  EXPECT_EQ(json["chain"].size(), 3u);
  bool named = false;
  for (const auto& field : json["subject"]) named |= field["name"] == "trademarkOfficeName";
  EXPECT_TRUE(named);
  EXPECT_EQ(test::read_fixture(path("out.svg")), test::read_fixture(gs_logo));
}

TEST_F(Cli, InspectRefusesToOverwriteItsInputAndReportsBadInput) {
  fs::copy_file(cnn, path("cert.pem"));
  auto before = test::read_fixture(path("cert.pem"));
  EXPECT_EQ(bimi({"inspect", path("cert.pem"), "--extract-logo", path("cert.pem")}).code, 2);
  EXPECT_EQ(test::read_fixture(path("cert.pem")), before);
  test::read_fixture(cnn);
  std::FILE* f = std::fopen(path("garbage.pem").c_str(), "w");
  std::fputs("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", f);
  std::fclose(f);
  EXPECT_EQ(bimi({"inspect", path("garbage.pem"), "--extract-logo", path("x.svg")}).code, 3);
  EXPECT_FALSE(fs::exists(path("x.svg")));
  EXPECT_EQ(bimi({"inspect", path("nope.pem")}).code, 3);
}

TEST_F(Cli, InspectCannotExtractAMalformedLogotype) {
  EXPECT_EQ(bimi({"inspect", (pki / "gzip-bomb.pem").string(), "--extract-logo", path("x.svg")}).code, 1);
  EXPECT_EQ(bimi({"inspect", (pki / "https-uri.pem").string(), "--extract-logo", path("x.svg")}).code, 1);
  EXPECT_EQ(entries(), 0u);
}

TEST_F(Cli, InspectWriteFailureIsExit4) {
  // A missing directory would be created: write through a file, which cannot be a directory.
  EXPECT_EQ(bimi({"inspect", cnn, "--extract-logo", cnn + "/x.svg"}).code, 4);
}

// ---- verify ----
TEST_F(Cli, VerifyRealCertificatesAtPinnedTimes) {
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com", "--at", "2022-07-09T08:30:14Z"}).code, 0);
  auto run = bimi({"verify", gs, "--logo", gs_logo, "--domain", "globalsign.com", "--at", "2025-06-01T00:00:00Z",
                   "--format", "json"});
  ASSERT_EQ(run.code, 0);
  auto json = nlohmann::json::parse(run.out);
  EXPECT_TRUE(json["valid"]);
  EXPECT_EQ(json["checks"].size(), 15u);
  for (const auto& check : json["checks"]) {
    EXPECT_NE(check["verdict"], "fail") << check.dump();
    EXPECT_FALSE(check["citation"].get<std::string>().empty());
  }
}

TEST_F(Cli, VerifyTextShowsEveryCheckVerdict) {
  auto run = bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com", "--at", "2022-07-09T08:30:14Z"});
  ASSERT_EQ(run.code, 0);
  for (const char* line : {"  pass     chain ", "  pass     critical-extension ", "  pass     eku-leaf ",
                           "  pass     eku-issuer ", "  pass     logotype ", "  pass     logotype-hash ",
                           "  pass     logo-bytes ", "  pass     san ", "  pass     validity ", "  pass     policy ",
                           "  pass     sct ", "  skipped  revocation ", "  warn     mark-type ", " logo-profile "}) {
    EXPECT_NE(run.out.find(line), std::string::npos) << line << "\n" << run.out;
  }
  EXPECT_NE(run.out.find("\nvalid: VMC\n"), std::string::npos) << run.out;
}

TEST_F(Cli, VerifyFailuresExitOne) {
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "example.com", "--at", "2022-07-09T08:30:14Z"}).code, 1);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com", "--at", "2023-01-01T00:00:00Z"}).code, 1);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", gs_logo, "--domain", "cnn.com", "--at", "2022-07-09T08:30:14Z"}).code, 1);
  // Without --at it is verified now, long after expiry.
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com"}).code, 1);
}

TEST_F(Cli, VerifyTestPkiWithRootsCrlAndLogs) {
  std::vector<std::string> common = {"--domain", "example.com", "--at", "2024-06-01T00:00:00Z", "--roots",
                                     (pki / "root.pem").string(), "--crl", (pki / "crl.pem").string(),
                                     "--ct-logs", (pki / "ct-log.pem").string()};
  auto verify = [&](const std::string& name, const std::string& logo) {
    std::vector<std::string> args = {"verify", (pki / (name + ".pem")).string(), "--logo", (pki / logo).string()};
    args.insert(args.end(), common.begin(), common.end());
    return bimi(args);
  };
  EXPECT_EQ(verify("good", "logo.svg").code, 0);
  EXPECT_EQ(verify("cmc", "logo.svg").code, 0);
  for (const char* name : {"revoked", "bad-sct", "unknown-critical", "gzip-bomb", "malformed-logotype", "expired"}) {
    EXPECT_EQ(verify(name, "logo.svg").code, 1) << name;
  }
  // The embedded logo must pass bimi check: this one has a <script>.
  auto run = bimi({"verify", (pki / "bad-profile.pem").string(), "--logo", (pki / "bad-profile.svg").string(),
                   "--domain", "example.com", "--at", "2024-06-01T00:00:00Z", "--roots", (pki / "root.pem").string(),
                   "--format", "json"});
  ASSERT_EQ(run.code, 1);
  auto json = nlohmann::json::parse(run.out);
  for (const auto& check : json["checks"]) {
    EXPECT_EQ(check["verdict"] == "fail", check["id"] == "logo-profile") << check.dump();
  }
}

// Peak resident memory (KiB) of one bimi run, from wait4: each child measured on its own.
long peak_rss_kib(const std::vector<std::string>& args) {
  pid_t child = fork();
  if (child == 0) {
    std::vector<char*> argv{const_cast<char*>(BIMI_EXE)};
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(BIMI_EXE, argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (child < 0 || wait4(child, &status, 0, &usage) != child) return -1;
  return usage.ru_maxrss;
}

TEST_F(Cli, GzipBombCostsBoundedMemory) {
  // The bomb's logo inflates to 1 GiB; verification stops at 1 MiB. Measured against the same
  // binary inspecting an ordinary certificate, so the bound holds for any build (the sanitizers'
  // shadow memory alone is a few hundred MiB).
  auto run = bimi({"verify", (pki / "gzip-bomb.pem").string(), "--logo", (pki / "logo.svg").string(), "--domain",
                   "example.com", "--at", "2024-06-01T00:00:00Z", "--roots", (pki / "root.pem").string()});
  EXPECT_EQ(run.code, 1);
  EXPECT_EQ(bimi({"inspect", (pki / "gzip-bomb.pem").string()}).code, 0);
  long baseline = peak_rss_kib({"inspect", (pki / "live.pem").string()});
  long bomb = peak_rss_kib({"verify", (pki / "gzip-bomb.pem").string(), "--logo", (pki / "logo.svg").string(), "--domain",
                            "example.com", "--at", "2024-06-01T00:00:00Z", "--roots", (pki / "root.pem").string()});
  ASSERT_GT(baseline, 0);
  ASSERT_GT(bomb, 0);
  EXPECT_LT(bomb - baseline, 96 * 1024) << "peak RSS in KiB: " << bomb << " against " << baseline;
}

TEST_F(Cli, VerifyBadInputAndUsage) {
  EXPECT_EQ(bimi({"verify", path("none.pem"), "--logo", cnn_logo, "--domain", "cnn.com"}).code, 3);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", path("none.svg"), "--domain", "cnn.com"}).code, 3);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com", "--roots", cnn_logo}).code, 3);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com", "--crl", cnn_logo}).code, 3);
  EXPECT_EQ(bimi({"verify", cnn_logo, "--logo", cnn_logo, "--domain", "cnn.com"}).code, 3);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo, "--domain", "cnn.com", "--at", "last week"}).code, 2);
  EXPECT_EQ(bimi({"verify", cnn, "--logo", cnn_logo}).code, 2);
}

// ---- csr ----
TEST_F(Cli, CsrWritesAPrivateKeyAndARequest) {
  auto run = bimi({"csr", "--domain", "example.com", "--org", "Example Brand Inc.", "--country", "US",
                   "--mark-type", "Registered Mark", "--trademark-country", "US", "--trademark-id", "1234567",
                   "--key-type", "ec:P-256", "--key-out", path("key.pem"), "-o", path("req.pem"), "--logo", cnn_logo});
  ASSERT_EQ(run.code, 0);
  struct stat info {};
  ASSERT_EQ(stat(path("key.pem").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto summary = read_csr(test::read_fixture(path("req.pem")));
  ASSERT_TRUE(std::holds_alternative<CsrSummary>(summary));
  EXPECT_TRUE(std::get<CsrSummary>(summary).signature_valid);
  EXPECT_NE(run.out.find(hex_digest(HashAlgorithm::sha256, test::read_fixture(cnn_logo))), std::string::npos);
  EXPECT_NE(run.out.find(hash_logo(test::read_fixture(cnn_logo)).gzip_base64), std::string::npos);
  // Reusing the key needs no --key-out.
  EXPECT_EQ(bimi({"csr", "--domain", "example.com", "--org", "Example", "--country", "US", "--key", path("key.pem"),
                  "-o", path("req2.pem")})
                .code,
            0);
}

TEST_F(Cli, CsrNeverOverwritesAKeyAndLeavesNothingOnFailure) {
  std::FILE* f = std::fopen(path("key.pem").c_str(), "w");
  std::fputs("existing", f);
  std::fclose(f);
  EXPECT_EQ(bimi({"csr", "--domain", "example.com", "--org", "Example", "--country", "US", "--key-type", "ec:P-256",
                  "--key-out", path("key.pem"), "-o", path("req.pem")})
                .code,
            4);
  EXPECT_EQ(test::read_fixture(path("key.pem")), "existing");
  EXPECT_FALSE(fs::exists(path("req.pem")));
  fs::remove(path("key.pem"));
  // A bad request writes nothing.
  EXPECT_EQ(bimi({"csr", "--domain", "example.com", "--org", "Example", "--country", "USA", "--key-type", "ec:P-256",
                  "--key-out", path("key.pem"), "-o", path("req.pem")})
                .code,
            2);
  // The request cannot be written (its directory would be a file): the new key is removed again.
  EXPECT_EQ(bimi({"csr", "--domain", "example.com", "--org", "Example", "--country", "US", "--key-type", "ec:P-256",
                  "--key-out", path("key.pem"), "-o", cnn + "/req.pem"})
                .code,
            4);
  EXPECT_EQ(entries(), 0u);
  // An output that is an input is refused.
  fs::copy_file(cnn_logo, path("logo.svg"));
  EXPECT_EQ(bimi({"csr", "--domain", "example.com", "--org", "Example", "--country", "US", "--key-type", "ec:P-256",
                  "--key-out", path("key.pem"), "-o", path("logo.svg"), "--logo", path("logo.svg")})
                .code,
            2);
  EXPECT_EQ(entries(), 1u);
  EXPECT_EQ(bimi({"csr", "--domain", "example.com", "--org", "Example", "--country", "US"}).code, 2);
}

}  // namespace
}  // namespace bimi::vmc
