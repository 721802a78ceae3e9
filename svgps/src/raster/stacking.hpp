// The order in which opaque colour layers are stacked for tracing.
#pragma once

#include <cstdint>
#include <vector>

#include "raster/palette.hpp"

namespace bimi::svgps::raster {

// Every stacking order draws the same pixels: layer k holds the colours from position k up, and a
// pixel shows the topmost layer holding it, which is the one of its own colour. The bytes differ:
// a boundary between two colours is traced once for each layer that separates them (as many as
// their positions are apart), and a boundary with transparency or the bitmap's edge once for each
// layer from the bottom up to its colour. The order with the fewest traced pixel edges is found
// exactly for up to 8 colours, and by swapping neighbours while that shortens them for more.
// The most frequent colour (palette index 0) stays at the bottom of a bitmap without
// transparency: it is the background framing extends.
// Returns colour indices, bottom first.
std::vector<std::uint8_t> stacking_order(const Indexed& indexed);

}  // namespace bimi::svgps::raster
