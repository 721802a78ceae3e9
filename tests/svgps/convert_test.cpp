// bimi convert on files shaped like real editor exports: every output passes the strict profile
// and the official schema, renders like its input, is deterministic, and matches its golden file
// (fixtures/convert/<case>-expected.svg; set BIMI_REBASELINE=1 to rewrite them).
#include "bimi/svgps/convert.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "bimi/svgps/lint.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace fs = std::filesystem;

fs::path convert_dir() { return test::fixtures() / "convert"; }

ConvertResult convert_fixture(const std::string& name, ConvertOptions options = {}) {
  options.fallback_title = name;
  return convert_svg(test::read_bytes(convert_dir() / (name + ".svg")), options);
}

void expect_golden(const std::string& name, const std::string& svg) {
  fs::path expected = convert_dir() / (name + "-expected.svg");
  const char* rebaseline = std::getenv("BIMI_REBASELINE");
  if (rebaseline && std::string(rebaseline) == "1") {
    std::ofstream(expected, std::ios::binary) << svg;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with BIMI_REBASELINE=1";
  EXPECT_EQ(svg, test::read_bytes(expected)) << "output of " << name << " changed; run with BIMI_REBASELINE=1 if intended";
}

std::string changes_text(const ConvertResult& r) { return test::describe(r.changes) + test::describe(r.output_findings); }

class EditorExport : public ::testing::TestWithParam<std::string> {};

TEST_P(EditorExport, ConvertsValidFaithfulAndStable) {
  const std::string name = GetParam();
  ConvertResult r = convert_fixture(name);
  ASSERT_TRUE(r.svg) << name << "\n" << changes_text(r);
  EXPECT_FALSE(r.output_findings.has_errors()) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.93) << name;
  EXPECT_LE(r.fidelity->differing_share, 0.02) << name;
  EXPECT_LE(r.svg->size(), 32u * 1024u);
  LintOptions spec;
  spec.profile = Profile::spec;
  EXPECT_FALSE(lint(*r.svg, spec).diagnostics.has_errors());
  // Deterministic, and converting the output again changes nothing.
  ConvertResult again = convert_fixture(name);
  ASSERT_TRUE(again.svg);
  EXPECT_EQ(*r.svg, *again.svg);
  ConvertOptions keep;
  keep.background = ConvertOptions::Background::none;
  ConvertResult twice = convert_svg(*r.svg, keep);
  ASSERT_TRUE(twice.svg) << changes_text(twice);
  EXPECT_EQ(*twice.svg, *r.svg) << "converting a converted logo must be a no-op";
  expect_golden(name, *r.svg);
}

INSTANTIATE_TEST_SUITE_P(Editors, EditorExport,
                         ::testing::Values("illustrator", "inkscape", "figma", "sketch", "affinity", "css-cascade",
                                           "structure", "wide", "simple-icon", "radial-stretched",
                                           "paint-and-shapes", "clipped-strokes", "masked"));

const Diagnostic* find_change(const ConvertResult& r, std::string_view rule) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

TEST(Convert, IllustratorSwitchAndEntitiesAreResolved) {
  ConvertResult r = convert_fixture("illustrator");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_EQ(r.svg->find("switch"), std::string::npos);
  EXPECT_EQ(r.svg->find("foreignObject"), std::string::npos);
  EXPECT_NE(r.svg->find("#e31937"), std::string::npos);
  EXPECT_NE(r.svg->find("<title>illustrator</title>"), std::string::npos);
  EXPECT_TRUE(find_change(r, "convert-css"));
}

TEST(Convert, TitleOptionsWin) {
  ConvertOptions options;
  options.title = "Brand & Co <Ltd>";
  options.desc = "Our mark";
  ConvertResult r = convert_fixture("sketch", options);
  ASSERT_TRUE(r.svg);
  EXPECT_NE(r.svg->find("<title>Brand &amp; Co &lt;Ltd&gt;</title>"), std::string::npos);
  EXPECT_NE(r.svg->find("<desc>Our mark</desc>"), std::string::npos);
  EXPECT_NE(convert_fixture("sketch").svg->find("<title>Sketch Brand</title>"), std::string::npos);
}

TEST(Convert, CascadeFollowsSpecificityImportanceAndInheritance) {
  ConvertResult r = convert_fixture("css-cascade");
  ASSERT_TRUE(r.svg) << changes_text(r);
  const std::string& svg = *r.svg;
  EXPECT_NE(svg.find("fill=\"#fafafa\""), std::string::npos);  // style="" beats the type selector
  EXPECT_NE(svg.find("fill=\"#f00\""), std::string::npos);     // #id beats .class
  EXPECT_NE(svg.find("fill=\"#0f0\""), std::string::npos);     // .class beats type
  EXPECT_NE(svg.find("fill=\"#ff0\""), std::string::npos);     // !important beats style=""
  EXPECT_NE(svg.find("stroke=\"#222\""), std::string::npos);   // attribute selector
  EXPECT_NE(svg.find("fill=\"#804000\""), std::string::npos);  // currentColor from the inherited color
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_EQ(svg.find("class"), std::string::npos);
}

TEST(Convert, NonSquareArtboardIsPaddedEqually) {
  ConvertResult r = convert_fixture("wide");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("viewBox=\"0 -100 300 300\""), std::string::npos) << *r.svg;
}

TEST(Convert, FitContentCropsToTheDrawing) {
  ConvertOptions options;
  options.fit = ConvertOptions::Fit::content;
  options.background = ConvertOptions::Background::none;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect x=\"40\" y=\"45\" width=\"20\" height=\"10\" fill=\"#c00\"/></svg>";
  ConvertResult r = convert_svg(svg, options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("viewBox=\"40 40 20 20\""), std::string::npos) << *r.svg;
}

TEST(Convert, MarginWidensTheViewBox) {
  ConvertOptions options;
  options.margin_percent = 10;
  ConvertResult r = convert_fixture("wide", options);
  ASSERT_TRUE(r.svg);
  EXPECT_NE(r.svg->find("viewBox=\"-30 -130 360 360\""), std::string::npos) << *r.svg;
}

TEST(Convert, BackgroundAutoAddsWhiteBehindADarkMark) {
  ConvertResult r = convert_fixture("simple-icon");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("fill=\"#fff\""), std::string::npos) << *r.svg;
  LintOptions strict;
  EXPECT_FALSE(lint(*r.svg, strict).diagnostics.has_rule("transparent-background"));
  ConvertOptions none;
  none.background = ConvertOptions::Background::none;
  ConvertResult kept = convert_fixture("simple-icon", none);
  ASSERT_TRUE(kept.svg);
  EXPECT_EQ(kept.svg->find("fill=\"#fff\""), std::string::npos);
}

TEST(Convert, BackgroundColourOption) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::color;
  options.background_color = *parse_opaque_color("rebeccapurple");
  ConvertResult r = convert_fixture("simple-icon", options);
  ASSERT_TRUE(r.svg);
  EXPECT_NE(r.svg->find("fill=\"#639\""), std::string::npos) << *r.svg;
}

TEST(Convert, BackgroundColourIsOpaqueCss) {
  EXPECT_EQ(parse_opaque_color("#fff"), (RgbColor{255, 255, 255}));
  EXPECT_EQ(parse_opaque_color(" rgb(1, 2, 3) "), (RgbColor{1, 2, 3}));
  EXPECT_FALSE(parse_opaque_color("not-a-colour"));
  EXPECT_FALSE(parse_opaque_color("transparent"));
  EXPECT_FALSE(parse_opaque_color("#ffffff80"));
}

TEST(Convert, FiltersAreRefusedUnlessForced) {
  ConvertResult refused = convert_fixture("filter");
  EXPECT_FALSE(refused.svg);
  const Diagnostic* d = find_change(refused, "convert-refused");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("filter"), std::string::npos);
  EXPECT_EQ(d->location.line, 5);
  ConvertOptions force;
  force.force = true;
  ConvertResult forced = convert_fixture("filter", force);
  ASSERT_TRUE(forced.svg) << changes_text(forced);
  EXPECT_TRUE(find_change(forced, "convert-dropped"));
}

TEST(Convert, BlendModesAreRefusedNotDropped) {
  ConvertResult r = convert_fixture("blend");
  EXPECT_FALSE(r.svg);
  const Diagnostic* d = find_change(r, "convert-refused");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("mix-blend-mode"), std::string::npos);
}

TEST(Convert, StretchedRadialGradientIsDrawnInItsOwnSpace) {
  ConvertResult r = convert_fixture("radial-stretched");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("transform=\"matrix("), std::string::npos);
  EXPECT_EQ(r.svg->find("gradientTransform"), std::string::npos);
  EXPECT_GE(r.fidelity->ssim, 0.99);
}

TEST(Convert, PaintOrderEllipseAutoRadiusAndUseInClipPath) {
  ConvertResult r = convert_fixture("paint-and-shapes");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(find_change(r, "convert-paint"));  // paint-order split into two shapes
  EXPECT_EQ(r.svg->find("clip"), std::string::npos);
  EXPECT_GE(r.fidelity->ssim, 0.99);
}

bool has_change(const ConvertResult& r, std::string_view rule, std::string_view words, int line = 0) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == rule && d.message.find(words) != std::string::npos && (line == 0 || d.location.line == line)) {
      return true;
    }
  }
  return false;
}

void expect_faithful(const ConvertResult& r) {
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
  EXPECT_LE(r.fidelity->differing_share, 0.005);
}

TEST(Convert, StrokesCutByAClipAreOutlinedOthersStayStrokes) {
  ConvertResult r = convert_fixture("clipped-strokes");
  expect_faithful(r);
  const std::string& svg = *r.svg;
  for (int line : {8, 9, 10, 14}) EXPECT_TRUE(has_change(r, "convert-clip", "stroke outlined", line)) << line;
  EXPECT_EQ(svg.find("stroke=\"#036\""), std::string::npos);  // the frame is a filled outline now
  EXPECT_NE(svg.find("fill=\"#036\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#06c\" fill-opacity=\"0.8\""), std::string::npos);  // the stroke's opacity kept
  EXPECT_NE(svg.find("stroke=\"#0a0\""), std::string::npos);  // inside the clip: still a stroke
  EXPECT_EQ(svg.find("transform"), std::string::npos);  // the squashed bar's outline is baked
}

ConvertResult convert_text(const std::string& body, ConvertOptions options = {}) {
  options.background = ConvertOptions::Background::none;
  return convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">" + body + "</svg>", options);
}

TEST(Convert, MasksOfOneOpaqueColourBecomeClips) {
  ConvertResult r = convert_fixture("masked");
  expect_faithful(r);
  EXPECT_TRUE(has_change(r, "convert-clip", "mask applied as a clip", 6));   // mask-type:alpha in style=""
  EXPECT_TRUE(has_change(r, "convert-clip", "mask applied as a clip", 18));  // white content, fill inherited
  EXPECT_TRUE(has_change(r, "convert-clip", "stroke in a mask outlined", 15));
  EXPECT_TRUE(has_change(r, "convert-clip", "stroke outlined to apply the clip", 9));
  EXPECT_EQ(r.svg->find("<mask"), std::string::npos);
  EXPECT_EQ(r.svg->find("mask="), std::string::npos);
  EXPECT_EQ(r.svg->find("fill-opacity"), std::string::npos);  // alpha masks of opaque content: no opacity
}

TEST(Convert, AMaskOfUniformGreyIsAClipAndAnOpacity) {
  ConvertResult r = convert_text(
      "<mask id=\"m\" maskUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"100\" height=\"100\">"
      "<circle cx=\"50\" cy=\"50\" r=\"40\" fill=\"#808080\"/></mask>"
      "<g mask=\"url(#m)\"><rect width=\"50\" height=\"100\" fill=\"#036\"/>"
      "<rect x=\"50\" width=\"50\" height=\"100\" fill=\"#c30\"/></g>");
  expect_faithful(r);
  EXPECT_TRUE(has_change(r, "convert-clip", "an opacity of 0.502"));
  EXPECT_NE(r.svg->find("fill-opacity=\"0.502\""), std::string::npos) << *r.svg;
}

TEST(Convert, AMaskRegionCutsItsContent) {
  // objectBoundingBox units: the middle half of the square only, though the mask's circle is
  // larger (edges apart from the square's own: librsvg blends coinciding edges twice).
  ConvertResult r = convert_text(
      "<mask id=\"m\" x=\"0.25\" width=\"0.5\"><circle cx=\"50\" cy=\"50\" r=\"60\" fill=\"#fff\"/></mask>"
      "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#036\" mask=\"url(#m)\"/>");
  expect_faithful(r);
  EXPECT_NE(r.svg->find("d=\"M30 10H70V90H30Z\""), std::string::npos) << *r.svg;
}

TEST(Convert, BoundingBoxMasksOnUseAndText) {
  // maskContentUnits="objectBoundingBox": the left half of what each element draws.
  ConvertResult r = convert_text(
      "<defs><circle id=\"c\" cx=\"30\" cy=\"30\" r=\"25\" fill=\"#036\"/></defs>"
      "<mask id=\"m\" maskContentUnits=\"objectBoundingBox\"><rect width=\"0.5\" height=\"1\" fill=\"#fff\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#eee\"/>"
      "<use href=\"#c\" x=\"20\" y=\"20\" mask=\"url(#m)\"/>"
      "<text x=\"50\" y=\"90\" font-size=\"20\" font-family=\"DejaVu Sans\" fill=\"#c00\" text-anchor=\"middle\" "
      "mask=\"url(#m)\">Hello</text>");
  expect_faithful(r);
  EXPECT_NE(r.svg->find("L50 25Z"), std::string::npos) << *r.svg;  // the circle cut at its centre
}

TEST(Convert, AnElementUnderABlackMaskIsRemovedAndSaidSo) {
  // The mask's content is not filled: black by default, luminance 0, nothing shows.
  ConvertResult r = convert_text(
      "<mask id=\"m\"><rect width=\"100\" height=\"100\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect width=\"20\" height=\"20\" fill=\"#036\"/>"
      "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\" mask=\"url(#m)\"/>");
  expect_faithful(r);
  EXPECT_TRUE(has_change(r, "convert-clip", "hidden by its mask"));
  EXPECT_EQ(r.svg->find("#c00"), std::string::npos);
}

TEST(Convert, MasksThatAreNotOneFlatValueStayRefused) {
  const std::string gradient =
      "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/><stop offset=\"1\"/></linearGradient>"
      "<mask id=\"m\">\n<rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect width=\"50\" height=\"50\" fill=\"#036\" mask=\"url(#m)\"/>";
  const std::string translucent =
      "<mask id=\"m\">\n<rect width=\"100\" height=\"100\" fill=\"#fff\" fill-opacity=\"0.5\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect width=\"50\" height=\"50\" fill=\"#036\" mask=\"url(#m)\"/>";
  const std::string two_greys =
      "<mask id=\"m\"><rect width=\"100\" height=\"100\" fill=\"#fff\"/>\n"
      "<circle cx=\"50\" cy=\"50\" r=\"20\" fill=\"#000\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect width=\"50\" height=\"50\" fill=\"#036\" mask=\"url(#m)\"/>";
  const std::string faded_use =
      "<defs><rect id=\"r\" width=\"100\" height=\"100\" fill=\"#fff\"/></defs>"
      "<mask id=\"m\">\n<use href=\"#r\" opacity=\"0.5\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect width=\"50\" height=\"50\" fill=\"#036\" mask=\"url(#m)\"/>";
  for (const auto& [body, words] : {std::pair{gradient, "painted with <linearGradient>"},
                                    std::pair{faded_use, "has its own opacity"},
                                    std::pair{translucent, "partly transparent"},
                                    std::pair{two_greys, "more than one luminance"}}) {
    ConvertResult r = convert_text(body);
    EXPECT_FALSE(r.svg) << words;
    EXPECT_TRUE(has_change(r, "convert-refused", words, 2)) << changes_text(r);
    ConvertOptions force;
    force.force = true;
    ConvertResult forced = convert_text(body, force);
    ASSERT_TRUE(forced.svg) << changes_text(forced);
    EXPECT_TRUE(has_change(forced, "convert-dropped", words)) << changes_text(forced);
  }
}

TEST(Convert, TextInAClipPathIsOutlined) {
  ConvertResult r = convert_text(
      "<clipPath id=\"c\"><text x=\"50\" y=\"70\" font-family=\"DejaVu Sans\" font-size=\"60\" "
      "font-weight=\"bold\" text-anchor=\"middle\">Hi</text></clipPath>"
      "<rect width=\"100\" height=\"100\" fill=\"#c00\" clip-path=\"url(#c)\"/>");
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.97) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-clip", "text in a clipPath outlined"));
  EXPECT_TRUE(has_change(r, "convert-text", "outlined with DejaVu Sans"));
  EXPECT_EQ(r.svg->find("text"), std::string::npos);
}

TEST(Convert, StrokedTextKeepsItsStroke) {
  ConvertResult r = convert_text(
      "<text x=\"50\" y=\"65\" font-family=\"DejaVu Sans\" font-size=\"44\" font-weight=\"bold\" "
      "text-anchor=\"middle\" fill=\"#fc0\" stroke=\"#003\" stroke-width=\"3\" stroke-linejoin=\"round\">Hi</text>");
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.97) << changes_text(r);
  EXPECT_NE(r.svg->find("stroke=\"#003\""), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("stroke-linejoin=\"round\""), std::string::npos) << *r.svg;
  EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
}

TEST(Convert, OutlineOnlyTextIsDrawn) {
  ConvertResult r = convert_text(
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<text x=\"50\" y=\"65\" font-family=\"DejaVu Sans\" font-size=\"44\" text-anchor=\"middle\" "
      "fill=\"none\" stroke=\"#c00\" stroke-width=\"2\">Hi</text>");
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.97) << changes_text(r);
  EXPECT_NE(r.svg->find("fill=\"none\""), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("stroke=\"#c00\""), std::string::npos) << *r.svg;
}

TEST(Convert, TextStrokeUnderTheFillFollowsPaintOrder) {
  ConvertResult r = convert_text(
      "<text x=\"50\" y=\"65\" font-family=\"DejaVu Sans\" font-size=\"44\" text-anchor=\"middle\" "
      "fill=\"#fc0\" stroke=\"#003\" stroke-width=\"6\" paint-order=\"stroke\">Hi</text>");
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.97) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-paint", "stroke first written as two shapes")) << changes_text(r);
}

TEST(Convert, StrokesWithStretchedRadialGradientsAreKept) {
  ConvertResult r = convert_text(
      "<radialGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fc0\"/><stop offset=\"1\" stop-color=\"#c03\"/></radialGradient>"
      "<rect x=\"10\" y=\"30\" width=\"80\" height=\"40\" fill=\"none\" stroke=\"url(#g)\" stroke-width=\"8\"/>"
      "<ellipse cx=\"50\" cy=\"50\" rx=\"30\" ry=\"12\" fill=\"url(#g)\" stroke=\"#036\" stroke-width=\"3\"/>");
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.98) << changes_text(r);
  EXPECT_LT(r.fidelity->differing_share, 0.01) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-paint", "stroke painted with a stretched radial gradient outlined", 1)) << changes_text(r);
  EXPECT_NE(r.svg->find("stroke=\"#036\""), std::string::npos) << *r.svg;  // a plain stroke stays a stroke
}

TEST(Convert, GradientInItsOwnUnitSpaceKeepsItsDigits) {
  // Shaped like super-tiny-icons' luckyframework.svg: a far-off bounding-box radial whose
  // colour bands cross the shape. Its centre and radius are in units of the shape's box, so
  // one decimal would move the bands visibly.
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\">"
      "<radialGradient id=\"a\" cx=\"7.25\" cy=\"4\" r=\"7.73\"><stop offset=\".975\" stop-color=\"#9cfd65\"/>"
      "<stop offset=\".975\" stop-color=\"#34db96\"/><stop offset=\"1\" stop-color=\"#34db96\"/>"
      "<stop offset=\"1\" stop-color=\"#1b92b1\"/></radialGradient>"
      "<path fill=\"url(#a)\" d=\"M146.1 351.1H366L256 161z\"/></svg>",
      options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
  EXPECT_LT(r.fidelity->differing_share, 0.005) << changes_text(r);
  EXPECT_NE(r.svg->find("cx=\"7.25\""), std::string::npos) << *r.svg;
}

// Paint values are read by the converter, not with style::parse_paint, which reads some of them
// otherwise: it would refuse "url(#g" (librsvg draws the gradient, as here) and say nothing of
// "NONE". It also differs where librsvg does, and the converter refuses for want of fidelity:
// "URL(#g)", "#f00 icc-color(...)" and a url() whose fallback is not a colour.
TEST(Convert, PaintValuesKeepTheirReading) {
  const std::string scene =
      "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#c30\"/>"
      "</linearGradient><rect width=\"100\" height=\"100\" fill=\"#fff\"/><circle cx=\"20\" cy=\"20\" r=\"10\" fill=\"#036\"/>";
  struct Case {
    std::string fill;
    std::string drawn;  // what the output paints the square with; empty: nothing
    std::string note;   // the convert-paint note; empty: none
  };
  for (const Case& c : {Case{"NONE", "", "fill \"NONE\" is not a colour"},
                        Case{"url(#missing) #f00", "fill=\"#f00\"", ""},
                        Case{"url(#g", "fill=\"url(#", ""}}) {
    ConvertResult r = convert_text(scene + "<rect x=\"40\" y=\"40\" width=\"50\" height=\"50\" fill=\"" + c.fill + "\"/>");
    ASSERT_TRUE(r.svg) << c.fill << "\n" << changes_text(r);
    bool square = r.svg->find("M40 40H90V90H40Z") != std::string::npos;
    EXPECT_EQ(square, !c.drawn.empty()) << c.fill << "\n" << *r.svg;
    if (!c.drawn.empty()) {
      EXPECT_NE(r.svg->find(c.drawn), std::string::npos) << c.fill << "\n" << *r.svg;
    }
    EXPECT_EQ(has_change(r, "convert-paint", "is not a colour"), !c.note.empty()) << c.fill << "\n" << changes_text(r);
    if (!c.note.empty()) {
      EXPECT_TRUE(has_change(r, "convert-paint", c.note)) << c.fill << "\n" << changes_text(r);
    }
  }
}

// Identical paint servers are written once: shapes that use one userSpaceOnUse gradient refer to
// one element; a gradient that differs (here, resolved against another bounding box) keeps its own.
TEST(Convert, IdenticalGradientsAreWrittenOnce) {
  ConvertResult r = convert_text(
      "<linearGradient id=\"u\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" x2=\"100\">"
      "<stop offset=\"0\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#c30\"/></linearGradient>"
      "<linearGradient id=\"b\"><stop offset=\"0\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#fc0\"/>"
      "</linearGradient>"
      "<rect width=\"100\" height=\"30\" fill=\"url(#u)\"/><rect y=\"35\" width=\"100\" height=\"30\" fill=\"url(#u)\"/>"
      "<circle cx=\"20\" cy=\"85\" r=\"10\" fill=\"url(#b)\" stroke=\"url(#u)\"/>"
      "<circle cx=\"70\" cy=\"85\" r=\"12\" fill=\"url(#b)\"/>");
  expect_faithful(r);
  const std::string& svg = *r.svg;
  auto count = [&](const std::string& text) {
    std::size_t n = 0;
    for (std::size_t at = svg.find(text); at != std::string::npos; at = svg.find(text, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<linearGradient"), 3u) << svg;  // #u once, #b once per circle
  EXPECT_EQ(count("fill=\"url(#g1)\""), 2u) << svg;
  EXPECT_EQ(count("stroke=\"url(#g1)\""), 1u) << svg;
  EXPECT_EQ(svg.find("id=\"g4\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("id=\"g3\""), std::string::npos) << svg;
}

TEST(Convert, UnreadableInputIsSaidSo) {
  ConvertResult r = convert_svg("<svg", {});
  EXPECT_TRUE(r.unreadable);
  EXPECT_FALSE(r.svg);
  EXPECT_TRUE(r.changes.has_errors());
}

TEST(Convert, UseCyclesAreRefused) {
  ConvertResult r = convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><g id=\"a\"><use href=\"#a\"/></g></svg>", {});
  EXPECT_FALSE(r.svg);
  EXPECT_TRUE(find_change(r, "convert-refused"));
}

TEST(Convert, PrecisionOptionIsHonoured) {
  ConvertOptions options;
  options.decimals = 0;
  options.background = ConvertOptions::Background::none;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><path d=\"M10.26 10.74h50.5v40.4z\" fill=\"#c00\"/><path d=\"M0 0h1v1z\" fill=\"#fff\"/></svg>";
  ConvertResult r = convert_svg(svg, options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_EQ(r.decimals, 0);
  for (std::size_t at = r.svg->find(" d=\""); at != std::string::npos; at = r.svg->find(" d=\"", at + 1)) {
    std::string d = r.svg->substr(at + 4, r.svg->find('"', at + 4) - at - 4);
    EXPECT_EQ(d.find('.'), std::string::npos) << d;
  }
}

// simple-icons' Elsevier mark (CC0), an engraving: 11 KB over the budget at two decimals and
// visibly changed at one. Whole numbers on a grid 1,024 units across fit and keep it.
TEST(ConvertBudget, EngravingFitsOnAWholeNumberGrid) {
  ConvertOptions options;
  auto result = convert_svg(test::read_bytes(test::fixtures() / "convert" / "corpus" / "simple-icons-elsevier.svg"), options);
  ASSERT_TRUE(result.svg) << test::describe(result.changes);
  EXPECT_LE(result.svg->size(), 32u * 1024u);
  EXPECT_NE(test::describe(result.changes).find("grid"), std::string::npos);
  EXPECT_NE(result.svg->find("viewBox=\"0 0 1024 1024\""), std::string::npos);
  LintOptions strict;
  strict.profile = Profile::strict;
  EXPECT_FALSE(lint(*result.svg, strict).diagnostics.has_errors());
  ASSERT_TRUE(result.fidelity);
  EXPECT_GE(result.fidelity->ssim, 0.99);
}

}  // namespace
}  // namespace bimi::svgps
