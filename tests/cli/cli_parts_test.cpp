// The CLI's own parts, in-process: the exit-code table the README shows, file URIs, the
// closest-name suggestion, the source lines the HTML pages show, and the streaming JSON writer against
// nlohmann's dump().
#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "closest_name.hpp"
#include "exit_codes.hpp"
#include "file_uri.hpp"
#include "check_page_html.hpp"
#include "html.hpp"
#include "findings_json.hpp"
#include "json_writer.hpp"

namespace bimi::cli {
namespace {

TEST(ExitCodes, ReadmeTableIsTheCodeTable) {
  std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/README.md");
  std::stringstream readme;
  readme << in.rdbuf();
  EXPECT_NE(readme.str().find("## Exit codes\n\n" + exit_codes_markdown()), std::string::npos)
      << "README.md's exit-code table should read:\n"
      << exit_codes_markdown();
}

TEST(ExitCodes, HelpListsTheCodesAskedFor) {
  EXPECT_EQ(exit_status_help({ExitCode::ok, ExitCode::usage}),
            "Exit status:\n  0  no finding at error severity\n  2  usage error: a bad option or argument, a directory with no logos, `-` given "
            "twice, an output that would overwrite an input");
}

TEST(FileUri, PercentEncodesAllButUnreservedAndSlash) {
  EXPECT_EQ(percent_encode_path("logos/a-b_c.~d.svg"), "logos/a-b_c.~d.svg");
  EXPECT_EQ(percent_encode_path("my logo#1 100%.svg"), "my%20logo%231%20100%25.svg");
  EXPECT_EQ(percent_encode_path("c:x?.svg"), "c%3Ax%3F.svg");
  EXPECT_EQ(percent_encode_path("\xC3\xA9t\xC3\xA9.svg"), "%C3%A9t%C3%A9.svg");
  EXPECT_EQ(file_uri("/srv/brand assets/logo.svg"), "file:///srv/brand%20assets/logo.svg");
}

TEST(ClosestName, SuggestsOnlyLikelyTypos) {
  const std::vector<std::string> names = {"check", "convert", "compare", "record", "render"};
  EXPECT_EQ(closest_name("chekc", names), "check");
  EXPECT_EQ(closest_name("convrt", names), "convert");
  EXPECT_EQ(closest_name("recrod", names), "record");
  EXPECT_EQ(closest_name("cs", {"csr", "check"}), "csr");
  EXPECT_FALSE(closest_name("abc", {"csr"}));
  EXPECT_FALSE(closest_name("frobnicate", names));
  EXPECT_FALSE(closest_name("", names));
  EXPECT_FALSE(closest_name(std::string(10000, 'c'), names));
}

// A finding's lines: two each side, escaped, its own line marked; a long line is cut around the
// finding's column; past the bound, findings are counted instead of shown.
TEST(PageFindings, SourceLinesAreEscapedMarkedAndBounded) {
  std::string text = "<svg>\n<a>\n<script>x</script>\n<b>\n<c>\n<d>\n" + std::string(1000, 'y') + "<z onload=\"q\">\n";
  Diagnostics findings;
  findings.add("r1", Severity::error, "m", {3, 1});
  findings.add("r2", Severity::warning, "m", {7, 1001});
  findings.add("r3", Severity::note, "m");
  std::size_t left_out = 0;
  auto page = page_findings(findings, text, 2, left_out);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(left_out, 1u);
  EXPECT_EQ(page[0].excerpt,
            "<pre class=\"source\"><span><b>1</b>&lt;svg&gt;</span><span><b>2</b>&lt;a&gt;</span>"
            "<mark><b>3</b>&lt;script&gt;x&lt;/script&gt;</mark><span><b>4</b>&lt;b&gt;</span>"
            "<span><b>5</b>&lt;c&gt;</span></pre>");
  EXPECT_NE(page[1].excerpt.find("<mark><b>7</b>…yyy"), std::string::npos) << page[1].excerpt;
  EXPECT_NE(page[1].excerpt.find("&lt;z onload=&quot;q&quot;&gt;</mark>"), std::string::npos) << page[1].excerpt;
  EXPECT_LT(page[1].excerpt.size(), 400u);
  std::string list = findings_html(page, "a<b>.svg");
  EXPECT_NE(list.find("a&lt;b&gt;.svg:3:1"), std::string::npos);
  EXPECT_EQ(list.find("<script"), std::string::npos);
}

// Past max_page_files a page lists files in its table only, and past the image budget logos are
// named, not embedded: the page stays bounded however many logos were checked.
TEST(CheckPageHtml, ManyFilesAreBounded) {
  const std::string logo = "<svg xmlns=\"http://www.w3.org/2000/svg\">" + std::string(100 * 1024, ' ') + "</svg>";
  std::vector<CheckPageFile> files;
  for (std::size_t i = 0; i < max_page_files + 1; ++i) {
    FileFindings findings{"logo.svg", {}, false};
    findings.diagnostics.add("version", Severity::error, "m", {1, 1});
    files.push_back(check_page_file(i, findings, "logo" + std::to_string(i) + ".svg", logo));
  }
  std::string page = check_page_html(files);
  std::size_t sections = 0, images = 0;
  for (auto at = page.find("<section"); at != std::string::npos; at = page.find("<section", at + 1)) ++sections;
  for (auto at = page.find("<img "); at != std::string::npos; at = page.find("<img ", at + 1)) ++images;
  EXPECT_EQ(sections, max_page_files);
  EXPECT_NE(page.find("1 more files are in the table only."), std::string::npos);
  EXPECT_NE(page.find("logo500.svg"), std::string::npos);  // in the table
  EXPECT_EQ(images, 2 * (max_check_page_image_bytes / (2 * logo.size())));
  EXPECT_NE(page.find("not shown: the page's image budget is spent"), std::string::npos);
  EXPECT_LT(page.size(), 2 * max_check_page_image_bytes);
}

// Every string the writer meets is written as nlohmann's dump() writes it: escapes, controls,
// DEL, UTF-8, and the same error for invalid UTF-8.
TEST(JsonWriter, StringsAreWrittenAsNlohmannDumpsThem) {
  std::vector<std::string> texts{"", "plain text", "quote \" and backslash \\", "tab\tnew line\ncarriage\r",
                                 "\b\f", std::string("nul\0byte", 9), "\x01\x1f\x7f", "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x93\xa7",
                                 "</script>"};
  for (int byte = 0; byte < 0x80; ++byte) texts.push_back(std::string(1, static_cast<char>(byte)) + "x");
  for (const auto& text : texts) {
    std::string out;
    JsonWriter(out).value(text);
    EXPECT_EQ(out, nlohmann::ordered_json(text).dump()) << nlohmann::json(text).dump();
  }
  std::string out;
  EXPECT_THROW(JsonWriter(out).value(std::string("a\xff")), nlohmann::json::type_error);
}

// Multi-byte UTF-8 is written as it is only when nlohmann would: every lead byte with every second
// byte, and the edges of the three- and four-byte forms (overlongs, surrogates, past U+10FFFF,
// cut short); either the same bytes or the same error.
TEST(JsonWriter, EveryUtf8SequenceIsJudgedAsNlohmannJudgesIt) {
  std::vector<std::string> texts;
  for (int lead = 0x80; lead <= 0xff; ++lead) {
    for (int second = 0; second <= 0xff; ++second) texts.push_back({'a', char(lead), char(second), 'z'});
  }
  for (int lead : {0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5}) {
    for (int second = 0x70; second <= 0xc0; ++second) {
      texts.push_back({char(lead), char(second), char(0x80)});
      texts.push_back({char(lead), char(second), char(0xbf), char(0x80)});
      texts.push_back({char(lead), char(second), char(0x80), 'x'});
    }
  }
  for (const auto& text : texts) {
    std::string expected;
    bool throws = false;
    try {
      expected = nlohmann::ordered_json(text).dump();
    } catch (const nlohmann::json::type_error&) {
      throws = true;
    }
    std::string out;
    if (throws) {
      EXPECT_THROW(JsonWriter(out).value(text), nlohmann::json::type_error) << nlohmann::json(text).dump(-1, ' ', true);
    } else {
      JsonWriter(out).value(text);
      EXPECT_EQ(out, expected);
    }
  }
}

TEST(JsonWriter, NestedValuesAreWrittenAsNlohmannDumpsThem) {
  nlohmann::ordered_json expected;
  expected["name"] = "x";
  expected["shown"] = true;
  expected["none"] = nullptr;
  expected["int"] = -42;
  expected["max"] = std::numeric_limits<std::uint64_t>::max();
  expected["min"] = std::numeric_limits<std::int64_t>::min();
  expected["empty_array"] = nlohmann::ordered_json::array();
  expected["empty_object"] = nlohmann::ordered_json::object();
  expected["list"] = {1, "two", false, nullptr, {{"a", 1}}};
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .member("name", "x")
      .member("shown", true)
      .key("none")
      .null()
      .member("int", -42)
      .member("max", std::numeric_limits<std::uint64_t>::max())
      .member("min", std::numeric_limits<std::int64_t>::min())
      .key("empty_array")
      .begin_array()
      .end_array()
      .key("empty_object")
      .begin_object()
      .end_object()
      .key("list")
      .begin_array()
      .value(1)
      .value("two")
      .value(false)
      .null()
      .raw(R"({"a":1})")
      .end_array()
      .end_object();
  EXPECT_EQ(out, expected.dump());
}

TEST(JsonWriter, AFindingIsWrittenAsFindingJsonDumpsIt) {
  for (Location location : {Location{}, Location{3, 0}, Location{0, 7}, Location{12, 5}}) {
    Diagnostic finding{"some-rule", Severity::warning, "a \"quoted\" message", location};
    std::string out;
    JsonWriter json(out);
    write_finding(json, finding);
    EXPECT_EQ(out, finding_json(finding).dump());
  }
}

}  // namespace
}  // namespace bimi::cli
