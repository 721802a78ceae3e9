#include "style/color.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include "style/css_text.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::style {
namespace {

struct NamedColor {
  std::string_view name;
  std::uint8_t r, g, b;
};

// Sorted by name for binary search (a test keeps it sorted).
constexpr NamedColor kNamedColors[] = {
    {"aliceblue", 240, 248, 255},
    {"antiquewhite", 250, 235, 215},
    {"aqua", 0, 255, 255},
    {"aquamarine", 127, 255, 212},
    {"azure", 240, 255, 255},
    {"beige", 245, 245, 220},
    {"bisque", 255, 228, 196},
    {"black", 0, 0, 0},
    {"blanchedalmond", 255, 235, 205},
    {"blue", 0, 0, 255},
    {"blueviolet", 138, 43, 226},
    {"brown", 165, 42, 42},
    {"burlywood", 222, 184, 135},
    {"cadetblue", 95, 158, 160},
    {"chartreuse", 127, 255, 0},
    {"chocolate", 210, 105, 30},
    {"coral", 255, 127, 80},
    {"cornflowerblue", 100, 149, 237},
    {"cornsilk", 255, 248, 220},
    {"crimson", 220, 20, 60},
    {"cyan", 0, 255, 255},
    {"darkblue", 0, 0, 139},
    {"darkcyan", 0, 139, 139},
    {"darkgoldenrod", 184, 134, 11},
    {"darkgray", 169, 169, 169},
    {"darkgreen", 0, 100, 0},
    {"darkgrey", 169, 169, 169},
    {"darkkhaki", 189, 183, 107},
    {"darkmagenta", 139, 0, 139},
    {"darkolivegreen", 85, 107, 47},
    {"darkorange", 255, 140, 0},
    {"darkorchid", 153, 50, 204},
    {"darkred", 139, 0, 0},
    {"darksalmon", 233, 150, 122},
    {"darkseagreen", 143, 188, 143},
    {"darkslateblue", 72, 61, 139},
    {"darkslategray", 47, 79, 79},
    {"darkslategrey", 47, 79, 79},
    {"darkturquoise", 0, 206, 209},
    {"darkviolet", 148, 0, 211},
    {"deeppink", 255, 20, 147},
    {"deepskyblue", 0, 191, 255},
    {"dimgray", 105, 105, 105},
    {"dimgrey", 105, 105, 105},
    {"dodgerblue", 30, 144, 255},
    {"firebrick", 178, 34, 34},
    {"floralwhite", 255, 250, 240},
    {"forestgreen", 34, 139, 34},
    {"fuchsia", 255, 0, 255},
    {"gainsboro", 220, 220, 220},
    {"ghostwhite", 248, 248, 255},
    {"gold", 255, 215, 0},
    {"goldenrod", 218, 165, 32},
    {"gray", 128, 128, 128},
    {"green", 0, 128, 0},
    {"greenyellow", 173, 255, 47},
    {"grey", 128, 128, 128},
    {"honeydew", 240, 255, 240},
    {"hotpink", 255, 105, 180},
    {"indianred", 205, 92, 92},
    {"indigo", 75, 0, 130},
    {"ivory", 255, 255, 240},
    {"khaki", 240, 230, 140},
    {"lavender", 230, 230, 250},
    {"lavenderblush", 255, 240, 245},
    {"lawngreen", 124, 252, 0},
    {"lemonchiffon", 255, 250, 205},
    {"lightblue", 173, 216, 230},
    {"lightcoral", 240, 128, 128},
    {"lightcyan", 224, 255, 255},
    {"lightgoldenrodyellow", 250, 250, 210},
    {"lightgray", 211, 211, 211},
    {"lightgreen", 144, 238, 144},
    {"lightgrey", 211, 211, 211},
    {"lightpink", 255, 182, 193},
    {"lightsalmon", 255, 160, 122},
    {"lightseagreen", 32, 178, 170},
    {"lightskyblue", 135, 206, 250},
    {"lightslategray", 119, 136, 153},
    {"lightslategrey", 119, 136, 153},
    {"lightsteelblue", 176, 196, 222},
    {"lightyellow", 255, 255, 224},
    {"lime", 0, 255, 0},
    {"limegreen", 50, 205, 50},
    {"linen", 250, 240, 230},
    {"magenta", 255, 0, 255},
    {"maroon", 128, 0, 0},
    {"mediumaquamarine", 102, 205, 170},
    {"mediumblue", 0, 0, 205},
    {"mediumorchid", 186, 85, 211},
    {"mediumpurple", 147, 112, 219},
    {"mediumseagreen", 60, 179, 113},
    {"mediumslateblue", 123, 104, 238},
    {"mediumspringgreen", 0, 250, 154},
    {"mediumturquoise", 72, 209, 204},
    {"mediumvioletred", 199, 21, 133},
    {"midnightblue", 25, 25, 112},
    {"mintcream", 245, 255, 250},
    {"mistyrose", 255, 228, 225},
    {"moccasin", 255, 228, 181},
    {"navajowhite", 255, 222, 173},
    {"navy", 0, 0, 128},
    {"oldlace", 253, 245, 230},
    {"olive", 128, 128, 0},
    {"olivedrab", 107, 142, 35},
    {"orange", 255, 165, 0},
    {"orangered", 255, 69, 0},
    {"orchid", 218, 112, 214},
    {"palegoldenrod", 238, 232, 170},
    {"palegreen", 152, 251, 152},
    {"paleturquoise", 175, 238, 238},
    {"palevioletred", 219, 112, 147},
    {"papayawhip", 255, 239, 213},
    {"peachpuff", 255, 218, 185},
    {"peru", 205, 133, 63},
    {"pink", 255, 192, 203},
    {"plum", 221, 160, 221},
    {"powderblue", 176, 224, 230},
    {"purple", 128, 0, 128},
    {"rebeccapurple", 102, 51, 153},
    {"red", 255, 0, 0},
    {"rosybrown", 188, 143, 143},
    {"royalblue", 65, 105, 225},
    {"saddlebrown", 139, 69, 19},
    {"salmon", 250, 128, 114},
    {"sandybrown", 244, 164, 96},
    {"seagreen", 46, 139, 87},
    {"seashell", 255, 245, 238},
    {"sienna", 160, 82, 45},
    {"silver", 192, 192, 192},
    {"skyblue", 135, 206, 235},
    {"slateblue", 106, 90, 205},
    {"slategray", 112, 128, 144},
    {"slategrey", 112, 128, 144},
    {"snow", 255, 250, 250},
    {"springgreen", 0, 255, 127},
    {"steelblue", 70, 130, 180},
    {"tan", 210, 180, 140},
    {"teal", 0, 128, 128},
    {"thistle", 216, 191, 216},
    {"tomato", 255, 99, 71},
    {"turquoise", 64, 224, 208},
    {"violet", 238, 130, 238},
    {"wheat", 245, 222, 179},
    {"white", 255, 255, 255},
    {"whitesmoke", 245, 245, 245},
    {"yellow", 255, 255, 0},
    {"yellowgreen", 154, 205, 50},
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// The longest run of identifier characters at the front of `text`.
std::string_view leading_name(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && is_name_char(text[n])) ++n;
  return text.substr(0, n);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::uint8_t to_channel(double value) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 255.0)));
}

std::optional<Color> color_from_hex(std::string_view digits) {
  for (char c : digits) {
    if (hex_value(c) < 0) return std::nullopt;
  }
  auto pair = [&](std::size_t i) {
    return static_cast<std::uint8_t>(hex_value(digits[i]) * 16 + hex_value(digits[i + 1]));
  };
  auto doubled = [&](std::size_t i) {
    return static_cast<std::uint8_t>(hex_value(digits[i]) * 17);
  };
  switch (digits.size()) {
    case 3:
      return Color{doubled(0), doubled(1), doubled(2), 1.0};
    case 4:
      return Color{doubled(0), doubled(1), doubled(2), doubled(3) / 255.0};
    case 6:
      return Color{pair(0), pair(2), pair(4), 1.0};
    case 8:
      return Color{pair(0), pair(2), pair(4), pair(6) / 255.0};
    default:
      return std::nullopt;
  }
}

std::optional<Color> named_color(std::string_view name) {
  std::string lowered = to_lower_ascii(name);
  if (lowered == "transparent") return Color{0, 0, 0, 0.0};
  auto it = std::lower_bound(
      std::begin(kNamedColors), std::end(kNamedColors), lowered,
      [](const NamedColor& entry, const std::string& key) { return entry.name < key; });
  if (it == std::end(kNamedColors) || it->name != lowered) return std::nullopt;
  return Color{it->r, it->g, it->b, 1.0};
}

enum class ValueKind { number, percentage, angle };

struct Component {
  double value = 0;  // angles already in degrees
  ValueKind kind = ValueKind::number;
};

// A number, optionally followed by '%' or (when angles are allowed) an angle unit.
std::optional<Component> consume_component(std::string_view& text, bool allow_angle) {
  std::string_view rest = text;
  auto number = detail::parse_number(rest);
  if (!number) return std::nullopt;
  Component component{*number, ValueKind::number};
  if (!rest.empty() && rest.front() == '%') {
    rest.remove_prefix(1);
    component.kind = ValueKind::percentage;
  } else if (allow_angle) {
    std::string_view unit = leading_name(rest);
    if (!unit.empty()) {
      double degrees_per_unit = 0;
      for (auto [name, degrees] :
           {std::pair{"deg", 1.0}, std::pair{"grad", 0.9},
            std::pair{"rad", 180.0 / std::numbers::pi}, std::pair{"turn", 360.0}}) {
        if (iequals(unit, name)) degrees_per_unit = degrees;
      }
      if (degrees_per_unit == 0) return std::nullopt;
      rest.remove_prefix(unit.size());
      component.value *= degrees_per_unit;
      component.kind = ValueKind::angle;
    }
  }
  text = rest;
  return component;
}

struct ColorArguments {
  std::array<Component, 3> channels;
  std::optional<Component> alpha;
  bool legacy_commas = false;
};

// "a, b, c[, alpha]" (legacy) or "a b c[ / alpha]" (modern): the whole text inside the parentheses.
std::optional<ColorArguments> parse_arguments(std::string_view text, bool first_is_hue) {
  ColorArguments arguments;
  skip_css_whitespace(text);
  auto first = consume_component(text, first_is_hue);
  if (!first) return std::nullopt;
  arguments.channels[0] = *first;
  skip_css_whitespace(text);
  arguments.legacy_commas = !text.empty() && text.front() == ',';
  for (std::size_t i = 1; i < 3; ++i) {
    if (arguments.legacy_commas) {
      if (text.empty() || text.front() != ',') return std::nullopt;
      text.remove_prefix(1);
      skip_css_whitespace(text);
    }
    auto channel = consume_component(text, false);
    if (!channel) return std::nullopt;
    arguments.channels[i] = *channel;
    skip_css_whitespace(text);
  }
  char alpha_separator = arguments.legacy_commas ? ',' : '/';
  if (!text.empty() && text.front() == alpha_separator) {
    text.remove_prefix(1);
    skip_css_whitespace(text);
    auto alpha = consume_component(text, false);
    if (!alpha) return std::nullopt;
    arguments.alpha = *alpha;
    skip_css_whitespace(text);
  }
  if (!text.empty()) return std::nullopt;
  return arguments;
}

double alpha_value(const std::optional<Component>& alpha) {
  if (!alpha) return 1.0;
  double value = alpha->kind == ValueKind::percentage ? alpha->value / 100.0 : alpha->value;
  return std::clamp(value, 0.0, 1.0);
}

std::optional<Color> rgb_from_arguments(const ColorArguments& arguments) {
  const auto& channels = arguments.channels;
  // The legacy comma syntax does not mix numbers and percentages.
  if (arguments.legacy_commas &&
      (channels[0].kind != channels[1].kind || channels[1].kind != channels[2].kind)) {
    return std::nullopt;
  }
  std::array<std::uint8_t, 3> rgb{};
  for (std::size_t i = 0; i < 3; ++i) {
    const Component& channel = channels[i];
    rgb[i] = to_channel(channel.kind == ValueKind::percentage ? channel.value * 255.0 / 100.0
                                                              : channel.value);
  }
  return Color{rgb[0], rgb[1], rgb[2], alpha_value(arguments.alpha)};
}

std::optional<Color> hsl_from_arguments(const ColorArguments& arguments) {
  const auto& channels = arguments.channels;
  if (channels[0].kind == ValueKind::percentage) return std::nullopt;
  for (std::size_t i = 1; i < 3; ++i) {
    // Legacy hsl() needs percentages; the modern syntax also takes plain numbers.
    if (arguments.legacy_commas && channels[i].kind != ValueKind::percentage) return std::nullopt;
  }
  double hue = std::fmod(channels[0].value, 360.0);
  if (hue < 0) hue += 360.0;
  double saturation = std::clamp(channels[1].value, 0.0, 100.0) / 100.0;
  double lightness = std::clamp(channels[2].value, 0.0, 100.0) / 100.0;
  // CSS Color 4, section 7.1 (sample conversion code).
  auto channel = [&](double n) {
    double k = std::fmod(n + hue / 30.0, 12.0);
    double a = saturation * std::min(lightness, 1.0 - lightness);
    return lightness - a * std::max(-1.0, std::min({k - 3.0, 9.0 - k, 1.0}));
  };
  return Color{to_channel(channel(0) * 255.0), to_channel(channel(8) * 255.0),
               to_channel(channel(4) * 255.0), alpha_value(arguments.alpha)};
}

}  // namespace

std::optional<Color> consume_color(std::string_view& text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '#') {
    std::string_view digits = leading_name(text.substr(1));
    auto color = color_from_hex(digits);
    if (color) text.remove_prefix(1 + digits.size());
    return color;
  }
  std::string_view name = leading_name(text);
  if (name.empty()) return std::nullopt;
  std::string_view rest = text.substr(name.size());
  if (rest.empty() || rest.front() != '(') {
    auto color = named_color(name);
    if (color) text = rest;
    return color;
  }
  bool is_rgb = iequals(name, "rgb") || iequals(name, "rgba");
  bool is_hsl = iequals(name, "hsl") || iequals(name, "hsla");
  if (!is_rgb && !is_hsl) return std::nullopt;
  std::size_t close = rest.find(')');
  if (close == std::string_view::npos) return std::nullopt;
  auto arguments = parse_arguments(rest.substr(1, close - 1), is_hsl);
  if (!arguments) return std::nullopt;
  auto color = is_rgb ? rgb_from_arguments(*arguments) : hsl_from_arguments(*arguments);
  if (color) text = rest.substr(close + 1);
  return color;
}

std::optional<Color> parse_color(std::string_view text) {
  text = trim(text);
  auto color = consume_color(text);
  if (!color || !text.empty()) return std::nullopt;
  return color;
}

bool is_current_color(std::string_view text) { return iequals(trim(text), "currentcolor"); }

std::size_t named_color_count() { return std::size(kNamedColors); }

std::string to_hex(Color color, HexForm form) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::array<std::uint8_t, 3> channels{color.r, color.g, color.b};
  bool can_shorten =
      form == HexForm::shortest &&
      std::all_of(channels.begin(), channels.end(), [](std::uint8_t c) { return c % 17 == 0; });
  std::string hex = "#";
  for (std::uint8_t c : channels) {
    if (can_shorten) {
      hex.push_back(kDigits[c / 17]);
    } else {
      hex.push_back(kDigits[c >> 4]);
      hex.push_back(kDigits[c & 0xf]);
    }
  }
  return hex;
}

}  // namespace bimi::svgps::style
