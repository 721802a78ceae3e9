#include "style/css_text.hpp"

namespace bimi::svgps::style {

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

}  // namespace bimi::svgps::style
