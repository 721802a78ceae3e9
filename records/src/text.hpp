// Small ASCII helpers shared by the record parsers.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace bimi::records {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

inline std::string_view ltrim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  return text;
}

inline std::string_view trim(std::string_view text) {
  text = ltrim(text);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

inline std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A quoted ABNF literal matches in any case (RFC 5234 §2.3); %x codes and %s literals do not.
inline bool equals_any_case(std::string_view text, std::string_view literal) {
  if (text.size() != literal.size()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (lower(text[i]) != lower(literal[i])) return false;
  }
  return true;
}

inline std::string hex_byte(unsigned char byte) {
  char buffer[3];
  std::snprintf(buffer, sizeof buffer, "%02x", byte);
  return buffer;
}

}  // namespace bimi::records
