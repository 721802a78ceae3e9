// From stored bytes to XML text: gunzip (capped), encoding checks, and the constructs refused before
// parsing (DOCTYPE with its entity declarations), reported with their location.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::svgps::detail {

struct DecodedInput {
  std::string text;     // UTF-8 XML; a DOCTYPE is blanked to spaces so offsets and lines stay put
  bool gzipped = false;
  std::size_t svg_bytes = 0;  // bytes of the SVG before any blanking
  // Internal entities whose value is plain text (no markup, no other entity), as Illustrator
  // declares its namespace URIs. Never expanded by the linter; the converter may substitute them.
  std::vector<std::pair<std::string, std::string>> plain_entities;
};

// Replaces references to plain entities in `text`, bounded: nullopt when the result would grow
// past max_bytes.
std::optional<std::string> substitute_plain_entities(
    std::string_view text, const std::vector<std::pair<std::string, std::string>>& entities, std::size_t max_bytes);

// Fatal problems (empty, bad gzip, bomb, not UTF-8, NUL) are reported and yield nullopt;
// a DOCTYPE or entity declaration is reported and blanked, and decoding goes on.
std::optional<DecodedInput> decode_input(std::string_view bytes, const Limits& limits,
                                         Diagnostics& diagnostics);

// Position of the first invalid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace bimi::svgps::detail
