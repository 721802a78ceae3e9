// Smooth shading in a bitmap fitted as SVG gradients (svgps/src/raster/shading.hpp): which
// regions are shading, how well the fitted gradient matches them, and how they join a palette.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <vector>

#include "bimi/svgps/render.hpp"
#include "gradient_support.hpp"
#include "raster/palette.hpp"
#include "raster/shading.hpp"

namespace bimi::svgps {
namespace {

using Colour = std::array<double, 3>;
// A picture: per pixel centre, a colour (0..255) or nothing (transparent).
using Painter = std::function<std::optional<Colour>(double, double)>;

Image painted(int size, const Painter& paint) {
  Image image;
  image.width = image.height = size;
  image.rgba.assign(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 4, 0);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      auto colour = paint(x + 0.5, y + 0.5);
      if (!colour) continue;
      std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + x) * 4];
      for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::lround(std::clamp((*colour)[c], 0.0, 255.0)));
      p[3] = 255;
    }
  }
  return image;
}

Colour mix(const Colour& a, const Colour& b, double t) {
  t = std::clamp(t, 0.0, 1.0);
  return {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t};
}

Colour gradient_colour(const model::Gradient& g, double x, double y) {
  const auto v = test::gradient_at(g, x, y);
  return {v[0], v[1], v[2]};
}

// Every pixel of the region at least `inset` from the picture's edges of colour is within
// `slack` (0..255, largest channel) of the gradient; returns how many were compared.
std::size_t expect_matches(const Image& image, const raster::ShadedRegion& region, double slack) {
  std::size_t compared = 0;
  for (std::uint32_t i : region.pixels) {
    const double x = i % static_cast<std::uint32_t>(image.width) + 0.5, y = i / static_cast<std::uint32_t>(image.width) + 0.5;
    const Colour fitted = gradient_colour(region.gradient, x, y);
    double off = 0;
    for (int c = 0; c < 3; ++c) off = std::max(off, std::abs(fitted[c] - image.rgba[i * 4 + c]));
    EXPECT_LE(off, slack) << x << "," << y;
    ++compared;
  }
  return compared;
}

const Colour orange{255, 106, 0}, violet{138, 43, 226}, white{255, 255, 255}, blue{30, 144, 255};

TEST(Shading, ALinearColourRampIsOneLinearGradient) {
  // Orange to violet along a line turned 30°, on a square inset from the transparent edges.
  const double c = std::cos(0.5236), s = std::sin(0.5236);
  Image image = painted(256, [&](double x, double y) -> std::optional<Colour> {
    if (x < 16 || y < 16 || x > 240 || y > 240) return std::nullopt;
    return mix(orange, violet, (c * (x - 16) + s * (y - 16)) / (224 * (c + s)));
  });
  auto regions = raster::shaded_regions(image);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].gradient.kind, model::Gradient::Kind::linear);
  EXPECT_LE(regions[0].gradient.stops.size(), 4u);  // a straight ramp: two stops, rounding adds few
  EXPECT_GT(expect_matches(image, regions[0], 4), 200u * 200u);
}

TEST(Shading, ARadialShadingFindsItsCentre) {
  // A disc lit off centre: white at (110, 100) to blue at 120 pixels from it.
  Image image = painted(256, [&](double x, double y) -> std::optional<Colour> {
    if (std::hypot(x - 128, y - 128) > 100) return std::nullopt;
    return mix(white, blue, std::hypot(x - 110, y - 100) / 120);
  });
  auto regions = raster::shaded_regions(image);
  ASSERT_EQ(regions.size(), 1u);
  const model::Gradient& g = regions[0].gradient;
  ASSERT_EQ(g.kind, model::Gradient::Kind::radial);
  EXPECT_NEAR(g.cx, 110, 0.5);
  EXPECT_NEAR(g.cy, 100, 0.5);
  expect_matches(image, regions[0], 4);
}

TEST(Shading, FlatColoursAndEdgesAreNotShading) {
  // Two flat discs, anti-aliased over three pixels where they meet the background and each
  // other: each disc is one colour with a rim, which the palette keeps flat.
  Image image = painted(256, [&](double x, double y) -> std::optional<Colour> {
    const double a = std::hypot(x - 90, y - 128) - 60, b = std::hypot(x - 170, y - 128) - 60;
    if (a > 1.5 && b > 1.5) return white;
    if (b < a) return mix(blue, white, (b + 1.5) / 3);
    return mix(orange, white, (a + 1.5) / 3);
  });
  EXPECT_TRUE(raster::shaded_regions(image).empty());
}

TEST(Shading, NoiseIsNotShading) {
  std::uint32_t state = 12345;
  Image image = painted(200, [&](double, double) -> std::optional<Colour> {
    state = state * 1664525u + 1013904223u;
    const double v = static_cast<double>(state >> 24);
    return Colour{v, 255 - v, 128};
  });
  EXPECT_TRUE(raster::shaded_regions(image).empty());
}

TEST(Shading, ColoursThatDoNotFollowOneDistanceAreNotFitted) {
  // A smooth blend whose colour follows x and y separately (red across, green down): no single
  // distance explains it, so no gradient is claimed.
  Image image = painted(256, [&](double x, double y) -> std::optional<Colour> {
    return Colour{x, y, 100 + 60 * std::sin(x / 40) * std::cos(y / 40)};
  });
  EXPECT_TRUE(raster::shaded_regions(image).empty());
}

// Instagram's mark: a radial gradient (yellow, orange, purple) under a linear one of blue fading
// out. No one gradient explains the sum; the square is cut in pieces that each fit one, and the
// pieces' gradients meet within a few levels, so the cuts do not show.
TEST(Shading, TwoGradientsLaidOverEachOtherAreFittedInPieces) {
  const Colour yellow{255, 221, 85}, red{255, 84, 62}, purple{200, 55, 171}, blue_top{55, 113, 200};
  Image image = painted(256, [&](double x, double y) -> std::optional<Colour> {
    const double t = std::hypot(x - 102, y - 256) / 256;
    const Colour base = t < 0.1 ? yellow : t < 0.5 ? mix(yellow, red, (t - 0.1) / 0.4) : mix(red, purple, (t - 0.5) / 0.5);
    const double u = (0.2 * x / 256 + y / 256) / 1.04;  // along x2=".2" y2="1"
    const double cover = u < 0.1 ? 1 : u < 0.5 ? 1 - (u - 0.1) / 0.4 : 0;
    return mix(base, blue_top, cover);
  });
  auto regions = raster::shaded_regions(image);
  ASSERT_GE(regions.size(), 2u);
  std::vector<int> piece(256 * 256, -1);
  std::size_t covered = 0;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    double off = 0;
    for (std::uint32_t i : regions[r].pixels) {
      const Colour fitted = gradient_colour(regions[r].gradient, i % 256 + 0.5, i / 256 + 0.5);
      double most = 0;
      for (int c = 0; c < 3; ++c) most = std::max(most, std::abs(fitted[c] - image.rgba[i * 4 + c]));
      off += most;
      piece[i] = static_cast<int>(r);
    }
    EXPECT_LE(off / static_cast<double>(regions[r].pixels.size()), 4.0) << "piece " << r;
    covered += regions[r].pixels.size();
  }
  EXPECT_GE(covered, 256u * 256u * 3 / 4);  // a piece that still fits no gradient is left to flat colours
  // Where two pieces meet, their gradients agree to within a few levels on average.
  double step = 0;
  std::size_t meets = 0;
  for (int y = 0; y < 256; ++y) {
    for (int x = 0; x + 1 < 256; ++x) {
      const int a = piece[y * 256 + x], b = piece[y * 256 + x + 1];
      if (a < 0 || b < 0 || a == b) continue;
      const Colour p = gradient_colour(regions[a].gradient, x + 1, y + 0.5), q = gradient_colour(regions[b].gradient, x + 1, y + 0.5);
      step += std::max({std::abs(p[0] - q[0]), std::abs(p[1] - q[1]), std::abs(p[2] - q[2])});
      ++meets;
    }
  }
  ASSERT_GT(meets, 0u);
  EXPECT_LE(step / static_cast<double>(meets), raster::shading_seam);
}

TEST(Shading, EachRegionIsOneColourOfThePaletteInStackingOrder) {
  // A small shaded disc on a large flat square: the square stays the first (bottom) colour, the
  // disc's bands become one colour drawn over it, mapped to its region.
  Image image = painted(256, [&](double x, double y) -> std::optional<Colour> {
    if (std::hypot(x - 128, y - 128) > 70) return Colour{20, 20, 20};
    return mix(white, blue, (x - 58) / 140);
  });
  auto regions = raster::shaded_regions(image);
  ASSERT_EQ(regions.size(), 1u);
  std::string error;
  auto flat = raster::quantize(image, 24, 90, error);
  ASSERT_TRUE(flat) << error;
  ASSERT_GT(flat->colors.size(), 3u);  // the ramp in bands
  const raster::Shaded shaded = raster::with_shading(*flat, image, regions, 1);
  ASSERT_EQ(shaded.indexed.colors.size(), shaded.region.size());
  EXPECT_FALSE(shaded.region.front());  // the flat square, largest, at the bottom
  std::size_t disc_index = 255;
  for (std::size_t k = 0; k < shaded.region.size(); ++k) {
    if (shaded.region[k]) disc_index = k;
  }
  ASSERT_NE(disc_index, 255u);
  for (std::uint32_t i : regions[0].pixels) ASSERT_EQ(shaded.indexed.index[i], disc_index);
  // Nearly every disc pixel is the region's; the rest is the square's colour at the rim.
  std::size_t disc = 0, claimed = 0;
  for (int y = 0; y < 256; ++y) {
    for (int x = 0; x < 256; ++x) {
      if (std::hypot(x + 0.5 - 128, y + 0.5 - 128) > 68) continue;
      ++disc;
      claimed += shaded.indexed.index[static_cast<std::size_t>(y) * 256 + x] == disc_index;
    }
  }
  EXPECT_EQ(claimed, disc);
}

}  // namespace
}  // namespace bimi::svgps
