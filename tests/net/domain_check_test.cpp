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

DomainReport check(Chain& c, const std::string& domain, const std::string& selector) {
  DomainCheckOptions options;
  options.domain = domain;
  options.selector = selector;
  options.at = *vmc::parse_time("2024-06-01T00:00:00Z");
  options.roots_pem = c.roots;
  return check_domain(options, c.psl, c.sources);
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
};

const std::vector<FetchFault> fetch_faults{
    {"nohost", "https-failure"},        {"badtls", "https-tls"},         {"stalled", "https-timeout"},
    {"missing", "https-status"},        {"loop", "https-redirect"},      {"tohttp", "https-redirect"},
    {"big", "https-too-large"},         {"texttype", "https-content-type"}, {"texttype", "https-certificate-type"},
    {"garbage", "certificate-unreadable"},  {"toip", "https-host"},
    {"toname", "https-private-address", false},  {"default", "https-private-address", false},
};

TEST(DomainCheck, EachFetchFaultGivesItsFinding) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  auto strict = chain(false);
  DomainReport good = check(*c, "example.com", "default");
  for (const auto& fault : fetch_faults) {
    SCOPED_TRACE(fault.selector + " " + fault.rule);
    DomainReport report = check(fault.allow_private ? *c : *strict, "example.com", fault.selector);
    EXPECT_TRUE(has_rule(report, fault.rule)) << describe(report);
    EXPECT_FALSE(report.ready());
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

TEST(DomainCheck, FallbackVerifiesTheCertificateForTheOrganizationalDomain) {
  BIMI_REQUIRE_LOOPBACK();
  auto c = chain();
  DomainReport report = check(*c, "mail.example.com", "default");
  EXPECT_TRUE(report.ready()) << describe(report);
  EXPECT_EQ(report.organizational_domain, "example.com");
  EXPECT_TRUE(has_rule(report, "bimi-record-fallback"));
}

}  // namespace
}  // namespace bimi::net
