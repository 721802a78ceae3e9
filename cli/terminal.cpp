#include "terminal.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace bimi::cli {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_byte_escape(std::string& out, unsigned char byte) {
  out += "\\x";
  out += hex_digits[byte >> 4];
  out += hex_digits[byte & 0xf];
}

void append_code_point_escape(std::string& out, char32_t code_point) {
  std::string digits;
  do {
    digits.insert(digits.begin(), hex_digits[code_point & 0xf]);
    code_point >>= 4;
  } while (code_point != 0);
  out += "\\u{" + digits + "}";
}

// Code points a terminal acts on or that reorder what is shown around them (Unicode UAX #9).
bool is_disguising(char32_t c) {
  return (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

// The length of the well-formed UTF-8 sequence at the start of `text` and its code point, or 0
// (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t decode_utf8(std::string_view text, char32_t& code_point) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(0);
  std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  if (lead < 0xc2 || lead > 0xf4 || text.size() < length) return 0;
  char32_t value = lead & (0x7f >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xc0) != 0x80) return 0;
    value = (value << 6) | (byte(i) & 0x3f);
  }
  bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
  if (overlong || (value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return 0;
  code_point = value;
  return length;
}

}  // namespace

bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return ::isatty(::fileno(stream)) != 0;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte == '\t') {
        out += "\\t";
      } else if (byte == '\n') {
        out += "\\n";
      } else if (byte == '\r') {
        out += "\\r";
      } else if (byte < 0x20 || byte == 0x7f) {
        append_byte_escape(out, byte);
      } else {
        out += static_cast<char>(byte);
      }
      ++i;
      continue;
    }
    char32_t code_point = 0;
    std::size_t length = decode_utf8(text.substr(i), code_point);
    if (length == 0) {
      append_byte_escape(out, byte);
      ++i;
    } else if (is_disguising(code_point)) {
      append_code_point_escape(out, code_point);
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace bimi::cli
