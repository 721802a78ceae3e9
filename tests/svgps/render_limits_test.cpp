// The bounds render_logo checks before librsvg sees a document (docs/limits.md,
// "Renders").
#include <gtest/gtest.h>

#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/render.hpp"
#include "render_hostile.hpp"

namespace bimi::svgps {
namespace {

RenderFailure refusal(const std::string& svg, const Limits& limits = {}) {
  RenderFailure failure;
  auto image = render_logo(svg, 96, limits, failure);
  EXPECT_FALSE(image) << "rendered despite the bounds";
  return failure;
}

void expect_renders(const std::string& svg, const Limits& limits = {}) {
  RenderFailure failure;
  auto image = render_logo(svg, 96, limits, failure);
  EXPECT_TRUE(image) << failure.message;
}

TEST(RenderLimits, HugeFontSizeIsRefusedBeforeLibrsvgAborts) {
  // librsvg 2.54 panics (text.rs: "assertion failed: h >= 0.0") on sizes from
  // about 5e6.
  RenderFailure failure = refusal(test::text_logo(1, "1e8"));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("font size"), std::string::npos) << failure.message;
  EXPECT_EQ(refusal(test::text_logo(1, "2e5in")).kind, RenderFailure::Kind::limit);
  EXPECT_EQ(refusal(test::good_logo("<text y=\"50\" style=\"fill:#000; font-size : 9e7px\">W</text>")).kind,
            RenderFailure::Kind::limit);
  EXPECT_EQ(refusal(test::good_logo("<style>text { font: bold 1e7px serif "
                                    "}</style><text y=\"50\">W</text>"))
                .kind,
            RenderFailure::Kind::limit);
  expect_renders(test::text_logo(1, "90"));
  expect_renders(test::text_logo(1, "100000"));
}

TEST(RenderLimits, TextPerElementAndInTotal) {
  Limits limits;
  RenderFailure failure = refusal(test::text_logo(limits.max_render_text_run + 1), limits);
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("characters"), std::string::npos) << failure.message;
  // Characters in tspans count towards their text element; UTF-8 counts
  // characters, not bytes.
  std::string half(limits.max_render_text_run / 2, 'W');
  EXPECT_EQ(refusal(test::good_logo("<text y=\"9\">" + half + "<tspan>" + half + "W</tspan></text>"), limits).kind,
            RenderFailure::Kind::limit);
  std::string accents;
  for (std::size_t i = 0; i < limits.max_render_text_run / 2; ++i) accents += "\xC3\xA9";
  expect_renders(
      test::good_logo("<rect width=\"9\" height=\"9\"/><text y=\"9\" font-size=\"1\">" + accents + "</text>"));
  // In total: several runs, each under the per-element bound.
  limits.max_render_text_run = 100;
  limits.max_render_text_total = 250;
  std::string run = "<text y=\"9\">" + std::string(90, 'W') + "</text>";
  expect_renders(test::good_logo("<rect width=\"9\" height=\"9\"/>" + run + run), limits);
  failure = refusal(test::good_logo(run + run + run), limits);
  EXPECT_NE(failure.message.find("together"), std::string::npos) << failure.message;
}

TEST(RenderLimits, EmbeddedPngSizeIsReadFromItsHeader) {
  // 20000 × 20000: librsvg would decode 1.6 GB of pixels (a whole such PNG
  // deflates to 1.2 MB). The bound reads IHDR only, so the header alone stands
  // for it here.
  RenderFailure failure = refusal(test::image_logo("image/png", test::png_header(20000, 20000)));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("20000 × 20000"), std::string::npos) << failure.message;
  // The declared media type does not matter; the bytes do.
  EXPECT_EQ(refusal(test::image_logo("image/gif", test::png_header(20000, 20000))).kind, RenderFailure::Kind::limit);
  expect_renders(test::image_logo("image/png", test::solid_png(64, 64)));
  // Together: two images each under the bound, over it in sum.
  Limits limits;
  limits.max_render_image_pixels = 6000;
  std::string png = test::base64(test::solid_png(64, 64));
  std::string image = "<image width=\"9\" height=\"9\" href=\"data:image/png;base64," + png + "\"/>";
  expect_renders(test::good_logo("<rect width=\"9\" height=\"9\"/>" + image), limits);
  EXPECT_EQ(refusal(test::good_logo(image + image), limits).kind, RenderFailure::Kind::limit);
}

bool not_a_limit(const std::string& svg) {
  RenderFailure failure;
  return render_logo(svg, 96, Limits{}, failure) || failure.kind != RenderFailure::Kind::limit;
}

TEST(RenderLimits, JpegScansAndSize) {
  // Progressive decoding redoes the whole image per scan: 10,000 scans in 2 KB
  // ran past 120 s.
  RenderFailure failure = refusal(test::image_logo("image/jpeg", test::jpeg_with_scans(64, 64, 10000)));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("10,000 scans"), std::string::npos) << failure.message;
  EXPECT_EQ(refusal(test::image_logo("image/jpeg", test::jpeg_with_scans(30000, 30000, 1))).kind,
            RenderFailure::Kind::limit);
  EXPECT_TRUE(not_a_limit(test::image_logo("image/jpeg", test::jpeg_with_scans(64, 64, 10))));
}

TEST(RenderLimits, GifSvgAndOtherImages) {
  std::string gif = std::string("GIF89a") + "\x40\x9C\x40\x9C" + std::string(20, '\0');  // 40000 × 40000
  EXPECT_EQ(refusal(test::image_logo("image/gif", gif)).kind, RenderFailure::Kind::limit);
  // Formats whose size bimi does not read are not handed to gdk-pixbuf.
  EXPECT_EQ(refusal(test::image_logo("image/bmp", "BM" + std::string(60, '\0'))).kind, RenderFailure::Kind::limit);
  // An embedded SVG image is measured as a document of its own, and may not
  // embed another.
  std::string inner = test::text_logo(1, "1e8");
  RenderFailure failure = refusal(test::image_logo("image/svg+xml", inner));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::limit);
  EXPECT_NE(failure.message.find("embedded SVG"), std::string::npos) << failure.message;
  EXPECT_EQ(refusal(test::image_logo("image/svg+xml", test::image_logo("image/svg+xml", test::good_logo()))).kind,
            RenderFailure::Kind::limit);
  EXPECT_TRUE(not_a_limit(test::image_logo("image/svg+xml", test::good_logo())));
  // External references are not loaded at all, so they cost nothing.
  expect_renders(
      test::good_logo("<rect width=\"9\" height=\"9\"/><image width=\"9\" "
                      "height=\"9\" href=\"https://example.com/x.png\"/>"));
}

TEST(RenderLimits, PixelsAreRenderSvgsWhenWithinBounds) {
  std::string error;
  auto direct = render_svg(test::good_logo(), 96, error);
  RenderFailure failure;
  auto bounded = render_logo(test::good_logo(), 96, Limits{}, failure);
  ASSERT_TRUE(direct && bounded);
  EXPECT_EQ(direct->rgba, bounded->rgba);
  // Not well-formed: librsvg's own refusal, not a limit.
  EXPECT_FALSE(render_logo("<svg", 96, Limits{}, failure));
  EXPECT_EQ(failure.kind, RenderFailure::Kind::invalid);
}

TEST(RenderLimits, LintReportsARenderLimitInsteadOfAborting) {
  // Before the bound, lint aborted the whole process here (librsvg's panic).
  LintReport report = lint(test::text_logo(1, "1e8"));
  EXPECT_TRUE(report.diagnostics.has_rule("render-limit")) << test::describe(report.diagnostics);
  for (const Diagnostic& finding : report.diagnostics.items()) {
    if (finding.rule == "render-limit") {
      EXPECT_EQ(finding.location.line, 4);  // the <text>, not the root
    }
  }
  report = lint(test::image_logo("image/png", test::png_header(20000, 20000)));
  EXPECT_TRUE(report.diagnostics.has_rule("render-limit")) << test::describe(report.diagnostics);
  LintOptions no_render;
  no_render.render_checks = false;
  EXPECT_FALSE(lint(test::text_logo(1, "1e8"), no_render).diagnostics.has_rule("render-limit"));
}

}  // namespace
}  // namespace bimi::svgps
