// The blend modes of mix-blend-mode (Compositing and Blending Level 1 §10), on flat colours: what a
// blended source paints over one backdrop colour.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "convert/color_map.hpp"

namespace bimi::svgps::convert {

enum class BlendMode {
  normal,
  multiply,
  screen,
  overlay,
  darken,
  lighten,
  color_dodge,
  color_burn,
  hard_light,
  soft_light,
  difference,
  exclusion,
  hue,
  saturation,
  color,
  luminosity
};

// The <blend-mode> keyword (§3.2, ASCII case-insensitive), nullopt for anything else.
std::optional<BlendMode> parse_blend_mode(std::string_view keyword);
// Its keyword, for messages.
std::string_view blend_mode_name(BlendMode mode);

// B(Cb, Cs): the mixing function (§10.1 separable, §10.2 non-separable) on non-premultiplied
// sRGB channels 0..1.
using Rgb3 = std::array<double, 3>;
Rgb3 mix(BlendMode mode, const Rgb3& backdrop, const Rgb3& source);

// The colour a blended source paints when drawn source-over on the backdrop instead (§10:
// Cs' = (1 - αb)·Cs + αb·B(Cb, Cs)); its alpha stays the source's.
Rgba blended_source(BlendMode mode, const Rgba& backdrop, const Rgba& source);

// Simple alpha compositing (§5.1, source-over) of straight-alpha colours.
Rgba over(const Rgba& top, const Rgba& below);

}  // namespace bimi::svgps::convert
