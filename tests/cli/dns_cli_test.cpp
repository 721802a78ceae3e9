// End-to-end tests of `bimi record`, `bimi dmarc` and `bimi domain`: the built binary, offline on
// record values and live against NSD and nginx on 127.0.0.1 (tests/net/loopback.hpp). The live
// chain passes for example.com and fails with the right finding for each injected fault.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "json_schema.hpp"
#include "live_environment.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

nlohmann::json parse_json(const RunResult& run) {
  auto json = nlohmann::json::parse(run.out, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << run.out;
  return json;
}

// All rule ids in a `bimi domain --format json` report.
std::vector<std::string> rules_of(const nlohmann::json& report) {
  std::vector<std::string> rules;
  for (const auto& step : report["steps"]) {
    for (const auto& finding : step["findings"]) rules.push_back(finding["rule"]);
  }
  return rules;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Every server of the loopback world is on 127.0.0.1: without --allow-private nothing is fetched.
std::string live_domain(const std::string& domain, const std::string& selector = "default", const std::string& extra = "",
                        bool allow_private = true) {
  const auto* world = loopback_world();
  return "domain " + domain + " --selector " + selector + " --dns-server " + world->dns_server() + " --ca-file " +
         shell_quote(world->ca_file()) + " --roots " + shell_quote(world->roots()) +
         " --at 2024-06-01T00:00:00Z --timeout 1500 " + (allow_private ? "--allow-private " : "") + extra;
}

// ---- bimi record ----

TEST(RecordCli, ComposesTheRecord) {
  RunResult run = run_bimi("record --domain Example.COM --selector brand --logo-url https://example.com/logo.svg "
                           "--vmc-url https://example.com/vmc.pem");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("name:  brand._bimi.example.com\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("value: v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem;\n"), std::string::npos);
  EXPECT_NE(run.out.find("brand._bimi.example.com. 3600 IN TXT \"v=BIMI1;"), std::string::npos);
}

TEST(RecordCli, RefusesUrlsReceiversWouldNotUse) {
  RunResult http = run_bimi("record --domain example.com --logo-url http://example.com/logo.svg --format json");
  EXPECT_EQ(http.exit_code, 1);
  auto json = parse_json(http);
  EXPECT_FALSE(json["valid"].get<bool>());
  EXPECT_EQ(json["findings"][0]["rule"], "bimi-logo-url");
  RunResult crt = run_bimi("record --domain example.com --logo-url https://example.com/logo.svg --vmc-url https://example.com/vmc.crt");
  EXPECT_EQ(crt.exit_code, 0);  // a warning only
  EXPECT_NE(crt.out.find("[bimi-evidence-extension]"), std::string::npos);
}

TEST(RecordCli, UsageErrors) {
  EXPECT_EQ(run_bimi("record").exit_code, 2);
  EXPECT_EQ(run_bimi("record --domain example.com").exit_code, 2);
  EXPECT_EQ(run_bimi("record --domain 'not a domain' --logo-url https://example.com/l.svg").exit_code, 2);
  EXPECT_EQ(run_bimi("record --domain example.com --selector _x --logo-url https://example.com/l.svg").exit_code, 2);
  EXPECT_EQ(run_bimi("record --domain example.com --parse x").exit_code, 2);
}

TEST(RecordCli, ParsesTagByTagWithColumns) {
  RunResult run = run_bimi("record --parse 'v=BIMI1; l=https://example.com/logo.svg, a=https://example.com/vmc.pem' --format json");
  EXPECT_EQ(run.exit_code, 1);
  auto json = parse_json(run);
  const auto& record = json["records"][0];
  EXPECT_EQ(record["tags"][1]["name"], "l");
  bool separator_at_a = false;  // the comma also makes l= an invalid URL (column 12)
  for (const auto& finding : record["findings"]) {
    separator_at_a = separator_at_a || (finding["rule"] == "tag-separator" && finding["column"] == 42);
  }
  EXPECT_TRUE(separator_at_a) << record.dump();
  RunResult good = run_bimi("record --parse 'v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem'");
  EXPECT_EQ(good.exit_code, 0);
  EXPECT_NE(good.out.find("  valid\n"), std::string::npos);
  RunResult declined = run_bimi("record --parse 'v=BIMI1; l=; a=;'");
  EXPECT_EQ(declined.exit_code, 0);
  EXPECT_NE(declined.out.find("[bimi-declination]"), std::string::npos);
}

// A file holding `text`, to give as standard input.
class Input {
 public:
  explicit Input(const std::string& text) : path_(dir_.path() / "input.txt") {
    std::ofstream out(path_, std::ios::binary);
    out << text;
  }
  std::string redirect() const { return " < " + shell_quote(path_.string()); }

 private:
  TempDir dir_;
  std::filesystem::path path_;
};

TEST(RecordCli, ReadsValuesAndSplitStringsFromStandardInput) {
  Input input("\"v=BIMI1; l=https://exa\" \"mple.com/logo.svg;\"\n\nv=BIMI1; l=https://example.com/logo.png\n");
  RunResult run = run_bimi("record --parse - --format json" + input.redirect());
  EXPECT_EQ(run.exit_code, 1);
  auto json = parse_json(run);
  ASSERT_EQ(json["records"].size(), 2u);
  EXPECT_EQ(json["records"][0]["value"], "v=BIMI1; l=https://example.com/logo.svg;");
  EXPECT_TRUE(json["records"][0]["valid"].get<bool>());
  EXPECT_EQ(json["records"][1]["findings"][0]["rule"], "bimi-logo-format");
  EXPECT_EQ(json["summary"]["errors"], 1);
}

TEST(RecordCli, UnusableStandardInputExitsThree) {
  EXPECT_EQ(run_bimi("record --parse - </dev/null").exit_code, 3);
  EXPECT_EQ(run_bimi("record --parse -" + Input("\"unterminated\n").redirect()).exit_code, 3);
  EXPECT_EQ(run_bimi("dmarc --parse -" + Input(std::string(2u << 20, 'x')).redirect()).exit_code, 3);
}

TEST(RecordCli, EveryLineIsReportedAndTheWorstLineDecidesTheExitCode) {
  Input mixed("v=BIMI1; l=https://example.com/logo.svg\n\"unterminated\nv=BIMI1; l=https://example.com/logo.png\n");
  RunResult json_run = run_bimi("record --parse - --format json" + mixed.redirect());
  EXPECT_EQ(json_run.exit_code, 3);
  auto json = parse_json(json_run);
  ASSERT_EQ(json["records"].size(), 3u) << json_run.out;
  EXPECT_TRUE(json["records"][0]["valid"].get<bool>());
  EXPECT_EQ(json["records"][1]["line"], 2);
  EXPECT_FALSE(json["records"][1]["valid"].get<bool>());
  EXPECT_NE(json["records"][1]["error"].get<std::string>().find("quoting"), std::string::npos);
  EXPECT_EQ(json["records"][2]["line"], 3);
  EXPECT_EQ(json["records"][2]["findings"][0]["rule"], "bimi-logo-format");
  EXPECT_EQ(json["summary"]["unreadable"], 1);

  RunResult text = run_bimi("record --parse -" + mixed.redirect());
  EXPECT_EQ(text.exit_code, 3);
  EXPECT_NE(text.out.find("line 2 of standard input: broken quoting"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("[bimi-logo-format]"), std::string::npos) << text.out;

  // Without an unreadable line, the worst is an error finding: exit 1, every line reported.
  Input dmarc("v=DMARC1; p=none\nv=DMARC1; p=reject\n");
  RunResult findings = run_bimi("dmarc --parse - --format json" + dmarc.redirect());
  EXPECT_EQ(findings.exit_code, 1);
  EXPECT_EQ(parse_json(findings)["records"].size(), 2u);
  Input dmarc_broken("\"v=DMARC1; p=reject\" x\nv=DMARC1; p=none\n");
  RunResult broken = run_bimi("dmarc --parse -" + dmarc_broken.redirect());
  EXPECT_EQ(broken.exit_code, 3);
  EXPECT_NE(broken.out.find("[dmarc-policy-none]"), std::string::npos) << broken.out;
}

TEST(RecordCli, LiteralsFollowEachTagsGrammar) {
  EXPECT_EQ(run_bimi("dmarc --parse 'V=DMARC1; P=Reject; ADKIM=S; FO=D; RUA=mailto:d@example.com!10M'").exit_code, 0);
  EXPECT_EQ(run_bimi("dmarc --parse 'v=dmarc1; p=reject'").exit_code, 1);
  EXPECT_EQ(run_bimi("record --parse 'v=BIMI1; L=https://example.com/logo.svg; lps=brand-indicators-'").exit_code, 0);
  RunResult empty_tag = run_bimi("record --parse 'v=BIMI1; l=https://example.com/logo.svg;;'");
  EXPECT_EQ(empty_tag.exit_code, 1);
  EXPECT_NE(empty_tag.out.find("[tag-syntax]"), std::string::npos) << empty_tag.out;
}

TEST(RecordCli, AHugeValueIsAFindingNotACrash) {
  RunResult run = run_bimi("record --parse \"$(head -c 100000 /dev/zero | tr '\\0' ';')\"");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("[record-too-long]"), std::string::npos);
}

// ---- bimi dmarc ----

TEST(DmarcCli, ParsesWithBimiConsequences) {
  RunResult none = run_bimi("dmarc --parse 'v=DMARC1; p=none; rua=mailto:d@example.com'");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.out.find("[dmarc-policy-none]"), std::string::npos);
  RunResult reject = run_bimi("dmarc --parse 'v=DMARC1; p=reject; adkim=s; aspf=s'");
  EXPECT_EQ(reject.exit_code, 0) << reject.out;
  RunResult syntax = run_bimi("dmarc --dmarc rfc7489 --parse 'v=DMARC1; p=reject; pct=101; adkim=x; rua=x' --format json");
  EXPECT_EQ(syntax.exit_code, 1);
  auto json = parse_json(syntax);
  std::vector<std::string> rules;
  for (const auto& f : json["records"][0]["findings"]) rules.push_back(f["rule"]);
  EXPECT_TRUE(contains(rules, "dmarc-pct-value"));
  EXPECT_TRUE(contains(rules, "dmarc-alignment-value"));
  EXPECT_TRUE(contains(rules, "dmarc-report-uri"));
}

TEST(DmarcCli, UsageErrors) {
  EXPECT_EQ(run_bimi("dmarc").exit_code, 2);
  EXPECT_EQ(run_bimi("dmarc example.com --parse x").exit_code, 2);
  EXPECT_EQ(run_bimi("dmarc not_a_domain").exit_code, 2);
  EXPECT_EQ(run_bimi("dmarc example.com --dns-server nonsense").exit_code, 2);
}

TEST(DmarcCli, ParsesByTheStandardAskedFor) {
  // RFC 9989: pct= is obsolete, the !size suffix is gone, p= may stand anywhere, fo= is one option.
  RunResult current = run_bimi("dmarc --parse 'v=DMARC1; rua=mailto:d@example.com!10m; p=quarantine; pct=50; fo=1:d' --format json");
  EXPECT_EQ(current.exit_code, 0) << current.out;
  auto json = parse_json(current);
  EXPECT_EQ(json["standard"], "rfc9989");
  EXPECT_EQ(schema_errors(schema_path("dmarc.json"), current.out), "") << current.out;
  std::vector<std::string> rules;
  for (const auto& f : json["records"][0]["findings"]) rules.push_back(f["rule"]);
  EXPECT_TRUE(contains(rules, "dmarc-tag-obsolete"));
  EXPECT_TRUE(contains(rules, "dmarc-report-uri"));
  EXPECT_TRUE(contains(rules, "dmarc-tag-value"));
  EXPECT_FALSE(contains(rules, "dmarc-policy-order"));
  EXPECT_FALSE(contains(rules, "dmarc-pct"));
  // RFC 7489: the same record is quarantine at 50 %, so no BIMI.
  RunResult old = run_bimi("dmarc --dmarc rfc7489 --parse 'v=DMARC1; rua=mailto:d@example.com!10m; p=quarantine; pct=50; fo=1:d'");
  EXPECT_EQ(old.exit_code, 1) << old.out;
  EXPECT_EQ(old.out.rfind("checked against RFC 7489\n", 0), 0u) << old.out;
  EXPECT_NE(old.out.find("[dmarc-pct]"), std::string::npos) << old.out;
  EXPECT_NE(old.out.find("[dmarc-policy-order]"), std::string::npos) << old.out;
  // t=y: test mode is not enforcement under RFC 9989; RFC 7489 has no t=.
  EXPECT_EQ(run_bimi("dmarc --parse 'v=DMARC1; p=reject; t=y'").exit_code, 1);
  EXPECT_EQ(run_bimi("dmarc --dmarc rfc7489 --parse 'v=DMARC1; p=reject; t=y'").exit_code, 0);
  // A missing p= with a valid rua= is p=none under RFC 9989.
  RunResult implied = run_bimi("dmarc --parse 'v=DMARC1; rua=mailto:d@example.com'");
  EXPECT_EQ(implied.exit_code, 1);
  EXPECT_NE(implied.out.find("[dmarc-policy-none]"), std::string::npos) << implied.out;
  EXPECT_EQ(run_bimi("dmarc --dmarc rfc2119 --parse 'v=DMARC1; p=reject'").exit_code, 2);
}

TEST(DmarcCli, TheTreeWalkAndTheListDisagreeAboutAThreeLabelOrganization) {
  BIMI_REQUIRE_LOOPBACK();
  const auto* world = loopback_world();
  RunResult walked = run_bimi("dmarc mail.shop.example.com --format json --dns-server " + world->dns_server());
  EXPECT_EQ(walked.exit_code, 0) << walked.out;
  auto json = parse_json(walked);
  EXPECT_EQ(schema_errors(schema_path("dmarc.json"), walked.out), "") << walked.out;
  EXPECT_EQ(json["dmarc_standard"], "rfc9989");
  EXPECT_EQ(json["organizational_domain"], "shop.example.com");
  EXPECT_NE(json["organizational_domain_from"].get<std::string>().find("psd=n"), std::string::npos);
  RunResult listed = run_bimi("dmarc mail.shop.example.com --dmarc rfc7489 --format json --dns-server " + world->dns_server());
  auto old = parse_json(listed);
  EXPECT_EQ(old["dmarc_standard"], "rfc7489");
  EXPECT_EQ(old["organizational_domain"], "example.com");
  // Test mode and np=none are not enforcement.
  EXPECT_EQ(run_bimi("dmarc testing.example.com --dns-server " + world->dns_server()).exit_code, 1);
  EXPECT_EQ(run_bimi("dmarc ghost.strict.example.com --dns-server " + world->dns_server()).exit_code, 1);
  EXPECT_EQ(run_bimi("dmarc mail.strict.example.com --dns-server " + world->dns_server()).exit_code, 0);
  EXPECT_EQ(run_bimi("dmarc mail.brand.shops.example.org --dns-server " + world->dns_server()).exit_code, 0);
}

TEST(DmarcCli, EvaluatesALiveDomain) {
  BIMI_REQUIRE_LOOPBACK();
  const auto* world = loopback_world();
  RunResult inherited = run_bimi("dmarc mail.example.com --dmarc rfc7489 --dns-server " + world->dns_server());
  EXPECT_EQ(inherited.exit_code, 0) << inherited.out;
  EXPECT_NE(inherited.out.find("applied policy: quarantine (sp= of _dmarc.example.com (inherited), pct=100)"), std::string::npos)
      << inherited.out;
  EXPECT_NE(inherited.out.find("DMARC by RFC 7489"), std::string::npos) << inherited.out;
  // RFC 9989, the default: no pct=, and the tree walk says how it found example.com.
  RunResult walked = run_bimi("dmarc mail.example.com --dns-server " + world->dns_server());
  EXPECT_EQ(walked.exit_code, 0) << walked.out;
  EXPECT_NE(walked.out.find("applied policy: quarantine (sp= of _dmarc.example.com (inherited))"), std::string::npos)
      << walked.out;
  EXPECT_NE(walked.out.find("DMARC by RFC 9989"), std::string::npos) << walked.out;
  EXPECT_NE(walked.out.find("[dmarc-tree-walk]"), std::string::npos) << walked.out;
  RunResult none = run_bimi("dmarc example.net --dns-server " + world->dns_server() + " --format json");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_TRUE(contains(rules_of(parse_json(none)), "dmarc-policy-none"));
  EXPECT_EQ(schema_errors(schema_path("dmarc.json"), none.out), "") << none.out;
}

// ---- bimi domain, live ----

TEST(DomainCli, TheGoodChainPassesEndToEnd) {
  BIMI_REQUIRE_LOOPBACK();
  RunResult run = run_bimi(live_domain("example.com"));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("\nready: 0 errors"), std::string::npos) << run.out;
  RunResult json_run = run_bimi(live_domain("example.com", "default", "--format json"));
  EXPECT_EQ(json_run.exit_code, 0);
  auto json = parse_json(json_run);
  EXPECT_EQ(schema_errors(schema_path("domain.json"), json_run.out), "") << json_run.out;
  EXPECT_TRUE(json["ready"].get<bool>());
  EXPECT_EQ(json["organizational_domain"], "example.com");
  ASSERT_EQ(json["steps"].size(), 5u);
  EXPECT_EQ(json["steps"][2]["facts"]["content type"], "image/svg+xml");
  EXPECT_EQ(json["steps"][4]["name"], "spf");
  EXPECT_EQ(json["spf"]["record"], "v=spf1 -all");
  bool all_pass = true;
  for (const auto& check : json["certificate_checks"]) all_pass = all_pass && check["verdict"] != "fail";
  EXPECT_TRUE(all_pass) << json["certificate_checks"].dump();
  // Every mailbox shows the logo; Gmail with its checkmark for the verified VMC.
  ASSERT_EQ(json["mailboxes"].size(), 7u) << json_run.out;
  EXPECT_EQ(json["mailboxes"][0]["id"], "gmail");
  EXPECT_EQ(json["mailboxes"][0]["mark"], "checkmark") << json["mailboxes"].dump();
  for (const auto& mailbox : json["mailboxes"]) EXPECT_TRUE(mailbox["shown"].get<bool>()) << mailbox.dump();
  EXPECT_NE(run.out.find("\nmailboxes\n  Gmail: shown with the verification checkmark (VMC"), std::string::npos) << run.out;
}

TEST(DomainCli, AnSpfRecordOverTheLimitIsShownPerTerm) {
  BIMI_REQUIRE_LOOPBACK();
  RunResult run = run_bimi(live_domain("spf-over.example.org"));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("dns lookups: 12 of 10"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("include:l1.spf-over.example.org  [9 lookups]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("[spf-too-many-lookups]"), std::string::npos) << run.out;
  RunResult json_run = run_bimi(live_domain("spf-over.example.org", "default", "--format json"));
  EXPECT_EQ(schema_errors(schema_path("domain.json"), json_run.out), "") << json_run.out;
  auto json = parse_json(json_run);
  EXPECT_EQ(json["spf"]["lookups"], 12);
  EXPECT_EQ(json["spf"]["tree"]["terms"][0]["lookups"], 9);
  RunResult ok = run_bimi(live_domain("spf-ok.example.org"));
  EXPECT_NE(ok.out.find("dns lookups: 5 of 10"), std::string::npos) << ok.out;
  EXPECT_EQ(ok.out.find("[spf-"), std::string::npos) << ok.out;
}

TEST(DomainCli, SplitStringsRedirectsAndInheritedPoliciesPass) {
  BIMI_REQUIRE_LOOPBACK();
  for (const auto& [domain, selector] : std::vector<std::pair<std::string, std::string>>{
           {"example.com", "split"}, {"example.com", "redirect"}, {"mail.example.com", "default"}}) {
    RunResult run = run_bimi(live_domain(domain, selector));
    EXPECT_EQ(run.exit_code, 0) << domain << " " << selector << "\n" << run.out;
  }
}

struct Fault {
  const char* what;
  const char* domain;
  const char* selector;
  std::vector<std::string> rules;  // every one must be reported
  const char* options = "";
};

// The faults BIMI deployments meet, one per name in the test zone.
const std::vector<Fault> faults{
    {"DMARC still at p=none", "example.net", "default", {"dmarc-policy-none"}},
    {"pct=50 with quarantine (RFC 7489)", "pct.example.com", "default", {"dmarc-pct"}, "--dmarc rfc7489"},
    {"DMARC in test mode", "testing.example.com", "default", {"dmarc-test-mode"}},
    {"np=none for a name that does not exist", "ghost.strict.example.com", "default", {"dmarc-policy-none"}},
    {"a subdomain overriding to none", "news.example.com", "default", {"dmarc-policy-none"}},
    {"the record on the wrong name", "example.org", "default", {"bimi-record-missing", "bimi-record-wrong-name"}},
    {"the logo answering 404", "example.com", "missing", {"https-status"}},
    {"a wrong content type", "example.com", "texttype", {"https-content-type"}},
    {"changed logo bytes", "example.com", "changed", {"logo-bytes", "logotype-hash"}},
    {"an expired certificate", "example.com", "expired", {"validity"}},
    {"several BIMI records", "example.com", "multi", {"bimi-record-multiple"}},
    {"a huge TXT record", "example.com", "huge", {"record-too-long"}},
    {"too many TXT records", "example.com", "many", {"dns-answer-too-large"}},
    {"SERVFAIL", "broken.test", "default", {"dns-failure"}},
    {"a redirect loop", "example.com", "loop", {"https-redirect"}},
    {"an oversized logo", "example.com", "big", {"https-too-large"}},
    {"a TLS name mismatch", "example.com", "badtls", {"https-tls"}},
    {"a server that never answers", "example.com", "stalled", {"https-timeout"}},
    {"a declination", "example.com", "declined", {"bimi-declined"}},
    {"not a certificate", "example.com", "garbage", {"certificate-unreadable"}},
    {"a redirect to an IP address", "example.com", "toip", {"https-host"}},
};

// A recorded run replays offline to the same report, byte for byte: the good chain, a faulty one
// and the SPF tree; the replay asks a DNS server that does not exist, so nothing comes from the network.
TEST(DomainCli, ARecordedRunReplaysOfflineToTheSameReport) {
  BIMI_REQUIRE_LOOPBACK();
  TempDir dir;
  for (const std::string domain : {"example.com", "spf-over.example.org", "testing.example.com"}) {
    SCOPED_TRACE(domain);
    std::string snapshot = (dir.path() / (domain + ".json")).string();
    RunResult live = run_bimi(live_domain(domain, "default", "--format json --record-dns " + shell_quote(snapshot)));
    ASSERT_TRUE(std::filesystem::exists(snapshot)) << live.out;
    RunResult replay = run_bimi("domain " + domain + " --format json --dns-server 127.0.0.1:9 --roots " +
                                shell_quote(loopback_world()->roots()) + " --dns-snapshot " + shell_quote(snapshot));
    EXPECT_EQ(replay.exit_code, live.exit_code);
    EXPECT_EQ(replay.out, live.out);
    RunResult text_live = run_bimi(live_domain(domain));
    RunResult text_replay = run_bimi("domain " + domain + " --roots " + shell_quote(loopback_world()->roots()) +
                                     " --dns-snapshot " + shell_quote(snapshot));
    EXPECT_EQ(text_replay.out, text_live.out);
  }
}

TEST(DomainCli, SnapshotUsageAndUnreadableSnapshots) {
  TempDir dir;
  std::string bad = (dir.path() / "bad.json").string();
  std::ofstream(bad) << "{\"bimi_snapshot\": 9}";
  RunResult unreadable = run_bimi("domain example.com --dns-snapshot " + shell_quote(bad), true);
  EXPECT_EQ(unreadable.exit_code, 3);
  EXPECT_NE(unreadable.out.find("not a bimi snapshot"), std::string::npos) << unreadable.out;
  EXPECT_EQ(run_bimi("domain example.com --dns-snapshot " + shell_quote(bad) + " --record-dns x.json").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --record-dns -").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --dns-snapshot " + shell_quote((dir.path() / "missing.json").string())).exit_code, 3);
}

TEST(DomainCli, EachInjectedFaultFailsWithItsFinding) {
  BIMI_REQUIRE_LOOPBACK();
  for (const auto& fault : faults) {
    SCOPED_TRACE(fault.what);
    RunResult run = run_bimi(live_domain(fault.domain, fault.selector, std::string("--format json ") + fault.options));
    EXPECT_EQ(run.exit_code, 1) << run.out;
    auto json = parse_json(run);
    EXPECT_EQ(schema_errors(schema_path("domain.json"), run.out), "") << run.out;
    EXPECT_FALSE(json["ready"].get<bool>());
    auto rules = rules_of(json);
    for (const auto& rule : fault.rules) EXPECT_TRUE(contains(rules, rule)) << rule << " missing in " << run.out;
  }
}

TEST(DomainCli, TodaysStandardsPassWhereOldCheckersFail) {
  BIMI_REQUIRE_LOOPBACK();
  // avp=personal is valid; lps= names the sender's selector; a three-label organizational domain
  // (psd=n) lends its record to its subdomain; a public suffix operator's policy applies.
  for (const auto& [domain, selector, extra] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"example.com", "avatar", ""},
           {"example.com", "brands", "--local-part news.letters"},
           {"example.com", "split", "--dmarc rfc7489"},
           {"mail.example.com", "default", "--dmarc rfc7489"}}) {
    RunResult run = run_bimi(live_domain(domain, selector, extra));
    EXPECT_EQ(run.exit_code, 0) << domain << " " << selector << "\n" << run.out;
  }
  RunResult news = run_bimi(live_domain("example.com", "brands", "--local-part news.letters --format json"));
  auto json = parse_json(news);
  EXPECT_EQ(json["steps"][1]["facts"].count("news-letters._bimi.example.com"), 1u) << news.out;
  EXPECT_EQ(schema_errors(schema_path("domain.json"), news.out), "") << news.out;
  RunResult shop = run_bimi(live_domain("mail.shop.example.com", "default", "--format json"));
  auto walked = parse_json(shop);
  EXPECT_EQ(walked["organizational_domain"], "shop.example.com");
  EXPECT_EQ(walked["steps"][1]["facts"].count("default._bimi.shop.example.com"), 1u) << shop.out;
}

TEST(DomainCli, ACertificateCloseToItsEndIsAWarning) {
  BIMI_REQUIRE_LOOPBACK();
  // The live certificate ends on 2025-01-01.
  std::string base = live_domain("example.com");
  std::string late = base.replace(base.find("2024-06-01"), 10, "2024-12-15");
  RunResult warned = run_bimi(late);
  EXPECT_EQ(warned.exit_code, 0) << warned.out;
  EXPECT_NE(warned.out.find("[certificate-expiring]"), std::string::npos) << warned.out;
  EXPECT_NE(warned.out.find("expires in 17 days"), std::string::npos) << warned.out;
  RunResult quiet = run_bimi(late + " --warn-days 10");
  EXPECT_EQ(quiet.out.find("[certificate-expiring]"), std::string::npos) << quiet.out;
  RunResult early = run_bimi(live_domain("example.com"));
  EXPECT_EQ(early.out.find("[certificate-expiring]"), std::string::npos) << early.out;
}

TEST(DomainCli, ADomainThatDoesNotExistIsSaidFirst) {
  BIMI_REQUIRE_LOOPBACK();
  RunResult run = run_bimi(live_domain("gone.example"));
  EXPECT_EQ(run.exit_code, 1);
  std::size_t first = run.out.find("error: ");
  ASSERT_NE(first, std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("[domain-not-found]"), run.out.find('[', first)) << run.out;
  EXPECT_NE(run.out.find("gone.example: does not exist (NXDOMAIN)"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("[dmarc-missing]"), std::string::npos) << run.out;
}

TEST(DomainCli, ADnsServerThatNeverAnswersIsAFindingInBoundedTime) {
  BIMI_REQUIRE_LOOPBACK();
  auto start = std::chrono::steady_clock::now();
  RunResult run = run_bimi("domain example.com --dns-server " + loopback_world()->silent_dns_server() + " --timeout 300");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("[dns-timeout]"), std::string::npos) << run.out;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

// ---- bimi domain over many domains ----

// The whole fault list in one run on worker threads: every domain gets the verdict and findings of
// its own run, in list order; a saved state compared with itself shows no drift, and a baseline
// that says a broken domain was ready is a change for the worse (exit 1).
TEST(DomainCli, AListOfDomainsOnWorkerThreadsWithDrift) {
  BIMI_REQUIRE_LOOPBACK();
  const auto* world = loopback_world();
  TempDir dir;
  std::string list = "# the loopback world\nexample.com\n";
  std::vector<const Fault*> listed;
  for (const auto& fault : faults) {
    if (std::string(fault.options).empty()) {
      list += std::string(fault.domain) + " " + fault.selector + "\n";
      listed.push_back(&fault);
    }
  }
  list += "example.com default\nnot..a.domain\n";
  std::string list_path = (dir.path() / "domains.txt").string();
  std::ofstream(list_path) << list;
  std::string state = (dir.path() / "state.json").string();
  std::string common = "domain --domains-file " + shell_quote(list_path) + " --dns-server " + world->dns_server() + " --ca-file " +
                       shell_quote(world->ca_file()) + " --roots " + shell_quote(world->roots()) +
                       " --at 2024-06-01T00:00:00Z --timeout 1500 --allow-private --concurrency 4 ";
  RunResult run = run_bimi(common + "--format jsonl --save " + shell_quote(state));
  EXPECT_EQ(run.exit_code, 1) << run.out;
  std::istringstream lines(run.out);
  std::vector<nlohmann::json> reports;
  for (std::string line; std::getline(lines, line);) reports.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(reports.size(), listed.size() + 2) << run.out;  // example.com once, each fault, the summary
  EXPECT_EQ(reports[0]["domain"], "example.com");
  EXPECT_TRUE(reports[0]["ready"].get<bool>()) << reports[0].dump();
  EXPECT_EQ(schema_errors(schema_path("domain.json"), reports[0].dump()), "");
  for (std::size_t i = 0; i < listed.size(); ++i) {
    SCOPED_TRACE(listed[i]->what);
    const auto& report = reports[i + 1];
    EXPECT_EQ(report["domain"], listed[i]->domain);
    EXPECT_EQ(report["selector"], listed[i]->selector);
    EXPECT_FALSE(report["ready"].get<bool>());
    auto rules = rules_of(report);
    for (const auto& rule : listed[i]->rules) EXPECT_TRUE(contains(rules, rule)) << rule;
  }
  auto summary = reports.back()["summary"];
  EXPECT_EQ(summary["domains"], listed.size() + 1);
  EXPECT_EQ(summary["ready"], 1);
  EXPECT_EQ(summary["invalid_lines"], 1);
  EXPECT_EQ(summary["duplicates"], 1);

  RunResult same = run_bimi(common + "--format json --baseline " + shell_quote(state));
  auto unchanged = parse_json(same);
  EXPECT_EQ(unchanged["summary"]["worse"], 0) << same.out;
  EXPECT_EQ(unchanged["summary"]["drift"], 0) << same.out;

  // A baseline in which the DMARC-at-none domain was ready and example.com's logo was another.
  auto saved = nlohmann::json::parse(std::ifstream(state));
  for (auto& entry : saved["domains"]) {
    if (entry["domain"] == "example.net") {
      entry["ready"] = true;
    } else if (entry["domain"] == "example.com" && entry["selector"] == "default") {
      entry["logo_sha256"] = std::string(64, '0');
    }
  }
  std::string edited = (dir.path() / "edited.json").string();
  std::ofstream(edited) << saved.dump();
  std::string page = (dir.path() / "dashboard.html").string();
  RunResult drift = run_bimi(common + "--format json --baseline " + shell_quote(edited) + " --html " + shell_quote(page));
  EXPECT_EQ(drift.exit_code, 1) << drift.out;
  auto report = parse_json(drift);
  EXPECT_EQ(report["summary"]["worse"], 1) << drift.out;
  EXPECT_EQ(report["summary"]["drift"], 2) << drift.out;
  for (const auto& domain : report["domains"]) {
    if (domain["domain"] == "example.net") {
      EXPECT_EQ(domain["drift"][0]["what"], "verdict-broken");
    } else if (domain["domain"] == "example.com" && domain["selector"] == "default") {
      EXPECT_EQ(domain["drift"][0]["what"], "logo-changed");
    }
  }

  // The dashboard in a real browser: rendered without script or policy errors, with the table, the
  // logos drawn from the checked bytes, the drift and the certificate timeline.
  const char* chromium = "/usr/bin/chromium";
  if (std::filesystem::exists(chromium)) {
    std::string flags = " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir=" +
                        shell_quote((dir.path() / "profile").string()) + " --enable-logging=stderr --v=0 ";
    std::string png = (dir.path() / "dashboard.png").string();
    auto shot = run_shell(shell_quote(chromium) + flags + "--window-size=1200,1600 --screenshot=" + shell_quote(png) + " " +
                          shell_quote("file://" + page) + " 2>&1");
    ASSERT_TRUE(std::filesystem::exists(png)) << shot.out;
    EXPECT_GT(std::filesystem::file_size(png), 20'000u);
    EXPECT_EQ(shot.out.find("Uncaught"), std::string::npos) << shot.out;
    EXPECT_EQ(shot.out.find("Content Security Policy"), std::string::npos) << shot.out;
    auto dom = run_shell(shell_quote(chromium) + flags + "--dump-dom " + shell_quote("file://" + page) + " 2>/dev/null");
    EXPECT_NE(dom.out.find("<table id=\"domains\">"), std::string::npos) << dom.out.substr(0, 2000);
    EXPECT_NE(dom.out.find("src=\"data:image/svg+xml;base64,"), std::string::npos);
    EXPECT_NE(dom.out.find("verdict-broken"), std::string::npos);
    EXPECT_NE(dom.out.find("<svg id=\"timeline\""), std::string::npos);
  }

  // A baseline that is not one is a clear error before any work.
  std::string broken = (dir.path() / "broken.json").string();
  std::ofstream(broken) << "{\"version\": 99, \"domains\": []}";
  RunResult refused = run_bimi(common + "--baseline " + shell_quote(broken), true);
  EXPECT_EQ(refused.exit_code, 3) << refused.out;
  EXPECT_NE(refused.out.find("another version"), std::string::npos) << refused.out;
}

// ---- bimi dmarc report --resolve ----

// The report's sources named by reverse DNS against the loopback zones: a forward-confirmed name, a
// name that does not resolve back, no name; and the sources summed by organization.
TEST(DmarcReportCli, ResolveNamesSourcesAndGroupsThemByOrganization) {
  BIMI_REQUIRE_LOOPBACK();
  std::string report;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(BIMI_SOURCE_DIR) + "/fixtures/dmarc-reports")) {
    if (entry.path().filename().string().rfind("fastmail.com!", 0) == 0) report = entry.path().string();
  }
  ASSERT_FALSE(report.empty());
  RunResult run = run_bimi("dmarc report " + shell_quote(report) + " --resolve --dns-server " + loopback_world()->dns_server() +
                           " --timeout 1500 --format json");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  auto json = parse_json(run);
  std::map<std::string, nlohmann::json> by_ip;
  for (const auto& source : json["sources"]) by_ip[source["source_ip"]] = source;
  ASSERT_EQ(by_ip.count("192.0.2.10"), 1u) << run.out;
  EXPECT_EQ(by_ip["192.0.2.10"]["reverse_name"], "outbound.example.com");
  EXPECT_TRUE(by_ip["192.0.2.10"]["reverse_confirmed"].get<bool>());
  EXPECT_EQ(by_ip["192.0.2.10"]["organization"], "example.com");
  EXPECT_EQ(by_ip["198.51.100.7"]["reverse_name"], "mta7.esp.test");
  EXPECT_FALSE(by_ip["198.51.100.7"]["reverse_confirmed"].get<bool>());
  EXPECT_TRUE(by_ip["203.0.113.25"]["reverse_name"].is_null());
  std::set<std::string> organizations;
  for (const auto& group : json["organizations"]) organizations.insert(group["organization"]);
  EXPECT_TRUE(organizations.count("example.com") == 1 && organizations.count("(no reverse name)") == 1) << json["organizations"].dump();
  EXPECT_EQ(schema_errors(schema_path("dmarc-report.json"), run.out), "") << run.out;
  RunResult text = run_bimi("dmarc report " + shell_quote(report) + " --resolve --dns-server " + loopback_world()->dns_server());
  EXPECT_NE(text.out.find("by sending organization (reverse DNS)"), std::string::npos) << text.out;
}

// A list of 300,000 lines (comments, one domain listed 100,000 times, 100,000 broken names) is read
// a line at a time: one check, every duplicate and bad line counted, no stuck run. DNS goes to a
// port where nothing listens.
TEST(DomainCli, AHugeListOfDuplicatesAndBrokenNamesIsBounded) {
  TempDir dir;
  std::string path = (dir.path() / "huge.txt").string();
  {
    std::ofstream out(path);
    for (int i = 0; i < 100000; ++i) out << "# line " << i << "\nexample.com\nbad..name" << i << "\n";
  }
  RunResult run = run_bimi("domain --domains-file " + shell_quote(path) +
                           " --dns-server 127.0.0.1:9 --timeout 200 --format jsonl --concurrency 4");
  EXPECT_EQ(run.exit_code, 1);
  std::string last = run.out.substr(run.out.rfind('\n', run.out.size() - 2) + 1);
  auto summary = nlohmann::json::parse(last)["summary"];
  EXPECT_EQ(summary["domains"], 1) << last;
  EXPECT_EQ(summary["duplicates"], 99999) << last;
  EXPECT_EQ(summary["invalid_lines"], 100000) << last;
}

TEST(DomainCli, TheLogoIsLinted) {
  BIMI_REQUIRE_LOOPBACK();
  // Without a certificate the logo alone is fetched and linted: it passes, the missing a= warns.
  RunResult run = run_bimi(live_domain("example.com", "nologo"));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("[bimi-no-evidence]"), std::string::npos);
  EXPECT_NE(run.out.find("certificate: skipped"), std::string::npos);
  // Without a certificate Gmail and Apple Mail show nothing; Yahoo shows the logo alone.
  EXPECT_NE(run.out.find("  Gmail: not shown: Gmail needs a VMC or a CMC [certificate-required]"), std::string::npos) << run.out;
  RunResult json_run = run_bimi(live_domain("example.com", "nologo", "--format json"));
  EXPECT_EQ(schema_errors(schema_path("domain.json"), json_run.out), "") << json_run.out;
  auto json = parse_json(json_run);
  EXPECT_EQ(json["mailboxes"][1]["requirement"], "certificate-required") << json_run.out;
  EXPECT_EQ(json["mailboxes"][2]["id"], "yahoo");
  EXPECT_EQ(json["mailboxes"][2]["mark"], "logo-only");
}

TEST(DomainCli, LoopbackAddressesAreFetchedOnlyWithAllowPrivate) {
  BIMI_REQUIRE_LOOPBACK();
  // l= names a host resolving to 127.0.0.1 and redirects to another such name.
  for (const char* selector : {"nologo", "toname"}) {
    SCOPED_TRACE(selector);
    RunResult refused = run_bimi(live_domain("example.com", selector, "--format json", false));
    EXPECT_EQ(refused.exit_code, 1) << refused.out;
    EXPECT_TRUE(contains(rules_of(parse_json(refused)), "https-private-address")) << refused.out;
    RunResult allowed = run_bimi(live_domain("example.com", selector));
    EXPECT_EQ(allowed.exit_code, 0) << allowed.out;
  }
  RunResult text = run_bimi(live_domain("example.com", "nologo", "", false));
  EXPECT_NE(text.out.find("127.0.0.1 is loopback"), std::string::npos) << text.out;
  // An IP literal stays refused with --allow-private: the host rules of l= apply to every hop.
  RunResult literal = run_bimi(live_domain("example.com", "toip"));
  EXPECT_NE(literal.out.find("[https-host]"), std::string::npos) << literal.out;
}

TEST(DomainCli, ARecordWithTerminalControlsIsShownInert) {
  BIMI_REQUIRE_LOOPBACK();
  RunResult text = run_bimi(live_domain("example.com", "controls"), true);
  EXPECT_EQ(text.exit_code, 1) << text.out;
  for (char control : {'\x1b', '\x07', '\r'}) EXPECT_EQ(text.out.find(control), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("\\x1b]0;owned\\x07\\x1b[2J.svg\\r\\nready: 0 errors;"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("\nready"), std::string::npos) << text.out;  // no forged line
  auto json = parse_json(run_bimi(live_domain("example.com", "controls", "--format json")));
  EXPECT_EQ(json["steps"][1]["facts"]["controls._bimi.example.com"],
            "v=BIMI1; l=https://logo.example.com/\x1b]0;owned\x07\x1b[2J.svg\r\nready: 0 errors;");
}

TEST(DomainCli, UsageAndInputErrors) {
  EXPECT_EQ(run_bimi("domain").exit_code, 2);
  EXPECT_EQ(run_bimi("domain 'bad domain'").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --selector '_bad'").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --at yesterday").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --format yaml").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --timeout 5").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --dmarc rfc7490").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --warn-days -1").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --local-part a@example.com").exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --local-part " + std::string(65, 'a')).exit_code, 2);
  EXPECT_EQ(run_bimi("domain example.com --roots /nonexistent/roots.pem").exit_code, 3);
  EXPECT_EQ(run_bimi("domain example.com --ca-file /nonexistent/ca.pem").exit_code, 3);
}

TEST(DomainCli, AClosedStandardOutputExitsFour) {
  EXPECT_EQ(run_bimi("record --parse 'v=BIMI1; l=;' >&-").exit_code, 4);
}

}  // namespace
}  // namespace bimi::test
