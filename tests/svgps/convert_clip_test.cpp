// clip-path in bimi convert: what a clip leaves whole keeps its own path, and
// what it cuts keeps its curves between the cut points.
#include <gtest/gtest.h>

#include <string>

#include "bimi/svgps/convert.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

std::string changes_text(const ConvertResult &r) {
  return test::describe(r.changes) + test::describe(r.output_findings);
}

bool has_change(const ConvertResult &r, std::string_view words) {
  for (const auto &d : r.changes.items()) {
    if (d.rule == "convert-clip" && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

std::string logo(const std::string &body) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 "
         "512\"><rect width=\"512\" height=\"512\" "
         "fill=\"#fff\"/>" +
         body + "</svg>";
}

ConvertResult convert_faithfully(const std::string &svg) {
  ConvertResult r = convert_svg(svg, {});
  EXPECT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(r.fidelity);
  if (r.svg && r.fidelity) {
    EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
    EXPECT_LE(r.fidelity->differing_share, 0.005);
  }
  return r;
}

const std::string circle_clip =
    "<defs><clipPath id=\"c\"><circle cx=\"256\" "
    "cy=\"256\" r=\"240\"/></clipPath></defs>";

TEST(ConvertClip, AFillWhollyInsideACircularClipKeepsItsOwnPath) {
  // Artwork that stays inside the clip, as editors leave it under a circular
  // crop.
  const std::string art =
      "<path d=\"M256 80C360 80 420 160 420 256S360 430 256 430 90 360 90 256 "
      "150 80 256 80z\" fill=\"#c00\"/>";
  ConvertResult clipped = convert_faithfully(logo(circle_clip + "<g clip-path=\"url(#c)\">" + art + "</g>"));
  ConvertResult plain = convert_faithfully(logo(art));
  ASSERT_TRUE(clipped.svg && plain.svg);
  EXPECT_EQ(*clipped.svg, *plain.svg);
  EXPECT_TRUE(has_change(clipped, "clip-path removed: it does not cut anything drawn")) << changes_text(clipped);
}

TEST(ConvertClip, AFillTheClipFollowsWithinTheToleranceIsNotCut) {
  // The artwork is the clip's own circle: what lies outside is a flattening
  // sliver, not a cut.
  const std::string art = "<circle cx=\"256\" cy=\"256\" r=\"240\" fill=\"#06c\"/>";
  ConvertResult clipped = convert_faithfully(logo(circle_clip + "<g clip-path=\"url(#c)\">" + art + "</g>"));
  ConvertResult plain = convert_faithfully(logo(art));
  ASSERT_TRUE(clipped.svg && plain.svg);
  EXPECT_EQ(*clipped.svg, *plain.svg);
}

TEST(ConvertClip, ASmallCompactPieceOutsideTheClipIsStillCut) {
  // A 2 × 3 px tab past the clip's edge: less area than a tolerance-wide band
  // along the shape's box, but no sliver; it must be cut away.
  const std::string art =
      "<path d=\"M256 56A200 200 0 1 1 255.9 56zM494 "
      "254h4v3h-4z\" fill=\"#080\"/>";
  ConvertResult clipped = convert_faithfully(logo(circle_clip + "<g clip-path=\"url(#c)\">" + art + "</g>"));
  ConvertResult plain = convert_faithfully(logo(art));
  ASSERT_TRUE(clipped.svg && plain.svg);
  EXPECT_NE(*clipped.svg, *plain.svg);
  EXPECT_TRUE(has_change(clipped, "clip-path applied to the shape's geometry")) << changes_text(clipped);
}

}  // namespace
}  // namespace bimi::svgps
