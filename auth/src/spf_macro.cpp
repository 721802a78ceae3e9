#include "bimi/auth/spf_macro.hpp"

#include <algorithm>
#include <vector>

#include "ascii.hpp"

namespace bimi::auth {
namespace {

bool is_delimiter(char c) {
  return c == '.' || c == '-' || c == '+' || c == ',' || c == '/' || c == '_' || c == '=';
}

bool is_letter_for(char lower, MacroUse use) {
  switch (lower) {
    case 's': case 'l': case 'o': case 'd': case 'i': case 'p': case 'h': case 'v': return true;
    case 'c': case 'r': case 't': return use == MacroUse::explanation;
    default: return false;
  }
}

// One `%{...}` macro: letter, digits (0 means all), reversal, delimiters.
struct Macro {
  char letter = 0;  // as written: upper case asks for URL escaping
  std::size_t keep = 0;
  bool reverse = false;
  std::string delimiters;
};

// Parses the macro at text[at] == '%' and '{'; returns the macro and moves `at` past '}'.
std::optional<Macro> parse_macro(std::string_view text, std::size_t& at, MacroUse use, MacroError& error) {
  std::size_t start = at;
  at += 2;
  Macro macro;
  if (at >= text.size() || !is_letter_for(ascii_lower(text[at]), use)) {
    error = {at < text.size() ? "'" + std::string(1, text[at]) + "' is not a macro letter here" : "unterminated macro", at};
    return std::nullopt;
  }
  macro.letter = text[at++];
  bool has_digits = false;
  while (at < text.size() && is_digit(text[at])) {
    has_digits = true;
    macro.keep = std::min<std::size_t>(macro.keep * 10 + static_cast<std::size_t>(text[at] - '0'), 1000);
    ++at;
  }
  if (has_digits && macro.keep == 0) {
    error = {"a macro's digit transformer must not be zero (RFC 7208 §7.3)", start};
    return std::nullopt;
  }
  if (at < text.size() && ascii_lower(text[at]) == 'r') {
    macro.reverse = true;
    ++at;
  }
  while (at < text.size() && is_delimiter(text[at])) macro.delimiters += text[at++];
  if (at >= text.size() || text[at] != '}') {
    error = {"macro not closed by '}'", start};
    return std::nullopt;
  }
  ++at;
  return macro;
}

// Unreserved characters of RFC 3986 stay; everything else is %XX (§7.3, upper-case macros).
std::string url_escape(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    }
  }
  return out;
}

std::string apply_transformers(const std::string& value, const Macro& macro) {
  std::string delimiters = macro.delimiters.empty() ? "." : macro.delimiters;
  std::vector<std::string> parts(1);
  for (char c : value) {
    if (delimiters.find(c) != std::string::npos) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  if (macro.reverse) std::reverse(parts.begin(), parts.end());
  std::size_t first = 0;
  if (macro.keep != 0 && macro.keep < parts.size()) first = parts.size() - macro.keep;
  std::string out;
  for (std::size_t i = first; i < parts.size(); ++i) {
    if (i != first) out += '.';
    out += parts[i];
  }
  return out;
}

std::string macro_value(char lower, const MacroContext& context, std::optional<std::string>& validated) {
  switch (lower) {
    case 's': return context.local_part + "@" + context.sender_domain;
    case 'l': return context.local_part;
    case 'o': return context.sender_domain;
    case 'd': return context.domain;
    case 'i': return dotted_address(context.ip);
    case 'p':
      if (!validated) validated = context.validated_name ? context.validated_name() : std::string("unknown");
      return *validated;
    case 'v': return context.ip.v6 ? "ip6" : "in-addr";
    case 'h': return context.helo;
    case 'c': return context.ip.to_string();
    case 'r': return context.receiver;
    case 't': return std::to_string(context.timestamp);
    default: return {};
  }
}

// §7.3: a domain longer than 253 characters loses labels from the left until it fits.
std::string truncate_domain(std::string domain) {
  while (domain.size() > 253) {
    std::size_t dot = domain.find('.');
    if (dot == std::string::npos) return {};
    domain.erase(0, dot + 1);
  }
  return domain;
}

}  // namespace

std::optional<MacroError> check_macro_string(std::string_view text, MacroUse use) {
  for (std::size_t at = 0; at < text.size();) {
    char c = text[at];
    if (c == '%') {
      if (at + 1 >= text.size()) return MacroError{"'%' at the end: write '%%' for a percent sign", at};
      char next = text[at + 1];
      if (next == '%' || next == '_' || next == '-') {
        at += 2;
        continue;
      }
      if (next != '{') return MacroError{"'%' must be followed by '{', '%', '_' or '-'", at};
      MacroError error;
      if (!parse_macro(text, at, use, error)) return error;
      continue;
    }
    bool literal = c >= 0x21 && c <= 0x7e;
    if (!literal && !(use == MacroUse::explanation && c == ' ')) {
      return MacroError{"character " + describe_byte(c) + " is not allowed in a macro-string", at};
    }
    ++at;
  }
  return std::nullopt;
}

MacroExpansion expand_macros(std::string_view text, const MacroContext& context, MacroUse use) {
  MacroExpansion result;
  if (auto error = check_macro_string(text, use)) {
    result.error = error;
    return result;
  }
  std::optional<std::string> validated;
  std::string& out = result.text;
  for (std::size_t at = 0; at < text.size();) {
    if (out.size() > max_macro_expansion_bytes) {
      result.error = MacroError{"the expansion is longer than " + std::to_string(max_macro_expansion_bytes) + " bytes", at};
      out.clear();
      return result;
    }
    if (text[at] != '%') {
      out += text[at++];
      continue;
    }
    char next = text[at + 1];
    if (next != '{') {
      out += next == '%' ? "%" : next == '_' ? " " : "%20";
      at += 2;
      continue;
    }
    MacroError ignored;
    Macro macro = *parse_macro(text, at, use, ignored);
    std::string value = apply_transformers(macro_value(ascii_lower(macro.letter), context, validated), macro);
    out += is_upper(macro.letter) ? url_escape(value) : value;
  }
  if (out.size() > max_macro_expansion_bytes) {
    result.error = MacroError{"the expansion is longer than " + std::to_string(max_macro_expansion_bytes) + " bytes", 0};
    out.clear();
    return result;
  }
  if (use == MacroUse::domain_spec) {
    out = truncate_domain(std::move(out));
  } else if (out.size() > max_explanation_bytes) {
    out.resize(max_explanation_bytes);
  }
  return result;
}

std::string dotted_address(const IpAddress& ip) {
  if (!ip.v6) return ip.to_string();
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i != 0) out += '.';
    out += hex[ip.bytes[i] >> 4];
    out += '.';
    out += hex[ip.bytes[i] & 0xf];
  }
  return out;
}

std::string reverse_name(const IpAddress& ip) {
  Macro reversed;
  reversed.reverse = true;
  return apply_transformers(dotted_address(ip), reversed) + (ip.v6 ? ".ip6.arpa" : ".in-addr.arpa");
}

}  // namespace bimi::auth
