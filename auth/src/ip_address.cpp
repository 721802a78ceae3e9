#include "bimi/auth/ip_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace bimi::auth {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string copy(text);
  IpAddress address;
  if (copy.find(':') == std::string::npos) {
    // inet_pton takes only the four-part dotted decimal form without leading zeros (RFC 7208 qnum).
    if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
    return address;
  }
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
  static constexpr std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(address.bytes.data(), mapped, sizeof mapped) == 0) {
    std::copy_n(address.bytes.begin() + 12, 4, address.bytes.begin());
    std::fill(address.bytes.begin() + 4, address.bytes.end(), 0);
    return address;
  }
  address.v6 = true;
  return address;
}

std::string IpAddress::to_string() const {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), text, sizeof text);
  return text;
}

bool IpAddress::matches(const IpAddress& network, int prefix) const {
  if (v6 != network.v6) return false;
  int bits = std::clamp(prefix, 0, v6 ? 128 : 32);
  int whole = bits / 8;
  if (std::memcmp(bytes.data(), network.bytes.data(), static_cast<std::size_t>(whole)) != 0) return false;
  int rest = bits % 8;
  if (rest == 0) return true;
  auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (bytes[whole] & mask) == (network.bytes[whole] & mask);
}

}  // namespace bimi::auth
