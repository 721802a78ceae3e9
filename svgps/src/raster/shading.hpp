// Smooth shading in a bitmap (a gradient fill, a lit or eroded gradient in a filter's result) as
// SVG gradients: an opaque region whose colour changes without an edge and follows one distance
// (along a line, around a centre) is one shape filled with a fitted gradient, in place of bands
// of flat colour that show as stripes and cost a shape each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "bimi/svgps/render.hpp"
#include "model/document.hpp"
#include "raster/palette.hpp"
#include "raster/trace.hpp"
#include "svg/deadline.hpp"

namespace bimi::svgps::raster {

struct ShadedRegion {
  std::vector<std::uint32_t> pixels;  // indices into the image, row-major
  model::Gradient gradient;           // in pixel coordinates (pixel (x, y) covers [x, x+1] × [y, y+1])
  model::Rgb mean;                    // the region's mean colour
  bool piece = false;                 // cut from a region no one gradient fits (max_shading_cuts)
};

// A region is grown from pixel to pixel (4-neighbours, alpha at least half) while no channel
// steps more than this: an anti-aliased edge between two colours steps further.
inline constexpr int shading_step = 8;
// Nor is a pixel whose channels change more than this per pixel across it (over its two
// neighbours) part of a region: a blurred or resampled edge, not shading.
inline constexpr int shading_slope = 4;
// Regions smaller than this share of the image, or whose colour spans less than this in every
// channel, are left to flat colours.
inline constexpr std::size_t shading_min_share = 200;  // 1 / 200 of the pixels
inline constexpr int shading_min_span = 24;
// A region with three in five of its pixels this close to its mean colour is one flat colour.
inline constexpr double shading_flat_reach = 6.0 / 255;
// How far the fitted colours may stray (the largest channel of a pixel), on average and for all
// but one pixel in 100: bilinear resampling and 8-bit steps stay well inside.
inline constexpr double shading_mean_error = 4.0 / 255;
inline constexpr double shading_pixel_error = 12.0 / 255;
inline constexpr std::size_t max_shading_stops = 32;
// A region no one gradient fits is cut in two, each half tried again, at most this many times
// deep (up to 8 pieces).
inline constexpr int max_shading_cuts = 3;
// And at most this many pieces are tried in one image, all regions together: each is a fit.
inline constexpr std::size_t max_shading_pieces = 32;
// Pieces of one region whose gradients step more than this (levels of the largest channel) on
// average where they meet show their cuts more than flat colours would show their bands (steps
// of 10 to 20 levels): the region is left to flat colours. Each piece's own error bound keeps
// the step near 5 levels.
inline constexpr double shading_seam = 8;

// The regions of `image` that a linear or radial gradient explains, largest first.
// `deadline` (optional) is checked between regions (throws convert::WorkRefused).
std::vector<ShadedRegion> shaded_regions(const Image& image, const convert::Deadline* deadline = nullptr);

// A palette with shaded regions as colours of their own.
struct Shaded {
  Indexed indexed;
  std::vector<std::optional<std::size_t>> region;  // per colour index: the shaded region it draws
};

// The gradient's colour at a point (in the gradient's space), as a renderer pads and interpolates
// its stops.
model::Rgb colour_at(const model::Gradient& g, double x, double y);

// `flat` (a palette of `image`) with each region's pixels as one colour, and its rim (the
// anti-aliased edge, within `band` + 1 pixels) joined to it where the gradient explains a rim
// pixel better than its flat colour; colours re-ordered by pixel count, the smallest regions left
// flat if the palette would pass 254 colours.
Shaded with_shading(const Indexed& flat, const Image& image, const std::vector<ShadedRegion>& regions, int band);

// Fills each traced shape of a shaded colour with its region's gradient, appended to `gradients`
// once per region. A shaded bottom layer is not a flat background to extend.
void paint_shading(TracedLayers& traced, const Shaded& shaded, const std::vector<ShadedRegion>& regions,
                   std::vector<model::Gradient>& gradients);

}  // namespace bimi::svgps::raster
