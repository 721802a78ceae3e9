#include "convert/blend_modes.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>

namespace bimi::svgps::convert {

namespace {

constexpr std::pair<std::string_view, BlendMode> keywords[] = {
    {"normal", BlendMode::normal},         {"multiply", BlendMode::multiply},
    {"screen", BlendMode::screen},         {"overlay", BlendMode::overlay},
    {"darken", BlendMode::darken},         {"lighten", BlendMode::lighten},
    {"color-dodge", BlendMode::color_dodge}, {"color-burn", BlendMode::color_burn},
    {"hard-light", BlendMode::hard_light}, {"soft-light", BlendMode::soft_light},
    {"difference", BlendMode::difference}, {"exclusion", BlendMode::exclusion},
    {"hue", BlendMode::hue},               {"saturation", BlendMode::saturation},
    {"color", BlendMode::color},           {"luminosity", BlendMode::luminosity}};

double clamp_unit(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

// §10.1.4 multiply and §10.1.5 screen, which hard-light and overlay are made of.
double multiply(double b, double s) { return b * s; }
double screen(double b, double s) { return b + s - b * s; }
double hard_light(double b, double s) { return s <= 0.5 ? multiply(b, 2 * s) : screen(b, 2 * s - 1); }

double separable(BlendMode mode, double b, double s) {
  switch (mode) {
    case BlendMode::multiply:
      return multiply(b, s);
    case BlendMode::screen:
      return screen(b, s);
    case BlendMode::overlay:  // §10.1.6: hard-light with the layers swapped
      return hard_light(s, b);
    case BlendMode::darken:
      return std::min(b, s);
    case BlendMode::lighten:
      return std::max(b, s);
    case BlendMode::color_dodge:  // §10.1.9
      if (b == 0) return 0;
      if (s >= 1) return 1;
      return std::min(1.0, b / (1 - s));
    case BlendMode::color_burn:  // §10.1.10
      if (b >= 1) return 1;
      if (s <= 0) return 0;
      return 1 - std::min(1.0, (1 - b) / s);
    case BlendMode::hard_light:
      return hard_light(b, s);
    case BlendMode::soft_light: {  // §10.1.12
      if (s <= 0.5) return b - (1 - 2 * s) * b * (1 - b);
      double d = b <= 0.25 ? ((16 * b - 12) * b + 4) * b : std::sqrt(b);
      return b + (2 * s - 1) * (d - b);
    }
    case BlendMode::difference:
      return std::abs(b - s);
    case BlendMode::exclusion:
      return b + s - 2 * b * s;
    default:
      return s;
  }
}

// §10.2's helpers: luminosity, saturation, and the colour moved back into gamut.
double lum(const Rgb3& c) { return 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2]; }

Rgb3 clip_color(Rgb3 c) {
  double l = lum(c);
  double n = std::min({c[0], c[1], c[2]});
  double x = std::max({c[0], c[1], c[2]});
  for (double& v : c) {
    if (n < 0 && l - n != 0) v = l + (v - l) * l / (l - n);
    if (x > 1 && x - l != 0) v = l + (v - l) * (1 - l) / (x - l);
  }
  return c;
}

Rgb3 set_lum(Rgb3 c, double l) {
  double d = l - lum(c);
  for (double& v : c) v += d;
  return clip_color(c);
}

double sat(const Rgb3& c) { return std::max({c[0], c[1], c[2]}) - std::min({c[0], c[1], c[2]}); }

Rgb3 set_sat(Rgb3 c, double s) {
  // The largest channel becomes s, the smallest 0 and the middle one keeps its place between them.
  std::array<int, 3> order{0, 1, 2};
  std::sort(order.begin(), order.end(), [&](int a, int b) { return c[a] < c[b]; });
  double& min = c[order[0]];
  double& mid = c[order[1]];
  double& max = c[order[2]];
  if (max > min) {
    mid = (mid - min) * s / (max - min);
    max = s;
  } else {
    mid = max = 0;
  }
  min = 0;
  return c;
}

}  // namespace

std::optional<BlendMode> parse_blend_mode(std::string_view keyword) {
  std::string lower(keyword);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [name, mode] : keywords) {
    if (lower == name) return mode;
  }
  return std::nullopt;
}

std::string_view blend_mode_name(BlendMode mode) {
  for (const auto& [name, value] : keywords) {
    if (value == mode) return name;
  }
  return "normal";
}

Rgb3 mix(BlendMode mode, const Rgb3& b, const Rgb3& s) {
  switch (mode) {
    case BlendMode::normal:
      return s;
    case BlendMode::hue:  // §10.2.1
      return set_lum(set_sat(s, sat(b)), lum(b));
    case BlendMode::saturation:  // §10.2.2
      return set_lum(set_sat(b, sat(s)), lum(b));
    case BlendMode::color:  // §10.2.3
      return set_lum(s, lum(b));
    case BlendMode::luminosity:  // §10.2.4
      return set_lum(b, lum(s));
    default:
      return {separable(mode, b[0], s[0]), separable(mode, b[1], s[1]), separable(mode, b[2], s[2])};
  }
}

// librsvg 2.54 draws a blended element into a group of its own and paints it with the cairo
// operator of the same name; pixman evaluates these same formulas (the PDF blend modes, which
// Compositing 1 took over) on 8-bit premultiplied values, so the two differ by rounding only: at
// most 2 levels, and up to 4 for color-dodge and color-burn under a translucent backdrop, whose
// 8-bit form pixman divides with truncation.
Rgba blended_source(BlendMode mode, const Rgba& backdrop, const Rgba& source) {
  double ab = clamp_unit(backdrop.a);
  Rgb3 mixed = mix(mode, {backdrop.r, backdrop.g, backdrop.b}, {source.r, source.g, source.b});
  auto channel = [&](double cs, double blended) { return clamp_unit((1 - ab) * cs + ab * clamp_unit(blended)); };
  return {channel(source.r, mixed[0]), channel(source.g, mixed[1]), channel(source.b, mixed[2]), source.a};
}

Rgba over(const Rgba& top, const Rgba& below) {
  double a = top.a + below.a * (1 - top.a);
  if (a <= 0) return {};
  auto channel = [&](double t, double b) { return clamp_unit((t * top.a + b * below.a * (1 - top.a)) / a); };
  return {channel(top.r, below.r), channel(top.g, below.g), channel(top.b, below.b), clamp_unit(a)};
}

}  // namespace bimi::svgps::convert
