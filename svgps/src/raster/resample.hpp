// Resampling bitmaps in premultiplied alpha: area averages when shrinking, bilinear when enlarging.
#pragma once

#include "bimi/svgps/render.hpp"

namespace bimi::svgps::raster {

// The image scaled to width×height (aspect ratio is the caller's business).
Image resize(const Image& image, int width, int height);

}  // namespace bimi::svgps::raster
