#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "bimi/svgps/raster.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& relative) { return std::string(BIMI_FIXTURES_DIR) + "/" + relative; }
std::string q(const fs::path& p) { return shell_quote(p.string()); }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::recursive_directory_iterator(dir), fs::recursive_directory_iterator()));
}

TEST(CliConvert, ConvertsAndReports) {
  TempDir dir;
  fs::path out = dir.path() / "logo.svg";
  RunResult r = run_bimi("convert " + q(fixture("convert/inkscape.svg")) + " -o " + q(out));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("fidelity SSIM"), std::string::npos);
  EXPECT_NE(r.out.find("[convert-css]"), std::string::npos);
  EXPECT_EQ(run_bimi("check " + q(out)).exit_code, 0);
  EXPECT_EQ(entries(dir.path()), 1u);
}

// scripts/demo.sh (the README's first command) converts this sample; it must keep converting.
TEST(CliConvert, TheDemoSampleConverts) {
  TempDir dir;
  fs::path out = dir.path() / "demo.svg";
  RunResult r = run_bimi("convert " + q(std::string(BIMI_SOURCE_DIR) + "/samples/needs-work/inkscape-export.svg") + " -o " + q(out));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(run_bimi("check " + q(out)).exit_code, 0);
}

TEST(CliConvert, TheDemoBitmapConverts) {
  TempDir dir;
  fs::path out = dir.path() / "bitmap.svg";
  RunResult r = run_bimi("convert " + q(std::string(BIMI_SOURCE_DIR) + "/samples/bitmap/logo.jpg") + " -o " + q(out));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(run_bimi("check " + q(out)).exit_code, 0);
}

TEST(CliConvert, SameBytesEveryTime) {
  TempDir dir;
  run_bimi("convert " + q(fixture("convert/figma.svg")) + " -o " + q(dir.path() / "a.svg"));
  run_bimi("convert " + q(fixture("convert/figma.svg")) + " -o " + q(dir.path() / "b.svg"));
  EXPECT_EQ(read(dir.path() / "a.svg"), read(dir.path() / "b.svg"));
  EXPECT_FALSE(read(dir.path() / "a.svg").empty());
}

TEST(CliConvert, RefusalWritesNothingAndExitsOne) {
  TempDir dir;
  fs::path out = dir.path() / "out.svg";
  RunResult r = run_bimi("convert " + q(fixture("convert/filter-unknown.svg")) + " -o " + q(out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("filter-unknown.svg:5:1: error:"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(entries(dir.path()), 0u);
  EXPECT_EQ(run_bimi("convert --force " + q(fixture("convert/filter-unknown.svg")) + " -o " + q(out)).exit_code, 0);
  EXPECT_TRUE(fs::exists(out));
}

// A blur is rendered and traced in place unless --no-trace-effects asks for the refusal.
TEST(CliConvert, NoTraceEffectsRefusesBlurs) {
  TempDir dir;
  fs::path out = dir.path() / "out.svg";
  RunResult traced = run_bimi("convert " + q(fixture("convert/filter.svg")) + " -o " + q(out));
  EXPECT_EQ(traced.exit_code, 0) << traced.out;
  EXPECT_NE(traced.out.find("[convert-traced]"), std::string::npos) << traced.out;
  fs::remove(out);
  RunResult refused = run_bimi("convert --no-trace-effects " + q(fixture("convert/filter.svg")) + " -o " + q(out));
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("filter.svg:5:1: error:"), std::string::npos) << refused.out;
  EXPECT_FALSE(fs::exists(out));
}

// A drawing over the budget even in whole numbers is traced as a picture of its render: the
// warning says why, the JSON report gives the trace's settings as for a bitmap; with
// --no-trace-effects it is refused and nothing is written.
TEST(CliConvert, ADrawingOverTheBudgetIsTracedAsAPicture) {
  TempDir dir;
  fs::path out = dir.path() / "out.svg";
  RunResult traced = run_bimi("convert --format json " + q(fixture("oversize/sugarss.svg")) + " -o " + q(out));
  ASSERT_EQ(traced.exit_code, 0) << traced.out;
  auto file = nlohmann::json::parse(traced.out)["files"][0];
  EXPECT_EQ(file["status"], "converted");
  EXPECT_TRUE(file.contains("trace")) << traced.out;
  bool warned = false;
  for (const auto& c : file["changes"]) {
    warned = warned || (c["severity"] == "warning" &&
                        c["message"].get<std::string>().find("traced as a picture of the original's render") != std::string::npos);
  }
  EXPECT_TRUE(warned) << traced.out;
  EXPECT_LE(fs::file_size(out), 32768u);
  EXPECT_EQ(run_bimi("check --profile strict " + q(out)).exit_code, 0);
  fs::remove(out);
  RunResult refused = run_bimi("convert --no-trace-effects " + q(fixture("oversize/sugarss.svg")) + " -o " + q(out));
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("over the limit of 32768"), std::string::npos) << refused.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliConvert, NeverOverwritesItsInput) {
  TempDir dir;
  fs::path logo = dir.path() / "logo.svg";
  fs::copy_file(fixture("convert/sketch.svg"), logo);
  std::string before = read(logo);
  EXPECT_EQ(run_bimi("convert " + q(logo) + " -o " + q(logo)).exit_code, 2);
  EXPECT_EQ(run_bimi("convert " + q(logo) + " -o " + q(dir.path() / "." / "logo.svg")).exit_code, 2);
  EXPECT_EQ(read(logo), before);
}

TEST(CliConvert, UnreadableAndUnwritable) {
  TempDir dir;
  EXPECT_EQ(run_bimi("convert " + q(fixture("rules/xml-malformed/fail-unclosed.svg")) + " -o " + q(dir.path() / "x.svg")).exit_code, 3);
  EXPECT_EQ(run_bimi("convert " + q(dir.path() / "missing.svg") + " -o " + q(dir.path() / "x.svg")).exit_code, 3);
  fs::path blocked = dir.path() / "file";
  std::ofstream(blocked) << "not a directory";
  EXPECT_EQ(run_bimi("convert " + q(fixture("convert/wide.svg")) + " -o " + q(blocked / "x.svg")).exit_code, 4);
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(CliConvert, OutDirMirrorsInputsAndReportsJson) {
  TempDir dir;
  fs::path out = dir.path() / "out";
  RunResult r = run_bimi("convert --format json " + q(fixture("convert")) + " --out-dir " + q(out) + " -j 2");
  EXPECT_EQ(r.exit_code, 1);  // filter-unknown.svg and other inputs are refused
  auto json = nlohmann::json::parse(r.out);
  std::size_t converted = 0;
  for (const auto& f : json["files"]) {
    if (f["status"] == "converted") {
      ++converted;
      EXPECT_TRUE(fs::exists(f["output"].get<std::string>()));
      // The gate's: 0.93, and 0.85 for traced bitmaps and filter results (a lit surface: 0.93).
      EXPECT_GE(f["fidelity"]["ssim"].get<double>(), 0.9);
    }
  }
  EXPECT_EQ(json["converted"].get<std::size_t>(), converted);
  EXPECT_GE(converted, 10u);
  EXPECT_TRUE(fs::exists(out / "sketch.svg"));
  EXPECT_TRUE(fs::exists(out / "sketch-expected.svg"));
  EXPECT_FALSE(fs::exists(out / "filter-unknown.svg"));
}

TEST(CliConvert, UsageErrors) {
  EXPECT_EQ(run_bimi("convert " + q(fixture("convert/wide.svg"))).exit_code, 2);  // no -o or --out-dir
  EXPECT_EQ(run_bimi("convert " + q(fixture("convert/wide.svg")) + " " + q(fixture("convert/figma.svg")) + " -o /tmp/x.svg").exit_code, 2);
  EXPECT_EQ(run_bimi("convert --fit page " + q(fixture("convert/wide.svg")) + " -o /tmp/x.svg").exit_code, 2);
  EXPECT_EQ(run_bimi("convert --precision 9 " + q(fixture("convert/wide.svg")) + " -o /tmp/x.svg").exit_code, 2);
  EXPECT_EQ(run_bimi("convert --help").exit_code, 0);
}

TEST(CliConvert, OptionsReachTheOutput) {
  TempDir dir;
  fs::path out = dir.path() / "o.svg";
  RunResult r = run_bimi("convert " + q(fixture("convert/wide.svg")) + " -o " + q(out) +
                         " --title 'Wide Co' --desc 'A wide mark' --background '#123456' --margin 10 --precision 1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::string svg = read(out);
  EXPECT_NE(svg.find("<title>Wide Co</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc>A wide mark</desc>"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#123456\""), std::string::npos);
  EXPECT_NE(svg.find("viewBox=\"-30 -130 360 360\""), std::string::npos) << svg;
}

TEST(CliConvert, TracesBitmapsByContent) {
  TempDir dir;
  // A JPEG named .png is still a JPEG.
  fs::copy_file(fixture("raster/logo-baseline.jpg"), dir.path() / "mislabelled.png");
  fs::path out = dir.path() / "traced.svg";
  RunResult r = run_bimi("convert " + q(dir.path() / "mislabelled.png") + " -o " + q(out) + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto json = nlohmann::json::parse(r.out);
  const auto& file = json["files"][0];
  EXPECT_EQ(file["status"], "converted");
  EXPECT_EQ(file["trace"]["colors"], 3);
  EXPECT_GE(file["fidelity"]["ssim"].get<double>(), 0.95);
  EXPECT_EQ(run_bimi("check --profile strict " + q(out)).exit_code, 0);
}

TEST(CliConvert, BrokenBitmapsExitThreeAndWriteNothing) {
  for (const char* name : {"raster/broken-truncated.png", "raster/broken-bomb.png", "raster/broken-crc.png",
                           "raster/broken-truncated.jpg"}) {
    TempDir dir;
    fs::path out = dir.path() / "out.svg";
    RunResult r = run_bimi("convert " + q(fixture(name)) + " -o " + q(out));
    EXPECT_EQ(r.exit_code, 3) << name << "\n" << r.out;
    EXPECT_NE(r.out.find("[input-unreadable]"), std::string::npos) << r.out;
    EXPECT_EQ(entries(dir.path()), 0u) << name;
  }
}

TEST(CliConvert, BitmapOptions) {
  TempDir dir;
  fs::path out = dir.path() / "o.svg";
  RunResult two = run_bimi("convert " + q(fixture("raster/logo-rgba.png")) + " -o " + q(out) + " --colors 2 --format json");
  ASSERT_EQ(two.exit_code, 0) << two.out;
  EXPECT_LE(nlohmann::json::parse(two.out)["files"][0]["trace"]["colors"].get<int>(), 2);
  RunResult tiny = run_bimi("convert " + q(fixture("raster/logo-rgba.png")) + " -o " + q(dir.path() / "t.svg") +
                            " --max-bytes 1024");
  if (tiny.exit_code == 0) {
    EXPECT_LE(fs::file_size(dir.path() / "t.svg"), 1024u);
  } else {
    EXPECT_EQ(tiny.exit_code, 1) << tiny.out;
    EXPECT_NE(tiny.out.find("over the limit of 1024"), std::string::npos) << tiny.out;
  }
  EXPECT_EQ(run_bimi("convert --max-bytes 40000 " + q(fixture("raster/logo-rgba.png")) + " -o " + q(out)).exit_code, 2);
  EXPECT_EQ(run_bimi("convert --colors 0 " + q(fixture("raster/logo-rgba.png")) + " -o " + q(out)).exit_code, 2);
}

TEST(CliConvert, DirectoriesIncludeBitmaps) {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  fs::copy_file(fixture("raster/logo-palette.png"), dir.path() / "in" / "a.png");
  fs::copy_file(fixture("raster/logo-grey.jpg"), dir.path() / "in" / "b.JPG");
  fs::copy_file(fixture("convert/figma.svg"), dir.path() / "in" / "c.svg");
  RunResult r = run_bimi("convert " + q(dir.path() / "in") + " --out-dir " + q(dir.path() / "out"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "a.svg"));
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "b.svg"));
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "c.svg"));
}

TEST(CliConvert, CompareTakesABitmap) {
  TempDir dir;
  fs::path out = dir.path() / "o.svg";
  ASSERT_EQ(run_bimi("convert " + q(fixture("raster/logo-rgba.png")) + " -o " + q(out) + " --background none").exit_code, 0);
  RunResult r = run_bimi("compare " + q(out) + " " + q(fixture("raster/logo-rgba.png")) + " --size 160 --format json");
  EXPECT_NE(r.exit_code, 3) << r.out;
  EXPECT_GE(nlohmann::json::parse(r.out)["ssim"].get<double>(), 0.95);
}

TEST(CliConvert, CompareAgreesOnALogoStretchedByPreserveAspectRatioNone) {
  // compare draws the input at its own width×height, as convert drew it.
  TempDir dir;
  fs::path out = dir.path() / "o.svg";
  const std::string input = q(fixture("convert/stretched-wordmark.svg"));
  ASSERT_EQ(run_bimi("convert " + input + " -o " + q(out) + " --background none").exit_code, 0);
  RunResult r = run_bimi("compare " + input + " " + q(out));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("alike"), std::string::npos) << r.out;
}

TEST(CliConvert, CompareAgreesOnGlowsPastTheFrame) {
  // compare draws a filter reaching past the page with room around it, as convert judged it
  // (librsvg alone fades the glows at the page's edge); render stays librsvg's own.
  TempDir dir;
  fs::path out = dir.path() / "o.svg", plain = dir.path() / "plain.png";
  const std::string input = q(fixture("effects/figma-glows-past-the-frame.svg"));
  ASSERT_EQ(run_bimi("convert " + input + " -o " + q(out) + " --background none").exit_code, 0);
  RunResult r = run_bimi("compare " + input + " " + q(out));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("alike"), std::string::npos) << r.out;
  ASSERT_EQ(run_bimi("render " + input + " -o " + q(plain)).exit_code, 0);
  RunResult apart = run_bimi("compare " + q(plain) + " " + q(out));
  EXPECT_EQ(apart.exit_code, 1) << apart.out;
}

TEST(CliConvert, TheBrandsOwnFontsOutlineTheText) {
  // "Acme Brand Test" is installed nowhere: without --fonts the text falls back (and says so);
  // with it, both the outline and the reference render use the brand's font.
  TempDir dir;
  const std::string input = q(fixture("convert/text/brand-font.svg"));
  RunResult fallback = run_bimi("convert " + input + " -o " + q(dir.path() / "a.svg") + " --force", true);
  EXPECT_NE(fallback.out.find("using fallback font"), std::string::npos) << fallback.out;
  RunResult r = run_bimi("convert " + input + " -o " + q(dir.path() / "b.svg") + " --fonts " + q(fixture("fonts")), true);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("outlined with Acme Brand Test"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("fallback"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fidelity SSIM 1.0000"), std::string::npos) << r.out;
  EXPECT_EQ(run_bimi("convert " + input + " -o " + q(dir.path() / "c.svg") + " --fonts " + q(dir.path() / "none"), true)
                .exit_code,
            2);
}

TEST(CliConvert, CompareDrawsTextWithTheBrandsFonts) {
  // The outlines use the brand's font; the original's text only looks like them where compare
  // draws it with the same font files.
  TempDir dir;
  const std::string input = q(fixture("convert/text/brand-font.svg"));
  const std::string out = q(dir.path() / "b.svg");
  const std::string fonts = " --fonts " + q(fixture("fonts"));
  ASSERT_EQ(run_bimi("convert " + input + " -o " + out + " --background none" + fonts).exit_code, 0);
  RunResult with = run_bimi("compare " + input + " " + out + fonts + " --format json");
  EXPECT_EQ(with.exit_code, 0) << with.out;
  EXPECT_NE(with.out.find("\"alike\": true"), std::string::npos) << with.out;
  RunResult without = run_bimi("compare " + input + " " + out + " --format json");
  EXPECT_EQ(without.exit_code, 1) << without.out;  // the original falls back to another font
  EXPECT_NE(without.out.find("\"alike\": false"), std::string::npos) << without.out;
  EXPECT_EQ(run_bimi("compare " + input + " " + out + " --fonts " + q(dir.path() / "none"), true).exit_code, 2);
}

TEST(CliConvert, SwitchIsReadInTheReadersLanguage) {
  TempDir dir;
  const std::string input = q(fixture("convert/language-switch.svg"));
  auto chosen = [&](const std::string& how, const std::string& options = "") {
    fs::path out = dir.path() / "out.svg";
    RunResult r = run_shell(how + " " + shell_quote(BIMI_BINARY) + " convert " + input + " -o " + q(out) + options + " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << how << "\n" << r.out;  // the reference render read the same language
    std::string svg = read(out);
    for (const char* colour : {"#0c0", "#00c", "#c00"}) {
      if (svg.find(colour) != std::string::npos) return std::string(colour);
    }
    return std::string("none");
  };
  EXPECT_EQ(chosen("env LANGUAGE= LC_ALL= LC_MESSAGES= LANG=C.UTF-8"), "#c00");
  EXPECT_EQ(chosen("env LANGUAGE= LC_ALL= LANG=de_DE.UTF-8"), "#0c0");
  EXPECT_EQ(chosen("env LANGUAGE=fr_CA:fr"), "#00c");
  // --lang wins over the environment, for the conversion and the reference render alike.
  EXPECT_EQ(chosen("env LANGUAGE=de LANG=de_DE.UTF-8", " --lang fr-CA"), "#00c");
  EXPECT_EQ(chosen("env LANGUAGE=de", " --lang en"), "#c00");
}

// The resvg test suite's effect areas (bench/corpora/resvg-suite): renderer edge cases, some
// hostile (recursive masks, invalid regions). Every file converts or is refused with a reason,
// none crashes or is unreadable, and at least as many convert as when the corpus was added.
TEST(CliConvert, TheResvgSuitesEffectAreasConvertOrAreRefusedWithAReason) {
  const std::pair<const char*, std::size_t> areas[] = {{"filters", 165}, {"masking", 67}, {"painting", 121}};
  for (const auto& [area, at_least] : areas) {
    TempDir dir;
    const fs::path corpus = fs::path(BIMI_SOURCE_DIR) / "bench" / "corpora" / "resvg-suite" / area;
    RunResult r = run_bimi("convert --format json --background none -j 2 " + q(corpus) + " --out-dir " + q(dir.path()));
    EXPECT_EQ(r.exit_code, 1) << area;  // some are refused
    auto json = nlohmann::json::parse(r.out);
    std::size_t converted = 0;
    for (const auto& f : json["files"]) {
      const std::string status = f["status"].get<std::string>();
      if (status == "converted") {
        ++converted;
        continue;
      }
      EXPECT_EQ(status, "refused") << f["input"];
      bool reason = false;
      for (const auto& c : f["changes"]) reason = reason || (c["severity"] == "error" && !c["message"].get<std::string>().empty());
      EXPECT_TRUE(reason) << f["input"];
    }
    EXPECT_EQ(json["total"].get<std::size_t>(), entries(corpus)) << area;
    EXPECT_GE(converted, at_least) << area;
  }
}

// Converts `svg`, which librsvg (2.54) and browsers draw differently: the refusal names the
// difference (`note`) and what --force writes, and that is what headless Chromium draws of the
// original, while librsvg's render of it differs from both on more than `librsvg_apart` of the pixels.
// With `judged_as_browsers` the fidelity reference is already what browsers draw: the logo converts
// without --force, with the note.
void expect_drawn_as_browsers_draw(const std::string& svg, const std::string& note, double librsvg_apart = 0.2,
                                   bool judged_as_browsers = false) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  const fs::path in = dir.path() / "original.svg", out = dir.path() / "out.svg";
  std::ofstream(in) << svg;
  if (judged_as_browsers) {
    RunResult converted = run_bimi("convert --background none " + q(in) + " -o " + q(out), true);
    ASSERT_EQ(converted.exit_code, 0) << converted.out;
    EXPECT_NE(converted.out.find(note), std::string::npos) << converted.out;
  } else {
    RunResult refused = run_bimi("convert " + q(in) + " -o " + q(out), true);
    EXPECT_EQ(refused.exit_code, 1) << refused.out;
    EXPECT_NE(refused.out.find(note), std::string::npos) << refused.out;
    EXPECT_NE(refused.out.find("draws differently in librsvg and in browsers (see the note above): --force writes what "
                               "browsers draw"),
              std::string::npos)
        << refused.out;
    ASSERT_EQ(run_bimi("convert --force --background none " + q(in) + " -o " + q(out)).exit_code, 0);
  }
  const fs::path shot = dir.path() / "chromium.png", ours = dir.path() / "ours.png", theirs = dir.path() / "librsvg.png";
  auto run = run_shell(shell_quote(chromium) + " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
                       "--user-data-dir=" + q(dir.path() / "profile") + " --window-size=200,200 --screenshot=" + q(shot) +
                       " " + shell_quote("file://" + in.string()) + " 2>&1");
  ASSERT_TRUE(fs::exists(shot)) << run.out;
  ASSERT_EQ(run_bimi("render --size 200 " + q(out) + " -o " + q(ours)).exit_code, 0);
  ASSERT_EQ(run_bimi("render --size 200 " + q(in) + " -o " + q(theirs)).exit_code, 0);
  auto decode = [](const fs::path& png) {
    std::ifstream file(png, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(file)), {}), error;
    auto image = svgps::decode_raster(bytes, svgps::Limits{}, error);
    EXPECT_TRUE(image) << error;
    return image ? *image : svgps::Image{};
  };
  // The share of pixels (over white) more than 48 levels apart in a channel.
  auto apart = [](const svgps::Image& a, const svgps::Image& b) {
    std::size_t off = 0;
    for (std::size_t i = 0; i + 3 < a.rgba.size() && i + 3 < b.rgba.size(); i += 4) {
      for (int c = 0; c < 3; ++c) {
        auto over_white = [&](const svgps::Image& m) { return m.rgba[i + c] * m.rgba[i + 3] / 255.0 + 255 - m.rgba[i + 3]; };
        if (std::abs(over_white(a) - over_white(b)) > 48) {
          ++off;
          break;
        }
      }
    }
    return static_cast<double>(off) / static_cast<double>(a.rgba.size() / 4);
  };
  const svgps::Image browser = decode(shot), converted = decode(ours), librsvg = decode(theirs);
  ASSERT_EQ(browser.width, 200);
  ASSERT_EQ(converted.width, 200);
  const double ours_apart = apart(browser, converted), theirs_apart = apart(browser, librsvg);
  EXPECT_LT(ours_apart, 0.02);
  EXPECT_LT(ours_apart, theirs_apart / 4);
  EXPECT_GT(theirs_apart, librsvg_apart);
}

// A blur of a shape that reaches past the page: librsvg (2.54) blurs only what lies on the page,
// so the blur fades at the page's edge, browsers blur the whole shape (a Figma glow overflowing
// its frame). The fidelity reference is rendered with room around the page, as browsers draw it,
// so the logo converts.
TEST(CliConvert, ABlurOfAShapePastThePageIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><filter id=\"f\" "
      "filterUnits=\"userSpaceOnUse\" x=\"-150\" y=\"-150\" width=\"500\" height=\"500\"><feGaussianBlur "
      "stdDeviation=\"12\"/></filter><circle cx=\"40\" cy=\"100\" r=\"120\" fill=\"#4b73ff\" "
      "filter=\"url(#f)\"/></svg>",
      "librsvg filters only what lies on the page", 0.05, true);
}

// spreadMethod="repeat" with its stops inside 0 to 1: cairo, under librsvg, blends each period's
// last colour into the next one's first; browsers keep the first colour until its stop.
TEST(CliConvert, ARepeatedGradientWithInnerStopsIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><defs><linearGradient id=\"g\" "
      "gradientUnits=\"userSpaceOnUse\" x1=\"30\" x2=\"50\" spreadMethod=\"repeat\"><stop offset=\".4\" "
      "stop-color=\"#036\"/><stop offset=\"1\" stop-color=\"#fc0\"/></linearGradient></defs><rect width=\"100\" "
      "height=\"100\" fill=\"url(#g)\"/></svg>",
      "librsvg blends each period's last colour into the next one's first", 0.05);
}

// A gradient in objectBoundingBox units on a rotated element: librsvg lays it out on another box
// than the element's own, browsers on the element's own box (SVG 1.1 §13.2.2).
TEST(CliConvert, ABoundingBoxGradientOnATurnedElementIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><linearGradient id=\"g\"><stop "
      "offset=\".2\" stop-color=\"#fc0\"/><stop offset=\".25\" stop-color=\"#036\"/></linearGradient><rect x=\"30\" "
      "y=\"40\" width=\"110\" height=\"120\" fill=\"url(#g)\" transform=\"rotate(40 100 100)\"/></svg>",
      "librsvg lays it out on another box than the element's own", 0.03);
}

// The same inside a mask: a mask's circle with such a gradient, on a skewed element, fades on
// another box in librsvg than in browsers.
TEST(CliConvert, ABoundingBoxGradientInAMaskOnATurnedElementIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><linearGradient id=\"g\"><stop "
      "offset=\".3\" stop-color=\"#fff\"/><stop offset=\".35\" stop-color=\"#000\"/></linearGradient><mask "
      "id=\"m\"><circle cx=\"100\" cy=\"100\" r=\"60\" fill=\"url(#g)\"/></mask><rect width=\"200\" "
      "height=\"200\" fill=\"#008000\" mask=\"url(#m)\" transform=\"skewX(30) translate(-60)\"/></svg>",
      "librsvg lays it out on another box than the element's own", 0.03);
}

// BackgroundImage: librsvg blurs what is drawn beneath the (empty) group, browsers read it as
// SourceGraphic, which is empty here.
TEST(CliConvert, ABackdropInputIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><filter id=\"f\" "
      "filterUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"200\" height=\"200\"><feOffset "
      "in=\"BackgroundImage\" dx=\"100\"/><feGaussianBlur stdDeviation=\"4\"/></filter><rect width=\"200\" "
      "height=\"200\" fill=\"#fff\"/><rect x=\"20\" y=\"50\" width=\"60\" height=\"100\" fill=\"#008000\"/>"
      "<g filter=\"url(#f)\"/></svg>",
      "librsvg takes what is drawn beneath the element", 0.05);
}

// A clip in objectBoundingBox units on a rotated element: librsvg lays it on the page-aligned
// box around the element (an octagon here), browsers on the element's own box (SVG 1.1 §7.11).
TEST(CliConvert, AClipInBoundingBoxUnitsOnATurnedElementIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><clipPath id=\"c\" "
      "clipPathUnits=\"objectBoundingBox\"><rect x=\".2\" y=\".2\" width=\".6\" height=\".6\" rx=\".1\"/>"
      "</clipPath><rect width=\"200\" height=\"200\" fill=\"#008000\" clip-path=\"url(#c)\" "
      "transform=\"translate(100 -40) rotate(45)\"/></svg>",
      "librsvg lays it on the page-aligned box around the element");
}

// A clipPath's own transform with objectBoundingBox units: librsvg applies it inside the box, so
// translate(100 -40) moves the clip 100 boxes away and nothing is drawn; browsers apply it in user
// space and draw a turned square.
TEST(CliConvert, AClipPathsTransformInBoundingBoxUnitsIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><clipPath id=\"c\" "
      "clipPathUnits=\"objectBoundingBox\" transform=\"translate(100 -40) rotate(45)\"><rect x=\".2\" "
      "y=\".2\" width=\".6\" height=\".6\" rx=\".1\"/></clipPath><rect width=\"200\" height=\"200\" "
      "fill=\"#008000\" clip-path=\"url(#c)\"/></svg>",
      "a clipPath's transform with objectBoundingBox units: librsvg applies it inside the box");
}

// An invalid markerUnits written before markerWidth and refX: librsvg stops reading the marker's
// attributes there and draws 3-unit markers off the vertices; browsers ignore only the invalid value.
TEST(CliConvert, AnInvalidMarkerUnitsIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><marker id=\"m\" markerUnits=\"qwe\" "
      "refX=\"15\" refY=\"15\" markerWidth=\"30\" markerHeight=\"30\"><rect width=\"30\" height=\"30\" "
      "fill=\"#0000ff\"/></marker><path fill=\"#008000\" d=\"M40 40H160V160H40z\" marker-start=\"url(#m)\" "
      "marker-mid=\"url(#m)\"/></svg>",
      "an invalid markerUnits: librsvg then ignores the marker's attributes written after it", 0.05);
}

// A pattern whose tile is not a whole number of pixels: librsvg renders the tile to whole pixels
// and resamples it, so every tile edge drifts and blurs; browsers draw the tiles where they are.
TEST(CliConvert, APatternIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 190 190\"><pattern id=\"p\" "
      "patternUnits=\"userSpaceOnUse\" width=\"17\" height=\"17\"><rect width=\"8.5\" height=\"8.5\" "
      "fill=\"#808080\"/><rect x=\"8.5\" y=\"8.5\" width=\"8.5\" height=\"8.5\" fill=\"#008000\"/></pattern>"
      "<rect x=\"17\" y=\"17\" width=\"153\" height=\"153\" fill=\"url(#p)\"/></svg>",
      "librsvg draws a pattern from its tile rendered to whole pixels and resampled", 0.005);
}

// Two overlapping squares of opposite windings in one clipPath: librsvg clips with their outlines
// as one path, whose nonzero rule cancels the overlap out; browsers clip with their union.
TEST(CliConvert, AClipPathOfOverlappingShapesIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><clipPath id=\"c\"><path "
      "d=\"M20 20H120V120H20Z\"/><path d=\"M80 80V180H180V80Z\"/></clipPath><rect width=\"200\" height=\"200\" "
      "fill=\"#008000\" clip-path=\"url(#c)\"/></svg>",
      "the clipPath's shapes overlap: librsvg clips with their outlines as one path", 0.02);
}

// SVG 1.1 gives <mask> no transform: librsvg applies a skew on one, browsers ignore it.
TEST(CliConvert, ATransformOnAMaskIsDrawnAsBrowsersDrawIt) {
  expect_drawn_as_browsers_draw(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><mask id=\"m\" "
      "transform=\"skewX(30)\"><circle cx=\"100\" cy=\"100\" r=\"60\" fill=\"#fff\"/></mask><rect "
      "width=\"200\" height=\"200\" fill=\"#008000\" mask=\"url(#m)\"/></svg>",
      "a transform on <mask>: librsvg applies it, browsers ignore it", 0.05);
}

}  // namespace
}  // namespace bimi::test
