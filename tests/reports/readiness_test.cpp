#include "bimi/reports/readiness.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bimi::reports {
namespace {

ReportRecord make(std::string ip, std::uint64_t count, bool dkim, bool spf, std::string from = "example.com") {
  ReportRecord r;
  r.source_ip = std::move(ip);
  r.count = count;
  r.dkim_aligned_pass = dkim;
  r.spf_aligned_pass = spf;
  r.header_from = std::move(from);
  r.disposition = "none";
  return r;
}

AggregateReport report_of(std::vector<ReportRecord> records, std::string id = "1", std::string p = "none") {
  AggregateReport report;
  report.org_name = "google.com";
  report.report_id = std::move(id);
  report.begin = 1767225600;
  report.end = report.begin + 86399;
  report.policy.domain = "example.com";
  report.policy.p = std::move(p);
  report.records = std::move(records);
  return report;
}

const Readiness& for_domain(const std::vector<Readiness>& all, std::string_view domain) {
  for (const auto& r : all) {
    if (r.domain == domain) return r;
  }
  throw std::runtime_error("no readiness for " + std::string(domain));
}

// Forwarded mail breaks SPF and keeps DKIM; a second sender signs but its SPF fails: each has one
// aligned result failing, so a viewer counting "either fails" says 1,500 messages would be lost.
// DMARC fails a message only when both fail: 0 would be lost, and the domain is ready.
TEST(Readiness, OnlyMessagesFailingBothAlignedResultsFail) {
  std::vector<ReportRecord> records = {make("192.0.2.1", 1000, true, false), make("192.0.2.2", 500, false, true),
                                       make("192.0.2.3", 4000, true, true)};
  std::uint64_t either_fails = 0;
  for (const auto& r : records) {
    if (!r.dkim_aligned_pass || !r.spf_aligned_pass) either_fails += r.count;
  }
  ASSERT_EQ(either_fails, 1500u);

  Aggregation aggregation;
  aggregation.add(report_of(records), "r.xml");
  auto all = assess_readiness(aggregation);
  const Readiness& r = for_domain(all, "example.com");
  EXPECT_EQ(r.counts.messages, 5500u);
  EXPECT_EQ(r.counts.would_fail, 0u);
  EXPECT_NE(r.counts.would_fail, either_fails);
  EXPECT_EQ(r.counts.dmarc_pass, 5500u);
  EXPECT_EQ(r.verdict, Verdict::ready_for_quarantine);
  EXPECT_EQ(r.verdict_text, "ready for quarantine");
}

TEST(Readiness, AnUnalignedRealSenderBlocksAndOverridesStayApart) {
  ReportRecord esp = make("203.0.113.25", 8, false, false);
  esp.dkim.push_back({"esp.example", "k1", "pass"});
  ReportRecord list = make("192.0.2.200", 3, false, false);
  list.overrides.push_back({"mailing_list", "list.example"});
  ReportRecord spoof = make("198.51.100.66", 40, false, false);
  spoof.spf.push_back({"example.com", "", "fail"});
  Aggregation aggregation;
  aggregation.add(report_of({make("192.0.2.10", 100, true, true), esp, list, spoof}), "r.xml");
  auto all = assess_readiness(aggregation);
  const Readiness& r = for_domain(all, "example.com");
  EXPECT_EQ(r.counts.would_fail, 51u);
  EXPECT_EQ(r.counts.overridden, 3u);
  EXPECT_EQ(r.counts.real_failures(), 48u);
  EXPECT_EQ(r.verdict, Verdict::not_ready);
  EXPECT_EQ(r.verdict_text, "not ready: these sources fail: 203.0.113.25");
  ASSERT_EQ(r.blocking.size(), 1u);
  EXPECT_EQ(r.blocking[0].unaligned_domains, std::vector<std::string>{"esp.example"});
  ASSERT_EQ(r.unauthenticated.size(), 1u);
  EXPECT_EQ(r.unauthenticated[0].source_ip, "198.51.100.66");
}

TEST(Readiness, SubdomainsInheritSpAndTheNextStepFollowsThePolicy) {
  AggregateReport report = report_of({make("192.0.2.1", 10, true, true), make("192.0.2.1", 5, true, false, "news.example.com")},
                                     "1", "quarantine");
  report.policy.sp = "none";
  Aggregation aggregation;
  aggregation.add(report, "r.xml");
  auto all = assess_readiness(aggregation);
  const Readiness& org = for_domain(all, "example.com");
  const Readiness& sub = for_domain(all, "news.example.com");
  EXPECT_EQ(org.verdict, Verdict::ready_for_reject);
  EXPECT_EQ(sub.policy_tag, "sp");
  EXPECT_EQ(sub.policy, "none");
  EXPECT_EQ(sub.verdict, Verdict::ready_for_quarantine);
  EXPECT_EQ(org.inheriting_subdomains, std::vector<std::string>{"news.example.com"});
  EXPECT_NE(sub.advice.find("sp=quarantine"), std::string::npos);
}

TEST(Readiness, DuplicatesAndDatesAreFiltered) {
  AggregationFilter filter;
  filter.since = 1767225600 + 2 * 86400;
  Aggregation aggregation(filter);
  EXPECT_FALSE(aggregation.add(report_of({make("192.0.2.1", 1, true, true)}), "old.xml"));
  Aggregation all;
  EXPECT_TRUE(all.add(report_of({make("192.0.2.1", 1, true, true)}), "a.xml"));
  EXPECT_FALSE(all.add(report_of({make("192.0.2.1", 1, true, true)}), "again.xml"));
  EXPECT_EQ(all.duplicates(), 1u);
  EXPECT_EQ(all.domains().at("example.com").counts.messages, 1u);
}

}  // namespace
}  // namespace bimi::reports
