// CSS declaration lists: the text of a style="" attribute or of a rule's { } block.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "style/skipped.hpp"

namespace bimi::svgps::style {

struct Declaration {
  std::string property;  // lowercased (custom properties "--x" keep their case, as in CSS)
  std::string value;     // trimmed, comments replaced by one space, `!important` removed
  bool important = false;
  friend bool operator==(const Declaration&, const Declaration&) = default;
};

// Declarations past this many in one list are dropped (and reported once): a bound on work and
// memory for hostile input, far above anything an editor writes.
inline constexpr std::size_t kMaxDeclarationsPerList = 1024;

// Parses "name: value [!important]; ..." with CSS error recovery: a declaration without a valid
// name, a colon or a value is skipped up to the next ';' outside strings, comments and blocks.
// Values are not validated here. Each skipped declaration is appended to `skipped` when given,
// with offsets relative to `text` plus `base_offset`. Linear time, never throws.
std::vector<Declaration> parse_declarations(std::string_view text,
                                            std::vector<SkippedCss>* skipped = nullptr,
                                            std::size_t base_offset = 0);

}  // namespace bimi::svgps::style
