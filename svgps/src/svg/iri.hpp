// The IRI inside a CSS/SVG functional notation url(…), as the linter and the converter read it.
#pragma once

#include <string>
#include <string_view>

#include "svg/xml_space.hpp"

namespace bimi::svgps::detail {

// `text` starts with "url(": returns what is inside, trimmed and without matching quotes, and
// sets `end` (when given) just past the closing parenthesis, or to text.size() when it is missing.
inline std::string url_inner(std::string_view text, std::size_t* end = nullptr) {
  std::size_t close = text.find(')', 4);
  if (end) *end = close == std::string_view::npos ? text.size() : close + 1;
  std::string inner = trim_xml_space(text.substr(4, close == std::string_view::npos ? std::string_view::npos : close - 4));
  if (inner.size() >= 2 && (inner.front() == '"' || inner.front() == '\'') && inner.back() == inner.front()) {
    inner = inner.substr(1, inner.size() - 2);
  }
  return inner;
}

}  // namespace bimi::svgps::detail
