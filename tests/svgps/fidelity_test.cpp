#include "bimi/svgps/fidelity.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

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
  EXPECT_LT(f->differing_share, 0.05);
  EXPECT_GT(f->ssim, 0.8);
  EXPECT_LT(f->ssim, 1.0);
}

// A square's edges 0.8 px apart at 64 px (a renderer that snaps a filter region to whole pixels
// draws it so): along its straight sides every changed pixel is a mix of the other render's
// neighbours and does not count; only its four corners do.
TEST(Fidelity, AnEdgeThatFallsLessThanAPixelApartDoesNotCount) {
  auto square = [](const char* x) {
    return render(test::good_logo(std::string("<rect x=\"") + x + "\" y=\"" + x +
                                  "\" width=\"60\" height=\"60\" fill=\"#008000\"/>\n"));
  };
  Image snapped = square("20.3125"), exact = square("21.5625");  // pixels 13 and 13.8
  auto f = compare_images(snapped, exact);
  ASSERT_TRUE(f);
  EXPECT_LE(f->differing_share * static_cast<double>(snapped.rgba.size() / 4), 4 * 5.0);
  std::size_t marked = 0;
  for (std::uint8_t m : f->difference.magnitude) marked += m > 16 ? 1 : 0;
  EXPECT_GT(marked, 100u);  // the edges did change, visibly: they just do not count
}

// Text swapped for other text gets no slack, though every changed pixel is a mix of the other
// render's neighbours: glyph edges are not straight.
TEST(Fidelity, OtherGlyphsCount) {
  auto word = [](const char* text) {
    return render(test::good_logo(std::string("<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"
                                              "<path d=\"M10 40h80v20h-80z\" fill=\"none\"/>\n"
                                              "<text x=\"10\" y=\"60\" font-size=\"24\">") +
                                  text + "</text>\n"),
                  128);
  };
  auto f = compare_images(word("Brand"), word("Bnard"));
  ASSERT_TRUE(f);
  EXPECT_GT(f->differing_share, 0.02);
}

// Moved by two pixels, the same edges count: the pixels between are no mix of the other
// render's neighbours any more.
TEST(Fidelity, AnEdgeTwoPixelsApartCounts) {
  Image a = render(test::good_logo("<rect x=\"20\" y=\"20\" width=\"60\" height=\"60\" fill=\"#008000\"/>\n"));
  Image b = render(test::good_logo("<rect x=\"23.125\" y=\"20\" width=\"60\" height=\"60\" fill=\"#008000\"/>\n"));
  auto f = compare_images(a, b);
  ASSERT_TRUE(f);
  EXPECT_GT(f->differing_share, 0.015);  // two columns down each side of 38 rows
}

// A hairline one render lacks counts, though it is only a pixel wide: its pixels are no mix of the
// other render's blank neighbours. The same goes for a dot.
TEST(Fidelity, AMissingHairlineCounts) {
  Image with = render(test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"
                                      "<path d=\"M10 50.78H90\" stroke=\"#000\" stroke-width=\"1.5625\"/>\n"
                                      "<rect x=\"50\" y=\"20\" width=\"1.5625\" height=\"1.5625\"/>\n"));
  Image without = render(test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"));
  auto f = compare_images(with, without);
  ASSERT_TRUE(f);
  const std::size_t pixels = with.rgba.size() / 4;
  EXPECT_GE(f->differing_share * static_cast<double>(pixels), 51.0);  // 50 of the line, 1 of the dot
  auto back = compare_images(without, with);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->differing_share, f->differing_share);
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

// The difference map is the measurement itself: its counted pixels are exactly differing_share's,
// and a shift that matches an outline a pixel off leaves its magnitude but does not count it.
TEST(Fidelity, DifferenceMapIsTheMeasurement) {
  Image a = render(test::good_logo());
  EXPECT_TRUE(compare_images(a, a)->difference.counted.empty());
  Image b = render(test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>\n"
                                   "<circle cx=\"52\" cy=\"50\" r=\"30\" fill=\"#cc0000\"/>\n"));
  for (int shift : {0, 1}) {
    auto f = compare_images(a, b, shift);
    ASSERT_TRUE(f);
    const DifferenceMap& map = f->difference;
    ASSERT_EQ(map.width, a.width);
    ASSERT_EQ(map.counted.size(), a.rgba.size() / 4);
    std::size_t counted = 0, marked = 0;
    for (std::size_t i = 0; i < map.counted.size(); ++i) {
      counted += map.counted[i];
      marked += map.magnitude[i] > 16 ? 1 : 0;
      if (map.counted[i]) {
        EXPECT_GT(map.magnitude[i], 16) << i;
      }
    }
    EXPECT_DOUBLE_EQ(static_cast<double>(counted) / static_cast<double>(map.counted.size()), f->differing_share);
    EXPECT_GT(marked, 0u);
    if (shift == 1) {
      EXPECT_LT(counted, marked);  // the outline a pixel off is matched, still drawn
    } else {
      EXPECT_EQ(counted, marked);  // a curve's edge gets no slack
    }
  }
}

TEST(Fidelity, SizesMustMatch) {
  EXPECT_FALSE(compare_images(render(test::good_logo(), 32), render(test::good_logo(), 64)));
}

// SSIM over whole 8×8 windows written plainly, every window computed: the definition that the
// library's faster form (identical windows skipped) must reproduce exactly.
double plain_ssim(const Image& a, const Image& b, bool alpha_plane) {
  auto value = [&](const Image& image, int x, int y) {
    const std::uint8_t* p = image.pixel(x, y);
    if (alpha_plane) return static_cast<float>(p[3]);
    float alpha = static_cast<float>(p[3]) / 255.0f, white = 255.0f * (1 - alpha);
    return 0.299f * (static_cast<float>(p[0]) * alpha + white) + 0.587f * (static_cast<float>(p[1]) * alpha + white) +
           0.114f * (static_cast<float>(p[2]) * alpha + white);
  };
  const double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
  double total = 0;
  int windows = 0;
  for (int wy = 0; wy + 8 <= a.height; wy += 8) {
    for (int wx = 0; wx + 8 <= a.width; wx += 8) {
      double mx = 0, my = 0;
      for (int j = 0; j < 8; ++j)
        for (int i = 0; i < 8; ++i) mx += value(a, wx + i, wy + j), my += value(b, wx + i, wy + j);
      mx /= 64, my /= 64;
      double vx = 0, vy = 0, cov = 0;
      for (int j = 0; j < 8; ++j) {
        for (int i = 0; i < 8; ++i) {
          double dx = value(a, wx + i, wy + j) - mx, dy = value(b, wx + i, wy + j) - my;
          vx += dx * dx, vy += dy * dy, cov += dx * dy;
        }
      }
      vx /= 63, vy /= 63, cov /= 63;
      total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
      ++windows;
    }
  }
  return total / windows;
}

TEST(Fidelity, SsimMatchesThePlainDefinitionWhenFewWindowsDiffer) {
  std::mt19937 random(7);
  Image a = render(test::good_logo(), 72);
  for (int trial = 0; trial < 20; ++trial) {
    Image b = a;
    // Change a few scattered pixels, some inside one window, some across window borders.
    int changes = 1 + trial * 3;
    for (int k = 0; k < changes; ++k) {
      std::size_t at = (random() % (b.rgba.size() / 4)) * 4;
      for (int c = 0; c < 4; ++c) b.rgba[at + c] = static_cast<std::uint8_t>(random());
    }
    auto f = compare_images(a, b);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->ssim, std::min(plain_ssim(a, b, false), plain_ssim(a, b, true))) << "trial " << trial;
    EXPECT_LT(f->ssim, 1.0);
  }
}

TEST(Render, TransparentShareCountsExactlyThePixelsInsideTheCircle) {
  std::mt19937 random(11);
  for (int size = 1; size <= 70; ++size) {
    Image image;
    image.width = image.height = size;
    image.rgba.resize(static_cast<std::size_t>(size) * size * 4);
    for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = random() % 3 ? 255 : 0;
    const double centre = size / 2.0, inner = centre - 2.0;
    std::size_t inside = 0, transparent = 0;
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) {
        double dx = x + 0.5 - centre, dy = y + 0.5 - centre;
        if (dx * dx + dy * dy > inner * inner) continue;
        ++inside;
        transparent += image.pixel(x, y)[3] < 255;
      }
    }
    double expected = inside ? double(transparent) / double(inside) : 0.0;
    EXPECT_EQ(transparent_share_in_circle(image), expected) << "size " << size;
  }
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
