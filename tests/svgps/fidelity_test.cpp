#include "bimi/svgps/fidelity.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace bimi::svgps {
namespace {

Image render(const std::string& svg, int size = 64) {
  std::string error;
  auto image = render_svg(svg, size, error);
  EXPECT_TRUE(image) << error;
  return image ? *image : Image{};
}

TEST(Fidelity, IdenticalRendersAreIdentical) {
  Image a = render(test::good_logo());
  auto f = compare_images(a, a);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->differing_share, 0);
  EXPECT_DOUBLE_EQ(f->ssim, 1.0);
}

TEST(Fidelity, SmallShiftIsCloseButNotIdentical) {
  Image a = render(test::good_logo());
  Image b = render(test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"
                                   "<circle cx=\"51\" cy=\"50\" r=\"30\" fill=\"#cc0000\"/>\n"));
  auto f = compare_images(a, b);
  ASSERT_TRUE(f);
  EXPECT_GT(f->differing_share, 0);
  EXPECT_LT(f->differing_share, 0.05);
  EXPECT_GT(f->ssim, 0.8);
  EXPECT_LT(f->ssim, 1.0);
}

TEST(Fidelity, DifferentColourIsFarApart) {
  Image a = render(test::good_logo());
  Image b = render(test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"
                                   "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#0000cc\"/>\n"));
  auto f = compare_images(a, b);
  ASSERT_TRUE(f);
  EXPECT_GT(f->differing_share, 0.2);
}

TEST(Fidelity, TransparencyIsNotWhite) {
  Image on_white = render(test::good_logo());
  Image on_nothing = render(test::good_logo("<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#cc0000\"/>\n"));
  auto f = compare_images(on_white, on_nothing);
  ASSERT_TRUE(f);
  EXPECT_GT(f->differing_share, 0.5);  // alpha differs everywhere outside the disc
  EXPECT_LT(f->ssim, 0.9);
}

TEST(Fidelity, SizesMustMatch) {
  EXPECT_FALSE(compare_images(render(test::good_logo(), 32), render(test::good_logo(), 64)));
}

TEST(Render, CircleCropClearsCornersKeepsCentre) {
  Image image = render(test::good_logo(), 64);
  crop_to_circle(image);
  EXPECT_EQ(image.pixel(0, 0)[3], 0);
  EXPECT_EQ(image.pixel(63, 63)[3], 0);
  EXPECT_EQ(image.pixel(32, 32)[3], 255);
  EXPECT_EQ(image.pixel(32, 1)[3], 255);
}

TEST(Render, PngIsDeterministicAndStartsWithTheSignature) {
  Image image = render(test::good_logo(), 32);
  std::string error;
  auto a = encode_png(image, error);
  auto b = encode_png(image, error);
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

}  // namespace
}  // namespace bimi::svgps
