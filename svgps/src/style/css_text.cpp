#include "style/css_text.hpp"

#include <cstdint>

namespace bimi::svgps::style {
namespace {

bool is_newline(char c) { return c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

bool is_css_whitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_css_whitespace(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_css_whitespace(text.back())) text.remove_suffix(1);
  return text;
}

void skip_css_whitespace(std::string_view& text) {
  while (!text.empty() && is_css_whitespace(text.front())) text.remove_prefix(1);
}

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string to_lower_ascii(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = to_lower_ascii(c);
  return lowered;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) return false;
  }
  return true;
}

bool consume_prefix_ignoring_case(std::string_view& text, std::string_view prefix) {
  if (text.size() < prefix.size() || !iequals(text.substr(0, prefix.size()), prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

bool is_inherit(std::string_view value) { return iequals(trim(value), "inherit"); }

std::size_t skip_comment(std::string_view text, std::size_t pos) {
  std::size_t end = text.find("*/", pos + 2);
  return end == std::string_view::npos ? text.size() : end + 2;
}

std::size_t skip_string(std::string_view text, std::size_t pos) {
  char quote = text[pos];
  std::size_t i = pos + 1;
  while (i < text.size()) {
    char c = text[i];
    if (c == quote) return i + 1;
    if (c == '\n' || c == '\r' || c == '\f') return i;
    i += (c == '\\') ? 2 : 1;
  }
  return text.size();
}

std::size_t scan_until(std::string_view text, std::size_t pos, std::string_view stops) {
  std::string open_closers;
  std::size_t i = pos;
  while (i < text.size()) {
    char c = text[i];
    if (open_closers.empty() && stops.find(c) != std::string_view::npos) return i;
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = skip_comment(text, i);
      continue;
    }
    if (c == '"' || c == '\'') {
      i = skip_string(text, i);
      continue;
    }
    if (c == '\\') {
      i += 2;
      continue;
    }
    if (c == '(')
      open_closers.push_back(')');
    else if (c == '[')
      open_closers.push_back(']');
    else if (c == '{')
      open_closers.push_back('}');
    else if (!open_closers.empty() && c == open_closers.back())
      open_closers.pop_back();
    ++i;
  }
  return text.size();
}

std::string replace_comments(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = skip_comment(text, i);
      result.push_back(' ');
    } else if (c == '"' || c == '\'') {
      std::size_t end = skip_string(text, i);
      result.append(text.substr(i, end - i));
      i = end;
    } else if (c == '\\' && i + 1 < text.size()) {
      result.append(text.substr(i, 2));
      i += 2;
    } else {
      result.push_back(c);
      ++i;
    }
  }
  return result;
}

bool is_css_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_css_name_char(char c) { return is_css_name_start(c) || (c >= '0' && c <= '9') || c == '-'; }

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool is_valid_escape(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && text[i] == '\\' && !is_newline(text[i + 1]);
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point == 0 || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
    code_point = 0xFFFD;
  }
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::size_t consume_escape(std::string_view text, std::size_t i, std::string& out) {
  ++i;
  if (!is_hex_digit(text[i])) {
    out.push_back(text[i]);
    return i + 1;
  }
  std::uint32_t code_point = 0;
  std::size_t digits = 0;
  while (i < text.size() && digits < 6 && is_hex_digit(text[i])) {
    char c = text[i];
    std::uint32_t value = c <= '9' ? static_cast<std::uint32_t>(c - '0')
                                   : static_cast<std::uint32_t>(to_lower_ascii(c) - 'a' + 10);
    code_point = code_point * 16 + value;
    ++i;
    ++digits;
  }
  if (i < text.size() && is_css_whitespace(text[i])) {
    bool crlf = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    i += crlf ? 2 : 1;
  }
  append_utf8(out, code_point);
  return i;
}

bool starts_identifier(std::string_view text, std::size_t i) {
  if (i >= text.size()) return false;
  if (text[i] == '-') {
    return i + 1 < text.size() &&
           (is_css_name_start(text[i + 1]) || text[i + 1] == '-' || is_valid_escape(text, i + 1));
  }
  return is_css_name_start(text[i]) || is_valid_escape(text, i);
}

std::optional<std::string> consume_identifier(std::string_view text, std::size_t& pos) {
  if (!starts_identifier(text, pos)) return std::nullopt;
  std::string name;
  while (pos < text.size()) {
    if (is_valid_escape(text, pos)) {
      pos = consume_escape(text, pos, name);
    } else if (is_css_name_char(text[pos])) {
      name.push_back(text[pos++]);
    } else {
      break;
    }
  }
  return name;
}

std::optional<std::string> consume_quoted_string(std::string_view text, std::size_t& pos) {
  char quote = text[pos];
  std::string value;
  std::size_t i = pos + 1;
  while (i < text.size()) {
    char c = text[i];
    if (c == quote) {
      pos = i + 1;
      return value;
    }
    if (is_newline(c)) return std::nullopt;
    if (c == '\\') {
      if (i + 1 >= text.size()) {
        ++i;
        continue;
      }
      if (is_newline(text[i + 1])) {  // an escaped newline continues the string
        i += (text[i + 1] == '\r' && i + 2 < text.size() && text[i + 2] == '\n') ? 3 : 2;
        continue;
      }
      i = consume_escape(text, i, value);
      continue;
    }
    value.push_back(c);
    ++i;
  }
  return std::nullopt;
}

}  // namespace bimi::svgps::style
