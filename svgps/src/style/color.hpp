// CSS colour values as found in SVG exports, and the hex form the writer prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bimi::svgps::style {

struct Color {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  double alpha = 1.0;  // 0..1, clamped on parse
  friend bool operator==(const Color&, const Color&) = default;
};

// One colour at the front of `text`, consumed on success (nothing is consumed on failure).
// Accepts, case-insensitively:
//   #rgb #rgba #rrggbb #rrggbbaa
//   rgb()/rgba() (aliases): legacy "r, g, b[, a]" with all numbers or all percentages, or modern
//     "r g b [/ a]" where each channel may be a number or a percentage; numbers may be fractional
//     and are rounded, channels are clamped to 0..255; alpha is a number or a percentage.
//   hsl()/hsla() (aliases): hue as a number (degrees) or with deg, grad, rad or turn; saturation
//     and lightness as percentages (the modern syntax also takes plain numbers); optional alpha.
//   the 147 named colours of CSS Color 3 / SVG 1.1, rebeccapurple (CSS Color 4) and transparent.
// `currentColor` is not a colour value here: see is_current_color().
std::optional<Color> consume_color(std::string_view& text);

// A whole value that is exactly one colour, with optional surrounding whitespace.
std::optional<Color> parse_color(std::string_view text);

// The keyword currentColor (case-insensitive, surrounding whitespace allowed).
bool is_current_color(std::string_view text);

// Colour keywords in CSS Color 3 / SVG 1.1 (147), plus rebeccapurple; for tests and diagnostics.
std::size_t named_color_count();

enum class HexForm {
  shortest,  // "#rgb" when every channel is a doubled hex digit (0x00, 0x11, ... 0xff), else
             // "#rrggbb"
  long_form  // always "#rrggbb"
};

// The opaque colour as lowercase hex. Alpha is not written: SVG Tiny 1.2 has no alpha in colours,
// so the writer emits it as fill-opacity / stroke-opacity / stop-opacity instead.
std::string to_hex(Color color, HexForm form = HexForm::shortest);

}  // namespace bimi::svgps::style
