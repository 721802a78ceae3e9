// Which IP addresses a fetch may connect to: only globally reachable ones. Everything the IANA
// special-purpose address registries (RFC 6890, with later additions) mark as not globally
// reachable, plus multicast and reserved space, is a "special-purpose range" and refused unless
// the caller allows private addresses. A fetch from bimi must not become a probe of the machine
// it runs on or of its network (a redirect to 127.0.0.1:22 or 169.254.169.254).
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <string_view>

namespace bimi::net {

struct SpecialRange {
  std::string_view prefix;  // "127.0.0.0/8"
  std::string_view name;    // "loopback"
  std::string_view source;  // "RFC 1122 §3.2.1.3; RFC 6890"
};

// The range `address` falls in, or nullptr for a globally reachable unicast address. IPv4-mapped
// (::ffff:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses are judged by the IPv4
// address they carry. A family other than IPv4 or IPv6 is refused too.
const SpecialRange* special_purpose_range(const sockaddr* address, socklen_t length);
const SpecialRange* special_purpose_range(const in_addr& address);
const SpecialRange* special_purpose_range(const in6_addr& address);

// The same for a textual address ("10.1.2.3", "fe80::1"); text that is not an address is refused.
const SpecialRange* special_purpose_range(std::string_view text);

// The textual form of an IPv4 or IPv6 socket address, without the port.
std::string address_text(const sockaddr* address, socklen_t length);

}  // namespace bimi::net
