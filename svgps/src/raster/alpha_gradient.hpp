// A translucent render whose alpha is a smooth function of one distance (a fade along a line, a
// glow or an image mask that fades around a centre) as one shape filled with an SVG gradient of
// stop-opacity, in place of nested bands of flat alpha that show as stripes and cost bytes.
#pragma once

#include <optional>

#include "bimi/svgps/render.hpp"
#include "model/document.hpp"
#include "raster/palette.hpp"

namespace bimi::svgps::raster {

struct AlphaGradient {
  // In pixel coordinates (pixel (x, y) covers [x, x+1] × [y, y+1]), one colour, stop-opacity
  // following the fitted profile of alpha.
  model::Gradient gradient;
  // For a fade around an ellipse: the gradient is a circle in its own space, which this maps
  // into pixel coordinates (the shape is drawn there, under it).
  std::optional<geometry::Matrix> space;
  // Colour 0: the pixels the gradient's shape covers; the rest transparent.
  Indexed support;
  // Opaque pixels of other colours (the element drawn over its own glow), to be traced with their
  // colours and drawn on top; alpha 0 elsewhere. Empty when there are none.
  Image core;
};

// The profile may stray this far from a pixel's alpha, on average and for all but a few pixels.
inline constexpr double alpha_gradient_mean_error = 1.5 / 255;
inline constexpr double alpha_gradient_pixel_error = 8.0 / 255;
// Stops a fitted profile may take (the curve is simplified to within 1/255 of alpha first).
inline constexpr std::size_t max_alpha_gradient_stops = 48;

// Nullopt when the render has (almost) no translucent pixels, its translucent pixels are not one
// colour, or no linear, radial or (failing those) elliptical profile fits their alpha within the
// errors above.
std::optional<AlphaGradient> fit_alpha_gradient(const Image& image);

}  // namespace bimi::svgps::raster
