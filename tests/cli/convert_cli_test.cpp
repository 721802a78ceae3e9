#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

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
  RunResult r = run_bimi("convert " + q(fixture("convert/filter.svg")) + " -o " + q(out));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("filter.svg:5:1: error:"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(entries(dir.path()), 0u);
  EXPECT_EQ(run_bimi("convert --force " + q(fixture("convert/filter.svg")) + " -o " + q(out)).exit_code, 0);
  EXPECT_TRUE(fs::exists(out));
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
  EXPECT_EQ(r.exit_code, 1);  // filter.svg and blend.svg are refused
  auto json = nlohmann::json::parse(r.out);
  std::size_t converted = 0;
  for (const auto& f : json["files"]) {
    if (f["status"] == "converted") {
      ++converted;
      EXPECT_TRUE(fs::exists(f["output"].get<std::string>()));
      EXPECT_GE(f["fidelity"]["ssim"].get<double>(), 0.95);
    }
  }
  EXPECT_EQ(json["converted"].get<std::size_t>(), converted);
  EXPECT_GE(converted, 10u);
  EXPECT_TRUE(fs::exists(out / "sketch.svg"));
  EXPECT_TRUE(fs::exists(out / "sketch-expected.svg"));
  EXPECT_FALSE(fs::exists(out / "filter.svg"));
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

}  // namespace
}  // namespace bimi::test
