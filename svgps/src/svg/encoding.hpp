// Which character encoding an XML document is in (XML 1.0 §4.3.3 and Appendix F: a byte order
// mark, else the XML declaration's encoding), and transcoding to UTF-8 with glibc's iconv.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"

namespace bimi::svgps::detail {

struct SourceEncoding {
  std::string name;            // as declared, or "UTF-16LE"/"UTF-16BE" from the byte order mark
  std::size_t skip_bytes = 0;  // a byte order mark that is not part of the text
};

// The encoding `bytes` must be transcoded from, or nullopt when they are UTF-8 as they stand: no
// declaration, a declaration of UTF-8, or only ASCII under an ASCII-compatible declaration.
std::optional<SourceEncoding> encoding_to_transcode(std::string_view bytes);

struct Transcoded {
  std::string text;  // UTF-8, with the declaration's encoding="…" blanked so later parsers read UTF-8
  std::string error;  // why it could not be transcoded (empty on success)
  Location error_location;
  bool too_large = false;  // the UTF-8 would pass max_bytes
  bool unknown_encoding = false;  // iconv does not know the encoding's name
};

// Transcodes to UTF-8, stopping as soon as the output would pass `max_bytes`. Characters map one
// to one and line breaks are kept, so line:column in the result are those of the original text.
Transcoded transcode_to_utf8(std::string_view bytes, const SourceEncoding& from, std::size_t max_bytes);

}  // namespace bimi::svgps::detail
