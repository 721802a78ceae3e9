#include "style/shorthands.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "style/css_text.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::style {
namespace {

constexpr std::array<std::string_view, 7> kFontLonghands = {
    "font-style", "font-variant", "font-weight", "font-stretch",
    "font-size",  "line-height",  "font-family"};
constexpr std::array<std::string_view, 3> kMarkerLonghands = {"marker-start", "marker-mid",
                                                              "marker-end"};

constexpr std::array<std::string_view, 8> kStretchKeywords = {
    "ultra-condensed", "extra-condensed", "condensed",      "semi-condensed",
    "semi-expanded",   "expanded",        "extra-expanded", "ultra-expanded"};
constexpr std::array<std::string_view, 9> kSizeKeywords = {
    "xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "larger", "smaller"};
constexpr std::array<std::string_view, 14> kLengthUnits = {
    "px", "pt", "pc", "mm", "cm", "in", "q", "em", "ex", "rem", "ch", "vw", "vh", "%"};
constexpr std::array<std::string_view, 6> kSystemFonts = {
    "caption", "icon", "menu", "message-box", "small-caption", "status-bar"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& names, std::string_view lowered) {
  return std::find(names.begin(), names.end(), lowered) != names.end();
}

// The next run of non-whitespace characters, stopping before '/' when `stop_at_slash`.
std::string_view next_word(std::string_view text, bool stop_at_slash) {
  std::size_t n = 0;
  while (n < text.size() && !is_css_whitespace(text[n]) && !(stop_at_slash && text[n] == '/')) ++n;
  return text.substr(0, n);
}

// A non-negative number with one of `kLengthUnits`, or 0 on its own.
bool is_length_or_percentage(std::string_view word, bool allow_unitless) {
  std::string_view rest = word;
  auto number = detail::parse_number(rest);
  if (!number || *number < 0) return false;
  if (rest.empty()) return allow_unitless || *number == 0;
  return listed(kLengthUnits, to_lower_ascii(rest));
}

bool is_font_weight(std::string_view lowered) {
  if (lowered == "bold" || lowered == "bolder" || lowered == "lighter") return true;
  std::string_view rest = lowered;
  auto number = detail::parse_number(rest);
  return number && rest.empty() && *number >= 1 && *number <= 1000;
}

std::vector<Declaration> all_longhands(std::string_view value, bool important,
                                       const std::string_view* names, std::size_t count) {
  std::vector<Declaration> longhands;
  for (std::size_t i = 0; i < count; ++i) {
    longhands.push_back({std::string(names[i]), std::string(value), important});
  }
  return longhands;
}

std::vector<Declaration> expand_font(std::string_view value, bool important) {
  value = trim(value);
  if (is_inherit(value)) {
    return all_longhands("inherit", important, kFontLonghands.data(), kFontLonghands.size());
  }
  // Indexes into kFontLonghands.
  enum Part : std::size_t { kStyle, kVariant, kWeight, kStretch, kSize, kLineHeight, kFamily };
  std::array<std::optional<std::string>, kFontLonghands.size()> parts;
  // Up to four keywords for style, variant, weight and stretch, in any order, each at most once;
  // "normal" may stand for any of them. The first other word is the size.
  for (std::size_t prefix_words = 0; prefix_words < 4; ++prefix_words) {
    std::string_view word = next_word(value, true);
    std::string lowered = to_lower_ascii(word);
    std::optional<Part> part;
    if (lowered == "italic" || lowered == "oblique") {
      part = kStyle;
    } else if (lowered == "small-caps") {
      part = kVariant;
    } else if (is_font_weight(lowered)) {
      part = kWeight;
    } else if (listed(kStretchKeywords, lowered)) {
      part = kStretch;
    } else if (lowered != "normal") {
      break;
    }
    if (part) {
      if (parts[*part]) return {};  // the same part twice
      parts[*part] = std::string(word);
    }
    value.remove_prefix(word.size());
    skip_css_whitespace(value);
  }
  std::string_view size_word = next_word(value, true);
  if (!listed(kSizeKeywords, to_lower_ascii(size_word)) &&
      !is_length_or_percentage(size_word, false)) {
    return {};
  }
  parts[kSize] = std::string(size_word);
  value.remove_prefix(size_word.size());
  skip_css_whitespace(value);
  if (!value.empty() && value.front() == '/') {
    value.remove_prefix(1);
    skip_css_whitespace(value);
    std::string_view line_height_word = next_word(value, false);
    if (!iequals(line_height_word, "normal") && !is_length_or_percentage(line_height_word, true)) {
      return {};
    }
    parts[kLineHeight] = std::string(line_height_word);
    value.remove_prefix(line_height_word.size());
    skip_css_whitespace(value);
  }
  if (value.empty()) return {};  // a family is required
  parts[kFamily] = std::string(value);
  std::vector<Declaration> longhands;
  for (std::size_t i = 0; i < kFontLonghands.size(); ++i) {
    longhands.push_back(
        {std::string(kFontLonghands[i]), parts[i] ? *parts[i] : std::string("normal"), important});
  }
  return longhands;
}

bool is_marker_value(std::string_view value) {
  if (iequals(value, "none")) return true;
  std::string_view rest = value;
  if (!consume_prefix_ignoring_case(rest, "url(")) return false;
  std::size_t close = scan_until(rest, 0, ")");
  return close < rest.size() && close == rest.size() - 1 && !trim(rest.substr(0, close)).empty();
}

}  // namespace

bool is_shorthand(std::string_view property) { return property == "font" || property == "marker"; }

std::vector<Declaration> expand_shorthand(const Declaration& declaration) {
  if (declaration.property == "font") {
    std::string_view value = trim(declaration.value);
    if (listed(kSystemFonts, to_lower_ascii(value))) return {};
    return expand_font(value, declaration.important);
  }
  if (declaration.property == "marker") {
    std::string_view value = trim(declaration.value);
    if (!is_inherit(value) && !is_marker_value(value)) return {};
    return all_longhands(is_inherit(value) ? "inherit" : value, declaration.important,
                         kMarkerLonghands.data(), kMarkerLonghands.size());
  }
  return {};
}

}  // namespace bimi::svgps::style
