// XML whitespace (space, tab, CR, LF) handling shared by the linter and the converter.
#pragma once

#include <string>
#include <string_view>

namespace bimi::svgps::detail {

inline bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The text without leading and trailing XML whitespace.
inline std::string trim_xml_space(std::string_view text) {
  std::size_t b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  std::size_t e = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(b, e - b + 1));
}

// Trimmed, with every run of XML whitespace inside turned into one space (an XSD token).
inline std::string collapse_xml_space(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : text) {
    if (is_xml_space(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace bimi::svgps::detail
