#include "style/declarations.hpp"

#include <optional>

#include "style/css_text.hpp"

namespace bimi::svgps::style {

namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '-'; }

// A property name: an identifier, or a custom property "--name". Escapes are not accepted.
std::string_view consume_property_name(std::string_view& text) {
  std::size_t i = 0;
  if (text.size() >= 2 && text[0] == '-' && text[1] == '-') {
    i = 2;
  } else {
    if (i < text.size() && text[i] == '-') ++i;
    if (i >= text.size() || !is_name_start(text[i])) return {};
  }
  while (i < text.size() && is_name_char(text[i])) ++i;
  std::string_view name = text.substr(0, i);
  text.remove_prefix(i);
  return name;
}

// Removes a trailing "! important" (any case, whitespace allowed after the '!') from `value`.
bool strip_important(std::string_view& value) {
  constexpr std::string_view kImportant = "important";
  if (value.size() < kImportant.size() ||
      !iequals(value.substr(value.size() - kImportant.size()), kImportant)) {
    return false;
  }
  std::string_view before = trim(value.substr(0, value.size() - kImportant.size()));
  if (before.empty() || before.back() != '!') return false;
  before.remove_suffix(1);
  value = trim(before);
  return true;
}

// One declaration's text (no top-level ';'), or the reason it is invalid.
std::optional<Declaration> parse_one(std::string_view text, std::string& reason) {
  std::string cleaned = replace_comments(text);
  std::string_view rest = trim(cleaned);
  std::string_view name = consume_property_name(rest);
  if (name.empty()) {
    reason = "a declaration must start with a property name";
    return std::nullopt;
  }
  skip_css_whitespace(rest);
  if (rest.empty() || rest.front() != ':') {
    reason = "expected ':' after the property name";
    return std::nullopt;
  }
  rest.remove_prefix(1);
  std::string_view value = trim(rest);
  Declaration declaration;
  declaration.important = strip_important(value);
  if (value.empty()) {
    reason = "the declaration has no value";
    return std::nullopt;
  }
  bool custom = name.size() >= 2 && name[0] == '-' && name[1] == '-';
  declaration.property = custom ? std::string(name) : to_lower_ascii(name);
  declaration.value = std::string(value);
  return declaration;
}

}  // namespace

std::vector<Declaration> parse_declarations(std::string_view text, std::vector<SkippedCss>* skipped,
                                            std::size_t base_offset) {
  std::vector<Declaration> declarations;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char c = text[pos];
    if (c == ';' || is_css_whitespace(c)) {
      ++pos;
      continue;
    }
    std::size_t end = scan_until(text, pos, ";");
    std::string_view span = text.substr(pos, end - pos);
    std::string reason;
    auto declaration = parse_one(span, reason);
    if (declaration && declarations.size() >= kMaxDeclarationsPerList) {
      if (skipped) {
        skipped->push_back({SkippedCss::Kind::limit_reached, base_offset + pos, excerpt_of(span),
                            "more than " + std::to_string(kMaxDeclarationsPerList) +
                                " declarations in one list; the rest are ignored"});
      }
      break;
    }
    if (declaration) {
      declarations.push_back(std::move(*declaration));
    } else if (!trim(replace_comments(span)).empty() && skipped) {
      // A span that held only comments is an empty declaration: nothing to report.
      skipped->push_back(
          {SkippedCss::Kind::invalid_declaration, base_offset + pos, excerpt_of(span), reason});
    }
    pos = end + 1;
  }
  return declarations;
}

}  // namespace bimi::svgps::style
