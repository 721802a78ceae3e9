// Base64 (RFC 4648), the one codec of the project: certificates embed logos with it, and SVG embeds
// bitmaps in data: URIs with it. Two readers, because the two places accept different text.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace bimi {

enum class Base64Mode {
  // RFC 4648 §4 exactly: the standard alphabet, length a multiple of 4, padding only at the end, no
  // whitespace. What certificates carry, where one encoding must give one set of bytes.
  strict,
  // As SVG renderers read a data: URI payload: XML whitespace skipped, the URL-safe alphabet
  // (RFC 4648 §5) accepted too, padding optional, a last incomplete group dropped.
  lenient,
};

// The standard alphabet with padding.
std::string base64_encode(std::string_view bytes);

// The decoded bytes, or nullopt when `text` is not base64 in `mode` or decodes to more than
// `max_bytes` (checked as it decodes, so an oversized payload costs no more than the bound).
std::optional<std::string> base64_decode(std::string_view text, Base64Mode mode = Base64Mode::strict,
                                         std::size_t max_bytes = std::numeric_limits<std::size_t>::max());

}  // namespace bimi
