// What the style parsers skipped and why, so the converter can report it with a location.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bimi::svgps::style {

struct SkippedCss {
  enum class Kind {
    at_rule,               // @media, @font-face, @import ...: never applied
    unsupported_selector,  // valid CSS we do not match (:hover, a + b): that selector is dropped
    invalid_selector,      // a syntax error in a selector list: CSS drops the whole rule
    invalid_rule,          // a rule without a declaration block
    invalid_declaration,   // no name, colon or value: dropped, as in CSS
    limit_reached,         // a documented bound was hit; the rest was ignored
  };
  Kind kind = Kind::invalid_rule;
  std::size_t offset = 0;  // byte offset of the skipped text in the text given to the parser
  std::string excerpt;     // the start of the skipped text, at most kExcerptBytes
  std::string reason;      // a short explanation for the report

  static constexpr std::size_t kExcerptBytes = 80;
};

// The trimmed start of `text`, cut at a UTF-8 character boundary within kExcerptBytes.
std::string excerpt_of(std::string_view text);

}  // namespace bimi::svgps::style
