#include <gtest/gtest.h>

#include <algorithm>

#include "bimi/svgps/raster.hpp"
#include "raster/palette.hpp"
#include "raster/trace.hpp"
#include "test_support.hpp"

extern "C" void omp_set_num_threads(int);

namespace bimi::test {
namespace {

using svgps::Image;
namespace raster = svgps::raster;

Image filled(int width, int height, std::array<std::uint8_t, 4> color) {
  Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  for (std::size_t i = 0; i < image.rgba.size(); i += 4) std::copy(color.begin(), color.end(), image.rgba.begin() + static_cast<std::ptrdiff_t>(i));
  return image;
}

void paint(Image& image, int x0, int y0, int x1, int y1, std::array<std::uint8_t, 4> color) {
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) std::copy(color.begin(), color.end(), image.rgba.begin() + (y * image.width + x) * 4);
  }
}

TEST(RasterPalette, SameColoursWhateverTheThreadCount) {
  std::string error;
  auto image = svgps::decode_raster(read_bytes(fixtures() / "raster" / "logo-baseline.jpg"), svgps::Limits{}, error);
  ASSERT_TRUE(image) << error;
  omp_set_num_threads(1);
  auto one = raster::quantize(*image, 24, 90, error);
  omp_set_num_threads(4);
  auto four = raster::quantize(*image, 24, 90, error);
  ASSERT_TRUE(one && four) << error;
  EXPECT_EQ(one->colors, four->colors);
  EXPECT_EQ(one->index, four->index);
}

TEST(RasterPalette, TransparencyIsNoColour) {
  Image image = filled(8, 8, {0, 0, 0, 0});
  paint(image, 2, 2, 6, 6, {200, 10, 10, 255});
  std::string error;
  auto indexed = raster::quantize(image, 8, 100, error);
  ASSERT_TRUE(indexed) << error;
  ASSERT_EQ(indexed->colors.size(), 1u);
  EXPECT_EQ(indexed->index[0], raster::Indexed::transparent);
  EXPECT_EQ(indexed->index[3 * 8 + 3], 0);
}

TEST(RasterPalette, OrderedByPixelCount) {
  Image image = filled(10, 10, {255, 255, 255, 255});
  paint(image, 0, 0, 3, 3, {0, 0, 255, 255});
  std::string error;
  auto indexed = raster::quantize(image, 8, 100, error);
  ASSERT_TRUE(indexed) << error;
  ASSERT_EQ(indexed->colors.size(), 2u);
  EXPECT_EQ(indexed->colors[0], (svgps::model::Rgb{255, 255, 255}));
  EXPECT_EQ(raster::color_counts(*indexed), (std::vector<std::size_t>{91, 9}));
}

raster::Indexed indexed_of(int width, int height, std::vector<svgps::model::Rgb> colors, std::vector<std::uint8_t> index) {
  raster::Indexed indexed;
  indexed.width = width;
  indexed.height = height;
  indexed.colors = std::move(colors);
  indexed.index = std::move(index);
  return indexed;
}

// Blue on the left, white on the right, one column of their blend between: an anti-aliased edge.
TEST(RasterPalette, SeamBetweenTwoColoursJoinsThem) {
  const int w = 20, h = 12;
  std::vector<std::uint8_t> index(w * h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) index[y * w + x] = x < 9 ? 0 : x == 9 ? 2 : 1;
  }
  auto indexed = indexed_of(w, h, {{20, 60, 220}, {255, 255, 255}, {140, 160, 238}}, index);
  raster::merge_seam_colors(indexed, 1);
  EXPECT_EQ(indexed.colors.size(), 2u);
}

// A red hairline on white is a colour of its own, however thin.
TEST(RasterPalette, HairlineOfItsOwnColourStays) {
  const int w = 20, h = 12;
  std::vector<std::uint8_t> index(w * h, 0);
  for (int y = 0; y < h; ++y) index[y * w + 9] = 1;
  auto indexed = indexed_of(w, h, {{255, 255, 255}, {230, 0, 0}}, index);
  raster::merge_seam_colors(indexed, 2);
  ASSERT_EQ(indexed.colors.size(), 2u);
  EXPECT_EQ(raster::color_counts(indexed)[1], static_cast<std::size_t>(h));
}

TEST(RasterPalette, NearDuplicatesJoinTheCommonerColour) {
  auto indexed = indexed_of(4, 1, {{250, 250, 250}, {255, 252, 250}, {0, 0, 0}}, {0, 0, 1, 2});
  raster::merge_similar_colors(indexed, 20);
  ASSERT_EQ(indexed.colors.size(), 2u);
  EXPECT_EQ(indexed.index, (std::vector<std::uint8_t>{0, 0, 0, 1}));
}

TEST(RasterPalette, SettledOnTheMedianNotTheMean) {
  Image source = filled(5, 1, {255, 255, 255, 255});
  paint(source, 4, 0, 5, 1, {100, 100, 100, 255});  // one ringing pixel
  auto indexed = indexed_of(5, 1, {{230, 230, 230}}, {0, 0, 0, 0, 0});
  raster::settle_colors(indexed, source);
  EXPECT_EQ(indexed.colors[0], (svgps::model::Rgb{255, 255, 255}));
}

TEST(RasterTrace, LayersStackWithTheBackgroundFirst) {
  const int w = 64, h = 64;
  std::vector<std::uint8_t> index(w * h, 0);
  for (int y = 16; y < 48; ++y) {
    for (int x = 16; x < 48; ++x) index[y * w + x] = 1;
  }
  auto indexed = indexed_of(w, h, {{255, 255, 255}, {0, 0, 0}}, index);
  std::string error;
  auto traced = raster::trace_layers(indexed, {}, error);
  ASSERT_TRUE(traced) << error;
  EXPECT_TRUE(traced->bottom_covers_canvas);
  ASSERT_EQ(traced->group.children.size(), 2u);
  EXPECT_EQ(traced->group.children[0].shape->fill.color, (svgps::model::Rgb{255, 255, 255}));
  EXPECT_EQ(traced->group.children[1].shape->fill.color, (svgps::model::Rgb{0, 0, 0}));
  // The square's corners are kept as corners.
  svgps::geometry::Box box;
  for (const auto& s : traced->group.children[1].shape->path.segments) {
    if (s.kind == svgps::geometry::Segment::Kind::line || s.kind == svgps::geometry::Segment::Kind::move) box.add(s.p[0]);
  }
  EXPECT_NEAR(box.x0, 16, 0.5);
  EXPECT_NEAR(box.x1, 48, 0.5);
  EXPECT_NEAR(box.y0, 16, 0.5);
  EXPECT_NEAR(box.y1, 48, 0.5);
}

}  // namespace
}  // namespace bimi::test
