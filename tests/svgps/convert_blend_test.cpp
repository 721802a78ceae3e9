// mix-blend-mode between flat colours: the formulas of Compositing and Blending Level 1 against
// cairo's (pixman's) blend operators, which librsvg paints blended groups with, and blended
// drawings converted into flat shapes through the fidelity gate against librsvg's render.
#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bimi/svgps/convert.hpp"
#include "convert/blend_modes.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

using convert::BlendMode;
using convert::Rgba;

const std::vector<std::pair<BlendMode, cairo_operator_t>> all_modes = {
    {BlendMode::multiply, CAIRO_OPERATOR_MULTIPLY},       {BlendMode::screen, CAIRO_OPERATOR_SCREEN},
    {BlendMode::overlay, CAIRO_OPERATOR_OVERLAY},         {BlendMode::darken, CAIRO_OPERATOR_DARKEN},
    {BlendMode::lighten, CAIRO_OPERATOR_LIGHTEN},         {BlendMode::color_dodge, CAIRO_OPERATOR_COLOR_DODGE},
    {BlendMode::color_burn, CAIRO_OPERATOR_COLOR_BURN},   {BlendMode::hard_light, CAIRO_OPERATOR_HARD_LIGHT},
    {BlendMode::soft_light, CAIRO_OPERATOR_SOFT_LIGHT},   {BlendMode::difference, CAIRO_OPERATOR_DIFFERENCE},
    {BlendMode::exclusion, CAIRO_OPERATOR_EXCLUSION},     {BlendMode::hue, CAIRO_OPERATOR_HSL_HUE},
    {BlendMode::saturation, CAIRO_OPERATOR_HSL_SATURATION}, {BlendMode::color, CAIRO_OPERATOR_HSL_COLOR},
    {BlendMode::luminosity, CAIRO_OPERATOR_HSL_LUMINOSITY}};

// One pixel: the backdrop painted, then the source with the blend operator, read back
// premultiplied (cairo's ARGB32).
std::array<int, 4> cairo_pixel(cairo_operator_t op, const Rgba& backdrop, const Rgba& source) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t* cr = cairo_create(surface);
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba(cr, backdrop.r, backdrop.g, backdrop.b, backdrop.a);
  cairo_paint(cr);
  cairo_set_operator(cr, op);
  cairo_set_source_rgba(cr, source.r, source.g, source.b, source.a);
  cairo_paint(cr);
  cairo_surface_flush(surface);
  std::uint32_t argb = *reinterpret_cast<const std::uint32_t*>(cairo_image_surface_get_data(surface));
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return {static_cast<int>((argb >> 16) & 255), static_cast<int>((argb >> 8) & 255), static_cast<int>(argb & 255),
          static_cast<int>(argb >> 24)};
}

// The same pixel as the converter draws it: the blended source's colour source-over the backdrop.
std::array<int, 4> converted_pixel(BlendMode mode, const Rgba& backdrop, const Rgba& source) {
  Rgba out = convert::over(convert::blended_source(mode, backdrop, source), backdrop);
  auto premultiplied = [&](double c) { return static_cast<int>(std::lround(c * out.a * 255)); };
  return {premultiplied(out.r), premultiplied(out.g), premultiplied(out.b), static_cast<int>(std::lround(out.a * 255))};
}

TEST(BlendModes, EveryModeMatchesCairosOperator) {
  const std::vector<Rgba> colours = {{1, 1, 1, 1},       {0, 0, 0, 1},       {0.886, 0.094, 0.298, 1},
                                     {0.094, 0.839, 0.878, 1}, {0.2, 0.6, 0.2, 0.5}, {0.9, 0.8, 0.1, 0.25},
                                     {0.5, 0.5, 0.5, 1}, {0.1, 0.2, 0.9, 0.8}, {0, 0, 0, 0}};
  for (const auto& [mode, op] : all_modes) {
    for (const Rgba& backdrop : colours) {
      for (const Rgba& source : colours) {
        if (source.a == 0) continue;
        auto expected = cairo_pixel(op, backdrop, source);
        auto got = converted_pixel(mode, backdrop, source);
        // pixman's 8-bit dodge and burn divide a translucent backdrop's premultiplied value with
        // truncation, which the division magnifies; elsewhere the two differ by rounding.
        bool divides = mode == BlendMode::color_dodge || mode == BlendMode::color_burn;
        int tolerance = divides && backdrop.a < 1 ? 4 : 2;
        for (int c = 0; c < 4; ++c) {
          EXPECT_NEAR(got[c], expected[c], tolerance) << convert::blend_mode_name(mode) << " channel " << c << " backdrop "
                                              << backdrop.r << "," << backdrop.g << "," << backdrop.b << "/"
                                              << backdrop.a << " source " << source.r << "," << source.g << ","
                                              << source.b << "/" << source.a;
        }
      }
    }
  }
}

TEST(BlendModes, KeywordsAndFormulas) {
  EXPECT_EQ(convert::parse_blend_mode("Color-Dodge"), BlendMode::color_dodge);
  EXPECT_EQ(convert::parse_blend_mode("plus-lighter"), std::nullopt);
  EXPECT_EQ(convert::parse_blend_mode(""), std::nullopt);
  EXPECT_EQ(convert::blend_mode_name(BlendMode::soft_light), "soft-light");
  // Multiply keeps a colour over white and screen over black; over transparency the source is itself.
  Rgba red{0.9, 0.1, 0.3, 1};
  Rgba kept = convert::blended_source(BlendMode::multiply, {1, 1, 1, 1}, red);
  EXPECT_NEAR(kept.r, 0.9, 1e-12);
  EXPECT_NEAR(kept.b, 0.3, 1e-12);
  kept = convert::blended_source(BlendMode::screen, {0, 0, 0, 0.0}, red);
  EXPECT_NEAR(kept.g, 0.1, 1e-12);
  // Half a backdrop's alpha gives half the blend (§10: (1 - αb)·Cs + αb·B).
  Rgba half = convert::blended_source(BlendMode::multiply, {0, 0, 0, 0.5}, red);
  EXPECT_NEAR(half.r, 0.45, 1e-12);
  EXPECT_EQ(half.a, 1);
  // Luminosity of a grey over a saturated colour keeps the hue and takes the grey's lightness.
  auto l = convert::mix(BlendMode::luminosity, {1, 0, 0}, {0.5, 0.5, 0.5});
  EXPECT_NEAR(0.3 * l[0] + 0.59 * l[1] + 0.11 * l[2], 0.5, 1e-9);
  EXPECT_GT(l[0], l[1]);
}

std::string changes_text(const ConvertResult& r) { return test::describe(r.changes) + test::describe(r.output_findings); }

const Diagnostic* find_change(const ConvertResult& r, const std::string& rule) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

ConvertResult convert_text(const std::string& svg, ConvertOptions options = {}) {
  options.fallback_title = "blend";
  return convert_svg(svg, options);
}

ConvertResult convert_fixture(const std::string& name, ConvertOptions options = {}) {
  return convert_text(test::read_bytes(test::fixtures() / "convert" / (name + ".svg")), options);
}

void expect_faithful(const ConvertResult& r, double min_ssim = 0.99) {
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_FALSE(r.output_findings.has_errors()) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, min_ssim) << changes_text(r);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing);
  EXPECT_FALSE(find_change(r, "convert-refused"));
  EXPECT_FALSE(find_change(r, "convert-dropped"));
  EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
  EXPECT_EQ(r.svg->find("mix-blend"), std::string::npos);
}

void expect_refused(const ConvertResult& r, const std::string& reason) {
  EXPECT_FALSE(r.svg);
  const Diagnostic* d = find_change(r, "convert-refused");
  ASSERT_NE(d, nullptr) << changes_text(r);
  EXPECT_NE(d->message.find(reason), std::string::npos) << d->message;
}

// A backdrop of two colours, one half translucent, under a blended circle that also reaches
// over transparency.
std::string three_backdrops(const std::string& mode, const std::string& extra = "") {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 120\">"
         "<rect x=\"0\" y=\"0\" width=\"70\" height=\"120\" fill=\"#f2c14e\"/>"
         "<rect x=\"40\" y=\"0\" width=\"50\" height=\"80\" fill=\"#2d5fa8\" fill-opacity=\"0.5\"/>"
         "<circle cx=\"60\" cy=\"60\" r=\"45\" fill=\"#c8326e\" " +
         extra + "style=\"mix-blend-mode:" + mode + "\"/></svg>";
}

void expect_family(const std::vector<std::string>& modes) {
  for (const std::string& mode : modes) {
    SCOPED_TRACE(mode);
    ConvertResult r = convert_text(three_backdrops(mode));
    expect_faithful(r);
    const Diagnostic* note = find_change(r, "convert-blend");
    ASSERT_NE(note, nullptr) << changes_text(r);
    EXPECT_EQ(note->message.rfind("mix-blend-mode " + mode + " on <circle> became ", 0), 0u) << note->message;
    EXPECT_EQ(note->location.line, 1);
  }
}

TEST(ConvertBlend, DarkeningAndLighteningModes) { expect_family({"multiply", "screen", "darken", "lighten"}); }
TEST(ConvertBlend, ContrastModes) { expect_family({"overlay", "hard-light", "soft-light"}); }
TEST(ConvertBlend, DodgeAndBurnModes) { expect_family({"color-dodge", "color-burn"}); }
TEST(ConvertBlend, DifferenceModes) { expect_family({"difference", "exclusion"}); }
TEST(ConvertBlend, NonSeparableModes) { expect_family({"hue", "saturation", "color", "luminosity"}); }

TEST(ConvertBlend, GlyphMultipliedOverItsOffsetCopy) {
  ConvertResult r = convert_fixture("blend-multiply-glyph");
  expect_faithful(r);
  const Diagnostic* note = find_change(r, "convert-blend");
  ASSERT_NE(note, nullptr) << changes_text(r);
  EXPECT_EQ(note->location.line, 4);
  // The curves of the glyph survive the cuts.
  EXPECT_NE(r.svg->find('C'), std::string::npos);
}

TEST(ConvertBlend, ScreenInsideAMaskedGroupSeesOnlyTheGroup) {
  ConvertResult r = convert_fixture("blend-screen-stripes");
  expect_faithful(r);
  EXPECT_TRUE(find_change(r, "convert-blend")) << changes_text(r);
}

TEST(ConvertBlend, PartialOpacityOnBothSides) {
  ConvertResult r = convert_text(three_backdrops("multiply", "opacity=\"0.6\" "));
  expect_faithful(r);
  EXPECT_NE(r.svg->find("fill-opacity=\"0.6\""), std::string::npos) << *r.svg;
}

TEST(ConvertBlend, OverTransparencyTheElementIsDrawnAsItIs) {
  ConvertResult r = convert_text(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect x=\"5\" y=\"5\" width=\"30\" "
      "height=\"30\" fill=\"#0a0\"/><g style=\"mix-blend-mode:difference\"><circle cx=\"70\" cy=\"70\" r=\"25\" "
      "fill=\"#c03\" stroke=\"#003\" stroke-width=\"4\"/></g></svg>");
  expect_faithful(r);
  const Diagnostic* note = find_change(r, "convert-blend");
  ASSERT_NE(note, nullptr);
  EXPECT_NE(note->message.find("changes no colour"), std::string::npos) << note->message;
  EXPECT_NE(r.svg->find("stroke=\"#003\""), std::string::npos) << *r.svg;  // the stroke stays a stroke
}

TEST(ConvertBlend, BlendsUnderAnOpacityGroupSeeOnlyThatGroup) {
  // The group is isolated: the circle multiplies over the group's own rectangle, never the page's.
  ConvertResult r = convert_text(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect width=\"100\" height=\"100\" "
      "fill=\"#123\"/><g opacity=\"0.8\"><rect x=\"10\" y=\"10\" width=\"50\" height=\"80\" fill=\"#fe0\"/>"
      "<circle cx=\"60\" cy=\"50\" r=\"30\" fill=\"#0cf\" style=\"mix-blend-mode:multiply\"/></g></svg>");
  expect_faithful(r);
}

TEST(ConvertBlend, IsolationIsolateHidesThePageUnderTheGroup) {
  // Multiply over the page's black would draw black; isolated, the circle keeps its colour.
  ConvertResult r = convert_text(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect width=\"100\" height=\"100\" "
      "fill=\"#000\"/><g style=\"isolation:isolate\"><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#0cf\" "
      "style=\"mix-blend-mode:multiply\"/></g></svg>");
  expect_faithful(r);
  EXPECT_NE(r.svg->find("fill=\"#0cf\""), std::string::npos) << *r.svg;
}

TEST(ConvertBlend, OnlyAClipInObjectBoundingBoxUnitsIsolatesAsLibrsvgDraws) {
  // librsvg 2.54 isolates a group for a clip-path in objectBoundingBox units only: the circle
  // multiplies over the page's blue under the user-space clip, and keeps its colour under the other.
  for (const std::string units : {"userSpaceOnUse", "objectBoundingBox"}) {
    SCOPED_TRACE(units);
    bool box = units == "objectBoundingBox";
    ConvertResult r = convert_text(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><clipPath id=\"c\" clipPathUnits=\"" +
        units + "\"><rect " + (box ? "width=\"1\" height=\"1\"" : "width=\"100\" height=\"100\"") +
        "/></clipPath><rect width=\"100\" height=\"100\" fill=\"#36c\"/><g clip-path=\"url(#c)\"><circle "
        "cx=\"50\" cy=\"50\" r=\"30\" fill=\"#fc3\" style=\"mix-blend-mode:multiply\"/></g></svg>");
    expect_faithful(r);
    EXPECT_EQ(r.svg->find("fill=\"#fc3\"") != std::string::npos, box) << *r.svg;
  }
}

TEST(ConvertBlend, RegionsPastTheBoundAreRefused) {
  // 1,100 stripes of alternating colours under one blended bar: 1,100 regions, past the bound of 1,024.
  std::string stripes;
  for (int i = 0; i < 1100; ++i) {
    stripes += "<rect x=\"" + std::to_string(i) + "\" y=\"0\" width=\"1\" height=\"1100\" fill=\"" +
               (i % 2 ? "#f00" : "#00f") + "\"/>";
  }
  expect_refused(convert_text("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1100 1100\">" + stripes +
                              "<rect x=\"0\" y=\"400\" width=\"1100\" height=\"300\" fill=\"#888\" "
                              "style=\"mix-blend-mode:screen\"/></svg>"),
                 "more than 1024 flat regions");
}

TEST(ConvertBlend, ADisjointOpaqueGroupIsNotCutWithinItself) {
  // 400 opaque dots blended over one rectangle: each dot is one region over it or beside it.
  std::string dots;
  for (int i = 0; i < 400; ++i) {
    dots += "<circle cx=\"" + std::to_string(5 + (i % 20) * 10) + "\" cy=\"" + std::to_string(5 + (i / 20) * 10) +
            "\" r=\"3\"/>";
  }
  ConvertResult r = convert_text(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><rect x=\"50\" y=\"50\" width=\"100\" "
      "height=\"100\" fill=\"#fc0\"/><g fill=\"#09c\" style=\"mix-blend-mode:multiply\">" +
      dots + "</g></svg>");
  ASSERT_TRUE(r.svg) << changes_text(r);
  const Diagnostic* note = find_change(r, "convert-blend");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->message, "mix-blend-mode multiply on <g> became 400 flat regions");
  EXPECT_GE(r.fidelity->ssim, 0.99);
}

TEST(ConvertBlend, RepeatedThroughUseIsNotedOnce) {
  ConvertResult r = convert_text(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 "
      "100\"><rect width=\"100\" height=\"100\" fill=\"#fc3\"/><defs><circle id=\"c\" r=\"15\" fill=\"#36c\" "
      "style=\"mix-blend-mode:multiply\"/></defs><use xlink:href=\"#c\" x=\"30\" y=\"30\"/><use xlink:href=\"#c\" "
      "x=\"70\" y=\"70\"/></svg>");
  expect_faithful(r);
  std::size_t notes = 0;
  for (const auto& d : r.changes.items()) {
    if (d.rule != "convert-blend") continue;
    ++notes;
    EXPECT_EQ(d.message, "mix-blend-mode multiply on <circle> became 2 flat regions (2 copies)");
  }
  EXPECT_EQ(notes, 1u);
}

TEST(ConvertBlend, GradientsAreRefusedOnEitherSide) {
  const std::string gradient =
      "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#f00\"/><stop offset=\"1\" "
      "stop-color=\"#00f\"/></linearGradient>";
  expect_refused(convert_text("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">" + gradient +
                              "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><circle cx=\"50\" cy=\"50\" "
                              "r=\"30\" fill=\"url(#g)\" style=\"mix-blend-mode:multiply\"/></svg>"),
                 "mix-blend-mode \"multiply\" on a gradient");
  expect_refused(convert_text("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">" + gradient +
                              "<rect width=\"100\" height=\"100\" fill=\"url(#g)\"/><circle cx=\"50\" cy=\"50\" "
                              "r=\"30\" fill=\"#0c6\" style=\"mix-blend-mode:screen\"/></svg>"),
                 "mix-blend-mode \"screen\" over a gradient");
}

TEST(ConvertBlend, OverABitmapIsRefusedAndForceDropsTheBlend) {
  // An 8×8 PNG of two colours, traced into shapes that only approximate its pixels.
  const std::string png =
      "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFklEQVR4nGO4oKAARwoOF+CIYWhJAAAKbEgBTHGaqAAAAABJRU5ErkJggg==";
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><image width=\"100\" height=\"100\" "
      "href=\"data:image/png;base64," +
      png + "\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#0c6\" style=\"mix-blend-mode:multiply\"/></svg>";
  expect_refused(convert_text(svg), "over a traced bitmap");
  ConvertOptions force;
  force.force = true;
  ConvertResult forced = convert_text(svg, force);
  const Diagnostic* dropped = find_change(forced, "convert-dropped");
  ASSERT_NE(dropped, nullptr) << changes_text(forced);
  EXPECT_NE(dropped->message.find("mix-blend-mode"), std::string::npos);
}

TEST(ConvertBlend, UnknownModesStayRefused) {
  expect_refused(convert_text("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect width=\"100\" "
                              "height=\"100\" fill=\"#fff\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#0c6\" "
                              "style=\"mix-blend-mode:plus-lighter\"/></svg>"),
                 "mix-blend-mode \"plus-lighter\"");
}

}  // namespace
}  // namespace bimi::svgps
