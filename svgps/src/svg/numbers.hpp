// Small parsers for SVG numbers and lengths; each consumes from a std::string_view it is given.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace bimi::svgps::detail {

void skip_whitespace(std::string_view& text);
// Skips whitespace, then at most one comma and the whitespace after it.
void skip_separator(std::string_view& text);

// An SVG number (sign, digits, fraction, exponent); locale-independent.
std::optional<double> parse_number(std::string_view& text);

// Whitespace- and/or comma-separated numbers; nullopt when anything else is present.
std::optional<std::vector<double>> parse_number_list(std::string_view text);

enum class LengthUnit { none, px, pt, pc, mm, cm, in, em, ex, percent };

struct Length {
  double value = 0;
  LengthUnit unit = LengthUnit::none;

  bool is_absolute() const;
  // Absolute lengths in CSS pixels (96 per inch); nullopt for relative units.
  std::optional<double> to_pixels() const;
};

// A whole attribute value that is one length, with optional surrounding whitespace.
std::optional<Length> parse_length(std::string_view text);

}  // namespace bimi::svgps::detail
