// bimi convert on files shaped like real editor exports: every output passes the strict profile
// and the official schema, renders like its input, is deterministic, and matches its golden file
// (fixtures/convert/<case>-expected.svg; set BIMI_REBASELINE=1 to rewrite them).
#include "bimi/svgps/convert.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>

#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/render.hpp"
#include "convert/framing.hpp"
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

bool has_change(const ConvertResult& r, std::string_view rule, std::string_view words, int line = 0) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == rule && d.message.find(words) != std::string::npos && (line == 0 || d.location.line == line)) {
      return true;
    }
  }
  return false;
}

// The framing note for a tall artboard under `aspect`.
std::string aligned_square_note(const std::string& aspect) {
  ConvertResult r = convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 200\" preserveAspectRatio=\"" +
                                    aspect + "\"><rect width=\"100\" height=\"200\" fill=\"#06c\"/></svg>",
                                {});
  for (const auto& d : r.changes.items()) {
    if (d.rule == "convert-structure" && d.message.rfind("made square", 0) == 0) return d.message;
  }
  return {};
}

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
                                           "paint-and-shapes", "clipped-strokes", "masked", "illustrator-xmp",
                                           "print-points", "xlink-prefix", "stretched-wordmark",
                                           "clipped-badge", "blend-multiply-glyph", "blend-screen-stripes",
                                           "figma-fade", "figma-radial-fade", "illustrator-fade",
                                           "illustrator-radial-fade", "figma-fade-colours",
                                           "illustrator-radial-fade-colours"));

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

TEST(Convert, ProcessingInstructionsInsideElementsAreDroppedWithANote) {
  // Illustrator writes XMP's <?xpacket?> inside <metadata>; XML allows a processing instruction there.
  ConvertResult r = convert_fixture("illustrator-xmp");
  ASSERT_TRUE(r.svg) << changes_text(r);
  std::vector<int> lines;
  for (const auto& d : r.changes.items()) {
    if (d.rule == "convert-removed" && d.message.rfind("processing instruction removed", 0) == 0) {
      lines.push_back(d.location.line);
      EXPECT_EQ(d.message, "processing instruction removed (2 times: lines 5, 13)");
    }
  }
  EXPECT_EQ(lines, std::vector<int>{5});  // said once, where it first applied
  EXPECT_EQ(r.svg->find("<?xpacket"), std::string::npos);
}

TEST(Convert, ANoteMadePerElementIsSaidOnceWithACount) {
  ConvertResult r = convert_fixture("masked");
  ASSERT_TRUE(r.svg) << changes_text(r);
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& d : r.changes.items()) {
    if (d.severity != Severity::note) continue;
    std::string sentence = d.message.substr(0, d.message.find(" ("));
    EXPECT_TRUE(seen.insert({d.rule, sentence}).second) << "said twice: " << d.message;
  }
  const Diagnostic* mask = find_change(r, "convert-clip");
  ASSERT_TRUE(mask);
  EXPECT_EQ(mask->message, "mask applied as a clip of its shapes (2 times: lines 6, 18)");
  EXPECT_EQ(mask->location.line, 6);  // where it first applied
}

TEST(Convert, AbsoluteUnitsWithoutAViewBoxKeepTheirScale) {
  // 72pt is 96 user units: the reference render must frame the original as the spec does, not
  // as librsvg does without a viewBox (0 0 72 72), or a faithful conversion is refused.
  for (const char* size : {"72pt", "1in", "25.4mm", "2.54cm", "6pc"}) {
    std::string svg = std::string("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"") + size + "\" height=\"" + size +
                      "\"><rect width=\"96\" height=\"96\" fill=\"#fff\"/><circle cx=\"48\" cy=\"48\" r=\"30\" "
                      "fill=\"#c00\"/></svg>";
    ConvertResult r = convert_svg(svg, {});
    ASSERT_TRUE(r.svg) << size << "\n" << changes_text(r);
    EXPECT_NE(r.svg->find("viewBox=\"0 0 96 96\""), std::string::npos) << *r.svg;
    ASSERT_TRUE(r.fidelity);
    EXPECT_GE(r.fidelity->ssim, 0.99) << size;
  }
}

TEST(Convert, AnyPrefixBoundToXLinkIsFollowed) {
  ConvertResult r = convert_fixture("xlink-prefix");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("<linearGradient"), std::string::npos) << *r.svg;
  std::size_t petals = 0;
  for (std::size_t at = r.svg->find("#fde047"); at != std::string::npos; at = r.svg->find("#fde047", at + 1)) ++petals;
  EXPECT_EQ(petals, 4u) << *r.svg;
  // A prefix bound to another namespace is not a link.
  std::string other = test::read_bytes(convert_dir() / "xlink-prefix.svg");
  other.replace(other.find("http://www.w3.org/1999/xlink"), 28, "http://example.com/not-xlink");
  ConvertResult unlinked = convert_svg(other, {});
  EXPECT_EQ(unlinked.svg ? unlinked.svg->find("#fde047") : std::string::npos, std::string::npos);
}

TEST(Convert, TheRootsPreserveAspectRatioFramesTheSquare) {
  // A tall artboard with a mark in its top-left corner, so a misplaced frame shows.
  struct Case {
    const char* aspect;
    const char* view_box;
  };
  for (const Case& c : {Case{"xMinYMid meet", "0 0 200 200"}, Case{"xMaxYMax meet", "-100 0 200 200"},
                        Case{"xMaxYMin", "-100 0 200 200"}, Case{"xMidYMid slice", "0 50 100 100"},
                        Case{"xMinYMin slice", "0 0 100 100"}, Case{"xMidYMax slice", "0 100 100 100"},
                        Case{"xMidYMid meet", "-50 0 200 200"}}) {
    std::string svg = std::string("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 200\" "
                                  "preserveAspectRatio=\"") + c.aspect +
                      "\"><rect width=\"100\" height=\"200\" fill=\"#06c\"/><circle cx=\"50\" cy=\"100\" r=\"30\" "
                      "fill=\"#fff\"/><rect x=\"10\" y=\"10\" width=\"20\" height=\"20\" fill=\"#f00\"/></svg>";
    ConvertResult r = convert_svg(svg, {});
    ASSERT_TRUE(r.svg) << c.aspect << "\n" << changes_text(r);
    EXPECT_NE(r.svg->find(std::string("viewBox=\"") + c.view_box + "\""), std::string::npos) << c.aspect << "\n" << *r.svg;
    ASSERT_TRUE(r.fidelity);
    EXPECT_GE(r.fidelity->ssim, 0.99) << c.aspect;
  }
  EXPECT_EQ(aligned_square_note("xMinYMid meet"), "made square as its preserveAspectRatio \"xMinYMid meet\" frames it (padding the width)");
  EXPECT_EQ(aligned_square_note("xMidYMid slice"), "made square as its preserveAspectRatio \"xMidYMid slice\" frames it (cropping the height)");
}

TEST(Convert, ARootWithPreserveAspectRatioNoneIsDrawnStretchedThenFramedSquare) {
  // A square viewBox shown on a 300×100 viewport: drawn at its own size it is three times as wide.
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  const std::string input = test::read_bytes(convert_dir() / "stretched-wordmark.svg");
  ConvertResult r = convert_svg(input, options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("viewBox=\"0 -100 300 300\""), std::string::npos) << *r.svg;
  EXPECT_NE(changes_text(r).find("stretched to its width and height"), std::string::npos) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99);
  // What `bimi compare` renders of the input (drawn at its own size) matches the output...
  auto own_size = drawn_at_own_size(input, options.limits);
  ASSERT_TRUE(own_size);
  std::string error;
  auto original = render_logo(*own_size, 256, options.limits, error);
  auto converted = render_logo(*r.svg, 256, options.limits, error);
  ASSERT_TRUE(original && converted) << error;
  auto alike = compare_images(*original, *converted);
  ASSERT_TRUE(alike);
  EXPECT_GE(alike->ssim, 0.93);
  EXPECT_LE(alike->differing_share, 0.02);
  // ...and differs from the unstretched square render librsvg gives the text itself.
  auto unstretched = render_logo(input, 256, options.limits, error);
  ASSERT_TRUE(unstretched) << error;
  auto apart = compare_images(*unstretched, *converted);
  ASSERT_TRUE(apart);
  EXPECT_LT(apart->ssim, 0.93);
}

TEST(Convert, PreserveAspectRatioNoneWithNothingToStretchToIsFramedAsBefore) {
  // Without an absolute width and height of another shape than the viewBox's, "none" is not
  // stretched. A square viewBox converts as with the default preserveAspectRatio, to the same bytes.
  const std::string mark = "<rect width=\"100\" height=\"100\" fill=\"#06c\"/><circle cx=\"20\" cy=\"25\" r=\"10\" fill=\"#fff\"/></svg>";
  const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" ";
  ConvertResult expected = convert_svg(svg + "viewBox=\"0 0 100 100\">" + mark, {});
  ASSERT_TRUE(expected.svg) << changes_text(expected);
  for (const char* root : {"viewBox=\"0 0 100 100\" preserveAspectRatio=\"none\"",
                           "viewBox=\"0 0 100 100\" width=\"100%\" height=\"50%\" preserveAspectRatio=\"none\"",
                           "viewBox=\"0 0 100 100\" width=\"300\" preserveAspectRatio=\"none\"",
                           "viewBox=\"0 0 100 100\" width=\"2in\" height=\"192\" preserveAspectRatio=\"none\""}) {
    const std::string input = svg + root + ">" + mark;
    ConvertResult r = convert_svg(input, {});
    ASSERT_TRUE(r.svg) << root << "\n" << changes_text(r);
    EXPECT_EQ(*r.svg, *expected.svg) << root;
    EXPECT_EQ(changes_text(r).find("stretched"), std::string::npos) << root;
    EXPECT_FALSE(drawn_at_own_size(input, {})) << root;
  }
  // A wide viewBox with nothing to stretch to is stretched onto the square render by librsvg, and
  // padded by the converter: refused, saying what to try.
  ConvertResult wide = convert_svg(svg + "viewBox=\"0 0 100 50\" preserveAspectRatio=\"none\">" + mark, {});
  EXPECT_FALSE(wide.svg);
  EXPECT_NE(changes_text(wide).find("does not render like the original; try: --force"), std::string::npos) << changes_text(wide);
}

TEST(Convert, TheCircleCropWarningSaysWhichMarginClearsIt) {
  const std::string wide =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\"><rect width=\"200\" height=\"100\" "
      "fill=\"#06c\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#fff\"/></svg>";
  ConvertResult r = convert_svg(wide, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  std::string message;
  for (const auto& d : r.output_findings.items()) {
    if (d.rule == "circle-crop") message = d.message;
  }
  const std::string said = "(--margin ";
  ASSERT_NE(message.find(said), std::string::npos) << message;
  int margin = std::stoi(message.substr(message.find(said) + said.size()));
  EXPECT_GT(margin, 0);
  ConvertOptions options;
  options.margin_percent = margin;
  ConvertResult cleared = convert_svg(wide, options);
  ASSERT_TRUE(cleared.svg);
  EXPECT_FALSE(cleared.output_findings.has_rule("circle-crop")) << test::describe(cleared.output_findings);
  // Advice counts the margin already given.
  options.margin_percent = 2;
  ConvertResult some = convert_svg(wide, options);
  ASSERT_TRUE(some.svg);
  for (const auto& d : some.output_findings.items()) {
    if (d.rule == "circle-crop") {
      EXPECT_NE(d.message.find(said + std::to_string(margin) + " "), std::string::npos) << d.message;
    }
  }
}

TEST(Convert, SwitchChoosesByTheReadersLanguages) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><switch>"
      "<circle systemLanguage=\"de\" cx=\"50\" cy=\"50\" r=\"30\" fill=\"#0c0\"/>"
      "<circle systemLanguage=\"fr-CA, en-US\" cx=\"50\" cy=\"50\" r=\"30\" fill=\"#00c\"/>"
      "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/></switch></svg>";
  auto chosen = [&](std::vector<std::string> languages) {
    ConvertOptions options;
    options.languages = std::move(languages);
    options.force = true;  // the reference render reads this process's locale, not these languages
    ConvertResult r = convert_svg(svg, options);
    if (!r.svg) return std::string("nothing");
    for (const char* colour : {"#0c0", "#00c", "#c00"}) {
      if (r.svg->find(colour) != std::string::npos) return std::string(colour);
    }
    return std::string("none");
  };
  EXPECT_EQ(chosen({}), "#c00");  // no language: as librsvg in a C locale
  EXPECT_EQ(chosen({"de-CH", "de"}), "#0c0");
  EXPECT_EQ(chosen({"en"}), "#00c");     // "en" reads "en-US"
  EXPECT_EQ(chosen({"EN-us"}), "#00c");  // case-insensitive
  EXPECT_EQ(chosen({"en-GB"}), "#c00");  // "en-GB" does not read "en-US"
  EXPECT_EQ(chosen({"fr"}), "#00c");
}

TEST(Convert, AFidelityRefusalSaysWhatToTry) {
  Diagnostics plain;
  EXPECT_EQ(convert::what_to_try(plain, false), "try: --force writes it anyway");
  Diagnostics font;
  font.add("convert-approximated", Severity::warning, "text: font family 'Acme': not installed");
  font.add("convert-approximated", Severity::warning, "text: using fallback font 'DejaVu Sans'");
  EXPECT_EQ(convert::what_to_try(font, false), "try: give the brand's font files with --fonts DIR; --force writes it anyway");
  Diagnostics other;
  other.add("convert-approximated", Severity::warning, "stroke dash pattern approximated");
  EXPECT_EQ(convert::what_to_try(other, true),
            "try: trace with more colours (--colors) or from a larger bitmap; see the approximations above, which the "
            "export can avoid; --force writes it anyway");
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

// A seal exported at print size: 4800 units across, so written in whole numbers (no lower
// precision to fall back on), dark on transparency, so --background auto puts white behind it.
std::string print_size_seal() {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4800 4800\">"
                    "<circle cx=\"2400\" cy=\"2400\" r=\"1800\" fill=\"none\" stroke=\"#1a2b3c\" stroke-width=\"240\"/>"
                    "<path d=\"M1500 3300L2400 1200 3300 3300H2900L2400 2100 1900 3300Z\" fill=\"#1a2b3c\"/>";
  for (int i = 0; i < 24; ++i) {
    const double angle = 2 * 3.141592653589793 * i / 24;
    svg += "<circle cx=\"" + std::to_string(static_cast<int>(std::lround(2400 + 1450 * std::cos(angle)))) + "\" cy=\"" +
           std::to_string(static_cast<int>(std::lround(2400 + 1450 * std::sin(angle)))) + "\" r=\"90\" fill=\"#1a2b3c\"/>";
  }
  return svg + "</svg>";
}

TEST(Convert, BackgroundAutoIsLeftOutWhenWithItTheLogoIsRefused) {
  // The budget is exactly the seal without a background: the white one --background auto
  // chooses adds a path the budget has no room for, and whole numbers cannot be made shorter.
  const std::string seal = print_size_seal();
  ConvertOptions bare;
  bare.background = ConvertOptions::Background::none;
  ConvertResult without = convert_svg(seal, bare);
  ASSERT_TRUE(without.svg) << changes_text(without);
  ConvertOptions options;
  options.max_bytes = without.svg->size();
  ConvertResult r = convert_svg(seal, options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_EQ(*r.svg, *without.svg);
  EXPECT_NE(changes_text(r).find("no background added: with the solid white one --background auto chose it was refused "
                                 "(the converted logo is"),
            std::string::npos)
      << changes_text(r);
  EXPECT_EQ(changes_text(r).find("solid white background added"), std::string::npos) << changes_text(r);
  EXPECT_TRUE(r.output_findings.has_rule("transparent-background"));
  // With room for it, the background stays.
  options.max_bytes = without.svg->size() + 100;
  ConvertResult roomy = convert_svg(seal, options);
  ASSERT_TRUE(roomy.svg) << changes_text(roomy);
  EXPECT_NE(roomy.svg->find("fill=\"#fff\""), std::string::npos);
  // When neither fits, the report is the first choice's: its background and its refusal (a
  // picture of the render is not tried).
  options.max_bytes = without.svg->size() - 1;
  options.trace_effects = false;
  ConvertResult neither = convert_svg(seal, options);
  EXPECT_FALSE(neither.svg);
  EXPECT_NE(changes_text(neither).find("even at whole-number precision"), std::string::npos) << changes_text(neither);
  EXPECT_NE(changes_text(neither).find("solid white background added"), std::string::npos) << changes_text(neither);
  EXPECT_EQ(changes_text(neither).find("no background added"), std::string::npos) << changes_text(neither);
}

TEST(Convert, AFidelityRefusalWithAnAutomaticBackgroundStillSaysWhatToTry) {
  // Stretched onto the square by librsvg, padded by the converter: refused whatever the
  // background, since the fidelity renders never include it.
  ConvertResult r = convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" preserveAspectRatio=\"none\">"
                                "<rect width=\"100\" height=\"50\" fill=\"#06c\"/><circle cx=\"20\" cy=\"25\" r=\"10\" fill=\"#fff\"/></svg>",
                                {});
  EXPECT_FALSE(r.svg);
  const std::string said = changes_text(r);
  EXPECT_NE(said.find("solid white background added"), std::string::npos) << said;
  EXPECT_NE(said.find("does not render like the original; try: --force writes it anyway"), std::string::npos) << said;
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

// An export whose every paint is degenerate (a gradientTransform with no inverse, as a broken
// icon set ships) draws nothing in librsvg or in browsers: the refusal says it is the original's.
TEST(Convert, AnOriginalThatRendersAsNothingIsRefusedForThat) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><radialGradient id=\"g\" "
      "gradientTransform=\"matrix(0 447 0 -15 0 -3800)\"><stop offset=\"0\" stop-color=\"#845ce7\"/><stop "
      "offset=\"1\" stop-color=\"#af73d8\"/></radialGradient><path fill=\"url(#g)\" d=\"M10 10H90V90H10z\"/></svg>";
  for (bool force : {false, true}) {
    ConvertOptions options;
    options.force = force;
    ConvertResult r = convert_svg(svg, options);
    EXPECT_FALSE(r.svg);
    EXPECT_TRUE(has_change(r, "convert-refused", "the original renders as nothing")) << changes_text(r);
  }
  ConvertResult drawn = convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><path "
                                    "fill=\"#845ce7\" d=\"M10 10H90V90H10z\"/></svg>",
                                    {});
  EXPECT_TRUE(drawn.svg) << changes_text(drawn);
}

// em and ex in geometry and strokes are the element's own font size (librsvg's initial 12px when
// none is set; x-large two steps of 1.2 above medium, 16px) and half of it, as the reference
// render measures them.
TEST(Convert, EmAndExLengthsFollowTheElementsFontSize) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 400\"><rect y=\"10\" width=\"10em\" "
      "height=\"10\"/><rect y=\"30\" width=\"10ex\" height=\"10\"/><g font-size=\"20\"><rect y=\"50\" "
      "width=\"10em\" height=\"10\"/><rect y=\"70\" width=\"10em\" height=\"10\" font-size=\"x-large\"/>"
      "</g><rect x=\"10\" y=\"100\" width=\"50\" height=\"50\" fill=\"none\" stroke=\"#f00\" "
      "stroke-width=\"1em\" font-size=\"4\"/></svg>",
      options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  for (const char* width : {"H120V20", "H60V40", "H200V60", "H230.4V80"}) {
    EXPECT_NE(r.svg->find(width), std::string::npos) << width << "\n" << *r.svg;
  }
  EXPECT_NE(r.svg->find("stroke-width=\"4\""), std::string::npos) << *r.svg;
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.999);
}

TEST(Convert, FiltersAreRefusedUnlessForced) {
  ConvertResult refused = convert_fixture("filter-unknown");
  EXPECT_FALSE(refused.svg);
  const Diagnostic* d = find_change(refused, "convert-refused");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("filter"), std::string::npos);
  EXPECT_EQ(d->location.line, 5);
  ConvertOptions force;
  force.force = true;
  ConvertResult forced = convert_fixture("filter-unknown", force);
  ASSERT_TRUE(forced.svg) << changes_text(forced);
  EXPECT_TRUE(find_change(forced, "convert-dropped"));
}

// Filters whose result the converter evaluates exactly (colour maps, colour overlays, floods,
// hard offsets), written as Figma and Illustrator export them: each converts without --force and
// passes the fidelity gate against librsvg's render of the filtered original.
class ExactFilter : public ::testing::TestWithParam<std::string> {};

TEST_P(ExactFilter, ConvertsThroughTheFidelityGate) {
  const std::string name = GetParam();
  ConvertResult r = convert_fixture(name);
  ASSERT_TRUE(r.svg) << name << "\n" << changes_text(r);
  EXPECT_FALSE(r.output_findings.has_errors()) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim) << name;
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing) << name;
  EXPECT_FALSE(find_change(r, "convert-refused"));
  EXPECT_FALSE(find_change(r, "convert-dropped"));
  EXPECT_TRUE(find_change(r, "convert-filter")) << changes_text(r);
  EXPECT_EQ(r.svg->find("filter"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Primitives, ExactFilter,
                         ::testing::Values("filter-color-matrix", "filter-luminance", "filter-component-transfer",
                                           "filter-overlay", "filter-offset", "filter-turned", "filter-figma-shadow"));

std::vector<std::string> filter_notes(const ConvertResult& r) {
  std::vector<std::string> notes;
  for (const auto& d : r.changes.items()) {
    if (d.rule == "convert-filter") notes.push_back(d.message);
  }
  return notes;
}

TEST(Convert, FiltersSayWhatTheyBecame) {
  ConvertResult colours = convert_fixture("filter-color-matrix");
  EXPECT_EQ(filter_notes(colours), (std::vector<std::string>{"filter #filter0_matrix applied to the colours",
                                                             "filter #filter1_saturate applied to the colours",
                                                             "filter #filter2_hue applied to the colours"}));
  ConvertResult overlay = convert_fixture("filter-overlay");
  ASSERT_TRUE(overlay.svg) << changes_text(overlay);
  EXPECT_NE(overlay.svg->find("#0b5fff"), std::string::npos) << *overlay.svg;
  EXPECT_NE(overlay.svg->find("#e31937"), std::string::npos) << *overlay.svg;
  EXPECT_EQ(filter_notes(overlay), (std::vector<std::string>{"filter #filter0_overlay applied to the colours",
                                                             "filter #filter1_flood became its region filled with the flood colour"}));
  ConvertResult shadow = convert_fixture("filter-offset");
  EXPECT_EQ(filter_notes(shadow), (std::vector<std::string>{"filter #filter0_d became a translated copy merged with the element",
                                                            "filter #filter1_merge became a translated copy merged with the element"}));
}

// What the converter cannot prove exact keeps today's refusal, and --force still drops it.
// The refusal says what blocks: tracing turned off, or a primitive no renderer knows.
class RefusedFilter : public ::testing::TestWithParam<std::tuple<std::string, std::string, std::string>> {};

// With --no-trace-effects; filter-unknown (a primitive no renderer knows) is refused without it too.
TEST_P(RefusedFilter, IsRefusedAsBefore) {
  const auto& [name, value, reason] = GetParam();
  ConvertOptions untraced;
  untraced.trace_effects = false;
  ConvertResult refused = convert_fixture(name, untraced);
  EXPECT_FALSE(refused.svg);
  const Diagnostic* d = find_change(refused, "convert-refused");
  ASSERT_NE(d, nullptr) << changes_text(refused);
  EXPECT_EQ(d->message, "filter \"" + value + "\" (" + reason +
                            ") cannot be represented in SVG Tiny P/S (use --force to drop it and accept the difference)");
  EXPECT_FALSE(find_change(refused, "convert-filter"));
  ConvertOptions force = untraced;
  force.force = true;
  ConvertResult forced = convert_fixture(name, force);
  ASSERT_TRUE(forced.svg) << changes_text(forced);
  const Diagnostic* dropped = find_change(forced, "convert-dropped");
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ(dropped->message, "filter \"" + value + "\" (" + reason + ") dropped (--force)");
}

const std::string untraced_reason = "shadows, blurs; not traced under --no-trace-effects";
INSTANTIATE_TEST_SUITE_P(
    Unprovable, RefusedFilter,
    ::testing::Values(std::tuple<std::string, std::string, std::string>{"filter", "url(#shadow)", untraced_reason},
                      std::tuple<std::string, std::string, std::string>{"filter-lighting", "url(#light)", untraced_reason},
                      std::tuple<std::string, std::string, std::string>{"filter-function", "blur(2px)", untraced_reason},
                      std::tuple<std::string, std::string, std::string>{"filter-unknown", "url(#f)",
                                                                         "<feFancyGlow>, a primitive librsvg does not draw"}));

// Exact only in parts: a mask's opacity would reach the colours first (rendered and traced with
// the filter instead, refused without tracing), a list of filters is not one reference, and librsvg (2.54) floods the box around a turned region and measures an offset
// in objectBoundingBox units otherwise once the element is rotated. A map that paints transparent
// pixels would fill the region: no layer holds it, so the whole filter is rendered and traced,
// and refused without tracing.
TEST(Convert, FiltersNotExactAsAWholeAreRefused) {
  const std::string head = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs>"
                           "<clipPath id=\"c\"><rect width=\"50\" height=\"50\"/></clipPath>"
                           "<mask id=\"m\"><rect width=\"100\" height=\"100\" fill=\"#fff\"/></mask>"
                           "<filter id=\"fill\"><feColorMatrix values=\"1 0 0 0 0 0 1 0 0 0 0 0 1 0 0 0 0 0 1 0.5\"/></filter>"
                           "<filter id=\"move\"><feOffset dx=\"5\"/></filter>"
                           "<filter id=\"flood\"><feFlood flood-color=\"#284\"/></filter>"
                           "<filter id=\"boxmove\" primitiveUnits=\"objectBoundingBox\"><feOffset dx=\"0.1\"/><feMerge>"
                           "<feMergeNode/><feMergeNode in=\"SourceGraphic\"/></feMerge></filter>"
                           "<filter id=\"grey\"><feColorMatrix type=\"saturate\" values=\"0\"/></filter></defs>";
  const std::string fill = "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\" filter=\"url(#fill)\"/>";
  ConvertResult whole = convert_svg(head + fill + "</svg>", {});
  ASSERT_TRUE(whole.svg) << changes_text(whole);
  EXPECT_TRUE(has_change(whole, "convert-traced", "filter #fill: feColorMatrix rendered and traced")) << changes_text(whole);
  ConvertOptions untraced;
  untraced.trace_effects = false;
  EXPECT_FALSE(convert_svg(head + fill + "</svg>", untraced).svg);
  // The element's own mask applies after the filter: the two are rendered together and traced.
  const std::string masked =
      "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\" filter=\"url(#grey)\" mask=\"url(#m)\"/>";
  ConvertResult traced = convert_svg(head + masked + "</svg>", {});
  ASSERT_TRUE(traced.svg) << changes_text(traced);
  EXPECT_TRUE(has_change(traced, "convert-clip", "mask #m applied in the traced render, after the filter"))
      << changes_text(traced);
  ConvertResult masked_untraced = convert_svg(head + masked + "</svg>", untraced);
  EXPECT_FALSE(masked_untraced.svg);
  EXPECT_TRUE(has_change(masked_untraced, "convert-refused", "under a mask on the same element, which applies after the filter"))
      << changes_text(masked_untraced);
  const std::pair<std::string, std::string> refused[] = {
      {"<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\" filter=\"url(#grey) url(#move)\"/>",
       "shadows, blurs"},
      {"<rect x=\"10\" y=\"10\" width=\"60\" height=\"60\" fill=\"#c00\" filter=\"url(#boxmove)\" transform=\"rotate(10)\"/>",
       "shadows, blurs"},
      {"<rect x=\"10\" y=\"10\" width=\"60\" height=\"60\" filter=\"url(#flood)\" transform=\"rotate(20 50 50)\"/>",
       "a flood on a rotated or skewed element, which librsvg fills on the page's axes"}};
  for (const auto& [body, reason] : refused) {
    ConvertResult r = convert_svg(head + body + "</svg>", {});
    EXPECT_FALSE(r.svg) << body;
    const Diagnostic* d = find_change(r, "convert-refused");
    ASSERT_NE(d, nullptr) << body;
    EXPECT_NE(d->message.find("(" + reason + ") cannot be represented"), std::string::npos) << d->message;
  }
}

// A moved copy under the element's own clip: the clip cuts the filter's result where the element
// is, once, rather than moving with the copy (SVG 1.1 §14.3.5: filter first, then clip).
TEST(Convert, AnOffsetCopyIsCutByTheElementsOwnClipWhereTheElementIs) {
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs><clipPath id=\"c\"><rect width=\"50\" "
      "height=\"100\"/></clipPath><filter id=\"move\" x=\"-50%\" y=\"-50%\" width=\"200%\" height=\"200%\"><feOffset "
      "dx=\"30\"/><feMerge><feMergeNode/><feMergeNode in=\"SourceGraphic\"/></feMerge></filter></defs>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect x=\"10\" y=\"10\" width=\"30\" height=\"80\" "
      "fill=\"#c00\" filter=\"url(#move)\" clip-path=\"url(#c)\"/></svg>",
      {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
  // The copy at 40..70 is cut at 50; moved with it, the clip would have kept it whole.
  EXPECT_NE(r.svg->find("M40 10H50V90H40Z"), std::string::npos) << *r.svg;
  EXPECT_EQ(r.svg->find("H70"), std::string::npos) << *r.svg;
}

// Each layer of a filter draws the element again, so filters inside filters multiply: past 64
// copies of one element the filter is refused like any other, at once.
TEST(Convert, NestedFilterCopiesAreBounded) {
  std::string merge = "<filter id=\"m\" filterUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"100\" height=\"100\"><feMerge>";
  for (int i = 0; i < 8; ++i) merge += "<feMergeNode in=\"SourceGraphic\"/>";
  merge += "</feMerge></filter>";
  std::string open, close;
  for (int depth = 0; depth < 12; ++depth) {
    open += "<g filter=\"url(#m)\">";
    close += "</g>";
  }
  ConvertResult r = convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs>" + merge +
                                    "</defs>" + open + "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\"/>" +
                                    close + "</svg>",
                                {});
  EXPECT_FALSE(r.svg);
  const Diagnostic* d = find_change(r, "convert-refused");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("filter \"url(#m)\" (shadows, blurs)"), std::string::npos) << d->message;
}

// Layers merged in linearRGB (the initial color-interpolation-filters) mix otherwise than the
// output draws them where a translucent one lies over another: said, and left to the gate.
TEST(Convert, TranslucentLayersMergedInLinearRgbAreApproximated) {
  auto convert = [](const std::string& space) {
    return convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs><filter id=\"f\" "
                       "color-interpolation-filters=\"" + space +
                           "\" x=\"0\" y=\"0\" width=\"2\" height=\"2\"><feFlood flood-color=\"#00f\"/><feComposite "
                           "in2=\"SourceAlpha\" operator=\"in\"/><feOffset dx=\"20\" dy=\"20\" result=\"o\"/><feMerge>"
                           "<feMergeNode in=\"SourceGraphic\"/><feMergeNode in=\"o\"/></feMerge></filter></defs>"
                           "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect x=\"10\" y=\"10\" width=\"50\" "
                           "height=\"50\" fill=\"#0f0\" fill-opacity=\"0.5\" filter=\"url(#f)\"/></svg>",
                       {});
  };
  auto approximated = [](const ConvertResult& r) {
    for (const auto& d : r.changes.items()) {
      if (d.rule == "convert-approximated" && d.message.find("linearRGB") != std::string::npos) return true;
    }
    return false;
  };
  ConvertResult linear = convert("linearRGB");
  EXPECT_TRUE(approximated(linear)) << changes_text(linear);
  EXPECT_FALSE(linear.svg);  // librsvg's blue over green differs in 9 % of pixels
  ConvertResult srgb = convert("sRGB");
  EXPECT_FALSE(approximated(srgb));
  ASSERT_TRUE(srgb.svg) << changes_text(srgb);
  ASSERT_TRUE(srgb.fidelity);
  EXPECT_GE(srgb.fidelity->ssim, ConvertOptions{}.min_ssim);
}

// Figma's hard shadow cuts the copy away under the element (feComposite "out" of its hard
// alpha): exact under an opaque element, which covers the cut, and said where it is translucent.
TEST(Convert, ShadowsCutUnderTheElementAreExactUnderOpaqueOnes) {
  std::string figma = test::read_bytes(convert_dir() / "filter-figma-shadow.svg");
  ConvertResult opaque = convert_svg(figma, {});
  ASSERT_TRUE(opaque.svg) << changes_text(opaque);
  EXPECT_FALSE(find_change(opaque, "convert-approximated")) << changes_text(opaque);
  std::string translucent = figma;
  translucent.replace(translucent.find("fill=\"#7C3AED\""), 14, "fill=\"#7C3AED\" fill-opacity=\"0.6\"");
  ConvertResult r = convert_svg(translucent, {});
  const Diagnostic* d = find_change(r, "convert-approximated");
  ASSERT_NE(d, nullptr) << changes_text(r);
  EXPECT_NE(d->message.find("cuts a copy away under the element"), std::string::npos) << d->message;
}

// A shape's opacity applies after its filter: the alpha this filter takes from the red channel
// (0.8) is then halved, whatever the fill-opacity the filter saw.
TEST(Convert, OpacityAppliesAfterTheFilter) {
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs><filter id=\"f\" "
      "color-interpolation-filters=\"sRGB\"><feColorMatrix values=\"1 0 0 0 0 0 1 0 0 0 0 0 1 0 0 1 0 0 0 0\"/>"
      "</filter></defs><rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect x=\"10\" y=\"10\" width=\"80\" "
      "height=\"80\" fill=\"#c00\" fill-opacity=\"0.2\" opacity=\"0.5\" filter=\"url(#f)\"/></svg>",
      {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_NE(r.svg->find("fill-opacity=\"0.4\""), std::string::npos) << *r.svg;  // 0.8 (red) × 0.5
}

// Blending between flat colours is evaluated into flat shapes (more in convert_blend_test.cpp).
TEST(Convert, BlendModesOfFlatColoursBecomeFlatShapes) {
  ConvertResult r = convert_fixture("blend");
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(find_change(r, "convert-blend")) << changes_text(r);
  EXPECT_NE(r.svg->find("fill=\"#00004f\""), std::string::npos) << *r.svg;  // #f05 multiplied by #0ee
  EXPECT_GE(r.fidelity->ssim, 0.99);
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

void expect_faithful(const ConvertResult& r) {
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
  EXPECT_LE(r.fidelity->differing_share, 0.005);
}

TEST(Convert, ANestedSvgIsPlacedScaledAndClippedToItsViewport) {
  // A circle that overflows its nested viewport (x, y, width, height and a viewBox of its own).
  auto convert_with = [](const std::string& width, const std::string& extra) {
    return convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect width=\"100\" "
                       "height=\"100\" fill=\"#fff\"/><svg x=\"20\" y=\"20\" width=\"" + width +
                           "\" height=\"60\" viewBox=\"0 0 10 10\"" + extra +
                           "><circle cx=\"5\" cy=\"5\" r=\"7\" fill=\"#c00\"/></svg></svg>",
                       {});
  };
  ConvertResult clipped = convert_with("60", "");
  expect_faithful(clipped);
  EXPECT_TRUE(has_change(clipped, "convert-structure", "nested <svg> inlined as a group clipped to its viewport"));
  ConvertResult visible = convert_with("60", " overflow=\"visible\"");
  expect_faithful(visible);
  EXPECT_TRUE(has_change(visible, "convert-structure", "nested <svg> inlined as a group"));
  EXPECT_NE(*clipped.svg, *visible.svg);
  ConvertResult empty = convert_with("0", "");
  EXPECT_TRUE(has_change(empty, "convert-removed", "nested <svg> with an empty viewport removed")) << changes_text(empty);
}

TEST(Convert, StrokesCutByAClipAreOutlinedOthersStayStrokes) {
  ConvertResult r = convert_fixture("clipped-strokes");
  expect_faithful(r);
  const std::string& svg = *r.svg;
  EXPECT_TRUE(has_change(r, "convert-clip", "stroke outlined to apply the clip (4 times: lines 8, 9, 10, 14)", 8));
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

TEST(Convert, AnInvalidCssDeclarationIsIgnoredSoTheAttributeApplies) {
  // CSS 2.1 §4.2: the declaration is dropped; the presentation attribute (or the inherited value)
  // paints, as librsvg draws it. A presentation attribute that is no paint is ignored too, and the
  // inherited value paints (librsvg 2.54 and browsers alike).
  ConvertResult r = convert_text(
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\" style=\"fill: color(display-p3 1 0 0)\"/>"
      "<g fill=\"#00c\"><circle cx=\"50\" cy=\"20\" r=\"10\" style=\"fill: notacolour\"/></g>");
  expect_faithful(r);
  EXPECT_NE(r.svg->find("fill=\"#c00\""), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("fill=\"#00c\""), std::string::npos) << *r.svg;
  EXPECT_TRUE(has_change(r, "convert-css", "CSS declaration fill: color(display-p3 1 0 0) is not valid and was ignored"));
  for (const char* value : {"notacolour", "#c00 icc-color(cmyk, 0.1, 0.5, 0.8, 0)", "url(#missing) qwe", ""}) {
    ConvertResult attribute = convert_text(std::string("<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
                                                       "<g fill=\"#00c\"><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"") +
                                           value + "\"/></g>");
    expect_faithful(attribute);
    EXPECT_NE(attribute.svg->find("33.43 20 50 20 80 33.43 80 50Z\" fill=\"#00c\""), std::string::npos) << value << "\n" << *attribute.svg;
    EXPECT_TRUE(has_change(attribute, "convert-paint", "the attribute is ignored, as renderers do", 1)) << value;
  }
}

TEST(Convert, TheCssTransformPropertyPlacesTheElement) {
  for (const char* css : {"style=\"transform: translate(30px, 30px) rotate(10deg)\"", "class=\"m\""}) {
    for (const char* attribute : {"", " transform=\"scale(2)\""}) {
      // With a transform attribute as well, librsvg draws the attribute's: so does the converter.
      ConvertResult r = convert_text(std::string("<style>.m{transform: translate(30px,30px) rotate(10deg)}</style>"
                                                 "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
                                                 "<rect width=\"40\" height=\"40\" fill=\"#c00\"") +
                                     attribute + " " + css + "/>");
      expect_faithful(r);
    }
  }
  ConvertResult invalid = convert_text("<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
                                       "<rect width=\"40\" height=\"40\" fill=\"#c00\" style=\"transform: translate(10%)\"/>");
  expect_faithful(invalid);  // an invalid property is ignored
  EXPECT_TRUE(has_change(invalid, "convert-css", "CSS transform \"translate(10%)\" is not valid and was ignored"));
}

TEST(Convert, MasksOfOneOpaqueColourBecomeClips) {
  ConvertResult r = convert_fixture("masked");
  expect_faithful(r);
  // Line 6: mask-type:alpha in style=""; line 18: white content, fill inherited.
  EXPECT_TRUE(has_change(r, "convert-clip", "mask applied as a clip of its shapes (2 times: lines 6, 18)", 6));
  EXPECT_TRUE(has_change(r, "convert-clip", "stroke in a mask outlined (2 times: lines 13, 15)", 13));
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
  // The circle cut at its centre: its left half, arcs kept, closed by the cut.
  EXPECT_NE(r.svg->find("d=\"M50 75C36.19 75 25 63.81 25 50S36.19 25 50 25Z\""), std::string::npos) << *r.svg;
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

// Editors export a fade as a mask painted with a gradient over content of one colour: the
// content becomes that colour as a gradient whose stop opacities are the mask's values.
TEST(Convert, GradientMasksOverOneColourBecomeStopOpacity) {
  struct Case {
    const char* name;
    const char* note;
    const char* stops;  // the faded end, as written
  };
  for (const Case& c : {Case{"figma-fade", "mask #mask0_3_12 (linear gradient) became the fill's stop-opacity",
                             "stop-color=\"#5b2eff\" stop-opacity=\"0\""},
                        Case{"figma-radial-fade", "mask #mask0_8_4 (radial gradient) became the fill's stop-opacity",
                             "stop-color=\"#ffb800\" stop-opacity=\"0.9\""},
                        Case{"illustrator-fade", "mask #mask (linear gradient) became the fill's stop-opacity",
                             "stop-color=\"#e31937\" stop-opacity=\"0\""},
                        Case{"illustrator-radial-fade", "mask #mask (radial gradient) became the fill's stop-opacity",
                             "stop-color=\"#00a3e0\" stop-opacity=\"0.102\""}}) {
    ConvertResult r = convert_fixture(c.name);
    ASSERT_TRUE(r.svg) << c.name << "\n" << changes_text(r);
    EXPECT_FALSE(r.changes.has_errors()) << c.name;
    ASSERT_TRUE(r.fidelity);
    EXPECT_GE(r.fidelity->ssim, 0.99) << c.name << "\n" << changes_text(r);
    EXPECT_LE(r.fidelity->differing_share, 0.005) << c.name;
    EXPECT_TRUE(has_change(r, "convert-clip", c.note)) << c.name << "\n" << changes_text(r);
    EXPECT_EQ(r.svg->find("mask"), std::string::npos) << c.name;
    EXPECT_NE(r.svg->find(c.stops), std::string::npos) << *r.svg;
  }
}

TEST(Convert, AGradientMaskInObjectBoundingBoxUnitsFadesTheContentInItsOwnBox) {
  // maskUnits and the gradient in objectBoundingBox (the defaults), the content transformed and
  // translucent: the fade follows the content's box, times its opacity.
  ConvertResult r = convert_text(
      "<linearGradient id=\"g\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"#fff\"/>"
      "<stop offset=\"1\" stop-color=\"#000\"/></linearGradient>"
      "<mask id=\"m\" maskContentUnits=\"objectBoundingBox\"><rect width=\"1\" height=\"1\" fill=\"url(#g)\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<g transform=\"translate(10 20) scale(2)\"><circle cx=\"20\" cy=\"20\" r=\"18\" fill=\"#036\" fill-opacity=\"0.5\" "
      "mask=\"url(#m)\"/></g>");
  expect_faithful(r);
  EXPECT_TRUE(has_change(r, "convert-clip", "mask #m (linear gradient) became the fill's stop-opacity"));
  EXPECT_NE(r.svg->find("x1=\"14\" y1=\"24\" x2=\"14\" y2=\"96\""), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("stop-color=\"#036\" stop-opacity=\"0.5\""), std::string::npos) << *r.svg;
}

TEST(Convert, AGradientMaskWhoseGreyAndOpacityBothChangeFollowsTheirProduct) {
  // Opaque white to grey at 0.2: luminance times alpha is a parabola along the gradient.
  ConvertResult r = convert_text(
      "<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" x2=\"100\">"
      "<stop offset=\"0\" stop-color=\"#fff\"/><stop offset=\"1\" stop-color=\"#808080\" stop-opacity=\"0.2\"/>"
      "</linearGradient>"
      "<mask id=\"m\" maskUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"100\" height=\"100\">"
      "<rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\" mask=\"url(#m)\"/>");
  expect_faithful(r);
  EXPECT_NE(r.svg->find("offset=\"0.5\""), std::string::npos) << *r.svg;  // one of the stops added
}

TEST(Convert, OverlappingShapesUnderAGradientMaskShowTheFadeOnce) {
  // Opaque shapes of one colour overlap; under the fade each would show it twice where they
  // overlap, and the group's opacity too: they are joined into one shape first.
  ConvertResult r = convert_text(
      "<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" x2=\"100\">"
      "<stop offset=\"0\" stop-color=\"#fff\"/><stop offset=\"1\" stop-color=\"#fff\" stop-opacity=\"0\"/>"
      "</linearGradient>"
      "<mask id=\"m\" maskUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"100\" height=\"100\">"
      "<rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<g mask=\"url(#m)\" opacity=\"0.8\"><rect x=\"10\" y=\"10\" width=\"60\" height=\"60\" fill=\"#036\"/>"
      "<rect x=\"30\" y=\"30\" width=\"60\" height=\"60\" fill=\"#036\"/></g>");
  expect_faithful(r);
  EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
  EXPECT_NE(r.svg->find("stop-color=\"#036\" stop-opacity=\"0.8\""), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("d=\"M70 30H90V90H30V70H10V10H70Z\" fill=\"url(#g1)\""), std::string::npos) << *r.svg;
}

TEST(Convert, AGradientMaskOfBlackOnlyHidesItsContent) {
  ConvertResult r = convert_text(
      "<radialGradient id=\"g\"><stop offset=\"0\" stop-color=\"#000\"/><stop offset=\"1\" stop-color=\"#000\" "
      "stop-opacity=\"0.5\"/></radialGradient><mask id=\"m\"><rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><rect width=\"20\" height=\"20\" fill=\"#036\"/>"
      "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\" mask=\"url(#m)\"/>");
  expect_faithful(r);
  EXPECT_TRUE(has_change(r, "convert-clip", "<circle> is masked away entirely; removed")) << changes_text(r);
  EXPECT_EQ(r.svg->find("#c00"), std::string::npos);
}

TEST(Convert, AGradientMaskIgnoresColorInterpolationAsLibrsvgDoes) {
  // SVG 1.1 §14.4 computes a luminance mask in linearRGB under color-interpolation: linearRGB;
  // librsvg 2.54, the reference render, draws it in sRGB whatever that property says.
  auto convert_with = [](const std::string& extra) {
    return convert_text(
        "<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" x2=\"100\">"
        "<stop offset=\"0\" stop-color=\"#fff\"/><stop offset=\"1\" stop-color=\"#000\"/></linearGradient>"
        "<mask id=\"m\"" + extra + "><rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask>"
        "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
        "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\" mask=\"url(#m)\"/>");
  };
  ConvertResult linear = convert_with(" color-interpolation=\"linearRGB\"");
  expect_faithful(linear);
  ConvertResult srgb = convert_with("");
  ASSERT_TRUE(srgb.svg);
  EXPECT_EQ(*linear.svg, *srgb.svg);
}

// Editors fade a whole logo of several colours with one gradient mask: the content is cut into
// disjoint regions of one colour each (strokes outlined, translucent overlaps composited), and
// each region is painted with the mask's gradient in its colour.
TEST(Convert, GradientMasksOverSeveralColoursArePaintedPerRegion) {
  struct Case {
    const char* name;
    const char* note;
    std::vector<const char*> stops;  // a stop of each colour, as written
  };
  for (const Case& c :
       {Case{"figma-fade-colours",
             "mask #mask0_14_2 (linear gradient) over several colours became the stop-opacity of 3 regions",
             {"stop-color=\"#ff5a1f\"", "stop-color=\"#ffd23f\"", "stop-color=\"#1b1f3b\""}},
        Case{"illustrator-radial-fade-colours",
             "mask #mask (radial gradient) over several colours became the stop-opacity of 4 regions",
             {"stop-color=\"#00a3e0\"", "stop-color=\"#99daf3\"", "stop-color=\"#003b5c\""}}}) {
    ConvertOptions untraced;
    untraced.trace_effects = false;
    ConvertResult r = convert_fixture(c.name, untraced);
    ASSERT_TRUE(r.svg) << c.name << "\n" << changes_text(r);
    EXPECT_FALSE(r.changes.has_errors()) << c.name;
    ASSERT_TRUE(r.fidelity);
    // Where two colours meet, each region's anti-aliased edge is faded on its own: a faint seam
    // (about 1 % of the pixels of the Figma badge, along its ring and letter) that the group
    // composited as one picture does not have.
    EXPECT_GE(r.fidelity->ssim, 0.99) << c.name << "\n" << changes_text(r);
    EXPECT_LE(r.fidelity->differing_share, 0.015) << c.name;
    EXPECT_TRUE(has_change(r, "convert-clip", c.note)) << c.name << "\n" << changes_text(r);
    EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
    EXPECT_FALSE(find_change(r, "convert-traced")) << changes_text(r);
    EXPECT_EQ(r.svg->find("mask"), std::string::npos) << c.name;
    for (const char* stop : c.stops) EXPECT_NE(r.svg->find(stop), std::string::npos) << stop << "\n" << *r.svg;
  }
}

// What a group draws over itself before its mask: a stroke over its fill, a translucent shape
// over another, the group's own opacity over all. Each region is exact, with or without tracing.
TEST(Convert, AGradientMaskOverSeveralColoursCompositesTheContentFirst) {
  const std::string fade =
      "<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" x2=\"100\"><stop offset=\"0\" "
      "stop-color=\"#fff\"/><stop offset=\"1\" stop-color=\"#fff\" stop-opacity=\"0.2\"/></linearGradient>"
      "<mask id=\"m\" maskUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"100\" height=\"100\">"
      "<rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask><rect width=\"100\" height=\"100\" fill=\"#fff\"/>";
  const std::string two_colours = fade + "<g mask=\"url(#m)\"><rect width=\"50\" height=\"50\" fill=\"#036\"/>"
                                         "<rect x=\"50\" width=\"50\" height=\"50\" fill=\"#c30\"/></g>";
  const std::string stroked = fade + "<rect x=\"20\" y=\"20\" width=\"60\" height=\"60\" fill=\"#036\" "
                                     "stroke=\"#fc0\" stroke-width=\"8\" mask=\"url(#m)\"/>";
  const std::string translucent_overlap =
      fade + "<g mask=\"url(#m)\" opacity=\"0.8\"><rect x=\"10\" y=\"10\" width=\"50\" height=\"50\" "
             "fill=\"#036\" fill-opacity=\"0.5\"/><circle cx=\"55\" cy=\"55\" r=\"30\" fill=\"#c30\" "
             "opacity=\"0.7\"/><circle cx=\"30\" cy=\"70\" r=\"20\" fill=\"#036\"/></g>";
  for (const auto& [body, regions] : {std::pair{two_colours, "2 regions"}, std::pair{stroked, "2 regions"},
                                      std::pair{translucent_overlap, "4 regions"}}) {
    for (bool trace : {true, false}) {
      ConvertOptions options;
      options.trace_effects = trace;
      ConvertResult r = convert_text(body, options);
      expect_faithful(r);
      EXPECT_TRUE(has_change(r, "convert-clip", std::string("over several colours became the stop-opacity of ") +
                                                    regions)) << changes_text(r);
      EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
      EXPECT_FALSE(find_change(r, "convert-traced")) << changes_text(r);
    }
  }
}

// With --no-trace-effects; by default each is rendered and traced.
TEST(Convert, MasksThatAreNotOneFlatValueStayRefused) {
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
  // A gradient mask over a gradient, over content with an effect of its own, or over more
  // shapes than the regions are cut from.
  const std::string fade =
      "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/><stop offset=\"1\"/></linearGradient>"
      "<linearGradient id=\"c\"><stop offset=\"0\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#c30\"/>"
      "</linearGradient><mask id=\"m\">\n<rect width=\"100\" height=\"100\" fill=\"url(#g)\"/></mask>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>";
  const std::string over_gradient = fade + "<rect width=\"50\" height=\"50\" fill=\"url(#c)\" mask=\"url(#m)\"/>";
  const std::string over_faded_group =
      fade + "<g mask=\"url(#m)\"><rect width=\"50\" height=\"50\" fill=\"#036\"/><g opacity=\"0.5\">"
             "<circle cx=\"50\" cy=\"50\" r=\"20\" fill=\"#c30\"/></g></g>";
  std::string many = fade + "<g mask=\"url(#m)\">";
  for (int i = 0; i < 257; ++i) {
    many += "<rect x=\"" + std::to_string(i % 16 * 6) + "\" y=\"" + std::to_string(i / 16 * 6) +
            "\" width=\"5\" height=\"5\" fill=\"" + (i % 2 ? "#036" : "#c30") + "\"/>";
  }
  many += "</g>";
  for (const auto& [body, words] : {std::pair{over_gradient, "painted with <linearGradient>"},
                                    std::pair{over_faded_group, "painted with <linearGradient>"},
                                    std::pair{many, "painted with <linearGradient>"},
                                    std::pair{faded_use, "has its own opacity"},
                                    std::pair{translucent, "partly transparent"},
                                    std::pair{two_greys, "more than one luminance"}}) {
    ConvertOptions untraced;
    untraced.trace_effects = false;
    ConvertResult r = convert_text(body, untraced);
    EXPECT_FALSE(r.svg) << words;
    EXPECT_TRUE(has_change(r, "convert-refused", words, 2)) << changes_text(r);
    ConvertOptions force = untraced;
    force.force = true;
    ConvertResult forced = convert_text(body, force);
    ASSERT_TRUE(forced.svg) << changes_text(forced);
    EXPECT_TRUE(has_change(forced, "convert-dropped", words)) << changes_text(forced);
    ConvertResult traced = convert_text(body);
    if (body == many) {
      // 257 squares of two colours fading: their bands would take more bytes than a logo may.
      EXPECT_TRUE(has_change(traced, "convert-refused", "more than the 32768 a whole logo may")) << changes_text(traced);
      continue;
    }
    EXPECT_TRUE(has_change(traced, "convert-traced", "mask #m (whose content ")) << changes_text(traced);
    // The bands of a fade over two colours have one mean colour each, which the fidelity gate
    // refuses; the rest convert.
    if (body == over_faded_group) {
      EXPECT_TRUE(has_change(traced, "convert-refused", "does not render like the original")) << changes_text(traced);
    } else {
      EXPECT_TRUE(traced.svg) << words << changes_text(traced);
    }
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

// Text that names no font is drawn by librsvg, the reference render, in its initial font: Times
// New Roman (Liberation Serif, metric-compatible) at 12px; `medium` is 12pt (16px) and each
// absolute-size keyword a factor of 1.2. The converter used sans-serif at 16px, and the fidelity
// gate refused such text.
TEST(Convert, TextWithoutAFontTakesLibrsvgsInitialFont) {
  auto text = [](const std::string& attributes) {
    ConvertOptions force;
    force.force = true;
    return convert_text("<rect width=\"100\" height=\"100\" fill=\"#fff\"/><text x=\"50\" y=\"55\" "
                        "text-anchor=\"middle\"" + attributes + ">Passed</text>", force);
  };
  ConvertResult initial = text("");
  expect_faithful(initial);
  EXPECT_TRUE(has_change(initial, "convert-text", "outlined with Liberation Serif")) << changes_text(initial);
  EXPECT_EQ(*initial.svg, *text(" font-family=\"Times New Roman\" font-size=\"12px\"").svg);
  EXPECT_EQ(*text(" font-size=\"medium\"").svg, *text(" font-size=\"16px\"").svg);
  EXPECT_EQ(*text(" font-size=\"x-large\"").svg, *text(" font-size=\"23.04px\"").svg);
}

// An opacity on a filled and stroked shape applies to both as one picture: where the opaque
// stroke covers the fill only the stroke shows. The fill is cut away under the stroke, curves
// kept, so folding the opacity into both is exact; under a translucent stroke it stays an
// approximation, said so.
TEST(Convert, OpacityOnAFilledAndStrokedShapeCutsTheFillUnderTheStroke) {
  const std::string background = "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>";
  ConvertResult r = convert_text(background + "<circle cx=\"50\" cy=\"50\" r=\"35\" fill=\"#080\" stroke=\"#000\" "
                                              "stroke-width=\"8\" opacity=\"0.5\"/>");
  expect_faithful(r);
  EXPECT_TRUE(has_change(r, "convert-opacity", "the fill cut away under the stroke")) << changes_text(r);
  EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
  EXPECT_NE(r.svg->find("fill=\"#080\" fill-opacity=\"0.5\""), std::string::npos) << *r.svg;
  const std::size_t fill = r.svg->find("fill=\"#080\"");
  const std::size_t path = r.svg->rfind("<path", fill);
  ASSERT_NE(fill, std::string::npos);
  const std::string d = r.svg->substr(path, fill - path);
  EXPECT_EQ(d.find_first_of("Ll"), std::string::npos) << d;  // the cut fill keeps its curves
  EXPECT_NE(d.find_first_of("CcSs"), std::string::npos) << d;
  ConvertResult translucent = convert_text(background + "<circle cx=\"50\" cy=\"50\" r=\"35\" fill=\"#080\" "
                                                        "stroke=\"#000\" stroke-opacity=\"0.5\" stroke-width=\"8\" "
                                                        "opacity=\"0.5\"/>");
  EXPECT_TRUE(has_change(translucent, "convert-approximated", "the fill shows under the stroke's inner half"))
      << changes_text(translucent);
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
// "URL(#g)".
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
// visibly changed at one. Whole numbers on a grid 2,048 units across, its line vertices within
// rounding left out, fit and keep it (1,024 without thinning, 1.8 % of pixels off).
TEST(ConvertBudget, EngravingFitsOnAWholeNumberGrid) {
  ConvertOptions options;
  auto result = convert_svg(test::read_bytes(test::fixtures() / "convert" / "corpus" / "simple-icons-elsevier.svg"), options);
  ASSERT_TRUE(result.svg) << test::describe(result.changes);
  EXPECT_LE(result.svg->size(), 32u * 1024u);
  EXPECT_NE(test::describe(result.changes).find("grid 2048 units across, line vertices within rounding left out"),
            std::string::npos)
      << test::describe(result.changes);
  EXPECT_NE(result.svg->find("viewBox=\"0 0 2048 2048\""), std::string::npos);
  ASSERT_TRUE(result.fidelity);
  EXPECT_LT(result.fidelity->differing_share, 0.005);
  LintOptions strict;
  strict.profile = Profile::strict;
  EXPECT_FALSE(lint(*result.svg, strict).diagnostics.has_errors());
  ASSERT_TRUE(result.fidelity);
  EXPECT_GE(result.fidelity->ssim, 0.99);
}

// Markers (SVG 1.1 §11.6) are drawn as shapes at each vertex, turned, scaled by the stroke width
// and cut to their viewport, as librsvg draws them; paint-order can put them under the shape.
TEST(Convert, MarkersAreDrawnAtTheirVertices) {
  ConvertResult r = convert_fixture("markers");
  expect_faithful(r);
  expect_golden("markers", *r.svg);
  EXPECT_EQ(r.svg->find("marker"), std::string::npos);
  // Four shapes with markers, each at two vertices: an arc drawn as three cubics is one command,
  // so it has no mid marker inside it.
  EXPECT_TRUE(has_change(r, "convert-structure", "markers drawn as shapes at 2 vertices (the output has no markers) (4 times"))
      << changes_text(r);
  // The cut to each marker's viewport is the marker's, not a clip-path: no clip-path note.
  EXPECT_EQ(changes_text(r).find("clip-path"), std::string::npos) << changes_text(r);
}

// A marker whose content names the same marker is drawn once: the cycle ends there.
TEST(Convert, AMarkerInsideItselfIsDrawnOnce) {
  ConvertResult r = convert_text(
      "<marker id=\"m\" markerWidth=\"10\" markerHeight=\"10\"><path d=\"M0 0L5 5L0 10\" stroke=\"#c00\" "
      "fill=\"none\" marker-end=\"url(#m)\"/></marker><path d=\"M10 50H90\" stroke=\"#000\" marker-end=\"url(#m)\"/>");
  expect_faithful(r);
}

// The root's own opacity applies to the whole drawing, as librsvg draws it; it was ignored, and
// the fidelity gate refused the logo. Its transform, clip-path, mask and filter librsvg applies in
// the viewport's pixels, so they change with the size drawn: refused with that reason.
TEST(Convert, TheRootsOpacityAppliesAndItsViewportEffectsAreRefused) {
  const std::string content = "<clipPath id=\"c\"><circle cx=\"50\" cy=\"50\" r=\"30\"/></clipPath>"
                              "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#c00\"/></svg>";
  for (const char* attributes : {"transform=\"rotate(10 50 50)\"", "clip-path=\"url(#c)\""}) {
    ConvertResult r = convert_svg(std::string("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\" ") +
                                      attributes + ">" + content,
                                  {});
    EXPECT_FALSE(r.svg) << attributes;
    EXPECT_TRUE(has_change(r, "convert-refused", "on the root <svg>, which renderers apply in the viewport's pixels"))
        << attributes << "\n" << changes_text(r);
  }
  for (const char* attributes : {"opacity=\"0.5\"", "style=\"opacity: .5\""}) {
    ConvertResult r = convert_svg(std::string("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\" ") +
                                      attributes + "><rect x=\"10\" y=\"10\" width=\"80\" height=\"70\" fill=\"#c00\"/>"
                                      "<circle cx=\"50\" cy=\"50\" r=\"8\" fill=\"#036\" transform=\"translate(0 45)\"/></svg>",
                                  {});
    expect_faithful(r);
  }
}

// A pattern fill (SVG 1.1 §13.3) is drawn as its tiles, each cut to the shape; the tiles of content
// that stays inside them are not cut again, so neighbours meet without seams.
TEST(Convert, PatternFillsAreDrawnAsTilesCutToTheShape) {
  ConvertResult r = convert_fixture("pattern-stripes");
  expect_faithful(r);
  expect_golden("pattern-stripes", *r.svg);
  EXPECT_EQ(r.svg->find("pattern"), std::string::npos);
  EXPECT_TRUE(has_change(r, "convert-paint", "pattern #stripes drawn as 30 tiles cut to the shape", 14)) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-paint", "pattern #dots drawn as 16 tiles", 15)) << changes_text(r);
  EXPECT_EQ(changes_text(r).find("clip-path"), std::string::npos) << changes_text(r);
}

// Tiles are bounded: a pattern that would need more than 4,096 of them for one shape is refused,
// or dropped with --force.
TEST(Convert, APatternOfTooManyTilesIsRefused) {
  const std::string body = "<pattern id=\"p\" patternUnits=\"userSpaceOnUse\" width=\"0.5\" height=\"0.5\">"
                           "<rect width=\"0.25\" height=\"0.25\" fill=\"#c00\"/></pattern>"
                           "<rect width=\"100\" height=\"100\" fill=\"url(#p)\"/><circle cx=\"50\" cy=\"50\" r=\"9\"/>";
  ConvertResult r = convert_text(body);
  EXPECT_FALSE(r.svg);
  EXPECT_TRUE(has_change(r, "convert-refused", "a pattern fill of more than 4096 tiles")) << changes_text(r);
  ConvertOptions force;
  force.force = true;
  ConvertResult dropped = convert_text(body, force);
  EXPECT_TRUE(dropped.svg) << changes_text(dropped);
}


// A mask's region cuts what it masks with the clip machinery, but the logo has no clip-path:
// the mask's own note says what it became, and no clip-path note is made.
TEST(Convert, AMaskIsNotReportedAsAClipPath) {
  for (const char* fill : {"url(#w)", "#fff"}) {
    ConvertResult r = convert_text(std::string("<linearGradient id=\"w\"><stop offset=\"0\" stop-color=\"#fff\"/>"
                                               "<stop offset=\"1\" stop-color=\"#000\"/></linearGradient><mask id=\"m\">"
                                               "<rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"") +
                                   fill + "\"/></mask><rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"#080\" "
                                          "mask=\"url(#m)\"/>");
    ASSERT_TRUE(r.svg) << changes_text(r);
    EXPECT_TRUE(has_change(r, "convert-clip", "mask")) << changes_text(r);
    EXPECT_EQ(changes_text(r).find("clip-path"), std::string::npos) << fill << "\n" << changes_text(r);
  }
}

// A gradient or pattern in objectBoundingBox units has nothing to map to on a straight line (its
// box has no height): librsvg paints the url()'s fallback colour, and none without one. The
// fallback used to be dropped, and the lines vanished.
TEST(Convert, AnObjectBoundingBoxPaintOnALineTakesItsFallback) {
  const std::string servers = "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#c00\"/>"
                              "<stop offset=\"1\" stop-color=\"#00c\"/></linearGradient>"
                              "<pattern id=\"p\" width=\"0.5\" height=\"0.5\"><rect width=\"5\" height=\"5\"/></pattern>";
  ConvertResult r = convert_text(servers +
                                 "<path d=\"M10 30H90\" stroke=\"url(#g) #080\" stroke-width=\"6\"/>"
                                 "<path d=\"M10 70H90\" stroke=\"url(#p) #080\" stroke-width=\"6\"/>");
  expect_faithful(r);
  EXPECT_NE(r.svg->find("M10 30H90"), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("M10 70H90"), std::string::npos) << *r.svg;
  EXPECT_TRUE(has_change(r, "convert-paint", "its fallback colour paints, as librsvg draws it")) << changes_text(r);
  // Without a fallback nothing is painted; a box with area still gets the gradient.
  ConvertResult none = convert_text(servers + "<path d=\"M10 30H90\" stroke=\"url(#g)\" stroke-width=\"6\"/>"
                                              "<rect x=\"10\" y=\"50\" width=\"80\" height=\"30\" fill=\"url(#g) #080\"/>");
  expect_faithful(none);
  EXPECT_EQ(none.svg->find("M10 30H90"), std::string::npos) << *none.svg;
  EXPECT_NE(none.svg->find("linearGradient"), std::string::npos) << *none.svg;
  EXPECT_TRUE(has_change(none, "convert-paint", "it paints nothing")) << changes_text(none);
}


// spreadMethod reflect and repeat (SVG 1.1 §13.2.2), which SVG Tiny P/S lacks, are written out as
// pad over the periods the shape shows: the stops of each period, mirrored in every other one for
// reflect, on a vector as many periods long. librsvg draws the original alike.
TEST(Convert, ARepeatedOrReflectedGradientIsWrittenOutAsItsPeriods) {
  auto logo = [](const std::string& gradient) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs>" + gradient +
           "</defs><rect x=\"10\" y=\"10\" width=\"80\" height=\"80\" fill=\"url(#g)\"/></svg>";
  };
  for (const std::string spread : {"reflect", "repeat"}) {
    for (const std::string gradient :
         {"<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"30\" x2=\"50\" spreadMethod=\"" + spread +
              "\"><stop offset=\"" + (spread == "reflect" ? ".2" : "0") +
              "\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#fc0\"/></linearGradient>",
          "<radialGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" cx=\"50\" cy=\"50\" r=\"15\" spreadMethod=\"" +
              spread + "\"><stop offset=\"0\" stop-color=\"#c00\"/><stop offset=\"1\" stop-color=\"#fff\"/>"
                       "</radialGradient>"}) {
      ConvertResult r = convert_svg(logo(gradient), {});
      ASSERT_TRUE(r.svg) << spread << " " << gradient << "\n" << changes_text(r);
      EXPECT_TRUE(has_change(r, "convert-paint", "spreadMethod=\"" + spread + "\" written out as")) << changes_text(r);
      EXPECT_FALSE(has_change(r, "convert-approximated", "spreadMethod")) << changes_text(r);
      EXPECT_EQ(r.svg->find("spreadMethod"), std::string::npos) << *r.svg;
      ASSERT_TRUE(r.fidelity);
      EXPECT_GE(r.fidelity->ssim, 0.99) << spread << " " << gradient;
      EXPECT_LE(r.fidelity->differing_share, 0.01) << spread << " " << gradient;
    }
  }
  // A shape within one period shows what pad shows: written as it was.
  const std::string inside = logo(
      "<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"0\" x2=\"100\" spreadMethod=\"reflect\">"
      "<stop offset=\"0\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#fc0\"/></linearGradient>");
  ConvertResult once = convert_svg(inside, {});
  ASSERT_TRUE(once.svg) << changes_text(once);
  EXPECT_FALSE(has_change(once, "convert-paint", "spreadMethod")) << changes_text(once);
  std::string padded = inside;
  padded.replace(padded.find(" spreadMethod=\"reflect\""), 23, "");
  EXPECT_EQ(*convert_svg(padded, {}).svg, *once.svg);
  // More periods than are written out: drawn as pad, said as an approximation.
  ConvertOptions forced;
  forced.force = true;
  ConvertResult fine = convert_svg(
      logo("<linearGradient id=\"g\" gradientUnits=\"userSpaceOnUse\" x1=\"50\" x2=\"50.5\" spreadMethod=\"repeat\">"
           "<stop offset=\"0\" stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#fc0\"/></linearGradient>"),
      forced);
  EXPECT_TRUE(has_change(fine, "convert-approximated", "spreadMethod=\"repeat\" drawn as pad")) << changes_text(fine);
}

}  // namespace
}  // namespace bimi::svgps
