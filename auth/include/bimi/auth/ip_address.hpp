// An IPv4 or IPv6 address as SPF compares them: bytes and a prefix match.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bimi::auth {

struct IpAddress {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

  // Dotted quad or RFC 4291 text; an IPv4-mapped IPv6 address (::ffff:192.0.2.1) becomes IPv4,
  // as RFC 7208 §5 evaluates it. Nullopt for anything else.
  static std::optional<IpAddress> parse(std::string_view text);
  std::string to_string() const;
  // The first `prefix` bits are equal (and the families are the same).
  bool matches(const IpAddress& network, int prefix) const;
  bool operator==(const IpAddress&) const = default;
};

}  // namespace bimi::auth
