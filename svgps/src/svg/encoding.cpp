#include "svg/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <memory>

#include "svg/source_map.hpp"

namespace bimi::svgps::detail {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// Where the value of the XML declaration's encoding pseudo-attribute is, in text that starts with
// "<?xml " in an ASCII-compatible encoding: {offset of `encoding`, offset of the value, its length}.
struct DeclaredEncoding {
  std::size_t attribute = 0;
  std::size_t value = 0;
  std::size_t length = 0;
  std::size_t end = 0;  // one past the closing quote
};

std::optional<DeclaredEncoding> find_declared_encoding(std::string_view text) {
  if (!starts_with(text, "<?xml") || text.size() < 6 || !is_space(text[5])) return std::nullopt;
  // The declaration is short; a bound keeps a missing "?>" from costing a scan of the file.
  std::size_t close = text.substr(0, 1024).find("?>");
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view declaration = text.substr(0, close);
  for (std::size_t at = declaration.find("encoding"); at != std::string_view::npos;
       at = declaration.find("encoding", at + 1)) {
    if (!is_space(declaration[at - 1])) continue;
    std::size_t i = at + 8;
    while (i < declaration.size() && is_space(declaration[i])) ++i;
    if (i >= declaration.size() || declaration[i] != '=') continue;
    ++i;
    while (i < declaration.size() && is_space(declaration[i])) ++i;
    if (i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\'')) return std::nullopt;
    std::size_t end = declaration.find(declaration[i], i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return DeclaredEncoding{at, i + 1, end - i - 1, end + 1};
  }
  return std::nullopt;
}

bool is_utf8_name(std::string_view name) {
  std::string n = upper(name);
  return n == "UTF-8" || n == "UTF8";
}

bool is_utf16_name(std::string_view name) { return starts_with(upper(name), "UTF-16") || upper(name) == "UCS-2"; }

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Blanks encoding="…" in the transcoded text's XML declaration, keeping every column in place.
void blank_declared_encoding(std::string& text) {
  std::size_t start = starts_with(text, "\xEF\xBB\xBF") ? 3 : 0;
  auto declared = find_declared_encoding(std::string_view(text).substr(start));
  if (!declared) return;
  std::fill(text.begin() + static_cast<std::ptrdiff_t>(start + declared->attribute),
            text.begin() + static_cast<std::ptrdiff_t>(start + declared->end), ' ');
}

struct IconvCloser {
  void operator()(void* handle) const { iconv_close(static_cast<iconv_t>(handle)); }
};

}  // namespace

std::optional<SourceEncoding> encoding_to_transcode(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) return std::nullopt;
  if (starts_with(bytes, "\xFF\xFE")) return SourceEncoding{"UTF-16LE", 2};
  if (starts_with(bytes, "\xFE\xFF")) return SourceEncoding{"UTF-16BE", 2};
  // UTF-16 without a byte order mark shows itself in "<?" (XML 1.0 Appendix F).
  if (starts_with(bytes, std::string_view("<\0?\0", 4))) return SourceEncoding{"UTF-16LE", 0};
  if (starts_with(bytes, std::string_view("\0<\0?", 4))) return SourceEncoding{"UTF-16BE", 0};
  auto declared = find_declared_encoding(bytes);
  if (!declared) return std::nullopt;
  std::string name(bytes.substr(declared->value, declared->length));
  if (is_utf8_name(name)) return std::nullopt;
  // An 8-bit file that declares UTF-16 is read as it is; ASCII reads the same in any 8-bit encoding.
  if (is_utf16_name(name) || is_ascii(bytes)) return std::nullopt;
  return SourceEncoding{std::move(name), 0};
}

Transcoded transcode_to_utf8(std::string_view bytes, const SourceEncoding& from, std::size_t max_bytes) {
  Transcoded result;
  iconv_t raw = iconv_open("UTF-8", from.name.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) {
    result.unknown_encoding = true;
    return result;
  }
  std::unique_ptr<void, IconvCloser> handle(raw);
  std::string_view input = bytes.substr(std::min(from.skip_bytes, bytes.size()));
  auto* in = const_cast<char*>(input.data());  // iconv's signature; the input is not written
  std::size_t in_left = input.size();
  std::string& out = result.text;
  // Most text grows little in UTF-8; the buffer doubles as needed, up to the limit and one character.
  out.resize(std::min(max_bytes + 4, std::max<std::size_t>(input.size() + input.size() / 2, 64)));
  std::size_t used = 0;
  while (in_left > 0) {
    char* out_at = out.data() + used;
    std::size_t out_left = out.size() - used;
    std::size_t converted = iconv(raw, &in, &in_left, &out_at, &out_left);
    const int failure = errno;
    used = static_cast<std::size_t>(out_at - out.data());
    if (used > max_bytes) {
      result.too_large = true;
      return result;
    }
    if (converted != static_cast<std::size_t>(-1)) break;
    if (failure == E2BIG) {
      if (out.size() >= max_bytes + 4) {
        result.too_large = true;
        return result;
      }
      out.resize(std::min(max_bytes + 4, out.size() * 2));
      continue;
    }
    // EILSEQ or EINVAL (a truncated character at the end): where it happened, in characters.
    out.resize(used);
    SourceMap map(out);
    result.error_location = map.location(used);
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(*in));
    result.error = failure == EINVAL ? "the file ends inside a " + from.name + " character"
                                   : "byte 0x" + std::string(hex) + " is not a character in " + from.name;
    return result;
  }
  // Stateful encodings (ISO-2022) may still owe a shift back to their initial state.
  char* out_at = out.data() + used;
  std::size_t out_left = out.size() - used;
  iconv(raw, nullptr, nullptr, &out_at, &out_left);
  used = static_cast<std::size_t>(out_at - out.data());
  if (used > max_bytes) {
    result.too_large = true;
    return result;
  }
  out.resize(used);
  blank_declared_encoding(out);
  return result;
}

}  // namespace bimi::svgps::detail
