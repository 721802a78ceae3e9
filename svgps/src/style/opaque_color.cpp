#include "bimi/svgps/color.hpp"

#include "style/color.hpp"

namespace bimi::svgps {

std::optional<RgbColor> parse_opaque_color(std::string_view text) {
  auto color = style::parse_color(text);
  if (!color || color->alpha < 1.0) return std::nullopt;
  return RgbColor{color->r, color->g, color->b};
}

}  // namespace bimi::svgps
