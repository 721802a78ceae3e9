// `bimi dmarc report` as users run it, on the reporter fixtures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "json_schema.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

const std::string fixtures = std::string(BIMI_FIXTURES_DIR) + "/dmarc-reports";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(DmarcReportCli, JsonHasReportsSourcesReadinessAndErrors) {
  auto run = run_bimi("dmarc report " + shell_quote(fixtures) + " --format json");
  EXPECT_EQ(run.exit_code, 3);  // not-a-report.xml and the mbox message without a report
  EXPECT_EQ(schema_errors(schema_path("dmarc-report.json"), run.out), "");
  auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json["reports"].size(), 10u);
  std::uint64_t messages = 0;
  for (const auto& r : json["reports"]) {
    EXPECT_FALSE(r["org_name"].get<std::string>().empty());
    EXPECT_EQ(r["domain"], "example.com");
    messages += r["messages"].get<std::uint64_t>();
  }
  ASSERT_EQ(json["readiness"].size(), 1u);
  const auto& readiness = json["readiness"][0];
  EXPECT_EQ(readiness["domain"], "example.com");
  EXPECT_EQ(readiness["messages"].get<std::uint64_t>(), messages);
  // Per report: 8 from the ESP and 3 forgiven mailing-list messages fail both aligned results.
  EXPECT_EQ(readiness["would_fail"], 10 * 11);
  EXPECT_EQ(readiness["verdict"], "not ready: these sources fail: 203.0.113.25");
  ASSERT_EQ(json["errors"].size(), 2u);
  EXPECT_EQ(json["errors"][0]["path"], fixtures + "/export.mbox:message 3");
  EXPECT_EQ(json["errors"][1]["path"], fixtures + "/not-a-report.xml");
  EXPECT_FALSE(json["errors"][1]["reason"].get<std::string>().empty());
  EXPECT_FALSE(json["warnings"].empty());
  EXPECT_FALSE(json["sources"].empty());
}

TEST(DmarcReportCli, TextCsvAndHtml) {
  TempDir dir;
  auto html = (dir.path() / "report.html").string();
  auto text = run_bimi("dmarc report " + shell_quote(fixtures + "/google.com!example.com!1767225600!1767311999.zip") +
                       " --html " + shell_quote(html));
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("verdict: not ready: these sources fail: 203.0.113.25"), std::string::npos) << text.out;
  std::string page = read_text(html);
  EXPECT_NE(page.find("<table id=\"sources\">"), std::string::npos);
  EXPECT_NE(page.find("<polyline"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  auto csv = run_bimi("dmarc report " + shell_quote(fixtures + "/fastmail.com!example.com!1767484800!1767571199.xml") +
                      " --format csv");
  EXPECT_EQ(csv.exit_code, 0);
  EXPECT_TRUE(csv.out.starts_with("domain,source_ip,messages,"));
  EXPECT_NE(csv.out.find("example.com,192.0.2.10,120,120,120,120,0,0,0,120,0,0,\r\n"), std::string::npos) << csv.out;
}

TEST(DmarcReportCli, DomainAndDatesFilter) {
  auto none = run_bimi("dmarc report " + shell_quote(fixtures) + " --domain other.example --format json");
  EXPECT_TRUE(nlohmann::json::parse(none.out)["readiness"].empty());
  auto window = run_bimi("dmarc report " + shell_quote(fixtures) + " --since 2026-01-03 --until 2026-01-04 --format json");
  EXPECT_EQ(nlohmann::json::parse(window.out)["reports"].size(), 2u);
  EXPECT_EQ(run_bimi("dmarc report " + shell_quote(fixtures) + " --since yesterday").exit_code, 2);
  EXPECT_EQ(run_bimi("dmarc report").exit_code, 2);
  TempDir empty;
  EXPECT_EQ(run_bimi("dmarc report " + shell_quote(empty.path().string())).exit_code, 2);
}

TEST(DmarcReportCli, DmarcDomainAndParseStillWork) {
  auto parse = run_bimi("dmarc --parse 'v=DMARC1; p=reject'");
  EXPECT_EQ(parse.exit_code, 0) << parse.out;
  EXPECT_EQ(run_bimi("dmarc").exit_code, 2);
}

TEST(DmarcReportCli, RulesDocumentIsGenerated) {
  auto rules = run_bimi("dmarc report --rules");
  EXPECT_EQ(rules.exit_code, 0);
  EXPECT_EQ(rules.out, read_text(std::string(BIMI_SOURCE_DIR) + "/docs/dmarc-report-checks.md"))
      << "regenerate: build/cli/bimi dmarc report --rules > docs/dmarc-report-checks.md";
}

}  // namespace
}  // namespace bimi::test

namespace bimi::test {
namespace {

// The --html page in a real browser: Debian's headless Chromium renders it to a screenshot, and its
// DOM holds the verdicts, the source table and the chart, with no script error in its console.
TEST(DmarcReportCli, HtmlRendersInHeadlessChromium) {
  const char* chromium = "/usr/bin/chromium";
  if (!std::filesystem::exists(chromium)) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  auto html = dir.path() / "report.html";
  ASSERT_EQ(run_bimi("dmarc report " + shell_quote(fixtures) + " --html " + shell_quote(html.string())).exit_code, 3);
  std::string flags = " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir=" +
                      shell_quote((dir.path() / "profile").string()) + " --enable-logging=stderr --v=0 ";
  auto png = dir.path() / "report.png";
  auto shot = run_shell(shell_quote(chromium) + flags + "--window-size=1200,1400 --screenshot=" + shell_quote(png.string()) +
                        " " + shell_quote("file://" + html.string()) + " 2>&1");
  ASSERT_TRUE(std::filesystem::exists(png)) << shot.out;
  EXPECT_GT(std::filesystem::file_size(png), 20'000u);  // a blank page is a few KiB
  EXPECT_EQ(shot.out.find("Uncaught"), std::string::npos) << shot.out;
  EXPECT_EQ(shot.out.find("Content Security Policy"), std::string::npos) << shot.out;
  auto dom = run_shell(shell_quote(chromium) + flags + "--dump-dom " + shell_quote("file://" + html.string()) + " 2>/dev/null");
  EXPECT_NE(dom.out.find("<table id=\"readiness\">"), std::string::npos);
  EXPECT_NE(dom.out.find("not ready: these sources fail: 203.0.113.25"), std::string::npos);
  EXPECT_NE(dom.out.find("<table id=\"sources\">"), std::string::npos);
  EXPECT_NE(dom.out.find("<polyline"), std::string::npos);
}

}  // namespace
}  // namespace bimi::test
