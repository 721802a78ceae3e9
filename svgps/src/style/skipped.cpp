#include "style/skipped.hpp"

#include "style/css_text.hpp"

namespace bimi::svgps::style {

std::string excerpt_of(std::string_view text) {
  text = trim(text);
  if (text.size() <= SkippedCss::kExcerptBytes) return std::string(text);
  std::size_t end = SkippedCss::kExcerptBytes;
  // Do not cut a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

}  // namespace bimi::svgps::style
