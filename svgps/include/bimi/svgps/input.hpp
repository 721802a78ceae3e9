// Stored bytes (SVG or gzip-compressed SVGZ) to SVG text, under the same limits as `lint`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::svgps {

// Fatal problems (empty, bad gzip, bomb, not UTF-8) are reported and yield nullopt. A DOCTYPE is
// reported and blanked, so the text never expands an entity.
std::optional<std::string> decode_svg(std::string_view bytes, const Limits& limits, Diagnostics& diagnostics);

}  // namespace bimi::svgps
