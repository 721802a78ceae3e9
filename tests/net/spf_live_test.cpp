// SPF over the live resolver (NSD on 127.0.0.1): the c-ares adaptor's TXT, A, AAAA and MX answers
// drive check_host() and the record check; spf-ok.example.org is within the limits,
// spf-over.example.org passes 10 DNS look-ups through nested includes.
#include <gtest/gtest.h>

#include "bimi/auth/spf_evaluator.hpp"
#include "bimi/auth/spf_record_check.hpp"
#include "bimi/net/dns.hpp"
#include "bimi/net/domain_check.hpp"
#include "bimi/records/public_suffix.hpp"
#include "bimi/net/spf_resolver.hpp"
#include "live_environment.hpp"

namespace bimi::net {
namespace {

struct LiveSpf {
  DnsResolver dns;
  std::unique_ptr<auth::DnsResolver> spf;
};

std::unique_ptr<LiveSpf> live(const std::string& server) {
  auto dns = DnsResolver::create({server, 2000, 2});
  auto result = std::make_unique<LiveSpf>(LiveSpf{std::get<DnsResolver>(std::move(dns)), nullptr});
  result->spf = make_spf_resolver(result->dns);
  return result;
}

auth::SpfResult evaluate(auth::DnsResolver& resolver, const std::string& ip, const std::string& mail_from) {
  auth::SpfRequest request;
  request.ip = *auth::IpAddress::parse(ip);
  request.mail_from = mail_from;
  request.helo = "client.example";
  return auth::check_mail_from(resolver, request).result;
}

TEST(SpfLive, CheckHostAnswersFromEachRecordType) {
  BIMI_REQUIRE_LOOPBACK();
  auto spf = live(test::loopback_world()->dns_server());
  EXPECT_EQ(evaluate(*spf->spf, "192.0.2.10", "a@spf-ok.example.org"), auth::SpfResult::pass);     // a
  EXPECT_EQ(evaluate(*spf->spf, "2001:db8::10", "a@spf-ok.example.org"), auth::SpfResult::pass);   // a, AAAA
  EXPECT_EQ(evaluate(*spf->spf, "198.51.100.2", "a@spf-ok.example.org"), auth::SpfResult::pass);   // mx
  EXPECT_EQ(evaluate(*spf->spf, "192.0.2.99", "a@spf-ok.example.org"), auth::SpfResult::pass);     // ip4
  EXPECT_EQ(evaluate(*spf->spf, "203.0.113.99", "a@spf-ok.example.org"), auth::SpfResult::fail);
  EXPECT_EQ(evaluate(*spf->spf, "203.0.113.99", "a@spf-over.example.org"), auth::SpfResult::permerror);
  EXPECT_EQ(evaluate(*spf->spf, "203.0.113.99", "a@nothing.example.org"), auth::SpfResult::none);
}

TEST(SpfLive, RecordCheckCountsThroughNestedIncludes) {
  BIMI_REQUIRE_LOOPBACK();
  auto spf = live(test::loopback_world()->dns_server());
  Diagnostics ok_findings;
  auth::SpfRecordCheck ok = auth::check_spf_record(*spf->spf, "spf-ok.example.org", ok_findings);
  EXPECT_EQ(ok.lookups, 5);
  EXPECT_TRUE(ok.usable);
  EXPECT_TRUE(ok_findings.empty()) << ok_findings.items().front().message;

  Diagnostics over_findings;
  auth::SpfRecordCheck over = auth::check_spf_record(*spf->spf, "spf-over.example.org", over_findings);
  EXPECT_EQ(over.lookups, 12);
  EXPECT_FALSE(over.usable);
  EXPECT_TRUE(over_findings.has_rule("spf-too-many-lookups"));
  ASSERT_EQ(over.tree.children.size(), 4u);
  EXPECT_EQ(over.tree.children[0].term, "include:l1.spf-over.example.org");
  EXPECT_EQ(over.tree.children[0].lookups, 9);
  EXPECT_EQ(over.tree.children[1].lookups, 2);
  EXPECT_EQ(over.tree.children[2].lookups, 1);
}

TEST(SpfLive, TheDomainReportHasAnSpfStepWithTheTree) {
  BIMI_REQUIRE_LOOPBACK();
  auto spf = live(test::loopback_world()->dns_server());
  ChainSources sources;
  sources.txt = [&](const std::string& name) { return spf->dns.txt(name); };
  sources.fetch = [](const std::string&, std::size_t) { return FetchResult{}; };
  sources.spf_dns = std::shared_ptr<auth::DnsResolver>(make_spf_resolver(spf->dns));
  for (const std::string domain : {"spf-over.example.org", "spf-ok.example.org"}) {
    DomainCheckOptions options;
    options.domain = domain;
    DomainReport report = check_domain(options, nullptr, sources);  // RFC 9989: no Public Suffix List
    const Step& step = report.steps.back();
    ASSERT_EQ(step.name, "spf");
    ASSERT_TRUE(report.spf);
    bool over = domain == "spf-over.example.org";
    EXPECT_EQ(step.findings.has_rule("spf-too-many-lookups"), over) << domain;
    EXPECT_EQ(step.findings.has_rule("spf-dmarc-unusable"), over) << domain;
    EXPECT_EQ(report.spf->lookups, over ? 12 : 5);
  }
}

TEST(SpfLive, ATimeoutIsTemperror) {
  BIMI_REQUIRE_LOOPBACK();
  auto spf = live(test::loopback_world()->silent_dns_server());
  EXPECT_EQ(evaluate(*spf->spf, "192.0.2.10", "a@spf-ok.example.org"), auth::SpfResult::temperror);
}

}  // namespace
}  // namespace bimi::net
