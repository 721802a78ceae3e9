// docs/limits.md, Converter: the time limit per file is checked inside every
// stage whose work grows with input, and what cannot be interrupted (one
// Clipper call, one potrace call) or would take unbounded memory is bounded
// before it starts. Every input here is generated, and each is refused quickly,
// never written in part.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bimi/svgps/convert.hpp"
#include "geometry/clip.hpp"
#include "geometry/stroke.hpp"
#include "raster/trace.hpp"
#include "svg/deadline.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace geo = geometry;

std::string svg_open() {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" "
         "baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">"
         "<title>x</title>";
}

const char *clip_circle =
    "<clipPath id=\"c\"><circle cx=\"50\" cy=\"50\" r=\"40\"/></clipPath>";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

bool refused_with(const ConvertResult &result, const std::string &words) {
  return !result.svg &&
         test::describe(result.changes).find(words) != std::string::npos;
}

// Hostile-input finding 4: a 45,000-dash clipped stroke spun for minutes in one
// polygon sweep.
TEST(ConvertDeadline, ClippedTinyDashesAreRefusedBeforeTheSweep) {
  std::string svg =
      svg_open() + clip_circle +
      "<line x1=\"0\" y1=\"50\" x2=\"100\" y2=\"50\" stroke=\"#000\" "
      "stroke-width=\"10\" "
      "stroke-dasharray=\"0.0011 0.0011\" clip-path=\"url(#c)\"/></svg>";
  auto start = std::chrono::steady_clock::now();
  ConvertResult result = convert_svg(svg, {});
  EXPECT_LT(seconds_since(start), 10.0);
  EXPECT_TRUE(refused_with(result, "edges across one line"))
      << test::describe(result.changes);
}

// Hostile-input finding 4: a clipped zig-zag of 200,000 segments with round
// joins took past 120 s and 1 GB; its outline pieces are counted as they are
// made.
TEST(ConvertDeadline, ClippedZigZagIsRefusedBeforeItsPiecesPileUp) {
  std::string d = "M0 0";
  for (int i = 0; i < 200'000; ++i) {
    char point[40];
    std::snprintf(point, sizeof point, "L%.4f %d", 100.0 * (i + 1) / 200'000,
                  i % 2 == 0 ? 100 : 0);
    d += point;
  }
  std::string svg = svg_open() + clip_circle + "<path d=\"" + d +
                    "\" fill=\"none\" stroke=\"#000\" "
                    "stroke-linejoin=\"round\" clip-path=\"url(#c)\"/></svg>";
  auto start = std::chrono::steady_clock::now();
  ConvertResult result = convert_svg(svg, {});
  EXPECT_LT(seconds_since(start), 10.0);
  EXPECT_TRUE(refused_with(result, "polygon vertices"))
      << test::describe(result.changes);
}

// The deadline stops a stage while it runs (here the folding of a group's
// opacity, which cuts every pair of overlapping shapes), not only between
// stages.
TEST(ConvertDeadline, TimeLimitStopsAStageWhileItRuns) {
  std::string svg = svg_open() + "<g opacity=\"0.5\">";
  for (int i = 0; i < 6000; ++i) {
    svg += "<rect x=\"" + std::to_string(i % 60) + "\" y=\"" +
           std::to_string(i / 100) +
           "\" width=\"40\" height=\"40\" fill=\"#c00\"/>\n";
  }
  svg += "</g></svg>";
  ConvertOptions options;
  options.limits.max_seconds_per_file = 0.3;
  auto start = std::chrono::steady_clock::now();
  ConvertResult result = convert_svg(svg, options);
  EXPECT_LT(seconds_since(start), 3.0);
  EXPECT_TRUE(refused_with(result, "allowed per file"))
      << test::describe(result.changes);
}

// Hostile-input finding 13: 200 runs of 9,999 characters each kept 3.4 GB of
// glyph outlines.
TEST(ConvertDeadline, TextIsBoundedPerDocumentNotOnlyPerRun) {
  std::string svg = svg_open() + "<text x=\"0\" y=\"20\">abc</text><text "
                                 "x=\"0\" y=\"40\">defg</text></svg>";
  ConvertOptions options;
  options.limits.max_text_characters = 5;
  EXPECT_TRUE(refused_with(convert_svg(svg, options),
                           "more than 5 characters of text"));
  options.limits.max_text_characters = 7;
  options.limits.max_text_glyphs = 5;
  EXPECT_TRUE(refused_with(convert_svg(svg, options), "more than 5 glyphs"));
  options.limits.max_text_glyphs = 7;
  ConvertResult fits = convert_svg(svg, options);
  EXPECT_EQ(test::describe(fits.changes).find("text to outline"),
            std::string::npos)
      << test::describe(fits.changes);
  EXPECT_EQ(test::describe(fits.changes).find("glyphs"), std::string::npos)
      << test::describe(fits.changes);
}

TEST(ConvertDeadline, PolygonOperationsCheckTheDeadlineAndTheirSize) {
  // Rectangles side by side: every one crosses the same horizontal lines.
  auto rectangles = [](int count) {
    std::vector<std::vector<geo::Point>> out;
    for (int i = 0; i < count; ++i) {
      double x = i * 2.0;
      out.push_back({{x, 0}, {x + 1, 0}, {x + 1, 10}, {x, 10}});
    }
    return out;
  };
  EXPECT_FALSE(geo::unite_polygons(rectangles(100), 0.01).empty());
  EXPECT_THROW(geo::unite_polygons(rectangles(10'000), 0.01),
               convert::WorkRefused);
  const convert::Deadline passed(0);
  EXPECT_THROW(geo::unite_polygons(rectangles(100), 0.01, &passed),
               convert::WorkRefused);
  geo::Path line{
      {geo::Segment::move_to({0, 0}), geo::Segment::line_to({100, 0})}};
  geo::StrokeStyle style;
  EXPECT_TRUE(geo::outline_stroke(line, style, 0.01).has_value());
  EXPECT_THROW(geo::outline_stroke(line, style, 0.01, &passed),
               convert::WorkRefused);
}

raster::Indexed checkerboard(int side, int square) {
  raster::Indexed indexed;
  indexed.width = indexed.height = side;
  indexed.colors = {{255, 255, 255}, {0, 0, 0}};
  indexed.index.resize(static_cast<std::size_t>(side) * side);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x)
      indexed.index[static_cast<std::size_t>(y) * side + x] =
          ((x / square + y / square) % 2) != 0;
  }
  return indexed;
}

// Hostile-input finding 13: noise traced by potrace took memory for every pixel
// edge of it.
TEST(ConvertDeadline, TracingRefusesNoiseBeforePotraceAndChecksTheDeadline) {
  std::string error;
  EXPECT_FALSE(raster::trace_layers(checkerboard(1024, 1), {}, error));
  EXPECT_NE(error.find("pixel edges"), std::string::npos) << error;
  error.clear();
  EXPECT_TRUE(raster::trace_layers(checkerboard(256, 64), {}, error)) << error;
  const convert::Deadline passed(0);
  EXPECT_THROW(raster::trace_layers(checkerboard(256, 64), {}, error, &passed),
               convert::WorkRefused);
}

} // namespace
} // namespace bimi::svgps
