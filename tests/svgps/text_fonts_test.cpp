// Font choice for text outlines: families in order, metric-compatible aliases, generic names, the
// documented fallback and synthetic styles. Only the fonts of the Debian packages that
// scripts/setup.sh installs (fonts-dejavu-core, fonts-liberation2) are assumed.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "text/outline.hpp"

namespace bimi::svgps::text {
namespace {

std::unique_ptr<Fonts> system_fonts() {
  std::string error;
  auto fonts = Fonts::create(error);
  EXPECT_NE(fonts, nullptr) << error;
  return fonts;
}

TextRun run_of(std::string text, std::vector<std::string> families, int weight = 400,
               bool italic = false) {
  TextRun run;
  run.text = std::move(text);
  run.font.families = std::move(families);
  run.font.size_px = 100;
  run.font.weight = weight;
  run.font.italic = italic;
  return run;
}

OutlinedText outline_ok(const TextRun& run, const Fonts& fonts) {
  std::string error;
  auto outlined = outline_text(run, fonts, error);
  EXPECT_TRUE(outlined.has_value()) << error;
  return outlined.value_or(OutlinedText{});
}

// True when fontconfig resolves `family` to itself: the Debian font package is installed.
bool has_family(const Fonts& fonts, const std::string& family) {
  std::string error;
  auto outlined = outline_text(run_of("A", {family}), fonts, error);
  return outlined && !outlined->fell_back && outlined->font_family_used == family;
}

#define REQUIRE_FAMILY(fonts, family, package)                                         \
  do {                                                                                 \
    if (!has_family(fonts, family))                                                    \
      GTEST_SKIP() << "font '" family "' is not installed: install the Debian package " \
                   << package << " (scripts/setup.sh)";                                \
  } while (false)

bool contains(const std::vector<std::string>& warnings, const std::string& text) {
  for (const auto& warning : warnings) {
    if (warning.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(TextFonts, CreatesFromTheSystemConfiguration) {
  std::string error;
  auto fonts = Fonts::create(error);
  ASSERT_NE(fonts, nullptr) << error;
  EXPECT_TRUE(error.empty());
}

TEST(TextFonts, MissingExtraFontFileIsAnError) {
  std::string error;
  FontsOptions options;
  options.system_fonts = false;
  options.extra_font_files = {"/nonexistent/NoSuchFont.ttf"};
  EXPECT_EQ(Fonts::create(options, error), nullptr);
  EXPECT_NE(error.find("NoSuchFont.ttf"), std::string::npos) << error;
}

TEST(TextFonts, ExtraFileThatIsNoFontIsAnError) {
  std::string error;
  FontsOptions options;
  options.system_fonts = false;
  options.extra_font_files = {std::string(BIMI_SOURCE_DIR) + "/docs/text-outlines.md"};
  EXPECT_EQ(Fonts::create(options, error), nullptr);
  EXPECT_NE(error.find("text-outlines.md"), std::string::npos) << error;
}

TEST(TextFonts, EmptyConfigurationHasNoUsableFont) {
  std::string error;
  FontsOptions options;
  options.system_fonts = false;
  auto empty = Fonts::create(options, error);
  ASSERT_NE(empty, nullptr) << error;
  EXPECT_FALSE(outline_text(run_of("Logo", {"Arial"}), *empty, error).has_value());
  EXPECT_NE(error.find("no usable font"), std::string::npos) << error;
}

TEST(TextFonts, NamedFamilyIsUsedAsIs) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Sans", "fonts-liberation2");
  auto outlined = outline_ok(run_of("Logo", {"Liberation Sans", "serif"}), *fonts);
  EXPECT_EQ(outlined.font_family_used, "Liberation Sans");
  EXPECT_FALSE(outlined.fell_back);
  EXPECT_NE(outlined.font_file.find("LiberationSans-Regular"), std::string::npos)
      << outlined.font_file;
  EXPECT_TRUE(outlined.warnings.empty());
}

TEST(TextFonts, FamilyNamesAreMatchedIgnoringCaseAndBlanks) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Sans", "fonts-liberation2");
  auto outlined = outline_ok(run_of("Logo", {"liberation  SANS"}), *fonts);
  EXPECT_EQ(outlined.font_family_used, "Liberation Sans");
  EXPECT_FALSE(outlined.fell_back);
}

TEST(TextFonts, CommonFamiliesMapToMetricCompatibleLiberationFonts) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Sans", "fonts-liberation2");
  // Each family and the metric-compatible faces fontconfig may give it: Liberation from
  // fonts-liberation2, or URW's (Nimbus) from fonts-urw-base35, which fontconfig prefers for the
  // PostScript names when ghostscript's fonts are installed.
  struct Alias {
    const char* asked;
    const char* liberation;
    const char* urw;
  };
  const Alias aliases[] = {
      {"Arial", "Liberation Sans", "Nimbus Sans"},      {"Helvetica", "Liberation Sans", "Nimbus Sans"},
      {"Times New Roman", "Liberation Serif", "Nimbus Roman"}, {"Times", "Liberation Serif", "Nimbus Roman"},
      {"Courier New", "Liberation Mono", "Nimbus Mono PS"},    {"Courier", "Liberation Mono", "Nimbus Mono PS"},
  };
  for (const auto& [asked, liberation, urw] : aliases) {
    auto outlined = outline_ok(run_of("Logo", {asked}), *fonts);
    // What matters is that the alias is honoured rather than treated as a fallback.
    EXPECT_FALSE(outlined.fell_back) << asked << " -> " << outlined.font_family_used;
    if (outlined.font_family_used != liberation && outlined.font_family_used != urw) {
      ADD_FAILURE() << asked << " resolved to " << outlined.font_family_used << ", expected " << liberation
                    << " or " << urw;
    }
  }
}

// librsvg draws a family fontconfig lacks with fontconfig's answer for it (its sans-serif), and
// so does the converter: the fidelity reference is librsvg's.
TEST(TextFonts, UnknownFamilyFallsBackToWhatFontconfigAnswersForIt) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "DejaVu Sans", "fonts-dejavu-core");
  auto outlined = outline_ok(run_of("Logo", {"No Such Family 9f3c"}), *fonts);
  EXPECT_TRUE(outlined.fell_back);
  EXPECT_EQ(outlined.font_family_used, outline_ok(run_of("Logo", {"sans-serif"}), *fonts).font_family_used);
  EXPECT_TRUE(contains(outlined.warnings, "No Such Family 9f3c")) << ::testing::PrintToString(outlined.warnings);
  EXPECT_TRUE(contains(outlined.warnings, "fallback"));
  EXPECT_FALSE(outlined.path.empty());
}

TEST(TextFonts, LaterFamilyIsUsedWhenTheFirstIsMissing) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Serif", "fonts-liberation2");
  auto outlined = outline_ok(run_of("Logo", {"No Such Family 9f3c", "Liberation Serif"}), *fonts);
  EXPECT_EQ(outlined.font_family_used, "Liberation Serif");
  // The author's first choice is not what the logo shows: say so.
  EXPECT_TRUE(outlined.fell_back);
  EXPECT_TRUE(contains(outlined.warnings, "No Such Family 9f3c"));
}

TEST(TextFonts, GenericFamiliesResolveWithoutFallingBack) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "DejaVu Sans", "fonts-dejavu-core");
  for (const char* generic : {"sans-serif", "serif", "monospace", "SANS-SERIF", "system-ui",
                              "ui-monospace", "cursive", "fantasy"}) {
    auto outlined = outline_ok(run_of("Logo", {generic}), *fonts);
    EXPECT_FALSE(outlined.fell_back) << generic;
    EXPECT_FALSE(outlined.font_family_used.empty()) << generic;
    EXPECT_FALSE(outlined.path.empty()) << generic;
  }
}

TEST(TextFonts, MonospaceGivesEqualAdvances) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "DejaVu Sans Mono", "fonts-dejavu-core");
  auto narrow = outline_ok(run_of("iiii", {"monospace"}), *fonts);
  auto wide = outline_ok(run_of("MMMM", {"monospace"}), *fonts);
  EXPECT_GT(narrow.advance, 0);
  EXPECT_NEAR(narrow.advance, wide.advance, 1e-9);
}

TEST(TextFonts, NoFamilyUsesTheDefaultWithoutCallingItAFallback) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "DejaVu Sans", "fonts-dejavu-core");
  auto outlined = outline_ok(run_of("Logo", {}), *fonts);
  EXPECT_EQ(outlined.font_family_used, std::string(kFallbackFamily));
  EXPECT_FALSE(outlined.fell_back);
  EXPECT_TRUE(outlined.warnings.empty());
}

TEST(TextFonts, BoldAndItalicPickTheRealFaces) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Sans", "fonts-liberation2");
  struct Case {
    int weight;
    bool italic;
    const char* file_part;
  };
  for (const Case& c : {Case{400, false, "LiberationSans-Regular"},
                        Case{700, false, "LiberationSans-Bold."},
                        Case{400, true, "LiberationSans-Italic"},
                        Case{700, true, "LiberationSans-BoldItalic"},
                        Case{900, false, "LiberationSans-Bold."}}) {
    auto outlined = outline_ok(run_of("Logo", {"Liberation Sans"}, c.weight, c.italic), *fonts);
    EXPECT_NE(outlined.font_file.find(c.file_part), std::string::npos)
        << c.weight << (c.italic ? " italic: " : ": ") << outlined.font_file;
    EXPECT_FALSE(outlined.synthetic_bold);
    EXPECT_FALSE(outlined.synthetic_oblique);
    EXPECT_FALSE(outlined.fell_back);
  }
}

TEST(TextFonts, BoldGlyphsAreHeavier) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "DejaVu Sans", "fonts-dejavu-core");
  auto regular = outline_ok(run_of("Logo", {"DejaVu Sans"}, 400), *fonts);
  auto bold = outline_ok(run_of("Logo", {"DejaVu Sans"}, 700), *fonts);
  EXPECT_NE(regular.font_file, bold.font_file);
  EXPECT_GT(bold.advance, regular.advance);
}

// With only a regular face available, bold and italic are synthesised, and the result says so.
TEST(TextFonts, SyntheticStylesWhenOnlyARegularFaceExists) {
  auto system = system_fonts();
  REQUIRE_FAMILY(*system, "DejaVu Sans", "fonts-dejavu-core");
  std::string regular_file = outline_ok(run_of("A", {"DejaVu Sans"}), *system).font_file;

  std::string error;
  FontsOptions options;
  options.system_fonts = false;
  options.extra_font_files = {regular_file};
  auto only_regular = Fonts::create(options, error);
  ASSERT_NE(only_regular, nullptr) << error;

  auto plain = outline_ok(run_of("Logo", {"DejaVu Sans"}), *only_regular);
  EXPECT_FALSE(plain.synthetic_bold);
  EXPECT_FALSE(plain.synthetic_oblique);
  EXPECT_EQ(plain.font_file, regular_file);

  auto bold = outline_ok(run_of("Logo", {"DejaVu Sans"}, 700), *only_regular);
  EXPECT_TRUE(bold.synthetic_bold);
  EXPECT_FALSE(bold.synthetic_oblique);
  EXPECT_GT(bold.advance, plain.advance);

  auto italic = outline_ok(run_of("Logo", {"DejaVu Sans"}, 400, true), *only_regular);
  EXPECT_TRUE(italic.synthetic_oblique);
  EXPECT_FALSE(italic.synthetic_bold);
  EXPECT_DOUBLE_EQ(italic.advance, plain.advance);

  auto medium = outline_ok(run_of("Logo", {"DejaVu Sans"}, 500), *only_regular);
  EXPECT_FALSE(medium.synthetic_bold);
}

TEST(TextFonts, WithoutSystemFontsAnUnknownFamilyFallsBackToWhatIsThere) {
  auto system = system_fonts();
  REQUIRE_FAMILY(*system, "Liberation Sans", "fonts-liberation2");
  std::string file = outline_ok(run_of("A", {"Liberation Sans"}), *system).font_file;

  std::string error;
  FontsOptions options;
  options.system_fonts = false;
  options.extra_font_files = {file};
  auto only_liberation = Fonts::create(options, error);
  ASSERT_NE(only_liberation, nullptr) << error;
  auto outlined = outline_ok(run_of("Logo", {"No Such Family 9f3c"}), *only_liberation);
  EXPECT_TRUE(outlined.fell_back);
  EXPECT_EQ(outlined.font_family_used, "Liberation Sans");
  EXPECT_TRUE(contains(outlined.warnings, "using fallback font 'Liberation Sans'"))
      << ::testing::PrintToString(outlined.warnings);
}

// A serif family that is missing is drawn by librsvg with fontconfig's serif, not a sans: the
// converter's fallback is the same face.
TEST(TextFonts, AMissingSerifFamilyFallsBackToASerifAsTheRendererDoes) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "DejaVu Serif", "fonts-dejavu-core");
  const std::string serif = outline_ok(run_of("Logo", {"serif"}), *fonts).font_family_used;
  ASSERT_NE(serif, std::string(kFallbackFamily));
  auto outlined = outline_ok(run_of("Logo", {"Georgia"}), *fonts);
  EXPECT_TRUE(outlined.fell_back);
  EXPECT_EQ(outlined.font_family_used, serif) << ::testing::PrintToString(outlined.warnings);
}

TEST(TextFonts, CachedChoicesGiveTheSameAnswer) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Sans", "fonts-liberation2");
  // More distinct requests than the caches hold, then the first again.
  auto first = outline_ok(run_of("Logo", {"Liberation Sans"}), *fonts);
  for (int weight = 100; weight <= 900; weight += 100) {
    for (const char* family : {"Liberation Serif", "Liberation Mono", "DejaVu Sans", "Arial"}) {
      outline_ok(run_of("x", {family}, weight, weight % 200 == 0), *fonts);
    }
  }
  auto again = outline_ok(run_of("Logo", {"Liberation Sans"}), *fonts);
  EXPECT_EQ(again.font_file, first.font_file);
  EXPECT_EQ(again.advance, first.advance);
  ASSERT_EQ(again.path.segments.size(), first.path.segments.size());
}

TEST(TextFonts, ManyDistinctRequestsStayCorrectPastTheCacheBound) {
  auto fonts = system_fonts();
  REQUIRE_FAMILY(*fonts, "Liberation Sans", "fonts-liberation2");
  auto reference = outline_ok(run_of("H", {"Liberation Sans"}, 400), *fonts);
  // 2,000 distinct weight/style requests: more than the choice cache keeps.
  for (int weight = 1; weight <= 1000; ++weight) {
    for (bool italic : {false, true}) {
      std::string error;
      auto outlined = outline_text(run_of("H", {"Liberation Sans"}, weight, italic), *fonts, error);
      ASSERT_TRUE(outlined.has_value()) << weight << ": " << error;
      ASSERT_FALSE(outlined->fell_back) << weight;
    }
  }
  auto again = outline_ok(run_of("H", {"Liberation Sans"}, 400), *fonts);
  EXPECT_EQ(again.font_file, reference.font_file);
  EXPECT_EQ(again.advance, reference.advance);
}

}  // namespace
}  // namespace bimi::svgps::text
