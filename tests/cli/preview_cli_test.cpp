// bimi preview end to end: the PNG sheet against a golden image (within a tolerance, so that a librsvg patch
// release does not break it), the JSON against its schema, bad input, and the HTML page in headless Chromium
// — including a hostile logo that must not run or fetch anything.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/svgps/raster.hpp"
#include "json_schema.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture_path(const std::string &relative) { return std::string(BIMI_FIXTURES_DIR) + "/" + relative; }
std::string fixture(const std::string &relative) { return shell_quote(fixture_path(relative)); }

std::string read(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

svgps::Image decode(const std::string &png) {
  std::string error;
  auto image = svgps::decode_raster(png, svgps::Limits{}, error);
  EXPECT_TRUE(image) << error;
  return image ? *image : svgps::Image{};
}

const char *chromium = "/usr/bin/chromium";

std::string chromium_flags(const TempDir &dir) {
  return " --headless --no-sandbox --disable-gpu --hide-scrollbars "
         "--no-first-run --user-data-dir=" +
         shell_quote((dir.path() / "profile").string()) + " --enable-logging=stderr --v=0 ";
}

// Regenerate the golden image after an intended change of the sheet:
//   build/cli/bimi preview fixtures/preview/corners.svg --sizes 24,40,64 -o fixtures/preview/corners-golden.png
TEST(PreviewCli, TheSheetMatchesTheGoldenImageWithinATolerance) {
  TempDir dir;
  fs::path out = dir.path() / "sheet.png";
  RunResult r = run_bimi("preview " + fixture("preview/corners.svg") + " --sizes 24,40,64 -o " + shell_quote(out.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  svgps::Image made = decode(read(out));
  svgps::Image golden = decode(read(fixture_path("preview/corners-golden.png")));
  ASSERT_EQ(made.width, golden.width);
  ASSERT_EQ(made.height, golden.height);
  // Anti-aliasing may move by a few levels between library releases; a changed layout, crop or colour moves
  // many pixels by far more.
  std::size_t far = 0;
  double total = 0;
  for (std::size_t i = 0; i < made.rgba.size(); ++i) {
    int difference = std::abs(made.rgba[i] - golden.rgba[i]);
    total += difference;
    far += difference > 32 ? 1 : 0;
  }
  EXPECT_LT(total / static_cast<double>(made.rgba.size()), 1.0);
  EXPECT_LT(far, made.rgba.size() / 500) << far << " channel values differ by more than 32";
  // And the same bytes every run.
  fs::path again = dir.path() / "again.png";
  run_bimi("preview " + fixture("preview/corners.svg") + " --sizes 24,40,64 -o " + shell_quote(again.string()));
  EXPECT_EQ(read(out), read(again));
}

TEST(PreviewCli, JsonCarriesTheFiguresAndTheMailboxes) {
  RunResult r = run_bimi("preview " + fixture("preview/corners.svg") + " --format json --dark --sizes 32,96");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(schema_errors(schema_path("preview.json"), r.out), "") << r.out;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["themes"], nlohmann::json::array({"dark"}));
  ASSERT_EQ(json["views"].size(), 4u);
  EXPECT_EQ(json["views"][0]["crop"], "circle");
  EXPECT_GT(json["views"][0]["content_cut"].get<double>(),
            0.1);  // the corners of the blue square
  EXPECT_LT(json["views"][2]["content_cut"].get<double>(), 0.01);
  EXPECT_EQ(json["mailboxes"][0]["id"], "gmail");
  EXPECT_EQ(json["mailboxes"][0]["mark"], "checkmark");
  EXPECT_FALSE(json["mailboxes_without_certificate"][0]["shown"].get<bool>());
  EXPECT_EQ(json["mailboxes_without_certificate"][2]["mark"], "logo-only");
}

TEST(PreviewCli, UsageErrors) {
  EXPECT_EQ(run_bimi("preview").exit_code, 2);
  EXPECT_EQ(run_bimi("preview " + fixture("preview/corners.svg")).exit_code,
            2);  // no output asked for
  EXPECT_EQ(run_bimi("preview " + fixture("preview/corners.svg") + " --format json --sizes 8").exit_code, 2);
  EXPECT_EQ(run_bimi("preview " + fixture("preview/corners.svg") + " --format json --sizes 16,20,24,28,32,36,40,44,48").exit_code,
            2);
  EXPECT_EQ(run_bimi("preview " + fixture("preview/corners.svg") + " -o " + fixture("preview/corners.svg")).exit_code, 2);
}

TEST(PreviewCli, BadInputIsOneLineAndLeavesNoOutput) {
  TempDir dir;
  fs::path png = dir.path() / "out.png", html = dir.path() / "out.html";
  std::string outputs = " -o " + shell_quote(png.string()) + " --html " + shell_quote(html.string());
  fs::path huge = dir.path() / "huge.svg";
  {
    std::ofstream out(huge);
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" "
           "baseProfile=\"tiny-ps\" viewBox=\"0 0 10 10\"><title>x</title><!--"
        << std::string(600 << 10, 'x') << "--></svg>";
  }
  fs::path broken = dir.path() / "broken.svg";
  std::ofstream(broken) << "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect";
  for (const std::string &input : {huge.string(), broken.string(), fixture_path("raster/logo-baseline.jpg"),
                                   fixture_path("rules/input-empty/fail.svg"), (dir.path() / "missing.svg").string()}) {
    RunResult r = run_bimi("preview " + shell_quote(input) + outputs, true);
    EXPECT_EQ(r.exit_code, 3) << input << "\n" << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_EQ(r.out.rfind("bimi preview: ", 0), 0u) << r.out;
    EXPECT_FALSE(fs::exists(png) || fs::exists(html)) << input;
  }
}

// The page in a real browser: a screenshot of the size asked for, the logo decoded from its data: URI (its
// yellow is on the screen), no script or policy error in the console.
TEST(PreviewCli, ThePageRendersInHeadlessChromium) {
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  fs::path html = dir.path() / "preview.html";
  ASSERT_EQ(run_bimi("preview " + fixture("preview/corners.svg") + " --html " + shell_quote(html.string())).exit_code, 0);
  std::string page = read(html);
  EXPECT_LT(page.size(), 200'000u);
  EXPECT_EQ(page.find("http://"),
            std::string::npos);  // nothing to fetch: no links, scripts or fonts
  EXPECT_EQ(page.find("<script"), std::string::npos);
  fs::path shot = dir.path() / "shot.png";
  auto run = run_shell(shell_quote(chromium) + chromium_flags(dir) + "--window-size=1000,900 --screenshot=" +
                       shell_quote(shot.string()) + " " + shell_quote("file://" + html.string()) + " 2>&1");
  ASSERT_TRUE(fs::exists(shot)) << run.out;
  EXPECT_EQ(run.out.find("Uncaught"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("Content Security Policy"), std::string::npos) << run.out;
  svgps::Image screen = decode(read(shot));
  EXPECT_EQ(screen.width, 1000);
  EXPECT_EQ(screen.height, 900);
  std::size_t yellow = 0;
  for (std::size_t i = 0; i < screen.rgba.size(); i += 4) {
    yellow +=
        std::abs(screen.rgba[i] - 0xff) < 8 && std::abs(screen.rgba[i + 1] - 0xca) < 8 && std::abs(screen.rgba[i + 2] - 0x28) < 8;
  }
  EXPECT_GT(yellow, 2000u) << "the embedded logos did not decode";
  auto dom = run_shell(shell_quote(chromium) + chromium_flags(dir) + "--dump-dom " + shell_quote("file://" + html.string()) +
                       " 2>/dev/null");
  EXPECT_NE(dom.out.find("src=\"data:image/svg+xml;base64,"), std::string::npos);
  EXPECT_NE(dom.out.find("<table id=\"mailboxes\">"), std::string::npos);
  EXPECT_NE(dom.out.find("id=\"sheet\""), std::string::npos);
}

// A logo with a script, an external image and a link: bimi previews it (it parses), the page holds it only as
// an <img> data: URI, and opening the page sends nothing to the server it names.
TEST(PreviewCli, AHostileLogoRunsAndFetchesNothing) {
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 16), 0);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
  const std::string port = std::to_string(ntohs(address.sin_port));

  TempDir dir;
  std::string svg = read(fixture_path("preview/hostile.svg"));
  for (auto at = svg.find("PORT"); at != std::string::npos; at = svg.find("PORT")) svg.replace(at, 4, port);
  fs::path logo = dir.path() / "hostile.svg";
  std::ofstream(logo) << svg;
  fs::path html = dir.path() / "hostile.html";
  RunResult r = run_bimi("preview " + shell_quote(logo.string()) + " --html " + shell_quote(html.string()));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("error(s)"), std::string::npos) << r.out;  // the page says mailboxes would refuse it
  std::string page = read(html);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("127.0.0.1"),
            std::string::npos);  // the logo is only inside base64

  fs::path shot = dir.path() / "shot.png";
  auto run = run_shell(shell_quote(chromium) + chromium_flags(dir) + "--window-size=1000,900 --screenshot=" +
                       shell_quote(shot.string()) + " " + shell_quote("file://" + html.string()) + " 2>&1");
  ASSERT_TRUE(fs::exists(shot)) << run.out;
  pollfd waiting{listener, POLLIN, 0};
  EXPECT_EQ(::poll(&waiting, 1, 500), 0) << "the page made a request to the logo's server";
  ::close(listener);
}

}  // namespace
}  // namespace bimi::test
