#include "svg/input.hpp"

#include "bimi/gzip.hpp"

#include "bimi/svgps/file_format.hpp"
#include "bimi/svgps/input.hpp"


#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "svg/encoding.hpp"
#include "svg/source_map.hpp"

namespace bimi::svgps::detail {

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      code = (code << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000) ||
        (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

namespace {

bool starts_with_at(std::string_view text, std::size_t at, std::string_view prefix) {
  return text.size() - at >= prefix.size() && text.compare(at, prefix.size(), prefix) == 0;
}

// Finds the end of a DOCTYPE declaration that starts at `start`, skipping its internal subset and
// quoted strings. Returns npos when it is not closed.
std::size_t doctype_end(std::string_view text, std::size_t start) {
  char quote = 0;
  int brackets = 0;
  for (std::size_t i = start + 9; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++brackets;
    } else if (c == ']') {
      --brackets;
    } else if (c == '>' && brackets <= 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Skips the prolog's comments, PIs and whitespace to find a DOCTYPE before the root element.
std::size_t find_doctype(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (starts_with_at(text, i, "<?")) {
      std::size_t end = text.find("?>", i + 2);
      if (end == std::string_view::npos) return std::string_view::npos;
      i = end + 2;
    } else if (starts_with_at(text, i, "<!--")) {
      std::size_t end = text.find("-->", i + 4);
      if (end == std::string_view::npos) return std::string_view::npos;
      i = end + 3;
    } else if (starts_with_at(text, i, "<!DOCTYPE")) {
      return i;
    } else if (i == 0 && starts_with_at(text, 0, "\xEF\xBB\xBF")) {
      i = 3;
    } else {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

// <!ENTITY name "value"> with a value of plain text; parameter and external entities are not.
std::optional<std::pair<std::string, std::string>> plain_entity(std::string_view declaration) {
  std::size_t i = 8;
  auto skip = [&] {
    while (i < declaration.size() && std::isspace(static_cast<unsigned char>(declaration[i]))) ++i;
  };
  skip();
  std::size_t name_start = i;
  while (i < declaration.size() && !std::isspace(static_cast<unsigned char>(declaration[i])) && declaration[i] != '%') ++i;
  std::string name(declaration.substr(name_start, i - name_start));
  skip();
  if (name.empty() || i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\'')) return std::nullopt;
  char quote = declaration[i++];
  std::size_t end = declaration.find(quote, i);
  if (end == std::string_view::npos) return std::nullopt;
  std::string value(declaration.substr(i, end - i));
  if (value.find_first_of("&<%") != std::string::npos) return std::nullopt;
  return std::make_pair(std::move(name), std::move(value));
}

void blank_keep_lines(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
  }
}

}  // namespace

std::optional<DecodedInput> decode_input(std::string_view bytes, const Limits& limits,
                                         Diagnostics& diagnostics) {
  auto fatal = [&](std::string_view rule, std::string message, Location location = {}) {
    diagnostics.add(std::string(rule), Severity::error, std::move(message), location);
    return std::nullopt;
  };
  if (bytes.size() > limits.max_input_bytes) {
    return fatal("input-too-large", "file is " + std::to_string(bytes.size()) +
                                        " bytes, more than the limit of " +
                                        std::to_string(limits.max_input_bytes));
  }
  if (auto format = sniff_format(bytes); is_foreign_format(format)) {
    return fatal("input-format", foreign_format_message(format));
  }
  DecodedInput decoded;
  if (is_gzip(bytes)) {
    std::string error;
    auto inflated = gunzip(bytes, limits.max_inflated_bytes, error);
    if (!inflated) return fatal("gzip-invalid", error);
    decoded.text = std::move(*inflated);
    decoded.gzipped = true;
  } else {
    decoded.text.assign(bytes);
  }
  std::string& text = decoded.text;
  decoded.svg_bytes = text.size();

  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return fatal("input-empty", text.empty() ? "file is empty" : "file holds only whitespace");
  }
  // XML allows any declared encoding (and UTF-16 with a byte order mark); everything after this
  // reads UTF-8, so other encodings are transcoded, within the same byte limit.
  if (auto encoding = encoding_to_transcode(text)) {
    Transcoded transcoded = transcode_to_utf8(text, *encoding, limits.max_inflated_bytes);
    if (transcoded.too_large) {
      return fatal("input-too-large", "file is more than " + std::to_string(limits.max_inflated_bytes) +
                                          " bytes once transcoded from " + encoding->name + " to UTF-8");
    }
    if (transcoded.unknown_encoding) {
      return fatal("input-encoding", "the declared encoding \"" + encoding->name + "\" is not one bimi can read");
    }
    if (!transcoded.error.empty()) {
      return fatal("input-encoding", "file cannot be read as " + encoding->name + ": " + transcoded.error,
                   transcoded.error_location);
    }
    text = std::move(transcoded.text);
    diagnostics.add("input-transcoded", Severity::note,
                    "file is encoded in " + encoding->name + "; it was read as UTF-8, the encoding logos should use");
  }
  SourceMap map(text);
  if (std::size_t nul = text.find('\0'); nul != std::string::npos) {
    return fatal("input-encoding", "file contains a NUL byte; it is not a text file", map.location(nul));
  }
  if (std::size_t bad = find_invalid_utf8(text); bad != std::string_view::npos) {
    return fatal("input-encoding", "file is not valid UTF-8 (byte 0x" +
                                       [&] {
                                         char hex[3];
                                         std::snprintf(hex, sizeof hex, "%02X",
                                                       static_cast<unsigned char>(text[bad]));
                                         return std::string(hex);
                                       }() +
                                       ")",
                 map.location(bad));
  }

  if (std::size_t doctype = find_doctype(text); doctype != std::string::npos) {
    std::size_t end = doctype_end(text, doctype);
    if (end == std::string::npos) {
      return fatal("xml-malformed", "DOCTYPE declaration is not closed", map.location(doctype));
    }
    diagnostics.add("doctype", Severity::error,
                    "DOCTYPE declaration is not allowed; remove it (entities and external DTDs are a "
                    "security risk and mail clients refuse them)",
                    map.location(doctype));
    std::string_view declaration(text.data() + doctype, end - doctype);
    for (std::size_t at = declaration.find("<!ENTITY"); at != std::string_view::npos;
         at = declaration.find("<!ENTITY", at + 8)) {
      diagnostics.add("entity-declaration", Severity::error,
                      "entity declaration is not allowed; entities are never expanded",
                      map.location(doctype + at));
      if (auto entity = plain_entity(declaration.substr(at))) decoded.plain_entities.push_back(std::move(*entity));
    }
    blank_keep_lines(text, doctype, end);
  }
  return decoded;
}

std::optional<std::string> substitute_plain_entities(
    std::string_view text, const std::vector<std::pair<std::string, std::string>>& entities, std::size_t max_bytes) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, amp - i));
    std::size_t semicolon = text.find(';', amp);
    bool replaced = false;
    if (semicolon != std::string_view::npos && semicolon - amp < 64) {
      std::string_view name = text.substr(amp + 1, semicolon - amp - 1);
      for (const auto& [entity, value] : entities) {
        if (entity == name) {
          out.append(value);
          i = semicolon + 1;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) {
      out.push_back('&');
      i = amp + 1;
    }
    if (out.size() > max_bytes) return std::nullopt;
  }
  return out;
}

}  // namespace bimi::svgps::detail

namespace bimi::svgps {

std::optional<std::string> decode_svg(std::string_view bytes, const Limits& limits, Diagnostics& diagnostics) {
  auto decoded = detail::decode_input(bytes, limits, diagnostics);
  if (!decoded) return std::nullopt;
  return std::move(decoded->text);
}

}  // namespace bimi::svgps
