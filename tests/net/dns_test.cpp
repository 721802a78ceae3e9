// DnsResolver against NSD on 127.0.0.1: answers, empty names, split and huge records, too many
// records, SERVFAIL, REFUSED and a server that never answers.
#include <gtest/gtest.h>

#include <chrono>

#include "bimi/net/dns.hpp"
#include "live_environment.hpp"

namespace bimi::net {
namespace {

using records::LookupStatus;

DnsResolver resolver(const std::string& server, int timeout_ms = 3000) {
  auto created = DnsResolver::create({server, timeout_ms, 2});
  EXPECT_TRUE(std::holds_alternative<DnsResolver>(created)) << std::get<std::string>(created);
  return std::get<DnsResolver>(std::move(created));
}

TEST(Dns, FindsTxtRecords) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->dns_server());
  auto answer = dns.txt("_dmarc.example.com");
  ASSERT_EQ(answer.status, LookupStatus::found) << answer.detail;
  ASSERT_EQ(answer.records.size(), 1u);
  EXPECT_EQ(answer.records[0], "v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.com");
  EXPECT_EQ(dns.txt("multi._bimi.example.com").records.size(), 2u);
}

TEST(Dns, JoinsTheStringsOfOneRecord) {
  BIMI_REQUIRE_LOOPBACK();
  const auto* world = test::loopback_world();
  auto dns = resolver(world->dns_server());
  auto answer = dns.txt("split._bimi.example.com");
  ASSERT_EQ(answer.status, LookupStatus::found);
  ASSERT_EQ(answer.records.size(), 1u);
  EXPECT_EQ(answer.records[0], "v=BIMI1; l=" + world->url("logo.example.com", "/logo.svg") + "; a=" +
                                   world->url("logo.example.com", "/live.pem") + ";");
}

TEST(Dns, TellsMissingNamesFromEmptyOnes) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->dns_server());
  EXPECT_EQ(dns.txt("nothing-here.example.com").status, LookupStatus::no_name);
  EXPECT_EQ(dns.txt("gone.example").status, LookupStatus::no_name);
  EXPECT_EQ(dns.txt("logo.example.com").status, LookupStatus::no_records);  // has an A record only
  EXPECT_EQ(dns.txt("_bimi.example.com").status, LookupStatus::no_records); // has names below it
}

TEST(Dns, ReadsAHugeRecordOverTcp) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->dns_server());
  auto answer = dns.txt("huge._bimi.example.com");
  ASSERT_EQ(answer.status, LookupStatus::found) << answer.detail;
  ASSERT_EQ(answer.records.size(), 1u);
  EXPECT_GT(answer.records[0].size(), 5000u);
}

TEST(Dns, TooManyRecordsIsItsOwnStatus) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->dns_server());
  auto answer = dns.txt("many._bimi.example.com");
  EXPECT_EQ(answer.status, LookupStatus::too_large);
  EXPECT_TRUE(answer.records.empty());
}

TEST(Dns, ServfailAndRefusedAreFailures) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->dns_server());
  auto servfail = dns.txt("_dmarc.broken.test");
  EXPECT_EQ(servfail.status, LookupStatus::failure);
  EXPECT_NE(servfail.detail.find("SERVFAIL"), std::string::npos) << servfail.detail;
  auto refused = dns.txt("_dmarc.example.edu");  // a zone the server does not serve
  EXPECT_EQ(refused.status, LookupStatus::failure);
  EXPECT_NE(refused.detail.find("REFUSED"), std::string::npos) << refused.detail;
}

TEST(Dns, ASilentServerTimesOutWithinTheBound) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->silent_dns_server(), 400);
  auto start = std::chrono::steady_clock::now();
  auto answer = dns.txt("_dmarc.example.com");
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(answer.status, LookupStatus::timeout);
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
}

TEST(Dns, Addresses) {
  BIMI_REQUIRE_LOOPBACK();
  auto dns = resolver(test::loopback_world()->dns_server());
  auto logo = dns.addresses("logo.example.com");
  ASSERT_EQ(logo.status, LookupStatus::found) << logo.detail;
  EXPECT_EQ(logo.addresses, std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(dns.addresses("nohost.example.com").status, LookupStatus::no_name);
}

TEST(Dns, RefusesABadServerAddress) {
  EXPECT_TRUE(std::holds_alternative<std::string>(DnsResolver::create({"not an address", 1000, 1})));
}

}  // namespace
}  // namespace bimi::net
