#include "bimi/records/txt.hpp"

#include "text.hpp"

namespace bimi::records {

std::string to_presentation(std::string_view value) {
  constexpr std::size_t max_string = 255;
  std::string out;
  std::size_t offset = 0;
  do {
    std::string_view chunk = value.substr(offset, max_string);
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : chunk) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
    offset += chunk.size();
  } while (offset < value.size());
  return out;
}

std::optional<std::string> join_presentation(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  text = trim(text);
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    if (text[i] != '"') return std::nullopt;
    ++i;
    bool closed = false;
    while (i < text.size()) {
      char c = text[i++];
      if (c == '"') {
        closed = true;
        break;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i >= text.size()) return std::nullopt;
      if (text[i] >= '0' && text[i] <= '9') {  // \DDD: one byte in decimal
        if (i + 3 > text.size()) return std::nullopt;
        int code = 0;
        for (int k = 0; k < 3; ++k) {
          char d = text[i + static_cast<std::size_t>(k)];
          if (d < '0' || d > '9') return std::nullopt;
          code = code * 10 + (d - '0');
        }
        if (code > 255) return std::nullopt;
        out += static_cast<char>(code);
        i += 3;
      } else {
        out += text[i++];
      }
    }
    if (!closed) return std::nullopt;
  }
  return out;
}

}  // namespace bimi::records
