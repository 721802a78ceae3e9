// clip-path in bimi convert: what a clip leaves whole keeps its own path, and what it cuts keeps
// its curves between the cut points.
#include <gtest/gtest.h>

#include <string>

#include "bimi/svgps/convert.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

std::string changes_text(const ConvertResult& r) { return test::describe(r.changes) + test::describe(r.output_findings); }

bool has_change(const ConvertResult& r, std::string_view words) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == "convert-clip" && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

ConvertResult convert_faithfully(const std::string& svg) {
  ConvertResult r = convert_svg(svg, {});
  EXPECT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(r.fidelity);
  if (r.svg && r.fidelity) {
    EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
    EXPECT_LE(r.fidelity->differing_share, 0.005);
  }
  return r;
}

// `art` on a white square, converted under a circular clip and without it.
struct ClippedAndPlain {
  ConvertResult clipped, plain;
};

ClippedAndPlain under_circle_clip(const std::string& art) {
  auto logo = [](const std::string& body) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\"><rect width=\"512\" height=\"512\" "
           "fill=\"#fff\"/>" + body + "</svg>";
  };
  const std::string clip = "<defs><clipPath id=\"c\"><circle cx=\"256\" cy=\"256\" r=\"240\"/></clipPath></defs>";
  ClippedAndPlain both{convert_faithfully(logo(clip + "<g clip-path=\"url(#c)\">" + art + "</g>")),
                       convert_faithfully(logo(art))};
  EXPECT_TRUE(both.clipped.svg && both.plain.svg);
  return both;
}

TEST(ConvertClip, AFillWhollyInsideACircularClipKeepsItsOwnPath) {
  // Artwork that stays inside the clip, as editors leave it under a circular crop.
  auto r = under_circle_clip(
      "<path d=\"M256 80C360 80 420 160 420 256S360 430 256 430 90 360 90 256 150 80 256 80z\" fill=\"#c00\"/>");
  ASSERT_TRUE(r.clipped.svg && r.plain.svg);
  EXPECT_EQ(*r.clipped.svg, *r.plain.svg);
  EXPECT_TRUE(has_change(r.clipped, "clip-path removed: it does not cut anything drawn")) << changes_text(r.clipped);
}

TEST(ConvertClip, AFillTheClipFollowsWithinTheToleranceIsNotCut) {
  // The artwork is the clip's own circle: what lies outside is a flattening sliver, not a cut.
  auto r = under_circle_clip("<circle cx=\"256\" cy=\"256\" r=\"240\" fill=\"#06c\"/>");
  ASSERT_TRUE(r.clipped.svg && r.plain.svg);
  EXPECT_EQ(*r.clipped.svg, *r.plain.svg);
}

TEST(ConvertClip, ASmallCompactPieceOutsideTheClipIsStillCut) {
  // A 2 × 3 px tab past the clip's edge: less area than a tolerance-wide band along the shape's
  // box, but no sliver; it must be cut away.
  auto r = under_circle_clip("<path d=\"M256 56A200 200 0 1 1 255.9 56zM494 254h4v3h-4z\" fill=\"#080\"/>");
  ASSERT_TRUE(r.clipped.svg && r.plain.svg);
  EXPECT_NE(*r.clipped.svg, *r.plain.svg);
  EXPECT_TRUE(has_change(r.clipped, "clip-path applied to the shape's geometry")) << changes_text(r.clipped);
}

// An Illustrator export: artwork cropped by a circle and a badge cropped by a rounded square, each
// clip a <use> of a shape in <defs>. With every cut flattened it came out at 9,364 bytes.
TEST(ConvertClip, AnExportCutByCurvedClipsKeepsItsCurves) {
  ConvertResult r = convert_faithfully(test::read_bytes(test::fixtures() / "convert" / "clipped-badge.svg"));
  ASSERT_TRUE(r.svg);
  EXPECT_LT(r.svg->size(), 1500u);
  EXPECT_EQ(r.svg->find("clip"), std::string::npos);
  // Every drawn path but the white background keeps curve commands, the cut ones included.
  int curved = 0;
  for (std::size_t at = r.svg->find(" d=\""); at != std::string::npos; at = r.svg->find(" d=\"", at + 1)) {
    std::string d = r.svg->substr(at + 4, r.svg->find('"', at + 4) - at - 4);
    curved += d.find_first_of("CcSsQqTtAa") != std::string::npos;
  }
  EXPECT_EQ(curved, 7) << *r.svg;
}

// SVG 1.1 §14.3.5: a <use> inside a clipPath must name a shape or text directly. One that names a
// group adds nothing to the clip, as librsvg and browsers draw it; the converter refused it.
TEST(ConvertClip, AUseOfAGroupInsideAClipPathAddsNothing) {
  auto r = convert_faithfully(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 100 100\">"
      "<defs><g id=\"g\"><circle cx=\"50\" cy=\"50\" r=\"30\"/></g><circle id=\"dot\" cx=\"30\" cy=\"30\" r=\"10\"/>"
      "<clipPath id=\"c\"><use xlink:href=\"#g\"/><use xlink:href=\"#dot\"/></clipPath></defs>"
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
      "<rect width=\"100\" height=\"100\" fill=\"#c00\" clip-path=\"url(#c)\"/></svg>");
  ASSERT_TRUE(r.svg);
  EXPECT_TRUE(has_change(r, "<use> of a group inside a clipPath adds nothing to the clip")) << changes_text(r);
  EXPECT_NE(r.svg->find("#c00"), std::string::npos) << *r.svg;  // the dot the other <use> names still clips
}

}  // namespace
}  // namespace bimi::svgps
