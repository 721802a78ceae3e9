#include "style/font_family.hpp"

#include "style/css_text.hpp"

namespace bimi::svgps::style {
namespace {

void skip_whitespace(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && is_css_whitespace(text[pos])) ++pos;
}

}  // namespace

std::optional<std::vector<FontFamily>> parse_font_family_list(std::string_view value) {
  std::string cleaned = replace_comments(value);
  std::string_view text = cleaned;
  std::vector<FontFamily> families;
  std::size_t pos = 0;
  while (true) {
    skip_whitespace(text, pos);
    if (pos >= text.size()) return std::nullopt;  // an empty list or an empty last entry
    FontFamily family;
    if (text[pos] == '"' || text[pos] == '\'') {
      auto name = consume_quoted_string(text, pos);
      if (!name) return std::nullopt;
      family.name = std::move(*name);
      family.quoted = true;
      skip_whitespace(text, pos);
    } else {
      // A sequence of identifiers; the whitespace between them becomes one space.
      while (true) {
        auto word = consume_identifier(text, pos);
        if (!word) return std::nullopt;
        if (!family.name.empty()) family.name.push_back(' ');
        family.name += *word;
        skip_whitespace(text, pos);
        if (pos >= text.size() || text[pos] == ',') break;
      }
    }
    if (families.size() < kMaxFontFamilies) families.push_back(std::move(family));
    if (pos >= text.size()) return families;
    if (text[pos] != ',') return std::nullopt;
    ++pos;
  }
}

}  // namespace bimi::svgps::style
