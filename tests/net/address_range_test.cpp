// The special-purpose address classifier: what a fetch refuses to connect to (RFC 6890).
#include "bimi/net/address_range.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <cstring>

namespace bimi::net {
namespace {

std::string range_of(const std::string& address) {
  const SpecialRange* range = special_purpose_range(address);
  return range == nullptr ? "global" : std::string(range->prefix);
}

TEST(AddressRange, RefusesTheIpv4SpecialPurposeRanges) {
  EXPECT_EQ(range_of("0.0.0.0"), "0.0.0.0/8");
  EXPECT_EQ(range_of("0.255.1.1"), "0.0.0.0/8");
  EXPECT_EQ(range_of("10.0.0.1"), "10.0.0.0/8");
  EXPECT_EQ(range_of("100.64.0.1"), "100.64.0.0/10");
  EXPECT_EQ(range_of("100.127.255.255"), "100.64.0.0/10");
  EXPECT_EQ(range_of("127.0.0.1"), "127.0.0.0/8");
  EXPECT_EQ(range_of("127.255.255.254"), "127.0.0.0/8");
  EXPECT_EQ(range_of("169.254.169.254"), "169.254.0.0/16");
  EXPECT_EQ(range_of("172.16.0.1"), "172.16.0.0/12");
  EXPECT_EQ(range_of("172.31.255.255"), "172.16.0.0/12");
  EXPECT_EQ(range_of("192.0.0.8"), "192.0.0.0/24");
  EXPECT_EQ(range_of("192.0.2.1"), "192.0.2.0/24");
  EXPECT_EQ(range_of("192.88.99.1"), "192.88.99.0/24");
  EXPECT_EQ(range_of("192.168.1.1"), "192.168.0.0/16");
  EXPECT_EQ(range_of("198.19.0.1"), "198.18.0.0/15");
  EXPECT_EQ(range_of("198.51.100.7"), "198.51.100.0/24");
  EXPECT_EQ(range_of("203.0.113.9"), "203.0.113.0/24");
  EXPECT_EQ(range_of("224.0.0.251"), "224.0.0.0/4");
  EXPECT_EQ(range_of("239.255.255.250"), "224.0.0.0/4");
  EXPECT_EQ(range_of("240.0.0.1"), "240.0.0.0/4");
  EXPECT_EQ(range_of("255.255.255.255"), "240.0.0.0/4");
}

TEST(AddressRange, AcceptsGlobalIpv4AddressesAtTheEdges) {
  for (const char* address : {"1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
                              "126.255.255.255", "128.0.0.1", "169.253.255.255", "169.255.0.0", "172.15.255.255",
                              "172.32.0.0", "192.0.1.1", "192.167.255.255", "192.169.0.0", "198.17.255.255",
                              "198.20.0.0", "223.255.255.255"}) {
    EXPECT_EQ(range_of(address), "global") << address;
  }
}

TEST(AddressRange, RefusesTheIpv6SpecialPurposeRanges) {
  EXPECT_EQ(range_of("::"), "::/128");
  EXPECT_EQ(range_of("::1"), "::1/128");
  EXPECT_EQ(range_of("::7f00:1"), "::/96");
  EXPECT_EQ(range_of("64:ff9b:1::1"), "64:ff9b:1::/48");
  EXPECT_EQ(range_of("100::1"), "100::/64");
  EXPECT_EQ(range_of("2001:db8::1"), "2001:db8::/32");
  EXPECT_EQ(range_of("2001::1"), "2001::/23");
  EXPECT_EQ(range_of("3fff::1"), "3fff::/20");
  EXPECT_EQ(range_of("5f00::1"), "5f00::/16");
  EXPECT_EQ(range_of("fc00::1"), "fc00::/7");
  EXPECT_EQ(range_of("fd12:3456::1"), "fc00::/7");
  EXPECT_EQ(range_of("fe80::1"), "fe80::/10");
  EXPECT_EQ(range_of("febf::1"), "fe80::/10");
  EXPECT_EQ(range_of("fec0::1"), "fec0::/10");
  EXPECT_EQ(range_of("ff02::1"), "ff00::/8");
  EXPECT_EQ(range_of("4000::1"), "outside 2000::/3");
  EXPECT_EQ(range_of("1::1"), "outside 2000::/3");
}

TEST(AddressRange, EmbeddedIpv4AddressesAreJudgedAsIpv4) {
  EXPECT_EQ(range_of("::ffff:127.0.0.1"), "127.0.0.0/8");
  EXPECT_EQ(range_of("::ffff:169.254.169.254"), "169.254.0.0/16");
  EXPECT_EQ(range_of("::ffff:10.1.2.3"), "10.0.0.0/8");
  EXPECT_EQ(range_of("64:ff9b::192.168.0.1"), "192.168.0.0/16");
  EXPECT_EQ(range_of("2002:7f00:1::"), "127.0.0.0/8");
  EXPECT_EQ(range_of("::ffff:8.8.8.8"), "global");
  EXPECT_EQ(range_of("64:ff9b::8.8.8.8"), "global");
  EXPECT_EQ(range_of("2002:808:808::1"), "global");
}

TEST(AddressRange, AcceptsGlobalIpv6Addresses) {
  for (const char* address : {"2606:4700:4700::1111", "2a00:1450:4001::200e", "2001:200::1", "3ffe::1", "2400:cb00::1"}) {
    EXPECT_EQ(range_of(address), "global") << address;
  }
}

TEST(AddressRange, TextThatIsNotAnAddressIsRefused) {
  EXPECT_NE(special_purpose_range("logo.example.com"), nullptr);
  EXPECT_NE(special_purpose_range(""), nullptr);
  EXPECT_NE(special_purpose_range("127.1"), nullptr);
}

TEST(AddressRange, SocketAddresses) {
  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  ASSERT_EQ(::inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr), 1);
  const auto* address = reinterpret_cast<const sockaddr*>(&v6);
  ASSERT_NE(special_purpose_range(address, sizeof v6), nullptr);
  EXPECT_EQ(special_purpose_range(address, sizeof v6)->name, "loopback");
  EXPECT_EQ(address_text(address, sizeof v6), "::ffff:127.0.0.1");
  // A length too short for the family is refused, not read past.
  EXPECT_NE(special_purpose_range(address, sizeof(sockaddr)), nullptr);
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  ASSERT_EQ(::inet_pton(AF_INET, "93.184.215.14", &v4.sin_addr), 1);
  EXPECT_EQ(special_purpose_range(reinterpret_cast<const sockaddr*>(&v4), sizeof v4), nullptr);
  sockaddr unix_like{};
  unix_like.sa_family = AF_UNIX;
  EXPECT_NE(special_purpose_range(&unix_like, sizeof unix_like), nullptr);
}

}  // namespace
}  // namespace bimi::net
