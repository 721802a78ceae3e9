#include <gtest/gtest.h>

#include <vector>

#include "raster/palette.hpp"
#include "raster/stacking.hpp"
#include "raster/trace.hpp"

namespace bimi::test {
namespace {

namespace raster = svgps::raster;

// An indexed bitmap drawn from rows of characters: '.' is transparent, a digit a colour index.
raster::Indexed drawn(const std::vector<std::string>& rows, std::size_t colors) {
  raster::Indexed indexed;
  indexed.width = static_cast<int>(rows.front().size());
  indexed.height = static_cast<int>(rows.size());
  for (const std::string& row : rows) {
    for (char c : row) indexed.index.push_back(c == '.' ? raster::Indexed::transparent : static_cast<std::uint8_t>(c - '0'));
  }
  for (std::size_t k = 0; k < colors; ++k) indexed.colors.push_back({static_cast<std::uint8_t>(60 * k), 0, 0});
  return indexed;
}

// A body (colour 0, the most pixels) in a thin outline (colour 1), with a spot (colour 2) inside
// the body: stacked by pixel count, the outline's edge with transparency is traced twice (in the
// body's layer and its own) and the spot's edge twice (in the outline's layer and its own). The
// outline at the bottom traces every boundary once.
const std::vector<std::string> outlined = {
    "............",
    ".1111111111.",
    ".1000000001.",
    ".1000000001.",
    ".1000220001.",
    ".1000220001.",
    ".1000000001.",
    ".1000000001.",
    ".1111111111.",
    "............",
};

TEST(StackingOrder, AnOutlinedBodyStacksTheOutlineFirst) {
  raster::Indexed indexed = drawn(outlined, 3);
  EXPECT_EQ(raster::stacking_order(indexed), (std::vector<std::uint8_t>{1, 0, 2}));
}

TEST(StackingOrder, AnOpaqueBitmapKeepsItsBackgroundAtTheBottom) {
  // The same drawing with the body's colour all around: colour 0 is the background framing
  // extends, so it stays first, and the rest follow in the order with the shortest outlines.
  std::vector<std::string> opaque = outlined;
  for (std::string& row : opaque) {
    for (char& c : row) c = c == '.' ? '0' : c;
  }
  raster::Indexed indexed = drawn(opaque, 3);
  const auto order = raster::stacking_order(indexed);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order.front(), 0);
}

TEST(StackingOrder, ManyColoursAreOrderedBySwapsThatShortenTheOutlines) {
  // Nine colours in nested frames, innermost the most frequent: the palette's order (by pixel
  // count) traces every frame's edge once for each layer between it and its neighbour; nested
  // outward from the bottom, each edge is traced once.
  const int n = 9, side = 2 * n + 2;
  std::vector<std::string> rows(static_cast<std::size_t>(side), std::string(static_cast<std::size_t>(side), '.'));
  for (int ring = 0; ring < n; ++ring) {
    // Ring 0 outermost: colour n-1-ring, so colour 0 is the centre.
    for (int y = ring + 1; y < side - ring - 1; ++y) {
      for (int x = ring + 1; x < side - ring - 1; ++x) rows[y][x] = static_cast<char>('0' + (n - 1 - ring));
    }
  }
  raster::Indexed indexed = drawn(rows, static_cast<std::size_t>(n));
  const auto order = raster::stacking_order(indexed);
  EXPECT_EQ(order, (std::vector<std::uint8_t>{8, 7, 6, 5, 4, 3, 2, 1, 0}));
}

TEST(StackingOrder, TracedInAnyOrderTheLayersComeInThatOrder) {
  raster::Indexed indexed = drawn(outlined, 3);
  std::string error;
  raster::TraceParameters parameters;
  parameters.despeckle = 0;
  parameters.any_order = true;
  auto traced = raster::trace_layers(indexed, parameters, error);
  ASSERT_TRUE(traced) << error;
  EXPECT_EQ(traced->layers, (std::vector<std::size_t>{1, 0, 2}));
  parameters.any_order = false;
  traced = raster::trace_layers(indexed, parameters, error);
  ASSERT_TRUE(traced) << error;
  EXPECT_EQ(traced->layers, (std::vector<std::size_t>{0, 1, 2}));
}

}  // namespace
}  // namespace bimi::test
