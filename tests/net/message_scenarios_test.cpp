// End-to-end scenarios of `bimi message`: real messages signed at test time by dkimpy
// (sign_message.py) with keys made at test time and published in the loopback world (NSD and nginx
// on 127.0.0.1, loopback.hpp), each judged by the built binary. One message per failure class of
// the receiver's chain (SPF, DKIM, DMARC alignment and policy, BIMI record, logo, certificate) and
// the message that passes; each asserts the exit code, `shown`, `first_broken.rule` and the step
// results of the JSON report.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "loopback.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string signer_script = std::string(BIMI_SOURCE_DIR) + "/tests/net/sign_message.py";

// The test PKI's certificates are valid at this time; messages are signed an hour before it.
constexpr const char* judged_at = "2024-06-01T00:00:00Z";
constexpr std::int64_t judged_at_seconds = 1717200000;
constexpr std::int64_t signed_at_seconds = judged_at_seconds - 3600;

// The sender's address: esp.test's return path and send.example.com pass SPF for it.
constexpr const char* sender_ip = "127.0.0.2";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

RunResult run_signer(const std::string& arguments) {
  return run_shell(shell_quote(BIMI_PYTHON3) + " " + shell_quote(signer_script) + " " + arguments + " 2>&1");
}

// The DKIM keys of the scenarios: made once per run before the loopback world starts, and
// published under every name a scenario signs with.
class DkimKeysEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "bimi-dkim-keys-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    RunResult made = run_signer("keys " + shell_quote(dir_.string()));
    ASSERT_EQ(made.exit_code, 0) << made.out;
    json records = json::parse(made.out, nullptr, false);
    ASSERT_TRUE(records.is_object()) << made.out;
    for (const char* name : {"s2048._domainkey.example.com", "esp._domainkey.esp.test", "arc._domainkey.esp.test",
                             "s2048._domainkey.mail.adkim.example.com", "s2048._domainkey.example.org"}) {
      add_loopback_txt(name, records["rsa"].get<std::string>());
    }
    add_loopback_txt("ed._domainkey.example.com", records["ed25519"].get<std::string>());
  }

  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  static const fs::path& dir() { return dir_; }

 private:
  static inline fs::path dir_;
};

// The keys first: the world's zones are written when the loopback environment starts.
const bool environments_registered = [] {
  ::testing::AddGlobalTestEnvironment(new DkimKeysEnvironment);
  add_loopback_environment(BIMI_TEST_PKI_DIR);
  return true;
}();

// ---- messages ----

struct Signer {
  explicit Signer(std::string d = "example.com", std::string s = "s2048", std::string key = "rsa")
      : domain(std::move(d)), selector(std::move(s)), algorithm(std::move(key)) {}
  Signer& with_length() {
    length = true;
    return *this;
  }
  // Made two days before the judging time and valid for ten minutes: past dkimpy's ten hours of
  // leeway for x= too, so both verifiers call it expired.
  Signer& expired() {
    signed_at = judged_at_seconds - 2 * 86400;
    expires_after = 600;
    return *this;
  }
  Signer& also_signing(const std::string& header) {
    headers += "," + header;
    return *this;
  }

  std::string domain, selector, algorithm;
  std::string headers = "from,to,subject,date,message-id";
  bool length = false;                        // l=
  std::int64_t signed_at = signed_at_seconds;  // t=
  std::optional<int> expires_after;           // x= = t= + this many seconds
};

const std::string brand = "Brand <news@example.com>";

struct MessageSpec {
  explicit MessageSpec(std::string author = brand, std::vector<Signer> signed_by = {Signer()})
      : from(std::move(author)), signers(std::move(signed_by)) {}
  MessageSpec& with_header(const std::string& field) {
    extra_headers.push_back(field);
    return *this;
  }
  MessageSpec& body_changed_after_signing() {
    change_body = true;
    return *this;
  }
  // Passed through a mailing list at esp.test that adds a footer and seals an ARC set.
  MessageSpec& forwarded_by_list() {
    forwarded = true;
    return *this;
  }

  std::string from;
  std::vector<Signer> signers;             // applied in order: the last one ends up on top
  std::vector<std::string> extra_headers;  // whole field lines, without CRLF
  bool change_body = false;
  bool forwarded = false;
};

constexpr const char* body_text = "Hello from the brand.\r\nOur autumn collection is here.\r\n";

// Writes the message, signs it as the spec says, and returns its path.
fs::path make_message(const fs::path& dir, const std::string& name, const MessageSpec& spec) {
  std::string text = "From: " + spec.from + "\r\nTo: someone@example.net\r\nSubject: Autumn news\r\n" +
                     "Date: Fri, 31 May 2024 23:00:00 +0000\r\nMessage-ID: <" + name + "@example.com>\r\n";
  for (const auto& field : spec.extra_headers) text += field + "\r\n";
  text += "\r\n";
  text += body_text;
  fs::path path = dir / (name + ".eml");
  write_text(path, text);
  for (const auto& signer : spec.signers) {
    std::string arguments = "sign " + shell_quote(DkimKeysEnvironment::dir().string()) + " " + shell_quote(path.string()) +
                            " " + shell_quote(path.string()) + " --domain " + signer.domain + " --selector " +
                            signer.selector + " --algorithm " + signer.algorithm + " --headers " + signer.headers +
                            " --time " + std::to_string(signer.signed_at);
    if (signer.length) arguments += " --length";
    if (signer.expires_after) arguments += " --expires-after " + std::to_string(*signer.expires_after);
    RunResult signing = run_signer(arguments);
    EXPECT_EQ(signing.exit_code, 0) << signing.out;
  }
  if (spec.change_body) {
    std::string signed_text = read_text(path);
    signed_text.replace(signed_text.rfind("autumn"), 6, "winter");
    write_text(path, signed_text);
  }
  if (spec.forwarded) {
    RunResult forwarding = run_signer("forward " + shell_quote(DkimKeysEnvironment::dir().string()) + " " +
                                      shell_quote(path.string()) + " " + shell_quote(path.string()) +
                                      " --sealer esp.test --selector arc --time " + std::to_string(signed_at_seconds + 60));
    EXPECT_EQ(forwarding.exit_code, 0) << forwarding.out;
  }
  return path;
}

// ---- the command ----

// The scenarios need the command; until it is built they are skipped, and the world and the
// signed messages are still checked (MessageWorld).
bool message_command_built() {
  static const bool built = run_bimi("message --help").exit_code == 0;
  return built;
}

struct Smtp {
  std::string ip = sender_ip;
  std::string helo = "mta.esp.test";
  std::string mail_from = "bounce@bounce.esp.test";
};

const Smtp brand_return_path{sender_ip, "mta.esp.test", "bounce@send.example.com"};

// The live options of `bimi message` against the loopback world: every server is on 127.0.0.1,
// so --allow-private; certificates are judged at the test PKI's time.
std::string live_options(const Smtp& smtp = {}, const std::string& dns_server = "", int timeout_ms = 1500) {
  const auto* world = loopback_world();
  return "--ip " + smtp.ip + " --helo " + smtp.helo + " --mail-from " + smtp.mail_from + " --dns-server " +
         (dns_server.empty() ? world->dns_server() : dns_server) + " --ca-file " + shell_quote(world->ca_file()) +
         " --roots " + shell_quote(world->roots()) + " --at " + judged_at + " --timeout " + std::to_string(timeout_ms) +
         " --allow-private";
}

struct Verdict {
  RunResult run;
  json report;

  std::string first_rule() const {
    const auto& broken = report["first_broken"];
    return broken.is_object() ? broken.value("rule", "") : "";
  }
  bool has_finding(const std::string& rule) const {
    for (const auto& finding : report["findings"]) {
      if (finding.value("rule", "") == rule) return true;
    }
    return false;
  }
  const json& dkim(std::size_t i) const {
    static const json none = json::object();
    return report["dkim"].is_array() && i < report["dkim"].size() ? report["dkim"][i] : none;
  }
};

Verdict judge(const fs::path& message, const std::string& options) {
  Verdict verdict;
  verdict.run = run_bimi("message " + shell_quote(message.string()) + " " + options + " --format json");
  verdict.report = json::parse(verdict.run.out, nullptr, false);
  EXPECT_TRUE(verdict.report.is_object()) << verdict.run.out;
  if (!verdict.report.is_object()) verdict.report = json::object();
  return verdict;
}

// A message that is not shown: exit 1, shown false, and one of the named rules first broken, at
// `step` unless it is empty.
void expect_not_shown(const Verdict& verdict, const std::string& step, const std::vector<std::string>& first_rules) {
  EXPECT_EQ(verdict.run.exit_code, 1) << verdict.run.out;
  EXPECT_EQ(verdict.report["shown"], false) << verdict.run.out;
  ASSERT_TRUE(verdict.report["first_broken"].is_object()) << verdict.run.out;
  if (!step.empty()) {
    EXPECT_EQ(verdict.report["first_broken"]["step"], step) << verdict.run.out;
  }
  bool named = false;
  for (const auto& rule : first_rules) named = named || verdict.first_rule() == rule;
  EXPECT_TRUE(named) << "first broken: " << verdict.first_rule() << "\n" << verdict.run.out;
}

class MessageScenario : public ::testing::Test {
 protected:
  void SetUp() override {
    BIMI_REQUIRE_LOOPBACK();
    if (!message_command_built()) GTEST_SKIP() << "this bimi has no `message` command";
  }
  fs::path message(const std::string& name, const MessageSpec& spec) { return make_message(dir_.path(), name, spec); }
  TempDir dir_;
};

// ---- the world and the signer, without the command ----

// The zones load, publish the keys, and dkimpy accepts what it signed (and refuses a changed body
// and an expired signature): the scenarios below stand on this.
TEST(MessageWorld, DkimpyAcceptsTheScenarioMessages) {
  BIMI_REQUIRE_LOOPBACK();
  TempDir dir;
  auto verify = [&](const fs::path& path) {
    return run_signer("verify " + shell_quote(path.string()) + " --dns-server " + loopback_world()->dns_server() +
                      " --time " + std::to_string(judged_at_seconds));
  };
  const std::vector<std::pair<std::string, MessageSpec>> good{
      {"rsa", MessageSpec()},
      {"ed25519", MessageSpec(brand, {Signer("example.com", "ed", "ed25519")})},
      {"esp", MessageSpec(brand, {Signer("esp.test", "esp")})},
      {"subdomain", MessageSpec("news@adkim.example.com", {Signer("mail.adkim.example.com")})},
      {"org", MessageSpec("news@example.org", {Signer("example.org")})},
      {"length", MessageSpec(brand, {Signer().with_length()})},
  };
  for (const auto& [name, spec] : good) {
    RunResult run = verify(make_message(dir.path(), name, spec));
    EXPECT_EQ(run.exit_code, 0) << name << ": " << run.out;
  }
  RunResult changed = verify(make_message(dir.path(), "changed", MessageSpec().body_changed_after_signing()));
  EXPECT_EQ(changed.exit_code, 1) << changed.out;
  RunResult expired = verify(make_message(dir.path(), "expired", MessageSpec(brand, {Signer().expired()})));
  EXPECT_EQ(expired.exit_code, 1) << expired.out;
  fs::path forwarded = make_message(dir.path(), "forwarded", MessageSpec().forwarded_by_list());
  EXPECT_EQ(verify(forwarded).exit_code, 1);  // the footer broke the author's signature
  RunResult chain = run_signer("verify --arc " + shell_quote(forwarded.string()) + " --dns-server " +
                               loopback_world()->dns_server() + " --time " + std::to_string(judged_at_seconds));
  EXPECT_EQ(chain.exit_code, 0) << chain.out;
}

// ---- the message that passes ----

TEST_F(MessageScenario, AnAlignedSignedMessageOfABrandWithACertificateIsShown) {
  Verdict verdict = judge(message("pass", MessageSpec()), live_options(brand_return_path));
  EXPECT_EQ(verdict.run.exit_code, 0) << verdict.run.out;
  EXPECT_EQ(verdict.report["shown"], true);
  EXPECT_TRUE(verdict.report["first_broken"].is_null()) << verdict.run.out;
  EXPECT_EQ(verdict.report["author"]["domain"], "example.com");
  EXPECT_EQ(verdict.report["smtp"]["source"], "options");
  EXPECT_EQ(verdict.report["spf"]["result"], "pass");
  EXPECT_EQ(verdict.report["spf"]["aligned"], true);
  ASSERT_EQ(verdict.report["dkim"].size(), 1u) << verdict.run.out;
  EXPECT_EQ(verdict.dkim(0)["result"], "pass");
  EXPECT_EQ(verdict.dkim(0)["domain"], "example.com");
  EXPECT_EQ(verdict.dkim(0)["selector"], "s2048");
  EXPECT_EQ(verdict.dkim(0)["aligned"], true);
  EXPECT_TRUE(verdict.dkim(0)["body_length"].is_null());
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
  EXPECT_EQ(verdict.report["dmarc"]["policy"], "reject");
  EXPECT_EQ(verdict.report["dmarc"]["enforcing"], true);
  EXPECT_EQ(verdict.report["arc"]["result"], "none");
  EXPECT_EQ(verdict.report["bimi"]["result"], "pass");
  EXPECT_EQ(verdict.report["bimi"]["selector"], "default");
}

// The same with an ed25519 signature (RFC 8463) and SPF passing only for the third party's bounce
// domain: DKIM alone aligns.
TEST_F(MessageScenario, AnEd25519SignedMessageIsShown) {
  Verdict verdict = judge(message("ed25519", MessageSpec(brand, {Signer("example.com", "ed", "ed25519")})), live_options());
  EXPECT_EQ(verdict.run.exit_code, 0) << verdict.run.out;
  EXPECT_EQ(verdict.report["shown"], true);
  EXPECT_EQ(verdict.report["spf"]["aligned"], false);
  EXPECT_EQ(verdict.dkim(0)["result"], "pass");
  EXPECT_EQ(verdict.dkim(0)["aligned"], true);
  EXPECT_EQ(verdict.report["bimi"]["result"], "pass");
}

// ---- DMARC alignment ----

TEST_F(MessageScenario, SpfPassingOnlyForTheBounceDomainDoesNotAlign) {
  Verdict verdict = judge(message("spf-only", MessageSpec(brand, {})), live_options());
  expect_not_shown(verdict, "dmarc", {"dmarc-not-aligned"});
  EXPECT_EQ(verdict.report["spf"]["result"], "pass");
  EXPECT_EQ(verdict.report["spf"]["domain"], "bounce.esp.test");
  EXPECT_EQ(verdict.report["spf"]["aligned"], false);
  EXPECT_TRUE(verdict.report["dkim"].empty()) << verdict.run.out;
  EXPECT_EQ(verdict.report["dmarc"]["result"], "fail");
}

TEST_F(MessageScenario, AThirdPartySignatureDoesNotAlign) {
  Verdict verdict = judge(message("third-party", MessageSpec(brand, {Signer("esp.test", "esp")})), live_options());
  expect_not_shown(verdict, "dmarc", {"dmarc-not-aligned"});
  EXPECT_EQ(verdict.dkim(0)["result"], "pass");
  EXPECT_EQ(verdict.dkim(0)["domain"], "esp.test");
  EXPECT_EQ(verdict.dkim(0)["aligned"], false);
  EXPECT_EQ(verdict.report["dmarc"]["result"], "fail");
}

// adkim=s (RFC 7489 §3.1.1): d=mail.adkim.example.com is in the author's organization but is not
// the author's domain.
TEST_F(MessageScenario, StrictAlignmentRefusesASubdomainSigner) {
  Verdict verdict = judge(message("strict", MessageSpec("Brand <news@adkim.example.com>", {Signer("mail.adkim.example.com")})),
                          live_options());
  expect_not_shown(verdict, "dmarc", {"dmarc-not-aligned"});
  EXPECT_EQ(verdict.dkim(0)["result"], "pass");
  EXPECT_EQ(verdict.dkim(0)["aligned"], false);
  EXPECT_EQ(verdict.report["dmarc"]["result"], "fail");
  EXPECT_EQ(verdict.report["dmarc"]["domain"], "adkim.example.com");
}

// ---- DKIM ----

// l= signs only part of the body: DMARC passes, BIMI does not trust it. The rule is
// bimi-partial-body: dkim-body-length is DKIM's own failure, an l= longer than the body.
TEST_F(MessageScenario, AnAlignedSignatureWithABodyLengthIsNotTrusted) {
  Verdict verdict = judge(message("length", MessageSpec(brand, {Signer().with_length()})), live_options());
  expect_not_shown(verdict, "dkim", {"bimi-partial-body"});
  EXPECT_EQ(verdict.dkim(0)["result"], "pass");
  EXPECT_TRUE(verdict.dkim(0)["body_length"].is_number()) << verdict.run.out;
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
  EXPECT_EQ(verdict.report["bimi"]["result"], "skipped");
}

TEST_F(MessageScenario, ABodyChangedAfterSigningIsNamed) {
  Verdict verdict = judge(message("changed-body", MessageSpec().body_changed_after_signing()), live_options());
  expect_not_shown(verdict, "dkim", {"dkim-body-hash"});
  EXPECT_EQ(verdict.dkim(0)["result"], "fail");
  EXPECT_EQ(verdict.dkim(0)["reason"], "dkim-body-hash");
  EXPECT_EQ(verdict.report["dmarc"]["result"], "fail");
}

TEST_F(MessageScenario, AnExpiredSignatureIsNamed) {
  Verdict verdict = judge(message("expired", MessageSpec(brand, {Signer().expired()})), live_options());
  expect_not_shown(verdict, "dkim", {"dkim-expired"});
  EXPECT_EQ(verdict.dkim(0)["result"], "fail");
  EXPECT_EQ(verdict.dkim(0)["reason"], "dkim-expired");
  EXPECT_EQ(verdict.report["dmarc"]["result"], "fail");
}

// A DNS server that never answers: the key, SPF and DMARC look-ups all time out.
TEST_F(MessageScenario, ADnsTimeoutIsATemporaryError) {
  Verdict verdict = judge(message("timeout", MessageSpec()), live_options({}, loopback_world()->silent_dns_server(), 300));
  expect_not_shown(verdict, "", {"dns-timeout", "dkim-key-dns"});
  EXPECT_EQ(verdict.dkim(0)["result"], "temperror");
  EXPECT_EQ(verdict.report["dmarc"]["result"], "temperror");
}

// ---- DMARC policy ----

TEST_F(MessageScenario, APolicyOfNoneIsNotEnough) {
  Verdict verdict = judge(message("none", MessageSpec("Brand <news@news.example.com>")), live_options());
  expect_not_shown(verdict, "dmarc", {"dmarc-policy-none"});
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
  EXPECT_EQ(verdict.report["dmarc"]["policy"], "none");
  EXPECT_EQ(verdict.report["bimi"]["result"], "skipped");
}

TEST_F(MessageScenario, APolicyInTestModeIsNotEnough) {
  Verdict verdict = judge(message("testing", MessageSpec("Brand <news@testing.example.com>")), live_options());
  expect_not_shown(verdict, "dmarc", {"dmarc-test-mode"});
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
}

// pct= exists only in RFC 7489 (§6.3); RFC 9989 dropped it.
TEST_F(MessageScenario, APartialPercentageIsNotEnoughUnderRfc7489) {
  Verdict verdict = judge(message("pct", MessageSpec("Brand <news@pct.example.com>")), live_options() + " --dmarc rfc7489");
  expect_not_shown(verdict, "dmarc", {"dmarc-pct"});
  EXPECT_EQ(verdict.report["dmarc"]["standard"], "rfc7489");
  EXPECT_EQ(verdict.report["dmarc"]["policy"], "quarantine");
}

// ---- BIMI ----

// The draft's BIMI-Selector header counts only when the aligned signature covers it: otherwise the
// default selector applies, and sel.example.org has a record only at brand._bimi.
TEST_F(MessageScenario, AnUnsignedSelectorHeaderIsIgnored) {
  MessageSpec spec("Brand <news@sel.example.org>", {Signer("example.org")});
  Verdict verdict = judge(message("unsigned-selector", spec.with_header("BIMI-Selector: v=BIMI1; s=brand;")), live_options());
  expect_not_shown(verdict, "bimi-record", {"bimi-selector-unsigned"});
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
  EXPECT_EQ(verdict.report["bimi"]["result"], "none");
}

// example.org publishes its record at _bimi.example.org, without a selector.
TEST_F(MessageScenario, ARecordOnTheWrongNameIsNamed) {
  Verdict verdict = judge(message("wrong-name", MessageSpec("Brand <news@example.org>", {Signer("example.org")})), live_options());
  expect_not_shown(verdict, "bimi-record", {"bimi-record-wrong-name", "bimi-record-missing"});
  EXPECT_TRUE(verdict.has_finding("bimi-record-wrong-name")) << verdict.run.out;
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
  EXPECT_EQ(verdict.report["bimi"]["result"], "none");
}

// changed._bimi.example.com serves another logo than the one in the certificate; the selector is
// signed, so it applies.
TEST_F(MessageScenario, ALogoThatDiffersFromTheCertificatesIsNamed) {
  MessageSpec spec(brand, {Signer().also_signing("bimi-selector")});
  Verdict verdict = judge(message("changed-logo", spec.with_header("BIMI-Selector: v=BIMI1; s=changed;")), live_options());
  expect_not_shown(verdict, "certificate", {"logo-bytes", "logotype-hash"});
  EXPECT_EQ(verdict.report["bimi"]["selector"], "changed");
  EXPECT_EQ(verdict.report["dmarc"]["result"], "pass");
}

// ---- ARC ----

// A mailing list's footer breaks the author's signature; the list's ARC set (RFC 8617) recorded
// dmarc=pass. Only a receiver that trusts the sealer lets that stand for DMARC.
TEST_F(MessageScenario, AForwardedMessageIsShownOnlyWhenItsArcSealerIsTrusted) {
  fs::path forwarded = message("forwarded", MessageSpec().forwarded_by_list());
  Verdict untrusted = judge(forwarded, live_options());
  expect_not_shown(untrusted, "dkim", {"dkim-body-hash"});
  EXPECT_EQ(untrusted.report["arc"]["result"], "pass");
  EXPECT_TRUE(untrusted.report["arc"]["trusted_sealer"].is_null()) << untrusted.run.out;
  EXPECT_EQ(untrusted.report["dmarc"]["result"], "fail");

  Verdict trusted = judge(forwarded, live_options() + " --trusted-arc-sealer esp.test");
  EXPECT_EQ(trusted.run.exit_code, 0) << trusted.run.out;
  EXPECT_EQ(trusted.report["shown"], true) << trusted.run.out;
  EXPECT_EQ(trusted.report["arc"]["result"], "pass");
  EXPECT_EQ(trusted.report["arc"]["trusted_sealer"], "esp.test");
  EXPECT_EQ(trusted.dkim(0)["reason"], "dkim-body-hash");
  EXPECT_EQ(trusted.report["bimi"]["result"], "pass");
}

// ---- the message itself and the command line ----

TEST_F(MessageScenario, AnUnreadableMessageAndUsageErrors) {
  EXPECT_EQ(run_bimi("message " + shell_quote((dir_.path() / "absent.eml").string()) + " " + live_options()).exit_code, 3);
  EXPECT_EQ(run_bimi("message").exit_code, 2);
  EXPECT_EQ(run_bimi("message x.eml --dmarc rfc1").exit_code, 2);
}

// ---- snapshots and receiver headers ----

// A recorded run replays offline to the same report, byte for byte; the replay asks a DNS server
// that does not exist, so nothing comes from the network.
TEST_F(MessageScenario, ARecordedRunReplaysOfflineToTheSameReport) {
  fs::path pass = message("pass", MessageSpec());
  fs::path snapshot = dir_.path() / "pass.snapshot.json";
  Verdict live = judge(pass, live_options() + " --record-dns " + shell_quote(snapshot.string()));
  ASSERT_TRUE(fs::exists(snapshot)) << live.run.out;
  Smtp smtp;
  RunResult replay = run_bimi("message " + shell_quote(pass.string()) + " --ip " + smtp.ip + " --helo " + smtp.helo +
                              " --mail-from " + smtp.mail_from + " --dns-server 127.0.0.1:9 --roots " +
                              shell_quote(loopback_world()->roots()) + " --dns-snapshot " + shell_quote(snapshot.string()) +
                              " --format json");
  EXPECT_EQ(replay.exit_code, live.run.exit_code);
  EXPECT_EQ(replay.out, live.run.out);
  EXPECT_EQ(live.report["shown"], true) << live.run.out;
}

// Many messages in one run write, byte for byte, the JSON lines of one run per message, and each
// line is what nlohmann's dump() writes for its values: the BIMI steps and their findings, shared
// by the messages of a sender, included.
TEST_F(MessageScenario, ABatchWritesTheBytesOfOneRunPerMessage) {
  MessageSpec changed(brand, {Signer().also_signing("bimi-selector")});
  std::vector<fs::path> messages{
      message("pass", MessageSpec()),
      message("wrong-name", MessageSpec("Brand <news@example.org>", {Signer("example.org")})),
      message("changed-logo", changed.with_header("BIMI-Selector: v=BIMI1; s=changed;")),
      message("ed25519", MessageSpec(brand, {Signer("example.com", "ed", "ed25519")})),
  };
  std::string paths, one_by_one;
  for (const auto& path : messages) {
    paths += " " + shell_quote(path.string());
    RunResult alone = run_bimi("message " + shell_quote(path.string()) + " " + live_options() + " --format jsonl");
    ASSERT_FALSE(alone.out.empty());
    std::string line = alone.out.substr(0, alone.out.size() - 1);
    EXPECT_EQ(nlohmann::ordered_json::parse(line).dump(), line);
    one_by_one += alone.out;
  }
  RunResult batch = run_bimi("message" + paths + paths + " " + live_options() + " --format jsonl -j 2");
  EXPECT_EQ(batch.out, one_by_one + one_by_one);
}

// What a receiver would add (RFC 8601 Authentication-Results, the draft's BIMI-Location and
// BIMI-Indicator) for the message that passes.
TEST_F(MessageScenario, ReceiverHeadersForTheMessageThatPasses) {
  RunResult run = run_bimi("message " + shell_quote(message("pass", MessageSpec()).string()) + " " +
                           live_options(brand_return_path) + " --headers");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  for (const char* expected : {"Authentication-Results:", "spf=pass", "dkim=pass", "dmarc=pass", "bimi=pass",
                               "header.d=example.com", "policy.indicator-hash=", "BIMI-Location:", "BIMI-Indicator:"}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
}

}  // namespace
}  // namespace bimi::test
