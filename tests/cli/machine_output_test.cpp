// Output for machines: every command's --format json against its schema in docs/schemas/, one
// findings shape everywhere, and SARIF against the SARIF 2.1.0 schema with URI-reference paths.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "json_schema.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture_path(const std::string& relative) { return std::string(BIMI_FIXTURES_DIR) + "/" + relative; }
std::string fixture(const std::string& relative) { return shell_quote(fixture_path(relative)); }
std::string pki(const std::string& name) { return shell_quote(std::string(BIMI_TEST_PKI_DIR) + "/" + name); }

// Runs a command and checks its output against a schema; returns the parsed output.
nlohmann::json valid_output(const std::string& arguments, const std::string& schema, int expected_exit) {
  RunResult r = run_bimi(arguments);
  EXPECT_EQ(r.exit_code, expected_exit) << arguments << "\n" << r.out;
  EXPECT_EQ(schema_errors(schema, r.out), "") << arguments << "\n" << r.out;
  return nlohmann::json::parse(r.out, nullptr, false);
}

TEST(JsonSchemas, CheckOutput) {
  valid_output("check --format json " + fixture("schema/good.svg") + " " + fixture("schema/script.svg") + " " +
                   fixture("raster/logo-baseline.jpg"),
               schema_path("check.json"), 3);
}

TEST(JsonSchemas, ConvertOutputSaysRuleAndKeepsKindForOneRelease) {
  TempDir dir;
  auto json = valid_output("convert --format json " + fixture("convert/inkscape.svg") + " -o " +
                               shell_quote((dir.path() / "out.svg").string()),
                           schema_path("convert.json"), 0);
  const auto& changes = json["files"][0]["changes"];
  ASSERT_FALSE(changes.empty());
  for (const auto& change : changes) {
    EXPECT_TRUE(change.contains("rule")) << change;
    EXPECT_TRUE(change.contains("location")) << change;
    EXPECT_EQ(change["kind"], change["rule"]) << change;
  }
  valid_output("convert --format json " + fixture("raster/logo-baseline.jpg") + " -o " +
                   shell_quote((dir.path() / "bitmap.svg").string()),
               schema_path("convert.json"), 0);
  valid_output("convert --format json " + fixture("convert/filter-unknown.svg") + " -o " +
                   shell_quote((dir.path() / "refused.svg").string()),
               schema_path("convert.json"), 1);
}

TEST(JsonSchemas, CompareOutput) {
  valid_output("compare --format json " + fixture("schema/good.svg") + " " + fixture("schema/good.svg"),
               schema_path("compare.json"), 0);
}

TEST(JsonSchemas, HashOutput) {
  auto json = valid_output("hash --format json " + fixture("schema/good.svg"), schema_path("hash.json"), 0);
}

TEST(JsonSchemas, VerifyAndInspectOutput) {
  valid_output("verify --format json " + pki("good.pem") + " --logo " + pki("logo.svg") + " --domain example.com --roots " +
                   pki("root.pem") + " --at 2024-06-01T00:00:00Z",
               schema_path("verify.json"), 0);
  valid_output("verify --format json " + pki("expired.pem") + " --logo " + pki("logo.svg") +
                   " --domain example.com --roots " + pki("root.pem") + " --at 2025-06-01T00:00:00Z",
               schema_path("verify.json"), 1);
  valid_output("inspect --format json " + pki("good.pem"), schema_path("inspect.json"), 0);
  valid_output("inspect --format json " + pki("malformed-logotype.pem"), schema_path("inspect.json"), 0);
}

TEST(JsonSchemas, RecordAndDmarcOutput) {
  valid_output("record --format json --domain example.com --logo-url https://example.com/logo.svg",
               schema_path("record.json"), 0);
  valid_output("record --format json --domain example.com --logo-url http://example.com/logo.svg",
               schema_path("record.json"), 1);
  valid_output("record --format json --parse 'v=BIMI1; l=https://example.com/logo.svg, a=x'", schema_path("record.json"), 1);
  // pct=101 is an error by RFC 7489 and an obsolete tag (a warning) by RFC 9989, the default.
  valid_output("dmarc --format json --dmarc rfc7489 --parse 'v=DMARC1; p=reject; pct=101'", schema_path("dmarc.json"), 1);
  valid_output("dmarc --format json --parse 'v=DMARC1; p=reject; pct=101'", schema_path("dmarc.json"), 0);
}

TEST(JsonSchemas, RulesOutput) {
  for (const std::string set : {"logo", "certificate", "dns"}) {
    valid_output("rules --format json --set " + set, schema_path("rules.json"), 0);
  }
}

TEST(JsonSchemas, FindingsHaveOneShapeInEveryCommand) {
  // The same finding shape in check, record and convert's output findings: rule, severity,
  // message and a location object.
  auto check = nlohmann::json::parse(run_bimi("check --format json " + fixture("schema/script.svg")).out);
  auto record = nlohmann::json::parse(
      run_bimi("record --format json --domain example.com --logo-url http://example.com/logo.svg").out);
  for (const auto* findings : {&check["files"][0]["findings"], &record["findings"]}) {
    ASSERT_FALSE(findings->empty());
    for (const auto& finding : *findings) {
      EXPECT_EQ(schema_errors(schema_path("finding.json"), finding.dump()), "") << finding;
      EXPECT_TRUE(finding.contains("location")) << finding;
    }
  }
}

// RFC 3986 URI-reference characters only: no space, no raw non-ASCII, and '%' only as an escape.
bool is_uri_reference(const std::string& uri) {
  static const std::regex allowed(R"(^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$)");
  return std::regex_match(uri, allowed);
}

TEST(Sarif, ValidAgainstTheSarifSchema) {
  for (const std::string& input : {fixture("schema/good.svg"), fixture("schema/script.svg") + " " + fixture("schema/v11.svg"),
                                   fixture("raster/logo-baseline.jpg")}) {
    RunResult r = run_bimi("check --format sarif " + input);
    EXPECT_EQ(schema_errors(sarif_schema_path(), r.out), "") << input << "\n" << r.out;
  }
}

TEST(Sarif, PathsAreUriReferences) {
  TempDir dir;
  const std::string name = "my logo #1 100% é.svg";
  fs::copy_file(fixture_path("schema/script.svg"), dir.path() / name);
  RunResult relative = run_bimi_in(dir.path(), "check --format sarif " + shell_quote(name));
  auto sarif = nlohmann::json::parse(relative.out);
  EXPECT_EQ(schema_errors(sarif_schema_path(), sarif.dump()), "");
  const auto& run = sarif["runs"][0];
  const auto& location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(location["uri"], "my%20logo%20%231%20100%25%20%C3%A9.svg");
  EXPECT_EQ(location["uriBaseId"], "%SRCROOT%");
  std::string base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"];
  EXPECT_EQ(base.rfind("file:///", 0), 0u) << base;
  EXPECT_EQ(base.back(), '/');
  EXPECT_TRUE(is_uri_reference(base)) << base;

  std::string absolute_path = (dir.path() / name).string();
  RunResult absolute = run_bimi("check --format sarif " + shell_quote(absolute_path));
  auto absolute_sarif = nlohmann::json::parse(absolute.out);
  EXPECT_EQ(schema_errors(sarif_schema_path(), absolute.out), "");
  for (const auto& result : absolute_sarif["runs"][0]["results"]) {
    std::string uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    EXPECT_EQ(uri.rfind("file:///", 0), 0u) << uri;
    EXPECT_TRUE(is_uri_reference(uri)) << uri;
    EXPECT_NE(uri.find("/my%20logo%20%231%20100%25%20%C3%A9.svg"), std::string::npos) << uri;
  }
}

TEST(Sarif, AColonInARelativePathIsNotASchema) {
  TempDir dir;
  fs::copy_file(fixture_path("schema/script.svg"), dir.path() / "c:logo.svg");
  RunResult r = run_bimi_in(dir.path(), "check --format sarif c:logo.svg");
  auto sarif = nlohmann::json::parse(r.out);
  EXPECT_EQ(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "c%3Alogo.svg");
}

}  // namespace
}  // namespace bimi::test
