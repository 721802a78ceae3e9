#include "bimi/net/address_range.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace bimi::net {
namespace {

struct Block {
  std::array<std::uint8_t, 16> bytes;  // the prefix, left-aligned
  int bits;
  SpecialRange range;
};

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 §2.2.2 and its updates), the entries not
// globally reachable, plus multicast and the reserved class E.
const Block ipv4_blocks[] = {
    {{0}, 8, {"0.0.0.0/8", "\"this network\"", "RFC 791 §3.2; RFC 6890 §2.2.2"}},
    {{10}, 8, {"10.0.0.0/8", "private-use", "RFC 1918 §3"}},
    {{100, 64}, 10, {"100.64.0.0/10", "shared address space (carrier-grade NAT)", "RFC 6598"}},
    {{127}, 8, {"127.0.0.0/8", "loopback", "RFC 1122 §3.2.1.3; RFC 6890 §2.2.2"}},
    {{169, 254}, 16, {"169.254.0.0/16", "link-local", "RFC 3927"}},
    {{172, 16}, 12, {"172.16.0.0/12", "private-use", "RFC 1918 §3"}},
    {{192, 0, 0}, 24, {"192.0.0.0/24", "IETF protocol assignments", "RFC 6890 §2.1"}},
    {{192, 0, 2}, 24, {"192.0.2.0/24", "documentation (TEST-NET-1)", "RFC 5737"}},
    {{192, 88, 99}, 24, {"192.88.99.0/24", "deprecated 6to4 relay anycast", "RFC 7526"}},
    {{192, 168}, 16, {"192.168.0.0/16", "private-use", "RFC 1918 §3"}},
    {{198, 18}, 15, {"198.18.0.0/15", "benchmarking", "RFC 2544"}},
    {{198, 51, 100}, 24, {"198.51.100.0/24", "documentation (TEST-NET-2)", "RFC 5737"}},
    {{203, 0, 113}, 24, {"203.0.113.0/24", "documentation (TEST-NET-3)", "RFC 5737"}},
    {{224}, 4, {"224.0.0.0/4", "multicast", "RFC 5771"}},
    {{240}, 4, {"240.0.0.0/4", "reserved (and the limited broadcast 255.255.255.255)", "RFC 1112 §4; RFC 8190"}},
};

// IANA IPv6 Special-Purpose Address Registry (RFC 6890 §2.2.3 and its updates), the entries not
// globally reachable, plus multicast. First match wins: specific entries before wider ones.
const Block ipv6_blocks[] = {
    {{}, 128, {"::/128", "unspecified", "RFC 4291 §2.5.2"}},
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128, {"::1/128", "loopback", "RFC 4291 §2.5.3"}},
    {{}, 96, {"::/96", "deprecated IPv4-compatible", "RFC 4291 §2.5.5.1"}},
    {{0, 0x64, 0xff, 0x9b, 0, 1}, 48, {"64:ff9b:1::/48", "local-use IPv4/IPv6 translation", "RFC 8215"}},
    {{0x01, 0x00}, 64, {"100::/64", "discard-only", "RFC 6666"}},
    {{0x20, 0x01, 0x0d, 0xb8}, 32, {"2001:db8::/32", "documentation", "RFC 3849"}},
    {{0x20, 0x01}, 23, {"2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID...)", "RFC 2928; RFC 6890 §2.2.3"}},
    {{0x3f, 0xff}, 20, {"3fff::/20", "documentation", "RFC 9637"}},
    {{0x5f, 0x00}, 16, {"5f00::/16", "segment routing (SRv6) SIDs", "RFC 9602"}},
    {{0xfc}, 7, {"fc00::/7", "unique-local", "RFC 4193"}},
    {{0xfe, 0x80}, 10, {"fe80::/10", "link-local", "RFC 4291 §2.5.6"}},
    {{0xfe, 0xc0}, 10, {"fec0::/10", "deprecated site-local", "RFC 3879"}},
    {{0xff}, 8, {"ff00::/8", "multicast", "RFC 4291 §2.7"}},
};

// Outside 2000::/3 nothing is global unicast today (RFC 4291 §2.4; IANA IPv6 address space).
const SpecialRange unassigned_ipv6{"outside 2000::/3", "not global unicast", "RFC 4291 §2.4"};
const SpecialRange not_an_address{"", "not an IPv4 or IPv6 address", "RFC 6890"};

bool matches(const std::uint8_t* address, const Block& block) {
  int whole = block.bits / 8;
  if (std::memcmp(address, block.bytes.data(), static_cast<std::size_t>(whole)) != 0) return false;
  int rest = block.bits % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (address[whole] & mask) == (block.bytes[static_cast<std::size_t>(whole)] & mask);
}

template <std::size_t N>
const SpecialRange* first_match(const std::uint8_t* address, const Block (&blocks)[N]) {
  for (const auto& block : blocks) {
    if (matches(address, block)) return &block.range;
  }
  return nullptr;
}

// The IPv4 address carried at `offset` of an IPv6 address.
in_addr embedded_ipv4(const in6_addr& address, std::size_t offset) {
  in_addr v4{};
  std::memcpy(&v4, address.s6_addr + offset, 4);
  return v4;
}

}  // namespace

const SpecialRange* special_purpose_range(const in_addr& address) {
  return first_match(reinterpret_cast<const std::uint8_t*>(&address.s_addr), ipv4_blocks);
}

const SpecialRange* special_purpose_range(const in6_addr& address) {
  const std::uint8_t* bytes = address.s6_addr;
  static const std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const std::uint8_t nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  // The same host as its IPv4 address (RFC 4291 §2.5.5.2, RFC 6052 §2.1, RFC 3056 §2).
  if (std::memcmp(bytes, mapped, 12) == 0 || std::memcmp(bytes, nat64, 12) == 0) {
    return special_purpose_range(embedded_ipv4(address, 12));
  }
  if (bytes[0] == 0x20 && bytes[1] == 0x02) return special_purpose_range(embedded_ipv4(address, 2));
  if (const SpecialRange* range = first_match(bytes, ipv6_blocks)) return range;
  if ((bytes[0] & 0xe0) != 0x20) return &unassigned_ipv6;
  return nullptr;
}

const SpecialRange* special_purpose_range(const sockaddr* address, socklen_t length) {
  if (address != nullptr && address->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
    sockaddr_in v4{};
    std::memcpy(&v4, address, sizeof v4);
    return special_purpose_range(v4.sin_addr);
  }
  if (address != nullptr && address->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, address, sizeof v6);
    return special_purpose_range(v6.sin6_addr);
  }
  return &not_an_address;
}

const SpecialRange* special_purpose_range(std::string_view text) {
  std::string address(text);
  in_addr v4{};
  if (::inet_pton(AF_INET, address.c_str(), &v4) == 1) return special_purpose_range(v4);
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) == 1) return special_purpose_range(v6);
  return &not_an_address;
}

std::string address_text(const sockaddr* address, socklen_t length) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address != nullptr && address->sa_family == AF_INET && length >= sizeof(sockaddr_in)) {
    sockaddr_in v4{};
    std::memcpy(&v4, address, sizeof v4);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
  } else if (address != nullptr && address->sa_family == AF_INET6 && length >= sizeof(sockaddr_in6)) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, address, sizeof v6);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
  } else {
    return "an address that is not IPv4 or IPv6";
  }
  return text;
}

}  // namespace bimi::net
