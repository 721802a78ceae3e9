// How the converter lays out a <text> before outlining it (convert/text_content.*,
// convert/text_outline.cpp): content order, white space, chunks and anchors, positions, sizes
// and shifts, each judged against librsvg's own render of the original (the fidelity gate's
// reference), so a layout that differs from the renderer's fails.
#include <gtest/gtest.h>

#include <string>

#include "bimi/svgps/convert.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

// A 200-unit logo in Arial (Liberation Sans) 26px around `body`.
std::string logo(const std::string& body) {
  return R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" font-family="Arial" font-size="26">)" +
         body + "</svg>";
}

std::string changes_text(const ConvertResult& r) {
  std::string out;
  for (const auto& d : r.changes.items()) out += d.rule + ": " + d.message + "\n";
  return out;
}

// Converts, and expects the outlines to render as librsvg renders the text.
void expect_drawn_as_librsvg(const std::string& body, double min_ssim = 0.99) {
  SCOPED_TRACE(body);
  ConvertResult r = convert_svg(logo(body), {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, min_ssim) << changes_text(r);
  EXPECT_LE(r.fidelity->differing_share, 0.005) << changes_text(r);
}

TEST(TextLayout, CharactersAroundASpanKeepTheirOrder) {
  expect_drawn_as_librsvg(R"(<text x="20" y="100">
        Brand<tspan fill="green">Mark</tspan>Co
    </text>)");
}

TEST(TextLayout, NestedSpansAreFollowed) {
  expect_drawn_as_librsvg(
      R"(<text x="20" y="100">A<tspan fill="green">B<tspan fill="blue" font-weight="bold">C</tspan>D</tspan>E</text>)");
}

TEST(TextLayout, AnAnchorMovesTheWholeChunk) {
  // Centred on 100 as one word, not each run centred on its own.
  expect_drawn_as_librsvg(
      R"(<text x="100" y="100" text-anchor="middle">Brand<tspan font-weight="bold">Name</tspan></text>)");
  expect_drawn_as_librsvg(
      R"(<text x="180" y="100" text-anchor="end">Brand<tspan fill="red">Name</tspan></text>)");
}

TEST(TextLayout, AnAbsolutelyPlacedSpanStartsAChunkWithItsOwnAnchor) {
  expect_drawn_as_librsvg(R"(<text x="100" y="80" text-anchor="middle">Brand<tspan x="100" y="130">Name</tspan></text>)");
}

// writing-mode tb: librsvg draws the line turned a quarter clockwise about the position, its
// letters sideways, centred on x; an anchor moves it along the turned line.
TEST(TextLayout, VerticalTextIsATurnedLine) {
  expect_drawn_as_librsvg(R"(<text x="100" y="20" writing-mode="tb">Brand<tspan fill="green">Mark</tspan></text>)");
  expect_drawn_as_librsvg(R"(<text x="60" y="30" writing-mode="tb-rl" font-size="40">Logo</text>)");
  ConvertResult r = convert_svg(logo(R"(<text x="100" y="20" writing-mode="tb">Brand</text>)"), {});
  ASSERT_TRUE(r.svg);
  bool noted = false;
  for (const auto& d : r.changes.items()) noted = noted || d.message.find("vertical text drawn as a turned line") != std::string::npos;
  EXPECT_TRUE(noted) << changes_text(r);
}

// Anchored at its middle, librsvg (2.54) moves vertical text back by half the font's height
// (ascender and descender) whatever its length; browsers centre the line. The output centres it
// and the refusal says why it differs from librsvg's render.
TEST(TextLayout, AVerticalAnchorIsTheLinesLengthAsBrowsersTakeIt) {
  ConvertResult r = convert_svg(logo(R"(<text x="60" y="100" writing-mode="tb" text-anchor="middle">LogoLogo</text>)"), {});
  EXPECT_FALSE(r.svg);
  bool said = false;
  for (const auto& d : r.changes.items()) {
    said = said || (d.rule == "convert-refused" && d.message.find("--force writes what browsers draw") != std::string::npos);
  }
  EXPECT_TRUE(said) << changes_text(r);
  ConvertOptions force;
  force.force = true;
  ConvertResult forced = convert_svg(logo(R"(<text x="60" y="100" writing-mode="tb" text-anchor="middle">LogoLogo</text>)"), force);
  ASSERT_TRUE(forced.svg) << changes_text(forced);
}

// baseline-shift does not inherit: a group's shifts no text in browsers, while librsvg shifts
// the text inside by it. The output follows browsers, and the refusal says why.
TEST(TextLayout, AGroupsBaselineShiftIsNotTheTexts) {
  ConvertResult r = convert_svg(logo(R"(<g baseline-shift="super"><text x="20" y="100">Brand</text></g>)"), {});
  EXPECT_FALSE(r.svg);
  bool noted = false, said = false;
  for (const auto& d : r.changes.items()) {
    noted = noted || d.message.find("baseline-shift on a group around the text: librsvg shifts") != std::string::npos;
    said = said || (d.rule == "convert-refused" && d.message.find("--force writes what browsers draw") != std::string::npos);
  }
  EXPECT_TRUE(noted) << changes_text(r);
  EXPECT_TRUE(said) << changes_text(r);
  // On the text itself it applies, and the output draws as librsvg does.
  expect_drawn_as_librsvg(R"(<text x="20" y="100" baseline-shift="super">Brand</text>)");
}

TEST(TextLayout, PositionListsTakeTheirFirstValueAsLibrsvgDoes) {
  expect_drawn_as_librsvg(R"(<text x="40 70 110" y="100 120 140">Text</text>)");
  expect_drawn_as_librsvg(R"(<text dx="40" dy="120">Text</text>)");
}

TEST(TextLayout, BaselineShiftRaisesAndLowersSpans) {
  expect_drawn_as_librsvg(
      R"(<text x="20" y="100">H<tspan baseline-shift="super">2</tspan>O<tspan baseline-shift="sub">x</tspan></text>)");
}

TEST(TextLayout, RelativeFontSizesFollowTheParent) {
  expect_drawn_as_librsvg(R"(<g font-size="20"><text x="20" y="100" font-size="2em">Big<tspan font-size="50%">small</tspan></text></g>)");
  expect_drawn_as_librsvg(R"(<text x="20" y="100" font-size="larger">Larger</text>)");
}

TEST(TextLayout, InvalidSizesAndWeightsAreIgnored) {
  expect_drawn_as_librsvg(R"(<text x="20" y="100" font-size="huge">Text</text>)");
  expect_drawn_as_librsvg(R"(<text x="20" y="100" font-size="-50">Text</text>)");  // librsvg: 12px
  expect_drawn_as_librsvg(R"(<text x="20" y="100" font-weight="1500">Text</text>)");
}

TEST(TextLayout, WhiteSpaceIsProcessedAsLibrsvgDoes) {
  // Leading and trailing space of the text go; the space before a span and inside a run stay once.
  expect_drawn_as_librsvg("<text x=\"20\" y=\"100\">\n   Brand   <tspan fill=\"green\">Mark</tspan>\tCo   \n</text>");
  expect_drawn_as_librsvg(R"(<text x="20" y="100" xml:space="preserve">A   B</text>)");
}

TEST(TextLayout, WhiteSpaceOnlyBetweenTagsIsKept) {
  // The XML parser drops character data that is only white space; librsvg draws it.
  expect_drawn_as_librsvg(R"(<text x="20" y="100"><tspan>Brand</tspan> <tspan fill="green">Name</tspan></text>)");
  expect_drawn_as_librsvg("<text x=\"100\" y=\"100\" text-anchor=\"middle\"><tspan>Brand</tspan>\n  <!-- c -->  <tspan>Co</tspan></text>");
  expect_drawn_as_librsvg("<text x=\"-60\" y=\"100\" xml:space=\"preserve\">\n        <tspan fill=\"green\">\n   Text\n  </tspan>\n</text>");
}

TEST(TextLayout, LetterSpacingWidensTheRun) {
  expect_drawn_as_librsvg(R"(<text x="20" y="100" letter-spacing="6">Brand</text>)");
  expect_drawn_as_librsvg(R"(<text x="20" y="100" letter-spacing="0.2em">Brand</text>)");
  // A percentage is of the viewport's width, as librsvg reads it.
  expect_drawn_as_librsvg(R"(<text x="20" y="100" letter-spacing="2%">Brand</text>)");
}

// Letters are spaced apart: an anchor measures the chunk without the spacing after its last
// letter, so a spaced word centred on 100 is centred there, and one ended at 180 ends there.
TEST(TextLayout, AnAnchorLeavesOutTheSpacingAfterTheLastLetter) {
  expect_drawn_as_librsvg(R"(<text x="100" y="80" text-anchor="middle" letter-spacing="30">IH</text>)");
  expect_drawn_as_librsvg(R"(<text x="180" y="130" text-anchor="end" letter-spacing="30">I<tspan fill="green">H</tspan></text>)");
}

TEST(TextLayout, PositionsInEmAreOfTheFontSize) {
  expect_drawn_as_librsvg(R"(<text x="0.5em" y="3.5ex">Text</text>)");
}

TEST(TextLayout, PositionsInMillimetresAreNinetySixPixelsToTheInch) {
  expect_drawn_as_librsvg(R"(<text x="10mm" y="3cm">Text</text><rect x="10mm" y="1in" width="20mm" height="36pt"/>)");
}

TEST(TextLayout, TheTextsOwnBaselineShiftApplies) {
  expect_drawn_as_librsvg(R"(<text x="20" y="100" baseline-shift="super">Text</text>)");
}

TEST(TextLayout, ATrefDrawsTheReferencedCharacters) {
  const std::string name = R"(<defs><text id="name">Brand <tspan>Name</tspan></text></defs>)";
  expect_drawn_as_librsvg(name + R"(<text x="20" y="100" fill="green"><tref xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#name"/></text>)");
  // librsvg follows only an XLink href on a tref: a plain one draws nothing.
  expect_drawn_as_librsvg(name + R"(<text x="20" y="100">A<tref href="#name"/></text>)");
}

TEST(TextLayout, ManyTrefsToALongTextAreRefusedNotCopied) {
  // 2,000 references to 9,000 characters would be 18 million characters to lay out.
  std::string body = "<defs><text id=\"long\">" + std::string(9000, 'W') + "</text></defs><text x=\"0\" y=\"100\">";
  for (int i = 0; i < 2000; ++i) body += R"(<tref xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#long"/>)";
  ConvertResult r = convert_svg(logo(body + "</text>"), {});
  EXPECT_FALSE(r.svg);
  EXPECT_NE(changes_text(r).find("characters of text to outline"), std::string::npos) << changes_text(r);
}

}  // namespace
}  // namespace bimi::svgps
