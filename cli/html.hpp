// What the HTML pages bimi writes (the aggregate-report page, the domain dashboard) share: text
// escaped for element content and quoted attribute values.
#pragma once

#include <string>
#include <string_view>

namespace bimi::cli {

inline std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace bimi::cli
