// From stored bytes to XML text: gunzip (capped), encoding checks, and the constructs refused before
// parsing (DOCTYPE with its entity declarations), reported with their location.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::svgps::detail {

struct DecodedInput {
  std::string text;     // UTF-8 XML; a DOCTYPE is blanked to spaces so offsets and lines stay put
  bool gzipped = false;
  std::size_t svg_bytes = 0;  // bytes of the SVG before any blanking
};

bool is_gzip(std::string_view bytes);

// Fatal problems (empty, bad gzip, bomb, not UTF-8, NUL) are reported and yield nullopt;
// a DOCTYPE or entity declaration is reported and blanked, and decoding goes on.
std::optional<DecodedInput> decode_input(std::string_view bytes, const Limits& limits,
                                         Diagnostics& diagnostics);

// Inflates gzip data, stopping with nullopt as soon as the output would pass max_bytes.
// `error` says why it failed.
std::optional<std::string> gunzip(std::string_view bytes, std::size_t max_bytes, std::string& error);

// Position of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace bimi::svgps::detail
