// A drawing over the byte budget even in whole numbers is traced as a picture from librsvg's
// render of the original, as a bitmap logo is, and judged against that render by the traced
// thresholds; refused as before when the picture is refused too, or with --no-trace-effects.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/fidelity.hpp"
#include "bimi/svgps/render.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

std::string changes_text(const ConvertResult& r) { return test::describe(r.changes) + test::describe(r.output_findings); }

const Diagnostic* find_change(const ConvertResult& r, Severity severity, std::string_view words) {
  for (const auto& d : r.changes.items()) {
    if (d.severity == severity && d.message.find(words) != std::string::npos) return &d;
  }
  return nullptr;
}

std::string matplotlib() { return test::read_bytes(test::fixtures() / "oversize" / "matplotlib.svg"); }

// 1,500 discs of 48 colours scattered at random (a fixed sequence): 90 KB of vectors, and a
// picture no palette or tracing precision can hold in 32 KiB either.
std::string confetti() {
  std::uint32_t state = 12345;
  auto next = [&](std::uint32_t below) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % below;
  };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\">";
  for (int i = 0; i < 1500; ++i) {
    const std::uint32_t colour = next(48);
    svg += "<circle cx=\"" + std::to_string(next(512)) + "\" cy=\"" + std::to_string(next(512)) + "\" r=\"" +
           std::to_string(2 + next(4)) + "\" fill=\"rgb(" + std::to_string(colour * 5) + "," +
           std::to_string(255 - colour * 5) + "," + std::to_string((colour * 97) % 256) + ")\"/>";
  }
  return svg + "</svg>";
}

TEST(PictureFallback, ADrawingOverTheBudgetInWholeNumbersIsTracedFromItsRender) {
  const std::string original = matplotlib();
  ConvertResult r = convert_svg(original, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_EQ(r.input_bytes, original.size());
  const Diagnostic* why = find_change(r, Severity::warning, "even at whole-number precision: traced as a picture");
  ASSERT_NE(why, nullptr) << changes_text(r);
  EXPECT_EQ(why->rule, "convert-traced");
  EXPECT_NE(find_change(r, Severity::note, "traced from a 1024×1024 render of the original"), nullptr) << changes_text(r);
  ASSERT_TRUE(r.trace);
  EXPECT_FALSE(r.changes.has_errors()) << changes_text(r);
  EXPECT_FALSE(r.output_findings.has_errors()) << changes_text(r);
  // Judged by the traced thresholds against the render it was traced from, and, measured here
  // on its own (on transparency, as the original is drawn), it renders like the original.
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim_traced);
  ConvertOptions bare;
  bare.background = ConvertOptions::Background::none;
  ConvertResult transparent = convert_svg(original, bare);
  ASSERT_TRUE(transparent.svg) << changes_text(transparent);
  std::string error;
  auto before = render_logo(original, 256, Limits{}, error);
  auto after = render_logo(*transparent.svg, 256, Limits{}, error);
  ASSERT_TRUE(before && after) << error;
  auto alike = compare_images(*before, *after, 1, EdgeSlack::none);
  ASSERT_TRUE(alike);
  EXPECT_GE(alike->ssim, 0.95);
  EXPECT_LT(alike->differing_share, 0.02);
  // The same bytes every time.
  EXPECT_EQ(*convert_svg(original, {}).svg, *r.svg);
}

TEST(PictureFallback, WithoutTracedEffectsTheDrawingOverTheBudgetIsRefused) {
  ConvertOptions untraced;
  untraced.trace_effects = false;
  ConvertResult r = convert_svg(matplotlib(), untraced);
  EXPECT_FALSE(r.svg);
  EXPECT_NE(find_change(r, Severity::error, "even at whole-number precision"), nullptr) << changes_text(r);
  EXPECT_EQ(find_change(r, Severity::note, "picture"), nullptr) << changes_text(r);
}

TEST(PictureFallback, ALogoThatFitsIsNeverTracedAsAPicture) {
  ConvertResult r = convert_svg(test::good_logo(), {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_FALSE(r.trace);
  EXPECT_EQ(find_change(r, Severity::warning, "picture"), nullptr) << changes_text(r);
}

// Refused when the picture is refused too: the drawing's own refusal first, then why the picture
// could not stand in for it.
TEST(PictureFallback, WhenThePictureIsRefusedTooBothReasonsAreGiven) {
  ConvertResult r = convert_svg(confetti(), {});
  EXPECT_FALSE(r.svg);
  ASSERT_TRUE(r.changes.has_errors());
  const Diagnostic* first = nullptr;
  for (const auto& d : r.changes.items()) {
    if (d.severity == Severity::error) {
      first = &d;
      break;
    }
  }
  EXPECT_NE(first->message.find("even at whole-number precision"), std::string::npos) << changes_text(r);
  EXPECT_NE(find_change(r, Severity::note, "traced as a picture of its render instead, it is refused too: "), nullptr)
      << changes_text(r);
}

}  // namespace
}  // namespace bimi::svgps
