// From a decoded bitmap to what the tracer takes: a working size and a reduced palette. Shared by
// bitmap logos and by raster <image> elements inside SVG logos.
#pragma once

#include <optional>
#include <string>

#include "bimi/svgps/render.hpp"
#include "raster/palette.hpp"

namespace bimi::svgps::raster {

// Potrace smooths pixel staircases into curves, so a logo needs a few hundred pixels across to
// trace well; more only adds bytes.
constexpr int min_trace_side = 512;
constexpr int max_trace_side = 1024;
// Colours the automatic choice may use, and the libimagequant quality it aims for, per detail.
constexpr int max_automatic_colors = 24;
constexpr int automatic_quality = 90;
constexpr int max_fine_colors = 64;
constexpr int fine_quality = 98;

// The image resampled so that its longer side is within [min_trace_side, max_trace_side].
Image tracing_image(const Image& image);

// How wide a one-pixel edge of `original` is in `working`, in whole pixels (at least 1).
int edge_band(const Image& original, const Image& working);

// How finely colours are told apart. Flat suits logos (a few flat colours, JPEG noise merged);
// fine keeps shading steps apart, for a bitmap whose flat palette does not render like it
// (gradients), at the cost of more shapes.
enum class Detail { flat, fine };

// `band`: the widest an anti-aliased edge can be in `working` (see merge_seam_colors).
// Quantized (automatically: as many colours as reach the detail's quality, up to its colour
// count; else up to `colors`), near-duplicates and seams merged, colours settled on their pixels.
std::optional<Indexed> reduce_colors(const Image& working, int colors, int band, Detail detail, std::string& error);

}  // namespace bimi::svgps::raster
