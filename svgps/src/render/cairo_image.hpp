// A drawn cairo surface (premultiplied ARGB32 words) read into the straight RGBA image the rules
// and comparisons measure. librsvg's renders and bimi's own cairo drawings go through this one
// conversion, so equal surfaces give equal images.
#pragma once

#include "bimi/svgps/render.hpp"

namespace bimi::svgps::detail {

Image image_from_argb32(const unsigned char* data, int stride, int size);

}  // namespace bimi::svgps::detail
