#include <gtest/gtest.h>

#include <fstream>

#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& relative) { return shell_quote(std::string(BIMI_FIXTURES_DIR) + "/" + relative); }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CliRender, WritesAPng) {
  TempDir dir;
  fs::path out = dir.path() / "logo.png";
  RunResult r = run_bimi("render " + fixture("real/cnn-logo.svg") + " -o " + shell_quote(out.string()) + " --size 64 --circle");
  EXPECT_EQ(r.exit_code, 0);
  std::string png = read(out);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(CliRender, SameBytesEveryTime) {
  TempDir dir;
  run_bimi("render " + fixture("real/globalsign-logo.svg") + " -o " + shell_quote((dir.path() / "a.png").string()) + " --size 48");
  run_bimi("render " + fixture("real/globalsign-logo.svg") + " -o " + shell_quote((dir.path() / "b.png").string()) + " --size 48");
  EXPECT_EQ(read(dir.path() / "a.png"), read(dir.path() / "b.png"));
}

TEST(CliRender, BadInputLeavesNoOutput) {
  TempDir dir;
  fs::path out = dir.path() / "out.png";
  EXPECT_EQ(run_bimi("render " + fixture("rules/input-empty/fail.svg") + " -o " + shell_quote(out.string())).exit_code, 3);
  EXPECT_EQ(run_bimi("render " + fixture("rules/gzip-invalid/fail-truncated.svgz") + " -o " + shell_quote(out.string())).exit_code, 3);
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliRender, RefusesToOverwriteItsInputAndUnwritableTargets) {
  TempDir dir;
  fs::path logo = dir.path() / "logo.svg";
  fs::copy_file(std::string(BIMI_FIXTURES_DIR) + "/real/cnn-logo.svg", logo);
  std::string before = read(logo);
  EXPECT_EQ(run_bimi("render " + shell_quote(logo.string()) + " -o " + shell_quote(logo.string())).exit_code, 2);
  EXPECT_EQ(read(logo), before);
  // A missing directory is created, as convert and csr do; a path through a file cannot be.
  EXPECT_EQ(run_bimi("render " + shell_quote(logo.string()) + " -o " + shell_quote((dir.path() / "new" / "x.png").string())).exit_code, 0);
  EXPECT_TRUE(fs::exists(dir.path() / "new" / "x.png"));
  EXPECT_EQ(run_bimi("render " + shell_quote(logo.string()) + " -o " + shell_quote((logo / "x.png").string())).exit_code, 4);
}

TEST(CliRender, UsageErrors) {
  EXPECT_EQ(run_bimi("render").exit_code, 2);
  EXPECT_EQ(run_bimi("render " + fixture("real/cnn-logo.svg")).exit_code, 2);
  EXPECT_EQ(run_bimi("render " + fixture("real/cnn-logo.svg") + " -o /tmp/x.png --size 0").exit_code, 2);
}

}  // namespace
}  // namespace bimi::test

namespace bimi::test {
namespace {

TEST(CliCompare, SameLogoIsAlikeOtherIsNot) {
  std::string cnn = shell_quote(std::string(BIMI_FIXTURES_DIR) + "/real/cnn-logo.svg");
  std::string globalsign = shell_quote(std::string(BIMI_FIXTURES_DIR) + "/real/globalsign-logo.svg");
  RunResult same = run_bimi("compare " + cnn + " " + cnn);
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_NE(same.out.find("alike"), std::string::npos);
  RunResult other = run_bimi("compare --format json " + cnn + " " + globalsign);
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.out.find("\"alike\": false"), std::string::npos);
  EXPECT_EQ(run_bimi("compare " + cnn + " /nonexistent.svg").exit_code, 3);
  EXPECT_EQ(run_bimi("compare " + cnn).exit_code, 2);
}

}  // namespace
}  // namespace bimi::test
