// The HTML pages: `bimi convert --report` and `bimi check --format html`, end to end, then opened in
// Debian's headless Chromium: images decoded, no console error, and hostile logos that neither run
// nor fetch anything.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>

#include "bimi/base64.hpp"
#include "bimi/svgps/raster.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string q(const fs::path& p) { return shell_quote(p.string()); }

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write(const fs::path& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

const std::string samples = std::string(BIMI_SOURCE_DIR) + "/samples";

// A TCP listener on loopback that nothing should connect to: a connection waits in its backlog,
// so `contacted` sees it without a thread.
class Listener {
 public:
  Listener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 16);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    ::fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~Listener() { ::close(fd_); }
  int port() const { return port_; }
  bool contacted() const {
    int client = ::accept(fd_, nullptr, nullptr);
    if (client < 0) return false;
    ::close(client);
    return true;
  }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// A logo that tries everything a page must not let it do: a script, an event handler, an external
// image and stylesheet (at the listener), markup in its title, and a teal square to find on screen.
std::string hostile_logo(int port) {
  std::string url = "http://127.0.0.1:" + std::to_string(port);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.2\" "
         "baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\" onload=\"document.title='ran'\">\n"
         "<title>Hostile &lt;/pre&gt;&lt;img src=x&gt;</title>\n"
         "<script>document.title='ran';fetch('" + url + "/script')</script>\n"
         "<style>@import url(" + url + "/style.css);</style>\n"
         "<rect width=\"100\" height=\"100\" fill=\"#00b4a0\"/>\n"
         "<image x=\"0\" y=\"0\" width=\"10\" height=\"10\" xlink:href=\"" + url + "/image.png\"/>\n"
         "</svg>\n";
}

// A plain teal logo over the page's image limit.
std::string huge_logo() {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">\n"
         "<title>Huge</title>\n<!-- " + std::string(400 * 1024, 'x') + " -->\n"
         "<rect width=\"100\" height=\"100\" fill=\"#00b4a0\"/>\n</svg>\n";
}

// What markup of the logos must never appear as markup in a page's source.
void expect_no_logo_markup(const std::string& page) {
  for (const char* markup : {"<script", "<image", "<style>@import", "onload=\"", "<img src=x", "<rect", "<title>Hostile", "<b onmouseover"}) {
    EXPECT_EQ(page.find(markup), std::string::npos) << markup;
  }
}

struct Browser {
  std::string log;  // the console of the screenshot run
  std::string dom;  // the DOM after load
  std::optional<svgps::Image> screenshot;
};

std::optional<Browser> open_in_chromium(const fs::path& page, const fs::path& dir, int height) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) return std::nullopt;
  std::string flags = " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir=" +
                      q(dir / "profile") + " --enable-logging=stderr --v=0 ";
  fs::path png = dir / (page.stem().string() + ".png");
  // A page that fetched from the listener would wait for its answer: the timeout turns that into a
  // failure instead of a stuck test.
  const std::string browser_command = "timeout 60 " + shell_quote(chromium);
  Browser browser;
  browser.log = run_shell(browser_command + flags + "--window-size=1200," + std::to_string(height) + " --screenshot=" +
                          q(png) + " " + shell_quote("file://" + page.string()) + " 2>&1")
                    .out;
  browser.dom = run_shell(browser_command + flags + "--dump-dom " + shell_quote("file://" + page.string()) + " 2>/dev/null").out;
  std::string error;
  browser.screenshot = svgps::decode_raster(read(png), svgps::Limits{}, error);
  return browser;
}

std::size_t pixels_near(const svgps::Image& image, int r, int g, int b) {
  std::size_t count = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      if (std::abs(p[0] - r) <= 4 && std::abs(p[1] - g) <= 4 && std::abs(p[2] - b) <= 4) ++count;
    }
  }
  return count;
}

void expect_clean_run(const Browser& browser) {
  EXPECT_EQ(browser.log.find("Uncaught"), std::string::npos) << browser.log;
  EXPECT_EQ(browser.log.find("Content Security Policy"), std::string::npos) << browser.log;
  EXPECT_EQ(browser.dom.find("<title>ran</title>"), std::string::npos);
  ASSERT_TRUE(browser.screenshot) << browser.log;
}

// ---- bimi convert --report ----

TEST(ConvertReportPage, ShowsEveryFileConvertedOrRefusedWithItsReason) {
  TempDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  fs::copy_file(samples + "/needs-work/inkscape-export.svg", in / "inkscape-export.svg");
  fs::copy_file(samples + "/bitmap/logo.jpg", in / "bitmap.jpg");
  write(in / "broken.svg", "<svg");
  write(in / "filter.svg", read(std::string(BIMI_FIXTURES_DIR) + "/convert/filter-unknown.svg"));
  fs::path page = dir.path() / "report.html";
  RunResult run = run_bimi("convert " + q(in) + " --out-dir " + q(dir.path() / "out") + " --report " + q(page), true);
  EXPECT_NE(run.exit_code, 0) << run.out;  // the broken and the filtered logos
  std::string html = read(page);
  ASSERT_FALSE(html.empty()) << run.out;
  EXPECT_NE(html.find("<table id=\"summary\">"), std::string::npos);
  EXPECT_NE(html.find("2 of 4 converted."), std::string::npos) << html.substr(0, 3000);
  EXPECT_NE(html.find("class=\"unreadable\">unreadable"), std::string::npos);
  EXPECT_NE(html.find("class=\"refused\">refused"), std::string::npos);
  EXPECT_NE(html.find("[convert-"), std::string::npos);            // the refusal's reason names its rule
  EXPECT_NE(html.find("src=\"data:image/jpeg;base64,"), std::string::npos);  // the traced original
  EXPECT_NE(html.find("src=\"data:image/png;base64,"), std::string::npos);   // a heat map
  EXPECT_NE(html.find("<pre class=\"source\">"), std::string::npos);         // notes with their lines
  EXPECT_NE(html.find("<mark>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);

  // The converted logo is embedded as written.
  std::string converted = read(dir.path() / "out" / "inkscape-export.svg");
  ASSERT_FALSE(converted.empty());
  EXPECT_NE(html.find("data:image/svg+xml;base64," + base64_encode(converted)), std::string::npos);

  // Same inputs, same page bytes.
  fs::path again = dir.path() / "again.html";
  run_bimi("convert " + q(in) + " --out-dir " + q(dir.path() / "out") + " --report " + q(again));
  EXPECT_TRUE(read(again) == html);

  auto browser = open_in_chromium(page, dir.path(), 2400);
  if (!browser) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  expect_clean_run(*browser);
  EXPECT_NE(browser->dom.find("<table id=\"summary\">"), std::string::npos);
  // The heat map decoded: its red or orange pixels are on screen (no style of the page uses them).
  EXPECT_GT(pixels_near(*browser->screenshot, 215, 25, 28) + pixels_near(*browser->screenshot, 245, 140, 40), 0u);
}

TEST(ConvertReportPage, OneFileAndUsageErrors) {
  TempDir dir;
  fs::path page = dir.path() / "one.html";
  std::string input = samples + "/needs-work/inkscape-export.svg";
  RunResult run = run_bimi("convert " + shell_quote(input) + " -o " + q(dir.path() / "out.svg") + " --report " + q(page));
  EXPECT_EQ(run.exit_code, 0) << run.out;
  std::string html = read(page);
  EXPECT_NE(html.find("1 of 1 converted."), std::string::npos);
  EXPECT_EQ(html.find("<table id=\"summary\">"), std::string::npos);  // one file: no summary table
  EXPECT_NE(html.find("data:image/svg+xml;base64," + base64_encode(read(input))), std::string::npos);

  EXPECT_EQ(run_bimi("convert " + shell_quote(input) + " -o " + q(dir.path() / "o.svg") + " --report -").exit_code, 2);
  EXPECT_EQ(run_bimi("convert " + shell_quote(input) + " -o " + q(dir.path() / "o.svg") + " --report " + q(dir.path() / "o.svg")).exit_code, 2);
  write(dir.path() / "file", "");
  RunResult unwritable = run_bimi("convert " + shell_quote(input) + " -o " + q(dir.path() / "o.svg") + " --report " +
                                  q(dir.path() / "file" / "r.html"), true);
  EXPECT_EQ(unwritable.exit_code, 4) << unwritable.out;
}

// ---- bimi check --format html ----

TEST(CheckPage, ShowsEachLogoFromTheCheckedBytesAndEachFindingInContext) {
  TempDir dir;
  fs::path page = dir.path() / "check.html";
  std::string needs_work = samples + "/needs-work/inkscape-export.svg";
  RunResult run = run_bimi("check " + shell_quote(samples + "/compliant") + " " + shell_quote(needs_work) + " --format html");
  EXPECT_EQ(run.exit_code, 1);
  write(page, run.out);
  EXPECT_NE(run.out.find("<table id=\"summary\">"), std::string::npos);
  EXPECT_NE(run.out.find("3 of 4 files pass."), std::string::npos) << run.out.substr(0, 3000);
  EXPECT_NE(run.out.find("data:image/svg+xml;base64," + base64_encode(read(needs_work))), std::string::npos);
  EXPECT_NE(run.out.find("<mark><b>"), std::string::npos);
  EXPECT_EQ(run.out.find("<script"), std::string::npos);
  EXPECT_EQ(run_bimi("check " + shell_quote(samples + "/compliant") + " " + shell_quote(needs_work) + " --format html").out, run.out);

  // An SVGZ logo is drawn from its gunzipped text, which is what was checked.
  fs::path svgz = dir.path() / "logo.svgz";
  run_shell("gzip -c " + shell_quote(needs_work) + " > " + q(svgz));
  RunResult compressed = run_bimi("check " + q(svgz) + " --format html");
  EXPECT_EQ(compressed.exit_code, 1);
  EXPECT_NE(compressed.out.find("data:image/svg+xml;base64," + base64_encode(read(needs_work))), std::string::npos);
  EXPECT_NE(compressed.out.find("<mark><b>"), std::string::npos);

  auto browser = open_in_chromium(page, dir.path(), 1600);
  if (!browser) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  expect_clean_run(*browser);
  EXPECT_NE(browser->dom.find("<mark>"), std::string::npos);
  EXPECT_GT(fs::file_size(dir.path() / "check.png"), 20'000u);
}

// ---- hostile logos in both pages ----

TEST(PagesWithHostileLogos, NothingRunsNothingIsFetchedNothingLeaksAsMarkup) {
  TempDir dir;
  Listener listener;
  fs::path in = dir.path() / "in";
  fs::create_directories(in);
  write(in / "<b onmouseover=x>hostile.svg", hostile_logo(listener.port()));
  write(in / "huge.svg", huge_logo());

  RunResult check = run_bimi("check " + q(in) + " --format html");
  EXPECT_EQ(check.exit_code, 1);
  fs::path check_page = dir.path() / "check.html";
  write(check_page, check.out);
  fs::path convert_page = dir.path() / "convert.html";
  run_bimi("convert " + q(in) + " --out-dir " + q(dir.path() / "out") + " --force --report " + q(convert_page));

  for (const fs::path& page : {check_page, convert_page}) {
    SCOPED_TRACE(page.filename().string());
    std::string html = read(page);
    ASSERT_FALSE(html.empty());
    expect_no_logo_markup(html);
    EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);  // shown as text in the source lines
    EXPECT_NE(html.find("&lt;b onmouseover=x&gt;hostile.svg"), std::string::npos);
    EXPECT_NE(html.find("too large to show"), std::string::npos);  // the huge logo
    EXPECT_LT(html.size(), 600'000u);
  }

  for (const fs::path& page : {check_page, convert_page}) {
    SCOPED_TRACE(page.filename().string());
    auto browser = open_in_chromium(page, dir.path(), 1600);
    if (!browser) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
    expect_clean_run(*browser);
    EXPECT_GT(pixels_near(*browser->screenshot, 0, 180, 160), 100u);  // the hostile logo is drawn
  }
  EXPECT_FALSE(listener.contacted()) << "a page fetched from the loopback listener";
}

}  // namespace
}  // namespace bimi::test
