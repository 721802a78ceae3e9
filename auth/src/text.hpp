// Private: the small text helpers the DKIM code shares (character classes are in ascii.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ascii.hpp"

namespace bimi::auth {

inline std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = text.find(separator, pos);
    parts.push_back(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return parts;
}

// The items of a colon-separated tag value such as h=, with folding white space removed.
inline std::vector<std::string> list_items(std::string_view value, char separator = ':') {
  std::string compact;
  for (char c : value)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact += c;
  std::vector<std::string> items;
  for (std::string_view item : split(compact, separator)) items.emplace_back(item);
  return items;
}

// Dot-separated labels of letters, digits, hyphens and underscores (selectors use them), or UTF-8
// (RFC 8616 allows U-labels in d= and s=); at most 253 bytes.
inline bool is_domain_name(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  for (std::string_view label : split(name, '.')) {
    if (label.empty() || label.size() > 63) return false;
    for (char c : label) {
      auto u = static_cast<unsigned char>(c);
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || u >= 0x80;
      if (!ok) return false;
    }
  }
  return true;
}

}  // namespace bimi::auth
