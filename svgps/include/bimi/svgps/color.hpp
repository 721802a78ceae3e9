// Colours given on the command line (convert --background), parsed once at the edge.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace bimi::svgps {

struct RgbColor {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  friend bool operator==(const RgbColor&, const RgbColor&) = default;
};

// An opaque CSS colour (CSS Color Module Level 4: a name, #rgb, #rrggbb, rgb(), hsl()); nullopt for
// anything else, and for a translucent one, which cannot be a logo's solid background.
std::optional<RgbColor> parse_opaque_color(std::string_view text);

}  // namespace bimi::svgps
