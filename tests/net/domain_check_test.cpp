// The domain check over the live servers: each finding about fetched documents appears for its
// faulty selector and not for the good one; the chain passes for example.com.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "bimi/net/dns.hpp"
#include "bimi/net/domain_check.hpp"
#include "bimi/records/rules.hpp"
#include "bimi/vmc/certificate.hpp"
#include "live_environment.hpp"

namespace bimi::net {
namespace {

struct Chain {
  DnsResolver dns;
  records::PublicSuffixList psl;
  ChainSources sources;
  std::string roots;
};

std::unique_ptr<Chain> chain(bool allow_private = true) {
  const auto* world = test::loopback_world();
  auto dns = DnsResolver::create({world->dns_server(), 2000, 2});
  auto psl = records::PublicSuffixList::load();
  auto result = std::make_unique<Chain>(Chain{std::get<DnsResolver>(std::move(dns)), std::get<records::PublicSuffixList>(std::move(psl)), {}, {}});
  Chain* c = result.get();
  c->sources.txt = [c](const std::string& name) { return c->dns.txt(name); };
  std::string ca = world->ca_file();
  c->sources.fetch = [c, ca, allow_private](const std::string& url, std::size_t max_bytes) {
    FetchOptions options;
    options.allow_private = allow_private;  // every server here is on 127.0.0.1
    options.ca_file = ca;
    options.max_bytes = max_bytes;
    options.timeout_ms = 1500;
    options.resolve = [c](const std::string& host) { return c->dns.addresses(host).addresses; };
    return fetch_https(url, options);
  };
  std::ifstream in(world->roots(), std::ios::binary);
  std::stringstream roots;
  roots << in.rdbuf();
  c->roots = roots.str();
  return result;
}

DomainReport check(Chain& c, const std::string& domain, const std::string& selector,
                   records::DmarcStandard standard = records::DmarcStandard::rfc9989,
                   const std::string& at = "2024-06-01T00:00:00Z", const std::string& local_part = "") {
  DomainCheckOptions options;
  options.domain = domain;
  options.selector = selector;
  options.dmarc = standard;
  options.local_part = local_part;
  options.at = *vmc::parse_time(at);
  options.roots_pem = c.roots;
  return check_domain(options, &c.psl, c.sources);
}

constexpr auto rfc7489 = records::DmarcStandard::rfc7489;

std::string fact(const Step& step, const std::string& key) {
  for (const auto& [name, value] : step.facts) {
    if (name == key) return value;
  }
  return {};
}

bool has_rule(const DomainReport& report, const std::string& rule) {
  for (const auto& step : report.steps) {
    if (step.findings.has_rule(rule)) return true;
  }
  return false;
}

std::string describe(const DomainReport& report) {
  std::string text;
  for (const auto& step : report.steps) {
    for (const auto& d : step.findings.items()) text += "\n  " + step.name + ": [" + d.rule + "] " + d.message;
  }
  return text;
}

TEST(DomainCheck, TheGoodChainIsReady) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  DomainReport report = check(*c, "example.com", "default");
  EXPECT_TRUE(report.ready()) << describe(report);
  ASSERT_EQ(report.steps.size(), 4u);
  EXPECT_FALSE(report.steps[2].skipped);
  ASSERT_TRUE(report.certificate);
  EXPECT_TRUE(report.certificate->valid());
}

TEST(DomainCheck, ADomainThatDoesNotExistIsSaidFirst) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  // The name is its own organizational domain: nothing applies, and the report says why.
  DomainReport apex = check(*c, "gone.example", "default");
  EXPECT_FALSE(apex.ready());
  ASSERT_FALSE(apex.steps.empty());
  const Step& dmarc = apex.steps[0];
  ASSERT_FALSE(dmarc.findings.empty()) << describe(apex);
  EXPECT_EQ(dmarc.findings.items()[0].rule, "domain-not-found") << describe(apex);
  EXPECT_FALSE(has_rule(apex, "dmarc-missing")) << describe(apex);
  ASSERT_FALSE(dmarc.facts.empty());
  EXPECT_EQ(dmarc.facts[0].first, "gone.example");

  // Below an existing organizational domain the inherited policy is still evaluated, after it.
  DomainReport below = check(*c, "ghost.example.com", "default");
  ASSERT_FALSE(below.steps[0].findings.empty());
  EXPECT_EQ(below.steps[0].findings.items()[0].rule, "domain-not-found") << describe(below);
  EXPECT_TRUE(has_rule(below, "dmarc-applied-policy"));

  DomainReport good = check(*c, "example.com", "default");
  EXPECT_FALSE(has_rule(good, "domain-not-found"));
}

struct FetchFault {
  std::string selector;
  std::string rule;
  bool allow_private = true;
  std::string at = "2024-06-01T00:00:00Z";  // the live certificate ends on 2025-01-01
};

const std::vector<FetchFault> fetch_faults{
    {"nohost", "https-failure"},        {"badtls", "https-tls"},         {"stalled", "https-timeout"},
    {"missing", "https-status"},        {"loop", "https-redirect"},      {"tohttp", "https-redirect"},
    {"big", "https-too-large"},         {"texttype", "https-content-type"}, {"texttype", "https-certificate-type"},
    {"garbage", "certificate-unreadable"},  {"toip", "https-host"},
    {"toname", "https-private-address", false},  {"default", "https-private-address", false},
    {"default", "certificate-expiring", true, "2024-12-15T00:00:00Z"},
};

TEST(DomainCheck, EachFetchFaultGivesItsFinding) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  auto strict = chain(false);
  DomainReport good = check(*c, "example.com", "default");
  for (const auto& fault : fetch_faults) {
    SCOPED_TRACE(fault.selector + " " + fault.rule);
    DomainReport report = check(fault.allow_private ? *c : *strict, "example.com", fault.selector,
                                records::DmarcStandard::rfc9989, fault.at);
    EXPECT_TRUE(has_rule(report, fault.rule)) << describe(report);
    if (fault.rule != "certificate-expiring") {
      EXPECT_FALSE(report.ready());
    }
    EXPECT_FALSE(has_rule(good, fault.rule));
  }
}

TEST(DomainCheck, EveryFetchRuleHasAFault) {
  std::set<std::string> covered;
  for (const auto& fault : fetch_faults) covered.insert(fault.rule);
  for (const auto& rule : records::rule_table()) {
    std::string_view id = rule.id;
    if (id.rfind("https-", 0) == 0 || id.rfind("certificate-", 0) == 0) {
      EXPECT_TRUE(covered.count(std::string(id))) << id;
    }
  }
}

TEST(DomainCheck, WithoutThePublishedLogoTheCertificateIsStillChecked) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  DomainReport report = check(*c, "example.com", "missing");
  ASSERT_TRUE(report.certificate);
  EXPECT_TRUE(report.certificate->valid());
  bool said = false;
  for (const auto& [key, value] : report.steps[3].facts) said = said || key == "logo compared";
  EXPECT_TRUE(said);
}

TEST(DomainCheck, FallbackVerifiesTheCertificateForTheDomainThatInherits) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  for (auto standard : {records::DmarcStandard::rfc9989, rfc7489}) {
    DomainReport report = check(*c, "mail.example.com", "default", standard);
    EXPECT_TRUE(report.ready()) << describe(report);
    EXPECT_EQ(report.organizational_domain, "example.com");
    EXPECT_TRUE(has_rule(report, "bimi-record-fallback"));
    // The certificate names example.com, whose record mail.example.com inherited.
    EXPECT_EQ(fact(report.steps[3], "verified for"),
              "default at mail.example.com, which inherited the record of example.com (the certificate names example.com)");
  }
  // Its own record: the certificate must name it, and does not.
  DomainReport own = check(*c, "example.net", "default");
  EXPECT_EQ(fact(own.steps[3], "verified for"), "default at example.net");
}

TEST(DomainCheck, EveryVerdictSaysWhichStandardItApplied) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  DomainReport walked = check(*c, "example.com", "default");
  EXPECT_EQ(walked.dmarc_standard, records::DmarcStandard::rfc9989);
  EXPECT_EQ(fact(walked.steps[0], "standard"), "RFC 9989");
  EXPECT_TRUE(walked.steps[0].findings.has_rule("dmarc-tree-walk"));
  DomainReport listed = check(*c, "example.com", "default", rfc7489);
  EXPECT_EQ(fact(listed.steps[0], "standard"), "RFC 7489");
  EXPECT_FALSE(listed.steps[0].findings.has_rule("dmarc-tree-walk"));
  EXPECT_TRUE(listed.ready()) << describe(listed);
}

TEST(DomainCheck, TheTreeWalkFindsAThreeLabelOrganizationalDomain) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  // _dmarc.shop.example.com has psd=n and p=reject; _dmarc.example.com applies to the rest.
  DomainReport walked = check(*c, "mail.shop.example.com", "default");
  EXPECT_EQ(walked.organizational_domain, "shop.example.com");
  EXPECT_FALSE(walked.steps[0].findings.has_errors()) << describe(walked);
  EXPECT_NE(fact(walked.steps[0], "applied policy").find("_dmarc.shop.example.com"), std::string::npos);
  // The BIMI record falls back to the organizational domain the walk found, same selector.
  EXPECT_NE(fact(walked.steps[1], "found at").find("shop.example.com"), std::string::npos) << describe(walked);
  // The Public Suffix List says example.com: another record, another verdict.
  DomainReport listed = check(*c, "mail.shop.example.com", "default", rfc7489);
  EXPECT_EQ(listed.organizational_domain, "example.com");
  EXPECT_NE(fact(listed.steps[0], "applied policy").find("_dmarc.example.com"), std::string::npos);
}

TEST(DomainCheck, APublicSuffixOperatorsPolicyApplies) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  // _dmarc.shops.example.org has psd=y, p=reject and np=none; brand.shops.example.org has no record.
  DomainReport real = check(*c, "mail.brand.shops.example.org", "default");
  EXPECT_EQ(real.organizational_domain, "brand.shops.example.org");
  EXPECT_NE(fact(real.steps[0], "applied policy").find("public suffix operator"), std::string::npos) << describe(real);
  EXPECT_FALSE(real.steps[0].findings.has_errors()) << describe(real);
  DomainReport ghost = check(*c, "ghost.brand.shops.example.org", "default");
  EXPECT_TRUE(ghost.steps[0].findings.has_rule("dmarc-policy-none")) << describe(ghost);  // np=none
}

TEST(DomainCheck, TestModeAndNpAreNotEnforcement) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  DomainReport testing = check(*c, "testing.example.com", "default");
  EXPECT_TRUE(testing.steps[0].findings.has_rule("dmarc-test-mode")) << describe(testing);
  EXPECT_FALSE(testing.ready());
  // RFC 7489 has no t=: the same record enforces.
  EXPECT_FALSE(check(*c, "testing.example.com", "default", rfc7489).steps[0].findings.has_rule("dmarc-test-mode"));
  DomainReport ghost = check(*c, "ghost.strict.example.com", "default");
  EXPECT_TRUE(ghost.steps[0].findings.has_rule("dmarc-policy-none")) << describe(ghost);
  DomainReport real = check(*c, "mail.strict.example.com", "default");
  EXPECT_FALSE(real.steps[0].findings.has_errors()) << describe(real);
}

TEST(DomainCheck, AvatarPreferenceAndLocalPartSelectors) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  DomainReport avatar = check(*c, "example.com", "avatar");
  EXPECT_TRUE(avatar.ready()) << describe(avatar);
  EXPECT_FALSE(has_rule(avatar, "bimi-tag-value"));
  // lps=news- at brands._bimi: the local part news.letters names news-letters._bimi.
  DomainReport news = check(*c, "example.com", "brands", records::DmarcStandard::rfc9989, "2024-06-01T00:00:00Z", "News.Letters+x");
  EXPECT_TRUE(has_rule(news, "bimi-local-part-selector"));
  bool used = false;
  for (const auto& [key, value] : news.steps[1].facts) used = used || key == "news-letters._bimi.example.com";
  EXPECT_TRUE(used) << describe(news);
  EXPECT_TRUE(news.ready()) << describe(news);
  DomainReport offers = check(*c, "example.com", "brands", records::DmarcStandard::rfc9989, "2024-06-01T00:00:00Z", "offers");
  bool first = false;
  for (const auto& [key, value] : offers.steps[1].facts) first = first || key == "brands._bimi.example.com";
  EXPECT_TRUE(first) << describe(offers);
}

}  // namespace
}  // namespace bimi::net
