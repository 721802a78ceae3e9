#include "convert/color_map.hpp"

#include <algorithm>
#include <cmath>

namespace bimi::svgps::convert {

namespace {

double clamp_unit(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

// sRGB transfer functions (IEC 61966-2-1), as color-interpolation-filters="linearRGB" uses them.
double to_linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double to_srgb(double c) { return c <= 0.0031308 ? c * 12.92 : 1.055 * std::pow(c, 1 / 2.4) - 0.055; }

}  // namespace

Rgba to_rgba(const model::Rgb& c, double alpha) { return {c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha}; }

model::Rgb to_rgb(const Rgba& c) {
  auto channel = [](double v) { return static_cast<std::uint8_t>(std::lround(clamp_unit(v) * 255)); };
  return {channel(c.r), channel(c.g), channel(c.b)};
}

double Transfer::apply(double c) const {
  switch (kind) {
    case Kind::identity:
      return c;
    case Kind::table: {
      if (values.empty()) return c;
      if (values.size() == 1) return clamp_unit(values[0]);
      std::size_t n = values.size() - 1;
      std::size_t k = std::min(static_cast<std::size_t>(c * static_cast<double>(n)), n - 1);
      double from = static_cast<double>(k) / static_cast<double>(n);
      return clamp_unit(values[k] + (c - from) * static_cast<double>(n) * (values[k + 1] - values[k]));
    }
    case Kind::discrete: {
      if (values.empty()) return c;
      std::size_t n = values.size();
      std::size_t k = std::min(static_cast<std::size_t>(c * static_cast<double>(n)), n - 1);
      return clamp_unit(values[k]);
    }
    case Kind::linear:
      return clamp_unit(slope * c + intercept);
    case Kind::gamma:
      return clamp_unit(amplitude * std::pow(c, exponent) + offset);
  }
  return c;
}

Rgba ColorStep::apply(Rgba in) const {
  if (kind == Kind::overlay) return {overlay.r, overlay.g, overlay.b, clamp_unit(overlay.a * in.a)};
  if (linear_rgb) in = {to_linear(in.r), to_linear(in.g), to_linear(in.b), in.a};
  Rgba out;
  if (kind == Kind::matrix) {
    const auto& m = matrix;
    auto row = [&](int i) {
      return clamp_unit(m[i] * in.r + m[i + 1] * in.g + m[i + 2] * in.b + m[i + 3] * in.a + m[i + 4]);
    };
    out = {row(0), row(5), row(10), row(15)};
  } else {
    out = {transfer[0].apply(in.r), transfer[1].apply(in.g), transfer[2].apply(in.b), transfer[3].apply(in.a)};
  }
  if (linear_rgb) out = {to_srgb(out.r), to_srgb(out.g), to_srgb(out.b), out.a};
  return out;
}

std::optional<double> ColorStep::alpha_scale() const {
  auto scale = [](double k) -> std::optional<double> {
    if (k >= 0 && k <= 1) return k;
    return std::nullopt;
  };
  switch (kind) {
    case Kind::overlay:
      return scale(overlay.a);
    case Kind::matrix:
      if (matrix[15] != 0 || matrix[16] != 0 || matrix[17] != 0 || matrix[19] != 0) return std::nullopt;
      return scale(matrix[18]);
    case Kind::transfer: {
      const Transfer& a = transfer[3];
      if (a.kind == Transfer::Kind::identity || (a.kind == Transfer::Kind::table && a.values.empty())) return 1.0;
      if (a.kind == Transfer::Kind::linear && a.intercept == 0) return scale(a.slope);
      if (a.kind == Transfer::Kind::table && a.values.size() == 2 && a.values[0] == 0) return scale(a.values[1]);
      if (a.kind == Transfer::Kind::gamma && a.exponent == 1 && a.offset == 0) return scale(a.amplitude);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool ColorStep::affine() const {
  if (kind == Kind::overlay) return true;
  if (linear_rgb) return false;
  if (kind == Kind::matrix) return true;
  return std::all_of(transfer.begin(), transfer.end(), [](const Transfer& t) {
    return t.kind == Transfer::Kind::identity || t.kind == Transfer::Kind::linear ||
           (t.kind == Transfer::Kind::table && t.values.size() <= 2) ||
           (t.kind == Transfer::Kind::gamma && t.exponent == 1);
  });
}

// clang-format off: one row of the matrix per line
std::array<double, 20> saturate_matrix(double s) {
  return {0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s, 0, 0,
          0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s, 0, 0,
          0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s, 0, 0,
          0,                 0,                 0,                 1, 0};
}

std::array<double, 20> hue_rotate_matrix(double degrees) {
  double radians = degrees * std::acos(-1.0) / 180;
  double c = std::cos(radians), s = std::sin(radians);
  return {0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928, 0, 0,
          0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283, 0, 0,
          0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072, 0, 0,
          0,                             0,                             0,                             1, 0};
}

std::array<double, 20> luminance_to_alpha_matrix() {
  return {0,      0,      0,      0, 0,
          0,      0,      0,      0, 0,
          0,      0,      0,      0, 0,
          0.2125, 0.7154, 0.0721, 0, 0};
}

std::array<double, 20> alpha_only_matrix() {
  return {0, 0, 0, 0, 0,
          0, 0, 0, 0, 0,
          0, 0, 0, 0, 0,
          0, 0, 0, 1, 0};
}
// clang-format on

Rgba ColorMap::apply(Rgba in) const {
  for (const ColorStep& step : steps) in = step.apply(in);
  return in;
}

std::optional<double> ColorMap::alpha_scale() const {
  double k = 1;
  for (const ColorStep& step : steps) {
    auto s = step.alpha_scale();
    if (!s) return std::nullopt;
    k *= *s;
  }
  return k;
}

bool ColorMap::affine() const {
  return std::all_of(steps.begin(), steps.end(), [](const ColorStep& s) { return s.affine(); });
}

}  // namespace bimi::svgps::convert
