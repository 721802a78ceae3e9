// What a drawing over the byte budget becomes. Its line vertices that lie within rounding of the
// lines replacing them are left out first; a drawing still over the budget even in whole numbers
// is traced as a picture from librsvg's render of the original, as a bitmap logo is, and judged
// against that render by the traced thresholds; refused as before when the picture is refused
// too, or with --no-trace-effects.
#include <gtest/gtest.h>

#include <cmath>
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

std::string oversize(const std::string& name) {
  return test::read_bytes(test::fixtures() / "oversize" / (name + ".svg"));
}

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

// Six hexagons whose edges are drawn as `steps` tiny line segments each, every other vertex
// 0.004 units off the edge, less than rounding to the 2 decimals a logo 300 units wide is written
// with moves it (an auto-traced export).
std::string stepped_hexagons(int steps) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\">";
  const char* colours[] = {"#ff4088", "#c9177e", "#0594cb", "#0a7bb0", "#33ba91", "#00a88a"};
  for (int h = 0; h < 6; ++h) {
    const double cx = 50 + 100 * (h % 3), cy = 50 + 100 * (h / 3), r = 45;
    svg += "<path fill=\"" + std::string(colours[h]) + "\" d=\"M" + std::to_string(cx + r) + " " + std::to_string(cy);
    for (int corner = 0; corner < 6; ++corner) {
      const double a0 = corner * M_PI / 3, a1 = (corner + 1) * M_PI / 3;
      for (int i = 1; i <= steps; ++i) {
        const double t = static_cast<double>(i) / steps, off = i % 2 ? 0.004 : 0;
        const double x = cx + r * ((1 - t) * std::cos(a0) + t * std::cos(a1)) + off * std::cos((a0 + a1) / 2);
        const double y = cy + r * ((1 - t) * std::sin(a0) + t * std::sin(a1)) + off * std::sin((a0 + a1) / 2);
        svg += "L" + std::to_string(x) + " " + std::to_string(y);
      }
    }
    svg += "Z\"/>";
  }
  return svg + "</svg>";
}

TEST(ThinnedLines, ADrawingOverTheBudgetLeavesOutVerticesWithinRounding) {
  const std::string original = stepped_hexagons(300);
  ASSERT_GT(original.size(), 2 * ConvertOptions{}.max_bytes);
  ConvertResult r = convert_svg(original, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_NE(find_change(r, Severity::note, "line vertices within rounding of their neighbours left out to fit"), nullptr)
      << changes_text(r);
  EXPECT_EQ(find_change(r, Severity::warning, "picture"), nullptr) << changes_text(r);
  EXPECT_FALSE(r.trace);
  // Vectors still, judged by the vector thresholds.
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing);
  EXPECT_EQ(*convert_svg(original, {}).svg, *r.svg);
}

// A real export: letters and a chart of dashes with rounded ends (cubics a fraction of a unit
// across, flat at the precision written), three times the budget as written.
TEST(ThinnedLines, ARealExportFitsInVectors) {
  const std::string original = oversize("matplotlib");
  ConvertResult r = convert_svg(original, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_NE(find_change(r, Severity::note, "line vertices within rounding of their neighbours left out to fit"), nullptr)
      << changes_text(r);
  EXPECT_FALSE(r.trace);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing);
}

TEST(ThinnedLines, ALogoThatFitsKeepsEveryVertex) {
  const std::string original = stepped_hexagons(12);
  ConvertResult r = convert_svg(original, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_EQ(find_change(r, Severity::note, "line vertices"), nullptr) << changes_text(r);
  // Every step of every edge is still drawn: 6 × 6 × 12 vertices, each a line command or a pair
  // of numbers after one.
  EXPECT_GT(r.svg->size(), 6u * 6u * 12u * 6u);
}

// Pictures are rendered and traced at up to three sizes: under the sanitizers that can take
// longer than the per-file time limit, which these tests are not about.
ConvertOptions unhurried() {
  ConvertOptions options;
  options.limits.max_seconds_per_file = 600;
  return options;
}

TEST(PictureFallback, ADrawingOverTheBudgetIsTracedFromItsRender) {
  const std::string original = oversize("sugarss");
  ConvertResult r = convert_svg(original, unhurried());
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_EQ(r.input_bytes, original.size());
  // Thinned, the drawing fits only in whole numbers on the coarsest grid, where it no longer
  // looks the same.
  const Diagnostic* why = find_change(
      r, Severity::warning, "over the limit of 32768, and lower precision would change how it looks: traced as a picture");
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
  ConvertOptions bare = unhurried();
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
  EXPECT_EQ(*convert_svg(original, unhurried()).svg, *r.svg);
}

TEST(PictureFallback, WithoutTracedEffectsTheDrawingOverTheBudgetIsRefused) {
  ConvertOptions untraced = unhurried();
  untraced.trace_effects = false;
  ConvertResult r = convert_svg(oversize("sugarss"), untraced);
  EXPECT_FALSE(r.svg);
  EXPECT_NE(find_change(r, Severity::error, "over the limit of 32768"), nullptr) << changes_text(r);
  EXPECT_EQ(find_change(r, Severity::note, "picture"), nullptr) << changes_text(r);
}

TEST(PictureFallback, ALogoThatFitsIsNeverTracedAsAPicture) {
  ConvertResult r = convert_svg(test::good_logo(), {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_FALSE(r.trace);
  EXPECT_EQ(find_change(r, Severity::warning, "picture"), nullptr) << changes_text(r);
}

// An engraving whose trace from a 1,024 px render is still over the budget is traced from a
// coarser render (never coarser than the gate judges), which holds fewer strokes.
TEST(PictureFallback, WhenThePictureIsOverTheBudgetACoarserRenderIsTraced) {
  const std::string original = oversize("lerna");
  ConvertResult r = convert_svg(original, unhurried());
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_NE(find_change(r, Severity::warning, "traced as a picture of the original's render instead"), nullptr)
      << changes_text(r);
  EXPECT_NE(find_change(r, Severity::note, "traced from a 256×256 render of the original"), nullptr) << changes_text(r);
  EXPECT_FALSE(r.changes.has_errors()) << changes_text(r);
  EXPECT_FALSE(r.output_findings.has_errors()) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim_traced);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing_traced);
  EXPECT_EQ(*convert_svg(original, unhurried()).svg, *r.svg);
  // With a budget no render's trace fits, every size is tried and named in the refusal.
  ConvertOptions small = unhurried();
  small.max_bytes = 8192;
  ConvertResult refused = convert_svg(original, small);
  EXPECT_FALSE(refused.svg);
  EXPECT_NE(find_change(refused, Severity::note, "(renders of 1024, 512 and 256 px tried)"), nullptr)
      << changes_text(refused);
}

// A filter whose traced result alone is over the budget leaves a drawing that does not fit
// either: the whole is traced as a picture of its render, and the warning names the filter.
// --force drops the filter instead, as before; --no-trace-effects refuses.
TEST(PictureFallback, AnEffectWhoseTraceIsOverTheBudgetIsTracedAsAPictureOfTheWhole) {
  const std::string original = oversize("vibration-mode");
  ConvertResult r = convert_svg(original, unhurried());
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  const Diagnostic* why = find_change(r, Severity::warning, "more than the 32768 a whole logo may): traced as a picture");
  ASSERT_NE(why, nullptr) << changes_text(r);
  EXPECT_NE(why->message.find("in vectors, filter \"url(#"), std::string::npos) << why->message;
  EXPECT_EQ(why->message.find("cannot be represented"), std::string::npos) << why->message;
  EXPECT_NE(find_change(r, Severity::note, "traced from a 1024×1024 render of the original"), nullptr) << changes_text(r);
  EXPECT_FALSE(r.changes.has_errors()) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim_traced);
  ConvertOptions forced = unhurried();
  forced.force = true;
  ConvertResult dropped = convert_svg(original, forced);
  ASSERT_TRUE(dropped.svg) << changes_text(dropped);
  EXPECT_FALSE(dropped.trace);
  ConvertOptions untraced = unhurried();
  untraced.trace_effects = false;
  ConvertResult refused = convert_svg(original, untraced);
  EXPECT_FALSE(refused.svg);
  EXPECT_EQ(find_change(refused, Severity::note, "picture"), nullptr) << changes_text(refused);
}

// Refused when the picture is refused too: the drawing's own refusal first, then why the picture
// could not stand in for it.
TEST(PictureFallback, WhenThePictureIsRefusedTooBothReasonsAreGiven) {
  ConvertResult r = convert_svg(confetti(), unhurried());
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

// A shaded illustration whose picture traced from a 1,024 px render fits a 1,600-byte budget
// only in colours too few to be alike: a coarser render leaves more of the budget to colours,
// and that picture renders alike.
TEST(PictureFallback, WhenThePictureIsNotAlikeACoarserRenderIsTraced) {
  ConvertOptions small = unhurried();
  small.max_bytes = 1600;
  ConvertResult r = convert_svg(oversize("sugarss"), small);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), small.max_bytes);
  EXPECT_NE(find_change(r, Severity::note, "traced from a 512×512 render of the original"), nullptr) << changes_text(r);
  EXPECT_FALSE(r.changes.has_errors()) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim_traced);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing_traced);
}

// A picture that fits but does not render like the original says how far it is from passing:
// its colours, the render it was traced from, its figures and the gate's.
TEST(PictureFallback, APictureRefusedForFidelityGivesItsFiguresAndTheGates) {
  ConvertOptions small = unhurried();
  small.max_bytes = 1300;
  ConvertResult r = convert_svg(oversize("sugarss"), small);
  EXPECT_FALSE(r.svg);
  const Diagnostic* note = find_change(r, Severity::note, "it is refused too: the converted logo does not render");
  ASSERT_NE(note, nullptr) << changes_text(r);
  EXPECT_NE(note->message.find("(renders of 1024, 512 and 256 px tried; closest: "), std::string::npos) << note->message;
  EXPECT_NE(note->message.find(" px render: SSIM 0."), std::string::npos) << note->message;
  EXPECT_NE(note->message.find("% of pixels differing; the gate asks for SSIM 0.850 and at most 5.00%)"),
            std::string::npos)
      << note->message;
}

// The picture search steps down in colours coarsely, and the first trace of the bear within the
// budget is not alike at any render size. The steps it skipped (colour counts between, finer
// tracing) are tried before the picture is refused, and one traced from the 1,024 px render is.
TEST(PictureFallback, ColourCountsTheSearchSteppedOverAreTriedBeforeRefusing) {
  ConvertResult r = convert_svg(oversize("zustand"), unhurried());
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_NE(find_change(r, Severity::note, "traced from a 1024×1024 render of the original"), nullptr) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim_traced);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing_traced);
  // The picture's circle-crop warning gives its margin advice once.
  for (const auto& d : r.output_findings.items()) {
    if (d.rule != "circle-crop") continue;
    const auto first = d.message.find("clears it)");
    ASSERT_NE(first, std::string::npos) << d.message;
    EXPECT_EQ(d.message.find("clears it)", first + 1), std::string::npos) << d.message;
  }
}

}  // namespace
}  // namespace bimi::svgps
