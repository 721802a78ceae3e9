// A faceted mark in three close shades of one hue (#1565c0, #1976d2, #1e88e5, 25–27 apart in
// RGB): each facet is a large flat region and must stay a colour of its own.
#include <gtest/gtest.h>

#include <cstdlib>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/render.hpp"
#include "test_support.hpp"

namespace bimi::test {
namespace {

// A diamond on transparency: the left half, the top right and the bottom right quarter each in
// one shade, with hard edges.
svgps::Image faceted_diamond(int size) {
  const std::uint8_t shades[3][3] = {{0x15, 0x65, 0xc0}, {0x19, 0x76, 0xd2}, {0x1e, 0x88, 0xe5}};
  svgps::Image image;
  image.width = image.height = size;
  image.rgba.assign(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4, 0);
  const int centre = size / 2, radius = size * 2 / 5;
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      int dx = x - centre, dy = y - centre;
      if (std::abs(dx) + std::abs(dy) > radius) continue;
      const std::uint8_t* shade = shades[dx < 0 ? 0 : dy < 0 ? 1 : 2];
      std::uint8_t* p = image.rgba.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + x) * 4;
      p[0] = shade[0], p[1] = shade[1], p[2] = shade[2], p[3] = 255;
    }
  }
  return image;
}

TEST(RasterFacets, CloseShadesOfLargeFlatFacetsAreKept) {
  std::string error;
  auto png = svgps::encode_png(faceted_diamond(300), error);
  ASSERT_TRUE(png) << error;
  svgps::ConvertOptions options;
  options.background = svgps::ConvertOptions::Background::none;
  auto r = svgps::convert_raster(*png, options);
  ASSERT_TRUE(r.svg) << describe(r.changes);
  ASSERT_TRUE(r.trace);
  EXPECT_EQ(r.trace->colors, 3);
  for (const char* shade : {"#1565c0", "#1976d2", "#1e88e5"}) {
    EXPECT_NE(r.svg->find(shade), std::string::npos) << shade << "\n" << *r.svg;
  }
}

}  // namespace
}  // namespace bimi::test
