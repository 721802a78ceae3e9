// The font-family property's value as a list of names (CSS Fonts 3, 3.1).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::svgps::style {

struct FontFamily {
  std::string name;     // quotes removed, escapes decoded, unquoted words joined by one space
  bool quoted = false;  // "serif" quoted names a family called serif, not the generic family
  friend bool operator==(const FontFamily&, const FontFamily&) = default;
};

// Families past this many are dropped: no renderer looks that far down a list.
inline constexpr std::size_t kMaxFontFamilies = 64;

// "'Open Sans', Helvetica Neue, \5FAE\8F6F\96C5\9ED1, sans-serif" -> Open Sans, Helvetica Neue,
// 微软雅黑, sans-serif. nullopt when the list is not valid CSS: an empty entry, a bad string, or
// something that is neither a string nor identifiers. Comments are ignored. Linear time.
std::optional<std::vector<FontFamily>> parse_font_family_list(std::string_view value);

}  // namespace bimi::svgps::style
