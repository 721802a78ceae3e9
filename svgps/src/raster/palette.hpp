// Colour reduction for tracing: a bitmap becomes a few flat colour layers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bimi/svgps/render.hpp"
#include "model/document.hpp"

namespace bimi::svgps::raster {

struct Indexed {
  static constexpr std::uint8_t transparent = 255;
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> index;  // per pixel: a colour index, or `transparent`
  std::vector<model::Rgb> colors;   // at most 254
};

// Reduces the opaque pixels (alpha ≥ 128; the rest become transparent) to at most `max_colors`
// colours with libimagequant, without dithering (dither is noise to a tracer). Fewer colours are
// used when they already reach `quality` (0..100, libimagequant's scale). The palette comes out
// ordered by pixel count, largest first, ties by colour. Deterministic on any machine.
std::optional<Indexed> quantize(const Image& image, int max_colors, int quality, std::string& error);

// Colours closer than `tolerance` (RGB distance) to a more frequent one join it: JPEG noise and
// gradients of a few levels are one flat colour to a tracer.
void merge_similar_colors(Indexed& indexed, double tolerance);

// Colours that only occur as a thin seam between two others and lie between them in colour (an
// anti-aliased or resampled edge, JPEG ringing) are not shapes of their own: their pixels join
// the neighbouring colours, split where the seam is closest to each. `band` is how wide such a
// seam can be, in pixels (1 at the bitmap's own size; the enlargement factor when resampled up).
// A thin colour of its own (a hairline) is kept. Unused colours are removed and the rest
// re-ordered by pixel count.
void merge_seam_colors(Indexed& indexed, int band);

// Each colour becomes the per-channel median of the source pixels mapped to it: a flat area's
// true colour, not an average pulled by JPEG ringing or anti-aliased edges.
void settle_colors(Indexed& indexed, const Image& source);

// Pixels per colour index.
std::vector<std::size_t> color_counts(const Indexed& indexed);

}  // namespace bimi::svgps::raster
