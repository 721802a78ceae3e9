// Per-pixel colour functions of filter primitives (Filter Effects 1: feColorMatrix §9.6,
// feComponentTransfer §9.7, and a flood composited "in" its input §9.9/§9.5), applied to the
// colours a converted shape paints instead of to pixels.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "model/document.hpp"

namespace bimi::svgps::convert {

// A colour with straight (not premultiplied) alpha, each channel 0..1.
struct Rgba {
  double r = 0, g = 0, b = 0, a = 0;
};

// One channel of feComponentTransfer (§9.7.1 to §9.7.6).
struct Transfer {
  enum class Kind { identity, table, discrete, linear, gamma };
  Kind kind = Kind::identity;
  std::vector<double> values;  // tableValues
  double slope = 1, intercept = 0, amplitude = 1, exponent = 1, offset = 0;
  double apply(double c) const;
};

struct ColorStep {
  enum class Kind { matrix, transfer, overlay };
  Kind kind = Kind::matrix;
  bool linear_rgb = true;  // color-interpolation-filters: evaluated on linearRGB values
  std::array<double, 20> matrix{1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0};
  std::array<Transfer, 4> transfer;  // R, G, B, A
  Rgba overlay;                      // the flood's colour and alpha

  Rgba apply(Rgba in) const;
  // k when the step's alpha is k times its input's, whatever the colour (0 <= k <= 1).
  std::optional<double> alpha_scale() const;
  // Whether the step maps colours affinely, so that it commutes with a gradient's interpolation.
  bool affine() const;
};

// A model colour with an alpha, and back (each channel clamped and rounded to 8 bits).
Rgba to_rgba(const model::Rgb& c, double alpha);
model::Rgb to_rgb(const Rgba& c);

// feColorMatrix's matrices for type="saturate", "hueRotate" (degrees) and "luminanceToAlpha"
// (§9.6).
std::array<double, 20> saturate_matrix(double s);
std::array<double, 20> hue_rotate_matrix(double degrees);
std::array<double, 20> luminance_to_alpha_matrix();
// The alpha of the input kept, its colour made black: what SourceAlpha is to SourceGraphic.
std::array<double, 20> alpha_only_matrix();

// A chain of steps, applied in order.
struct ColorMap {
  std::vector<ColorStep> steps;

  Rgba apply(Rgba in) const;
  std::optional<double> alpha_scale() const;
  bool affine() const;
  bool identity() const { return steps.empty(); }
};

}  // namespace bimi::svgps::convert
