// The CLI's own parts, in-process: the exit-code table the README shows, file URIs, the
// closest-name suggestion, and the streaming JSON writer against nlohmann's dump().
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
