// Hostile logos through the commands that render them: one clear finding or
// error, bounded time, and the rest of a batch unharmed.
#include <gtest/gtest.h>

#include <fstream>

#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string logo(const std::string& body) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" "
         "baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">"
         "<title>Example</title>" +
         body + "</svg>\n";
}

const std::string good = logo(
    "<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/><circle "
    "cx=\"50\" cy=\"50\" r=\"30\" fill=\"#cc0000\"/>");
// librsvg aborts the process on this font size when it lays the text out.
const std::string huge_font = logo(
    "<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/><text y=\"50\" "
    "font-size=\"1e8\">W</text>");

fs::path write(const TempDir& dir, const std::string& name, const std::string& text) {
  fs::path path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string q(const fs::path& path) { return shell_quote(path.string()); }

TEST(CliRenderLimits, CheckReportsTheLimitAndGoesOnWithTheBatch) {
  TempDir dir;
  fs::path bad = write(dir, "a-huge-font.svg", huge_font);
  fs::path fine = write(dir, "b-good.svg", good);
  RunResult r = run_bimi("check -j 2 --format json " + q(bad) + " " + q(fine));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("render-limit"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("b-good.svg"), std::string::npos) << r.out;
}

TEST(CliRenderLimits, RenderAndCompareGiveOneLineAndExit3) {
  TempDir dir;
  fs::path bad = write(dir, "bad.svg", huge_font);
  fs::path fine = write(dir, "good.svg", good);
  fs::path out = dir.path() / "out.png";
  RunResult r = run_bimi("render " + q(bad) + " -o " + q(out), true);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find("font size"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
  r = run_bimi("compare " + q(fine) + " " + q(bad), true);
  EXPECT_EQ(r.exit_code, 3) << r.out;
}

TEST(CliRenderLimits, LargeSizeIsALimitNotACrash) {
  TempDir dir;
  std::string nested = "<rect width=\"100\" height=\"100\" fill=\"#00f\"/>";
  for (int i = 0; i < 40; ++i) nested = "<g opacity=\"0.9\">" + nested + "</g>";
  fs::path heavy = write(dir, "heavy.svg", logo(nested));
  fs::path out = dir.path() / "out.png";
  RunResult r = run_bimi("render " + q(heavy) + " -o " + q(out) + " --size 8192", true);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("could not be rendered at 8192 px within"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("MiB"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliRenderLimits, VerifyAndConvertSeeTheSameLimit) {
  TempDir dir;
  fs::path bad = write(dir, "bad.svg", huge_font);
  RunResult r = run_bimi("convert " + q(bad) + " -o " + q(dir.path() / "out.svg") + " --format json", true);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.out.find("font size"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace bimi::test
