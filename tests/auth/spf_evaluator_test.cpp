// check_host() (RFC 7208 §4-§6) against in-memory zones: the limits of §4.6.4 on both sides of
// each bound, the identities of §2.3/§2.4, exp= and the trace.
#include <gtest/gtest.h>

#include "bimi/auth/spf_evaluator.hpp"
#include "zone_resolver.hpp"

namespace bimi::auth {
namespace {

SpfRequest request_from(std::string mail_from, std::string ip = "192.0.2.1", std::string helo = "mx.example.org") {
  SpfRequest request;
  request.ip = *IpAddress::parse(ip);
  request.mail_from = std::move(mail_from);
  request.helo = std::move(helo);
  return request;
}

// example.com includes n records of one ip4 each (none matching), then "-all".
testing::ZoneResolver chain_of_includes(int n) {
  testing::ZoneResolver zone;
  std::string record = "v=spf1";
  for (int i = 0; i < n; ++i) {
    std::string name = "i" + std::to_string(i) + ".example.com";
    record += " include:" + name;
    zone.add(name, "TXT", "v=spf1 ip4:198.51.100." + std::to_string(i));
  }
  zone.add("example.com", "TXT", record + " -all");
  return zone;
}

TEST(SpfEvaluator, TenDnsTermsAreAllowedTheEleventhIsPermerror) {
  auto ten = chain_of_includes(10);
  SpfOutcome outcome = check_mail_from(ten, request_from("a@example.com"));
  EXPECT_EQ(outcome.result, SpfResult::fail) << outcome.reason;
  EXPECT_EQ(outcome.dns_terms, 10);
  auto eleven = chain_of_includes(11);
  outcome = check_mail_from(eleven, request_from("a@example.com"));
  EXPECT_EQ(outcome.result, SpfResult::permerror);
  EXPECT_NE(outcome.reason.find("RFC 7208 §4.6.4"), std::string::npos) << outcome.reason;
}

TEST(SpfEvaluator, TwoVoidLookupsAreAllowedTheThirdIsPermerror) {
  testing::ZoneResolver zone;
  zone.add("two.example.com", "TXT", "v=spf1 a:nx1.example.com mx:nx2.example.com -all");
  zone.add("three.example.com", "TXT", "v=spf1 a:nx1.example.com mx:nx2.example.com exists:nx3.example.com -all");
  EXPECT_EQ(check_mail_from(zone, request_from("a@two.example.com")).result, SpfResult::fail);
  SpfOutcome outcome = check_mail_from(zone, request_from("a@three.example.com"));
  EXPECT_EQ(outcome.result, SpfResult::permerror);
  EXPECT_EQ(outcome.void_lookups, 3);
}

TEST(SpfEvaluator, TenMxNamesAreLookedUpElevenArePermerror) {
  testing::ZoneResolver zone;
  zone.add("ten.example.com", "TXT", "v=spf1 mx -all");
  zone.add("eleven.example.com", "TXT", "v=spf1 mx -all");
  for (int i = 0; i < 11; ++i) {
    std::string name = "mx" + std::to_string(i) + ".example.com";
    if (i < 10) zone.add("ten.example.com", "MX", name);
    zone.add("eleven.example.com", "MX", name);
    zone.add(name, "A", "198.51.100." + std::to_string(i));
  }
  zone.add("mx9.example.com", "A", "192.0.2.1");
  EXPECT_EQ(check_mail_from(zone, request_from("a@ten.example.com")).result, SpfResult::pass);
  EXPECT_EQ(check_mail_from(zone, request_from("a@eleven.example.com")).result, SpfResult::permerror);
}

TEST(SpfEvaluator, PtrChecksOnlyTheFirstTenNames) {
  testing::ZoneResolver zone;
  zone.add("example.com", "TXT", "v=spf1 ptr -all");
  for (int i = 0; i < 11; ++i) {
    std::string name = "h" + std::to_string(i) + (i == 10 ? ".example.com" : ".other.example");
    zone.add("1.2.0.192.in-addr.arpa", "PTR", name);
    zone.add(name, "A", "192.0.2.1");
  }
  EXPECT_EQ(check_mail_from(zone, request_from("a@example.com")).result, SpfResult::fail);
  zone.add("1.2.0.192.in-addr.arpa", "PTR", "x.example.com");
  testing::ZoneResolver first;
  first.add("example.com", "TXT", "v=spf1 ptr -all");
  first.add("1.2.0.192.in-addr.arpa", "PTR", "mail.example.com");
  first.add("mail.example.com", "A", "192.0.2.1");
  EXPECT_EQ(check_mail_from(first, request_from("a@example.com")).result, SpfResult::pass);
}

TEST(SpfEvaluator, OneRecordOnly) {
  testing::ZoneResolver zone;
  zone.add("example.com", "TXT", "v=spf1 -all");
  zone.add("example.com", "TXT", "v=spf1 +all");
  zone.add("example.com", "TXT", "google-site-verification=abc");
  EXPECT_EQ(check_mail_from(zone, request_from("a@example.com")).result, SpfResult::permerror);
  testing::ZoneResolver single;
  single.add("example.com", "TXT", "v=spf1 +all");
  single.add("example.com", "TXT", "google-site-verification=abc");
  EXPECT_EQ(check_mail_from(single, request_from("a@example.com")).result, SpfResult::pass);
}

TEST(SpfEvaluator, NullReversePathChecksPostmasterAtHelo) {
  testing::ZoneResolver zone;
  zone.add("mx.example.org", "TXT", "v=spf1 -all exp=why.example.org");
  zone.add("why.example.org", "TXT", "%{l} at %{o} via %{h}");
  SpfOutcome outcome = check_mail_from(zone, request_from(""));
  EXPECT_EQ(outcome.result, SpfResult::fail);
  EXPECT_EQ(outcome.explanation, "postmaster at mx.example.org via mx.example.org");
  outcome = check_helo(zone, request_from("someone@example.com"));
  EXPECT_EQ(outcome.result, SpfResult::fail);
  outcome = check_mail_from(zone, request_from("@mx.example.org"));
  EXPECT_EQ(outcome.explanation, "postmaster at mx.example.org via mx.example.org");
}

TEST(SpfEvaluator, IncludeOfNothingIsPermerrorAndRedirectYieldsToAll) {
  testing::ZoneResolver zone;
  zone.add("a.example.com", "TXT", "v=spf1 include:none.example.com -all");
  zone.add("b.example.com", "TXT", "v=spf1 redirect=c.example.com ?all");
  zone.add("c.example.com", "TXT", "v=spf1 +all");
  zone.add("d.example.com", "TXT", "v=spf1 redirect=c.example.com");
  EXPECT_EQ(check_mail_from(zone, request_from("x@a.example.com")).result, SpfResult::permerror);
  EXPECT_EQ(check_mail_from(zone, request_from("x@b.example.com")).result, SpfResult::neutral);
  EXPECT_EQ(check_mail_from(zone, request_from("x@d.example.com")).result, SpfResult::pass);
}

TEST(SpfEvaluator, TemporaryFailureIsTemperror) {
  testing::ZoneResolver zone;
  zone.add("example.com", "TIMEOUT");
  EXPECT_EQ(check_mail_from(zone, request_from("x@example.com")).result, SpfResult::temperror);
  EXPECT_EQ(check_mail_from(zone, request_from("x@nowhere.example")).result, SpfResult::none);
  EXPECT_EQ(check_mail_from(zone, request_from("x@localhost")).result, SpfResult::none);
}

TEST(SpfEvaluator, TraceNamesQueriesAndTheDecidingTerm) {
  testing::ZoneResolver zone;
  zone.add("example.com", "TXT", "v=spf1 a:mail.example.com ip4:192.0.2.0/24 -all");
  zone.add("mail.example.com", "A", "198.51.100.1");
  SpfOutcome outcome = check_mail_from(zone, request_from("x@example.com"));
  EXPECT_EQ(outcome.result, SpfResult::pass);
  EXPECT_NE(outcome.reason.find("'ip4:192.0.2.0/24' matched"), std::string::npos) << outcome.reason;
  std::string trace;
  for (const auto& step : outcome.trace) trace += step.text + "\n";
  EXPECT_NE(trace.find("query TXT example.com: 1 record(s)"), std::string::npos) << trace;
  EXPECT_NE(trace.find("query A mail.example.com: 1 record(s)"), std::string::npos) << trace;
  EXPECT_NE(trace.find("'a:mail.example.com' did not match"), std::string::npos) << trace;
}

}  // namespace
}  // namespace bimi::auth
