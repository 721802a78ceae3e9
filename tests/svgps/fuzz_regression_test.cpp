// Inputs the fuzzers found (fixtures/fuzz/<target>/), kept so that what was fixed stays fixed.
#include <gtest/gtest.h>

#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/lint.hpp"
#include "test_support.hpp"

namespace bimi::test {
namespace {

std::vector<std::filesystem::path> found_by(const std::string& target) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures() / "fuzz" / target)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Every input completes with a verdict; none may crash, hang or write a partial logo.
TEST(FuzzRegression, ConvertInputsEndInAVerdict) {
  std::vector<std::filesystem::path> files = found_by("convert");
  for (const auto& file : found_by("raster")) files.push_back(file);
  for (const auto& file : files) {
    std::string bytes = read_bytes(file);
    auto result = svgps::convert_logo(bytes, {});
    EXPECT_TRUE(result.svg || result.unreadable || result.changes.has_errors()) << file;
    auto lint = svgps::lint(bytes, {});
    EXPECT_FALSE(lint.diagnostics.items().empty()) << file;  // none of them is a compliant logo
  }
}

// A use fan-out far over the size budget is written out no further than the budget, each
// element's notes said once, not once per instance; what it draws (one picture of few colours) is
// traced from its render instead. Without tracing it is refused before any render.
TEST(FuzzRegression, UseFanOutOverBudgetIsRefusedAtOnce) {
  const std::string bytes = read_bytes(fixtures() / "fuzz" / "convert" / "use-fan-out-over-budget.svg");
  auto result = svgps::convert_svg(bytes, {});
  EXPECT_TRUE(result.svg) << describe(result.changes);
  EXPECT_LT(result.changes.items().size(), 50u) << describe(result.changes);
  EXPECT_NE(describe(result.changes).find("even at whole-number precision: traced as a picture"), std::string::npos);
  svgps::ConvertOptions untraced;
  untraced.trace_effects = false;
  auto refused = svgps::convert_svg(bytes, untraced);
  EXPECT_FALSE(refused.svg);
  EXPECT_NE(describe(refused.changes).find("even at whole-number precision"), std::string::npos);
  EXPECT_FALSE(refused.fidelity);
}

// A noisy JPEG that fits no attempt tries a handful of palettes, not one per colour count, and
// flat colours that do not fit are not retried with finer (larger) ones.
TEST(FuzzRegression, NoisyBitmapTriesAHandfulOfAttempts) {
  auto result = svgps::convert_raster(read_bytes(fixtures() / "fuzz" / "raster" / "noisy-jpeg-over-every-attempt.jpg"), {});
  EXPECT_FALSE(result.svg);
  EXPECT_TRUE(result.changes.has_errors());
  EXPECT_EQ(describe(result.changes).find("finer colour steps"), std::string::npos);
}

// A path whose coordinates run to 10^104 made the margin advice convert a margin far past any int
// (undefined behaviour). --margin takes at most 100: past that there is no advice to give.
TEST(FuzzRegression, NoMarginAdviceBeyondWhatMarginTakes) {
  auto result = svgps::convert_svg(read_bytes(fixtures() / "fuzz" / "convert" / "margin-advice-coordinate-far-off.svg"), {});
  for (const auto& d : result.output_findings.items()) {
    EXPECT_EQ(d.message.find("--margin"), std::string::npos) << d.message;
  }
}

}  // namespace
}  // namespace bimi::test
