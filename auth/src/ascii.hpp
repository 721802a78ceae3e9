// ASCII character classes that do not depend on the locale.
#pragma once

#include <string>
#include <string_view>

namespace bimi::auth {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline char ascii_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// A byte for a message: 'x' when printable, 0x96 otherwise.
inline std::string describe_byte(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  static constexpr char hex[] = "0123456789abcdef";
  return std::string("0x") + hex[byte >> 4] + hex[byte & 0xf];
}

}  // namespace bimi::auth
