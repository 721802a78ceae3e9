// The message check over DNS and HTTPS in memory: each rule of the message table that the check
// itself raises (the author, the SMTP facts, SPF and DKIM as the message met them, alignment, the
// selector header, l=, received BIMI fields, a trusted ARC chain) fires on a failing message and not
// on its passing neighbour, and the verdict names the first broken link. The end-to-end scenarios
// over NSD and nginx run the binary (message_scenarios_test.cpp).
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <yaml-cpp/yaml.h>

#include "bimi/auth/rules.hpp"
#include "bimi/net/message_check.hpp"
#include "bimi/vmc/certificate.hpp"
#include "dkim_signer.hpp"
#include "zone_resolver.hpp"

namespace bimi::net {
namespace {

using auth::testing::make_key;
using auth::testing::sign;
using auth::testing::SignOptions;
using auth::testing::TestKey;

const TestKey& rsa() {
  static const TestKey key = make_key(false);
  return key;
}
const TestKey& ed() {
  static const TestKey key = make_key(true);
  return key;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string logo_url = "https://example.com/logo.svg";

// The zone: TXT records by name (names with "TIMEOUT" time out), SPF's resolver, and the files the
// fetcher serves.
struct World {
  std::map<std::string, std::string> txt{
      {"_dmarc.example.com", "v=DMARC1; p=reject"},
      {"s1._domainkey.example.com", rsa().record},
      {"e1._domainkey.example.com", ed().record},
      {"s1._domainkey.esp.test", rsa().record},
      {"s1._domainkey.mail.example.com", rsa().record},
      {"default._bimi.example.com", "v=BIMI1; l=" + logo_url},
  };
  std::set<std::string> timeouts;
  std::string spf_zone =
      "example.com TXT v=spf1 ip4:192.0.2.10 -all\n"
      "esp.test TXT v=spf1 ip4:192.0.2.20 -all\n";
  std::map<std::string, std::string> files{
      {logo_url, read_file(std::string(BIMI_SOURCE_DIR) + "/samples/compliant/example.svg")}};

  ChainSources sources() const {
    ChainSources out;
    out.txt = [txt = txt, timeouts = timeouts](const std::string& name) {
      records::TxtLookup lookup;
      if (timeouts.count(name) != 0) {
        lookup.status = records::LookupStatus::timeout;
        lookup.detail = "timed out";
        return lookup;
      }
      auto found = txt.find(name);
      if (found != txt.end()) {
        lookup.status = records::LookupStatus::found;
        lookup.records.push_back(found->second);
        return lookup;
      }
      // A name with records below it exists (NOERROR, no TXT); anything else is NXDOMAIN.
      lookup.status = records::LookupStatus::no_name;
      for (const auto& [other, value] : txt) {
        if (other.size() > name.size() && other.compare(other.size() - name.size(), name.size(), name) == 0 &&
            other[other.size() - name.size() - 1] == '.') {
          lookup.status = records::LookupStatus::no_records;
        }
      }
      return lookup;
    };
    out.fetch = [files = files](const std::string& url, std::size_t) {
      FetchResult result;
      auto found = files.find(url);
      result.final_url = url;
      if (found == files.end()) {
        result.status = FetchStatus::ok;
        result.http_status = 404;
        return result;
      }
      result.status = FetchStatus::ok;
      result.http_status = 200;
      result.content_type = url.ends_with(".svg") ? "image/svg+xml" : "application/pem-certificate-chain";
      result.body = found->second;
      return result;
    };
    auto resolver = std::make_shared<auth::testing::ZoneResolver>();
    resolver->add_lines(spf_zone);
    out.spf_dns = resolver;
    return out;
  }
};

const std::string headers =
    "Received: from mail.example.com (mail.example.com [192.0.2.10])\r\n"
    "\tby mx.receiver.test with ESMTPS; Mon, 3 Jun 2024 10:00:00 +0000\r\n"
    "Return-Path: <bounce@example.com>\r\n"
    "From: Brand <news@example.com>\r\n"
    "To: someone@receiver.test\r\n"
    "Subject: The June offer\r\n"
    "Date: Mon, 3 Jun 2024 09:59:58 +0000\r\n"
    "Message-ID: <offer-1@example.com>\r\n";
const std::string body = "\r\nHello,\r\nthe June offer is here.\r\n";

std::string signed_message(const std::string& head, const TestKey& key, const SignOptions& options = {}) {
  std::string message = head + body;
  return sign(message, key, options) + message;
}

struct Judged {
  MessageReport report;
  std::string describe() const {
    std::string text = report.verdict;
    for (const auto& finding : report.findings.items()) text += "\n  [" + finding.rule + "] " + finding.message;
    if (report.chain) {
      for (const auto& step : report.chain->steps) {
        for (const auto& finding : step.findings.items()) text += "\n  " + step.name + ": [" + finding.rule + "] " + finding.message;
      }
    }
    return text;
  }
  bool has(const std::string& rule) const { return report.findings.has_rule(rule); }
  std::string broken() const { return report.first_broken ? report.first_broken->rule : std::string(); }
};

Judged check(const std::string& text, const World& world = World{}, MessageCheckOptions options = {}) {
  Diagnostics problems;
  auto message = auth::parse_message(text, problems);
  EXPECT_TRUE(message.has_value());
  options.at = *vmc::parse_time("2024-06-03T10:00:00Z");
  if (!message) return {};
  return {check_message(*message, options, nullptr, world.sources())};
}

// A run shares DMARC, organizational domains and SPF between messages: the second message of a
// sender is judged as the first, and no map grows past its bound however many senders come.
TEST(RunCacheTest, EachMapIsBounded) {
  World world;
  ChainSources sources = world.sources();
  MessageCheckOptions options;
  options.at = *vmc::parse_time("2024-06-03T10:00:00Z");
  RunCache cache;
  auto judge = [&](const std::string& text, RunCache* with) {
    Diagnostics problems;
    auto message = auth::parse_message(text, problems);
    EXPECT_TRUE(message.has_value());
    return check_message(*message, options, nullptr, sources, with);
  };
  std::string signed_text = signed_message(headers, rsa());
  MessageReport alone = judge(signed_text, nullptr);
  for (int i = 0; i < 2; ++i) {
    MessageReport shared = judge(signed_text, &cache);
    EXPECT_EQ(shared.verdict, alone.verdict);
    EXPECT_EQ(shared.dmarc.result, alone.dmarc.result);
    EXPECT_EQ(shared.spf.result, alone.spf.result);
    EXPECT_EQ(shared.findings.items().size(), alone.findings.items().size());
  }
  EXPECT_EQ(cache.dmarc.size(), 1u);
  EXPECT_EQ(cache.spf.size(), 1u);
  for (std::size_t i = 0; i < RunCache::max_entries + 10; ++i) {
    std::string domain = "sender" + std::to_string(i) + ".example";
    judge("Received: from mta." + domain + " (mta." + domain + " [192.0.2.10])\r\n\tby mx.receiver.test; Mon, 3 Jun 2024 10:00:00 +0000\r\n"
          "Return-Path: <b@" + domain + ">\r\nFrom: <news@" + domain + ">\r\n\r\nHi\r\n", &cache);
  }
  EXPECT_EQ(cache.dmarc.size(), RunCache::max_entries);
  EXPECT_EQ(cache.spf.size(), RunCache::max_entries);
  EXPECT_LE(cache.organizational.size(), RunCache::max_entries);
}

TEST(MessageCheck, AnAlignedSignatureAndAlignedSpfShowTheLogo) {
  Judged run = check(signed_message(headers, rsa()));
  EXPECT_TRUE(run.report.shown) << run.describe();
  EXPECT_EQ(run.report.spf.result, "pass");
  EXPECT_TRUE(run.report.spf.aligned);
  ASSERT_EQ(run.report.dkim.size(), 1u);
  EXPECT_TRUE(run.report.dkim[0].aligned);
  EXPECT_EQ(run.report.dmarc.result, "pass");
  EXPECT_TRUE(run.report.dmarc.enforcing);
  EXPECT_EQ(run.report.bimi.result, "pass");
  EXPECT_EQ(run.report.bimi.record_domain, "example.com");
  EXPECT_FALSE(run.report.first_broken);
  EXPECT_EQ(run.report.facts_source, FactsSource::received);
  EXPECT_TRUE(run.has("smtp-facts-received"));
  for (const char* rule : {"spf-not-pass", "spf-not-aligned", "dkim-not-aligned", "dmarc-not-aligned", "bimi-partial-body",
                           "smtp-facts-missing", "bimi-skipped", "bimi-headers-received", "dmarc-no-policy"}) {
    EXPECT_FALSE(run.has(rule)) << rule;
  }

  // The receiver's header block: every method, the draft's BIMI properties, the logo's fields.
  auto fields = receiver_fields(run.report, "mx.receiver.test");
  ASSERT_EQ(fields.size(), 3u);
  std::string results = fields[0];
  for (const char* part : {"Authentication-Results: mx.receiver.test;", "spf=pass", "smtp.mailfrom=bounce@example.com",
                           "dkim=pass", "header.s=s1", "dmarc=pass", "header.from=example.com", "bimi=pass", "header.d=example.com",
                           "header.selector=default", "policy.authority=none", "policy.indicator-uri=\"https://example.com/logo.svg\"",
                           "policy.indicator-hash="}) {
    EXPECT_NE(results.find(part), std::string::npos) << part << " in\n" << results;
  }
  EXPECT_EQ(fields[1].rfind("BIMI-Location: v=BIMI1;", 0), 0u) << fields[1];
  EXPECT_EQ(fields[2].rfind("BIMI-Indicator: ", 0), 0u) << fields[2];
}

TEST(MessageCheck, GivenSmtpFactsReplaceTheReceivedField) {
  MessageCheckOptions options;
  options.ip = "192.0.2.10";
  options.helo = "mail.example.com";
  options.mail_from = "bounce@example.com";
  Judged run = check(signed_message(headers, ed()), World{}, options);
  EXPECT_TRUE(run.report.shown) << run.describe();
  EXPECT_EQ(run.report.facts_source, FactsSource::options);
  EXPECT_FALSE(run.has("smtp-facts-received"));
}

TEST(MessageCheck, WithoutAClientAddressSpfIsNone) {
  std::string head = headers.substr(headers.find("Return-Path:"));
  Judged run = check(signed_message(head, rsa()));
  EXPECT_TRUE(run.has("smtp-facts-missing")) << run.describe();
  EXPECT_EQ(run.report.spf.result, "none");
  EXPECT_TRUE(run.report.shown) << "DKIM alone carries DMARC: " << run.describe();
}

TEST(MessageCheck, SpfAlignedOnlyWithABounceDomainFailsDmarc) {
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.20");
  head.replace(head.find("bounce@example.com"), 18, "bounce@esp.test");
  Judged run = check(head + body);
  EXPECT_EQ(run.report.spf.result, "pass");
  EXPECT_FALSE(run.report.spf.aligned);
  EXPECT_TRUE(run.has("spf-not-aligned")) << run.describe();
  EXPECT_EQ(run.report.dmarc.result, "fail");
  EXPECT_EQ(run.broken(), "dmarc-not-aligned") << run.describe();
  EXPECT_EQ(run.report.bimi.result, "skipped");
  EXPECT_FALSE(run.report.shown);
}

TEST(MessageCheck, SpfThatFailsIsSaid) {
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.99");
  Judged run = check(signed_message(head, rsa()));
  EXPECT_EQ(run.report.spf.result, "fail");
  EXPECT_TRUE(run.has("spf-not-pass")) << run.describe();
  EXPECT_TRUE(run.report.shown) << "the aligned signature still carries DMARC";
}

TEST(MessageCheck, AThirdPartySignatureDoesNotAlign) {
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.20");
  head.replace(head.find("bounce@example.com"), 18, "bounce@esp.test");
  SignOptions options;
  options.domain = "esp.test";
  Judged run = check(signed_message(head, rsa(), options));
  ASSERT_EQ(run.report.dkim.size(), 1u);
  EXPECT_EQ(run.report.dkim[0].verification.result, auth::DkimResult::pass);
  EXPECT_FALSE(run.report.dkim[0].aligned);
  EXPECT_TRUE(run.has("dkim-not-aligned")) << run.describe();
  EXPECT_EQ(run.broken(), "dmarc-not-aligned");
}

TEST(MessageCheck, StrictDkimAlignmentRejectsASubdomainSigner) {
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.99");
  SignOptions options;
  options.domain = "mail.example.com";
  std::string message = signed_message(head, rsa(), options);
  Judged relaxed = check(message);
  EXPECT_TRUE(relaxed.report.shown) << relaxed.describe();
  World strict;
  strict.txt["_dmarc.example.com"] = "v=DMARC1; p=reject; adkim=s";
  Judged run = check(message, strict);
  EXPECT_FALSE(run.report.dkim[0].aligned);
  EXPECT_EQ(run.report.dmarc.adkim, 's');
  EXPECT_EQ(run.broken(), "dmarc-not-aligned") << run.describe();
}

TEST(MessageCheck, ABodyLengthSignatureAloneKeepsTheLogoAway) {
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.99");
  SignOptions options;
  options.extra_tags = "l=10; ";
  Judged run = check(signed_message(head, rsa(), options));
  EXPECT_EQ(run.report.dmarc.result, "pass") << run.describe();
  EXPECT_TRUE(run.has("bimi-partial-body"));
  EXPECT_EQ(run.broken(), "bimi-partial-body");
  EXPECT_EQ(run.report.bimi.result, "skipped");
  // With aligned SPF as well, DMARC does not rest on the l= signature.
  Judged spf = check(signed_message(headers, rsa(), options));
  EXPECT_FALSE(spf.has("bimi-partial-body")) << spf.describe();
  EXPECT_TRUE(spf.report.shown);
}

TEST(MessageCheck, ABodyChangedAfterSigningIsNamedBeforeAlignment) {
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.99");
  std::string message = signed_message(head, rsa()) + "appended\r\n";
  Judged run = check(message);
  EXPECT_EQ(run.report.dmarc.result, "fail");
  EXPECT_EQ(run.broken(), "dkim-body-hash") << run.describe();
}

TEST(MessageCheck, TheSelectorHeaderCountsOnlyWhenTheAlignedSignatureCoversIt) {
  World world;
  world.txt.erase("default._bimi.example.com");
  world.txt["brand._bimi.example.com"] = "v=BIMI1; l=" + logo_url;
  std::string head = headers + "BIMI-Selector: v=BIMI1; s=brand;\r\n";
  SignOptions covered;
  covered.headers = "from:to:subject:bimi-selector";
  Judged signed_run = check(signed_message(head, rsa(), covered), world);
  EXPECT_TRUE(signed_run.report.shown) << signed_run.describe();
  EXPECT_EQ(signed_run.report.bimi.selector, "brand");
  EXPECT_FALSE(signed_run.has("bimi-selector-unsigned"));

  Judged unsigned_run = check(signed_message(head, rsa()), world);
  EXPECT_TRUE(unsigned_run.has("bimi-selector-unsigned")) << unsigned_run.describe();
  EXPECT_EQ(unsigned_run.report.bimi.selector, "default");
  EXPECT_EQ(unsigned_run.report.bimi.result, "none");
  EXPECT_EQ(unsigned_run.broken(), "bimi-selector-unsigned");
}

TEST(MessageCheck, BrokenOrRepeatedSelectorHeadersAreIgnored) {
  Judged invalid = check(signed_message(headers + "BIMI-Selector: s=brand; v=BIMI1\r\n", rsa()));
  EXPECT_TRUE(invalid.has("bimi-selector-invalid")) << invalid.describe();
  EXPECT_TRUE(invalid.report.shown);
  Judged repeated = check(signed_message(headers + "BIMI-Selector: v=BIMI1; s=a;\r\nBIMI-Selector: v=BIMI1; s=b;\r\n", rsa()));
  EXPECT_TRUE(repeated.has("bimi-selector-multiple")) << repeated.describe();
  EXPECT_FALSE(repeated.has("bimi-selector-invalid"));
}

TEST(MessageCheck, ReceivedOrSignedBimiFieldsAreReported) {
  std::string head = headers + "BIMI-Location: v=BIMI1; l=https://attacker.test/logo.svg\r\n";
  Judged received = check(signed_message(head, rsa()));
  EXPECT_TRUE(received.has("bimi-headers-received")) << received.describe();
  EXPECT_FALSE(received.has("bimi-headers-signed"));
  EXPECT_TRUE(received.report.shown) << "the field is ignored, not fatal";
  SignOptions options;
  options.headers = "from:to:subject:bimi-location";
  Judged signed_run = check(signed_message(head, rsa(), options));
  EXPECT_TRUE(signed_run.has("bimi-headers-signed")) << signed_run.describe();
}

TEST(MessageCheck, PolicyNoneAndTestModeAreNotEnforcement) {
  World none;
  none.txt["_dmarc.example.com"] = "v=DMARC1; p=none";
  Judged run = check(signed_message(headers, rsa()), none);
  EXPECT_EQ(run.report.dmarc.result, "pass");
  EXPECT_FALSE(run.report.dmarc.enforcing);
  EXPECT_EQ(run.broken(), "dmarc-policy-none") << run.describe();
  EXPECT_TRUE(run.has("bimi-skipped"));
  World test_mode;
  test_mode.txt["_dmarc.example.com"] = "v=DMARC1; p=reject; t=y";
  EXPECT_EQ(check(signed_message(headers, rsa()), test_mode).broken(), "dmarc-test-mode");
}

TEST(MessageCheck, NoDmarcRecordIsNoPolicy) {
  World world;
  world.txt.erase("_dmarc.example.com");
  Judged run = check(signed_message(headers, rsa()), world);
  EXPECT_EQ(run.report.dmarc.result, "none");
  EXPECT_TRUE(run.has("dmarc-no-policy")) << run.describe();
  EXPECT_FALSE(run.report.shown);
}

TEST(MessageCheck, ADnsTimeoutIsATemporaryError) {
  World world;
  world.timeouts = {"s1._domainkey.example.com"};
  std::string head = headers;
  head.replace(head.find("192.0.2.10"), 10, "192.0.2.99");
  Judged run = check(signed_message(head, rsa()), world);
  EXPECT_EQ(run.report.dkim[0].verification.result, auth::DkimResult::temperror);
  EXPECT_EQ(run.report.dmarc.result, "temperror") << run.describe();
  EXPECT_TRUE(run.has("dmarc-temperror"));
  EXPECT_EQ(run.broken(), "dkim-key-dns");
  Judged fine = check(signed_message(head, rsa()));
  EXPECT_FALSE(fine.has("dmarc-temperror"));
}

TEST(MessageCheck, NotExactlyOneAuthorSkipsBimi) {
  std::string two = headers;
  two.replace(two.find("From: Brand <news@example.com>"), 30, "From: news@example.com, other@example.com");
  Judged run = check(two + body);
  EXPECT_FALSE(run.report.author);
  EXPECT_TRUE(run.has("from-multiple-addresses")) << run.describe();
  EXPECT_EQ(run.broken(), "from-multiple-addresses");
  EXPECT_EQ(run.report.bimi.result, "skipped");
  std::string none = headers;
  none.erase(none.find("From: "), std::string("From: Brand <news@example.com>\r\n").size());
  EXPECT_EQ(check(none + body).broken(), "from-missing");
}

TEST(MessageCheck, ADeclinationRecordIsDeclined) {
  World world;
  world.txt["default._bimi.example.com"] = "v=BIMI1; l=; a=;";
  Judged run = check(signed_message(headers, rsa()), world);
  EXPECT_EQ(run.report.bimi.result, "declined") << run.describe();
  EXPECT_EQ(run.broken(), "bimi-declined");
}

TEST(MessageCheck, ALogoThatCannotBeFetchedFailsBimi) {
  World world;
  world.files.clear();
  Judged run = check(signed_message(headers, rsa()), world);
  EXPECT_EQ(run.report.bimi.result, "fail") << run.describe();
  EXPECT_EQ(run.broken(), "https-status");
  EXPECT_EQ(run.report.first_broken->step, "logo");
}

// The ARC validation suite's passing chain (example.org sealed a message from d1.example.org):
// DMARC fails here, and a receiver that trusts example.org may take the dmarc=pass it recorded.
TEST(MessageCheck, ATrustedArcSealerCarriesDmarc) {
  auto suite = YAML::LoadAllFromFile(std::string(BIMI_SOURCE_DIR) + "/fixtures/conformance/arc/arc-draft-validation-tests.yml");
  ASSERT_FALSE(suite.empty());
  std::string text = suite[0]["tests"]["cv_pass_i1_1"]["message"].as<std::string>();
  World world;
  world.txt.clear();
  for (const auto& record : suite[0]["txt-records"]) world.txt[record.first.as<std::string>()] = record.second.as<std::string>();
  world.txt["_dmarc.d1.example.org"] = "v=DMARC1; p=quarantine";
  world.txt["default._bimi.d1.example.org"] = "v=BIMI1; l=" + logo_url;
  world.spf_zone = "d1.example.org TXT v=spf1 -all\n";
  MessageCheckOptions options;
  options.ip = "192.0.2.99";
  Judged untrusted = check(text, world, options);
  EXPECT_EQ(untrusted.report.arc.validation.result, auth::ArcResult::pass) << untrusted.describe();
  EXPECT_EQ(untrusted.report.dmarc.result, "fail");
  EXPECT_FALSE(untrusted.has("arc-trusted-override"));
  EXPECT_FALSE(untrusted.report.shown);

  options.trusted_arc_sealers = {"example.org"};
  Judged trusted = check(text, world, options);
  EXPECT_TRUE(trusted.has("arc-trusted-override")) << trusted.describe();
  EXPECT_TRUE(trusted.report.dmarc.arc_override);
  EXPECT_EQ(trusted.report.arc.recorded_dmarc, "pass");
  EXPECT_TRUE(trusted.report.shown) << trusted.describe();
}

// Every rule of the message table is raised somewhere: by the check (the tests above) or by the
// verifiers it runs (tests/auth).
TEST(MessageCheck, EveryRuleIsCited) {
  std::set<std::string_view> ids;
  for (const auto& rule : auth::rule_table()) {
    EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate " << rule.id;
    EXPECT_FALSE(rule.citation.empty()) << rule.id;
  }
  std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/docs/message-checks.md", std::ios::binary);
  std::stringstream docs;
  docs << in.rdbuf();
  EXPECT_EQ(docs.str(), auth::rules_markdown()) << "docs/message-checks.md is stale: bimi rules --set message --format markdown";
}

// The threads of a run check a sender's BIMI steps once: a thread that asks while another checks
// waits for that report; a failed check reaches every waiting caller; past the bound, nothing is kept.
TEST(ChainReportsTest, OneCheckPerSenderAcrossThreads) {
  ChainReports chains;
  std::atomic<int> checks{0};
  std::atomic<bool> release{false};
  auto slow_check = [&] {
    ++checks;
    while (!release) std::this_thread::yield();
    DomainReport report;
    report.domain = "example.com";
    return report;
  };
  std::vector<std::shared_ptr<const DomainReport>> seen(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i)
    threads.emplace_back([&, i] { seen[i] = chains.get("example.com", slow_check); });
  while (checks == 0) std::this_thread::yield();
  release = true;
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(checks, 1);
  for (const auto& report : seen) EXPECT_EQ(report.get(), seen.front().get());
  EXPECT_EQ(chains.size(), 1u);

  EXPECT_THROW(chains.get("broken.example", []() -> DomainReport { throw std::runtime_error("no"); }), std::runtime_error);
  EXPECT_THROW(chains.get("broken.example", [] { return DomainReport{}; }), std::runtime_error);

  for (std::size_t i = chains.size(); i < ChainReports::max_entries + 5; ++i)
    chains.get("sender" + std::to_string(i) + ".example", [] { return DomainReport{}; });
  EXPECT_EQ(chains.size(), ChainReports::max_entries);
}

}  // namespace
}  // namespace bimi::net
