#include "bimi/svgps/render.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace bimi::svgps {
namespace {

TEST(Render, DrawsIntoASquareWithStraightAlpha) {
  std::string error;
  auto image = render_svg(test::good_logo(), 64, error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->width, 64);
  EXPECT_EQ(image->rgba.size(), 64u * 64u * 4u);
  const auto* corner = image->pixel(0, 0);
  EXPECT_EQ(corner[0], 255);
  EXPECT_EQ(corner[3], 255);
  const auto* centre = image->pixel(32, 32);
  EXPECT_EQ(centre[0], 0xcc);
  EXPECT_EQ(centre[1], 0);
}

TEST(Render, CentresANonSquareViewBox) {
  std::string error;
  auto image = render_svg(test::good_logo("<rect width=\"200\" height=\"100\" fill=\"#000\"/>", "viewBox=\"0 0 200 100\""), 100, error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->pixel(50, 5)[3], 0);     // letterbox above
  EXPECT_EQ(image->pixel(50, 50)[3], 255);  // the drawing in the middle
}

// An inch is 96 user units, as CSS, browsers and the converter measure it (a librsvg handle
// starts at 90 dots per inch).
TEST(Render, AbsoluteUnitsAreNinetySixToTheInch) {
  std::string error;
  auto image = render_svg(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 192 192"><rect x="0.5in" y="36pt" width="25.4mm" height="2.54cm"/></svg>)",
      192, error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->pixel(47, 100)[3], 0);
  EXPECT_EQ(image->pixel(49, 100)[3], 255);
  EXPECT_EQ(image->pixel(142, 100)[3], 255);
  EXPECT_EQ(image->pixel(145, 100)[3], 0);
  EXPECT_EQ(image->pixel(100, 47)[3], 0);
  EXPECT_EQ(image->pixel(100, 143)[3], 255);
  EXPECT_EQ(image->pixel(100, 145)[3], 0);
}

TEST(Render, NeverLoadsExternalResources) {
  std::string error;
  auto image = render_svg(test::good_logo("<use href=\"file:///etc/passwd#x\"/>"), 16, error);
  if (image) {
    for (std::size_t i = 3; i < image->rgba.size(); i += 4) EXPECT_EQ(image->rgba[i], 0);
  }
}

TEST(Render, ReportsGarbageAndBadSizes) {
  std::string error;
  EXPECT_FALSE(render_svg("not svg", 16, error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(render_svg(test::good_logo(), 0, error));
  EXPECT_FALSE(render_svg(test::good_logo(), 100000, error));
}

}  // namespace
}  // namespace bimi::svgps
