// A translucent render (a blurred shadow, a glow, a lit surface) as a few nested bands of alpha,
// which the colour tracer turns into shapes with fill-opacity.
#pragma once

#include <optional>
#include <vector>

#include "bimi/svgps/render.hpp"
#include "raster/palette.hpp"

namespace bimi::svgps::raster {

struct AlphaBands {
  // Colour index k is the k-th level some pixel has: band k is the pixels at least that opaque, so
  // band 0 (the widest) holds every visible pixel and each band lies inside the one before.
  // trace_layers stacks them in that order.
  Indexed indexed;
  // Per band, the fill-opacity it is drawn with over the bands below, so the stack reaches the
  // band's own level of alpha.
  std::vector<double> opacity;
};

// Alpha is cut into steps of at most 1/`steps` of full opacity (fewer bands for a faint shadow),
// rounded to the nearest; pixels nearer to transparent than to the first step are left out, and
// the anti-aliased pixels of a hard edge (a jump of half the bands or more within a pixel) join
// the side they are nearer to.
// Each band's colour is chosen so that, drawn over the bands below, it shows the alpha-weighted
// mean colour of the pixels of that band. Nullopt when nothing is visible.
inline constexpr int default_alpha_steps = 16;
std::optional<AlphaBands> alpha_bands(const Image& image, int steps = default_alpha_steps);

}  // namespace bimi::svgps::raster
