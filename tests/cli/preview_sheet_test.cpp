// The preview sheet's parts: crops, figures and layout on synthetic renders.
#include "preview_sheet.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace bimi::cli::preview {
namespace {

svgps::Image filled(int size, std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a = 255) {
  svgps::Image image;
  image.width = image.height = size;
  image.rgba.resize(static_cast<std::size_t>(size * size) * 4);
  for (std::size_t i = 0; i < image.rgba.size(); i += 4) {
    image.rgba[i] = r;
    image.rgba[i + 1] = g;
    image.rgba[i + 2] = b;
    image.rgba[i + 3] = a;
  }
  return image;
}

void paint(svgps::Image &image, int x0, int y0, int x1, int y1, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      auto *p = image.rgba.data() + (static_cast<std::size_t>(y * image.width + x)) * 4;
      p[0] = r, p[1] = g, p[2] = b, p[3] = 255;
    }
  }
}

bool overlap(const Rect &a, const Rect &b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

TEST(PreviewSheet, CropsKeepTheCentreAndCutTheCorners) {
  EXPECT_EQ(crop_coverage(Crop::circle, 96, 48, 48), 1.0);
  EXPECT_EQ(crop_coverage(Crop::circle, 96, 0, 0), 0.0);
  EXPECT_EQ(crop_coverage(Crop::rounded_square, 96, 0, 0), 0.0);
  // Midway along a side the rounded square keeps the pixel; the circle keeps it too.
  EXPECT_EQ(crop_coverage(Crop::rounded_square, 96, 0, 48), 1.0);
  // Near a corner, inside the rounded square's corner but outside the circle.
  EXPECT_EQ(crop_coverage(Crop::rounded_square, 96, 12, 12), 1.0);
  EXPECT_EQ(crop_coverage(Crop::circle, 96, 12, 12), 0.0);
  double edge = crop_coverage(Crop::circle, 96, 10, 18);  // the circle crosses this pixel
  EXPECT_GT(edge, 0.0);
  EXPECT_LT(edge, 1.0);
}

TEST(PreviewSheet, ContentInTheCornersIsCutByTheCircleNotByTheRoundedSquareAsMuch) {
  auto logo = filled(96, 255, 255, 255);
  paint(logo, 0, 0, 12, 12, 0, 0, 0);    // a mark in the top left corner
  paint(logo, 40, 40, 56, 56, 0, 0, 0);  // and one in the middle
  Figures circle = measure_view(logo, Crop::circle, light_theme);
  Figures square = measure_view(logo, Crop::rounded_square, light_theme);
  // The corner mark is 144 of the 400 content pixels; the circle cuts most of it (its arc passes 14 px in
  // from the corner), the rounded square's corner (radius 19 px) only its tip.
  EXPECT_GT(circle.content_cut, 0.18);
  EXPECT_LT(circle.content_cut, 0.36);
  EXPECT_GT(square.content_cut, 0.01);
  EXPECT_LT(square.content_cut, circle.content_cut / 3);
}

TEST(PreviewSheet, ContentInsideTheCircleIsNotCut) {
  auto logo = filled(96, 255, 255, 255);
  paint(logo, 30, 30, 66, 66, 200, 0, 0);
  EXPECT_EQ(measure_view(logo, Crop::circle, light_theme).content_cut, 0.0);
  EXPECT_EQ(measure_view(logo, Crop::rounded_square, dark_theme).content_cut, 0.0);
  // A background filling the square is not content: cropping it cuts nothing.
  EXPECT_EQ(measure_view(filled(64, 21, 101, 192), Crop::circle, light_theme).content_cut, 0.0);
}

TEST(PreviewSheet, EdgeContrastIsThatOfTheLogosRimAgainstTheTheme) {
  auto white = filled(64, 255, 255, 255);
  EXPECT_NEAR(measure_view(white, Crop::circle, light_theme).edge_contrast, 1.0, 1e-9);
  EXPECT_GT(measure_view(white, Crop::circle, dark_theme).edge_contrast, 15.0);
  auto black = filled(64, 0, 0, 0);
  EXPECT_NEAR(measure_view(black, Crop::rounded_square, light_theme).edge_contrast, 21.0, 1e-9);
  // A transparent background shows the inbox itself: the edge cannot stand out.
  auto clear = filled(64, 0, 0, 0, 0);
  EXPECT_NEAR(measure_view(clear, Crop::circle, dark_theme).edge_contrast, 1.0, 1e-9);
}

TEST(PreviewSheet, LayoutPlacesEveryViewOnceWithoutOverlap) {
  std::vector<int> sizes{24, 32, 40, 64, 96};
  auto layout = layout_sheet(sizes, {light_theme, dark_theme});
  ASSERT_EQ(layout.views.size(), 2u * 2u * sizes.size());
  ASSERT_EQ(layout.inbox_rows.size(), 4u);
  ASSERT_EQ(layout.panels.size(), 2u);
  for (std::size_t i = 0; i < layout.views.size(); ++i) {
    const Rect &a = layout.views[i].at;
    EXPECT_EQ(a.width, layout.views[i].size);
    EXPECT_EQ(a.height, layout.views[i].size);
    EXPECT_GE(a.x, 0);
    EXPECT_GE(a.y, 0);
    EXPECT_LE(a.x + a.width, layout.width);
    EXPECT_LE(a.y + a.height, layout.height);
    for (std::size_t j = i + 1; j < layout.views.size(); ++j) EXPECT_FALSE(overlap(a, layout.views[j].at)) << i << " " << j;
    for (const auto &row : layout.inbox_rows) {
      EXPECT_FALSE(overlap(a, row.avatar));
      EXPECT_FALSE(overlap(a, row.subject));
    }
  }
  // Light above dark, circle above rounded square, sizes left to right.
  EXPECT_EQ(layout.views.front().theme.name, "light");
  EXPECT_EQ(layout.views.back().theme.name, "dark");
  EXPECT_EQ(layout.views[0].crop, Crop::circle);
  EXPECT_EQ(layout.views[sizes.size()].crop, Crop::rounded_square);
  EXPECT_LT(layout.views[0].at.x, layout.views[1].at.x);
  EXPECT_EQ(layout_sheet(sizes, {dark_theme}).height * 2, layout.height);
}

TEST(PreviewSheet, TheSheetMarksWhereTheCropCutsContent) {
  auto logo = filled(40, 255, 255, 255);
  paint(logo, 0, 0, 40, 4, 0, 0,
        0);  // a bar along the top edge: the circle cuts its ends
  auto layout = layout_sheet({40}, {light_theme});
  auto sheet = compose_sheet(layout, {{40, logo}});
  ASSERT_EQ(sheet.width, layout.width);
  int marked = 0;
  for (std::size_t i = 0; i < sheet.rgba.size(); i += 4) {
    marked += sheet.rgba[i] == cut_colour[0] && sheet.rgba[i + 1] == cut_colour[1] && sheet.rgba[i + 2] == cut_colour[2];
  }
  EXPECT_GT(marked, 8);
  // The same renders give the same pixels.
  EXPECT_EQ(compose_sheet(layout, {{40, logo}}).rgba, sheet.rgba);
  // Content well inside the circle leaves no mark.
  auto inside = filled(40, 255, 255, 255);
  paint(inside, 15, 15, 25, 25, 0, 0, 0);
  auto clean = compose_sheet(layout, {{40, inside}});
  for (std::size_t i = 0; i < clean.rgba.size(); i += 4) {
    ASSERT_FALSE(clean.rgba[i] == cut_colour[0] && clean.rgba[i + 1] == cut_colour[1] && clean.rgba[i + 2] == cut_colour[2]);
  }
}

TEST(PreviewSheet, EachCropStandsForItsMailboxes) {
  auto circle = mailboxes_shown_as(Crop::circle);
  auto square = mailboxes_shown_as(Crop::rounded_square);
  EXPECT_EQ(circle.size() + square.size(), records::mailboxes().size());
  EXPECT_TRUE(std::any_of(circle.begin(), circle.end(), [](auto *m) { return m->id == "gmail"; }));
  EXPECT_TRUE(std::any_of(square.begin(), square.end(), [](auto *m) { return m->id == "fastmail"; }));
}

}  // namespace
}  // namespace bimi::cli::preview
