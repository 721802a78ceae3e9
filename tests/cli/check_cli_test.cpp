#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "json_schema.hpp"
#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& relative) { return shell_quote(std::string(BIMI_FIXTURES_DIR) + "/" + relative); }

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

const std::string good =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">\n"
    "<title>Example</title>\n<rect width=\"100\" height=\"100\" fill=\"#fff\"/>\n"
    "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/>\n</svg>\n";

TEST(CliBasics, VersionAndHelp) {
  RunResult version = run_bimi("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("bimi "), std::string::npos);
  RunResult help = run_bimi("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("check"), std::string::npos);
  EXPECT_NE(help.out.find("rules"), std::string::npos);
}

TEST(CliBasics, EverySubcommandHasHelp) {
  for (const char* command : {"check", "rules", "convert", "compare", "hash", "verify", "inspect", "record", "dmarc", "domain"}) {
    RunResult help = run_bimi(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--format"), std::string::npos) << command;
  }
  for (const char* command : {"render", "csr"}) {
    RunResult help = run_bimi(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("--help"), std::string::npos) << command;
  }
  RunResult top = run_bimi("--help");
  for (const char* command : {"check", "convert", "render", "compare", "rules", "hash", "csr", "verify", "inspect", "record", "dmarc", "domain"}) {
    EXPECT_NE(top.out.find(command), std::string::npos) << command;
  }
  EXPECT_NE(run_bimi("check --help").out.find("Exit status"), std::string::npos);
}

TEST(CliBasics, UsageErrorsExitTwo) {
  EXPECT_EQ(run_bimi("").exit_code, 2);
  EXPECT_EQ(run_bimi("check").exit_code, 2);
  EXPECT_EQ(run_bimi("check --format yaml " + fixture("real/cnn-logo.svg")).exit_code, 2);
  EXPECT_EQ(run_bimi("check --profile gmail " + fixture("real/cnn-logo.svg")).exit_code, 2);
  EXPECT_EQ(run_bimi("frobnicate").exit_code, 2);
}

TEST(CliCheck, CompliantLogoExitsZero) {
  RunResult r = run_bimi("check " + fixture("rules/colors/pass-one-colour-on-transparency.svg") + " " +
                         fixture("real/globalsign-logo.svg"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("2 files checked, 0 failed"), std::string::npos) << r.out;
}

TEST(CliCheck, FindingsAreLocatedAndExitOne) {
  RunResult r = run_bimi("check " + fixture("schema/opacity.svg"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("opacity.svg:1:158: error: attribute 'opacity' is not allowed on <rect>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[attribute-not-allowed]"), std::string::npos);
}

TEST(CliCheck, NoColourWhenNotATerminal) {
  RunResult r = run_bimi("check " + fixture("schema/opacity.svg"));
  EXPECT_EQ(r.out.find('\033'), std::string::npos);
}

TEST(CliCheck, ProfileSpecDowngradesGuidance) {
  std::string file = fixture("rules/square/fail-viewbox.svg");
  EXPECT_EQ(run_bimi("check " + file).exit_code, 1);
  RunResult spec = run_bimi("check --profile spec " + file);
  EXPECT_EQ(spec.exit_code, 0) << spec.out;
  EXPECT_NE(spec.out.find("warning:"), std::string::npos);
}

TEST(CliCheck, UnreadableInputExitsThree) {
  TempDir dir;
  EXPECT_EQ(run_bimi("check " + shell_quote((dir.path() / "missing.svg").string())).exit_code, 3);
  write(dir.path() / "empty.svg", "");
  RunResult r = run_bimi("check " + shell_quote((dir.path() / "empty.svg").string()));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("[input-empty]"), std::string::npos);
  EXPECT_EQ(run_bimi("check " + fixture("rules/xml-malformed/fail-unclosed.svg")).exit_code, 3);
  EXPECT_EQ(run_bimi("check " + fixture("rules/input-encoding/fail-nul.svg")).exit_code, 3);
}

TEST(CliCheck, UnreadableWinsOverFindings) {
  TempDir dir;
  RunResult r = run_bimi("check " + fixture("schema/opacity.svg") + " " + shell_quote((dir.path() / "nope.svg").string()));
  EXPECT_EQ(r.exit_code, 3);
}

TEST(CliCheck, HugeFileIsRefusedQuickly) {
  TempDir dir;
  fs::path big = dir.path() / "big.svg";
  {
    std::ofstream out(big, std::ios::binary);
    out << "<svg>";
    std::string chunk(1 << 20, ' ');
    for (int i = 0; i < 30; ++i) out << chunk;
    out << "</svg>";
  }
  RunResult r = run_bimi("check " + shell_quote(big.string()));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("[input-too-large]"), std::string::npos) << r.out;
}

TEST(CliCheck, DirectoriesRecurseOverSvgAndSvgzOnly) {
  TempDir dir;
  write(dir.path() / "a.svg", good);
  write(dir.path() / "nested" / "deeper" / "b.SVG", good);
  write(dir.path() / "nested" / "c.svgz", std::string(BIMI_FIXTURES_DIR) + "x");  // not gzip, not xml: unreadable
  write(dir.path() / "notes.txt", "not a logo");
  write(dir.path() / "d svg with space.svg", good);
  RunResult r = run_bimi("check --format json " + shell_quote(dir.path().string()));
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["summary"]["files"], 4);
  EXPECT_EQ(r.exit_code, 3);
  std::vector<std::string> paths;
  for (const auto& f : json["files"]) paths.push_back(f["path"]);
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
}

TEST(CliCheck, SvgzIsChecked) {
  RunResult r = run_bimi("check " + fixture("rules/gzip-invalid/pass.svgz"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(run_bimi("check " + fixture("rules/gzip-invalid/fail-truncated.svgz")).exit_code, 3);
}

TEST(CliCheck, JsonReport) {
  RunResult r = run_bimi("check --format json " + fixture("schema/inkscape.svg") + " " + fixture("real/cnn-logo.svg"));
  EXPECT_EQ(r.exit_code, 1);
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json["files"].size(), 2u);
  EXPECT_FALSE(json["files"][0]["valid"].get<bool>());
  EXPECT_TRUE(json["files"][1]["valid"].get<bool>());
  const auto& finding = json["files"][0]["findings"][0];
  EXPECT_TRUE(finding.contains("rule"));
  EXPECT_TRUE(finding.contains("severity"));
  EXPECT_TRUE(finding.contains("message"));
  EXPECT_TRUE(finding["location"].contains("line"));
  EXPECT_GE(json["summary"]["errors"].get<int>(), 1);
}

TEST(CliCheck, SarifReport) {
  RunResult r = run_bimi("check --format sarif " + fixture("schema/script.svg"));
  EXPECT_EQ(r.exit_code, 1);
  auto sarif = nlohmann::json::parse(r.out);
  EXPECT_EQ(schema_errors(sarif_schema_path(), r.out), "");
  EXPECT_EQ(sarif["version"], "2.1.0");
  const auto& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "bimi");
  EXPECT_GE(run["tool"]["driver"]["rules"].size(), 50u);
  bool found = false;
  for (const auto& result : run["results"]) {
    if (result["ruleId"] == "element-script") {
      found = true;
      EXPECT_EQ(result["level"], "error");
      const auto& location = result["locations"][0]["physicalLocation"];
      EXPECT_NE(location["artifactLocation"]["uri"].get<std::string>().find("script.svg"), std::string::npos);
      EXPECT_EQ(location["region"]["startLine"], 1);
      EXPECT_GT(location["region"]["startColumn"].get<int>(), 1);
    }
  }
  EXPECT_TRUE(found) << r.out;
}

// A directory with nothing to check is most likely the wrong directory: a usage error, not success.
TEST(CliCheck, DirectoryWithoutLogosIsAUsageError) {
  TempDir dir;
  write(dir.path() / "notes.txt", "not a logo");
  RunResult r = run_bimi("check " + shell_quote(dir.path().string()), true);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("no *.svg or *.svgz files under " + dir.path().string()), std::string::npos) << r.out;
}

TEST(CliCheck, NoRenderSkipsRenderedChecks) {
  std::string file = fixture("rules/colors/fail-one-colour.svg");
  EXPECT_EQ(run_bimi("check " + file).exit_code, 1);
  EXPECT_EQ(run_bimi("check --no-render " + file).exit_code, 0);
}

TEST(CliRules, DocsRulesMdIsGeneratedFromTheTable) {
  RunResult r = run_bimi("rules --format markdown");
  EXPECT_EQ(r.exit_code, 0);
  std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/docs/rules.md", std::ios::binary);
  std::stringstream docs;
  docs << in.rdbuf();
  EXPECT_EQ(r.out, docs.str()) << "docs/rules.md is stale: run `bimi rules --format markdown > docs/rules.md`";
}

TEST(CliRules, JsonListsEveryRule) {
  auto json = nlohmann::json::parse(run_bimi("rules --format json").out);
  EXPECT_GE(json.size(), 50u);
  for (const auto& rule : json) {
    EXPECT_TRUE(rule.contains("id"));
    EXPECT_TRUE(rule.contains("source"));
    EXPECT_TRUE(rule["strict"] == "error" || rule["strict"] == "warning" || rule["strict"] == "note");
  }
}

TEST(CliRules, CertificateAndDnsTablesAreTheirDocs) {
  for (auto [set, doc] : {std::pair{"certificate", "vmc-checks.md"}, std::pair{"dns", "dns-checks.md"}}) {
    RunResult r = run_bimi(std::string("rules --set ") + set + " --format markdown");
    EXPECT_EQ(r.exit_code, 0);
    std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/docs/" + doc, std::ios::binary);
    std::stringstream docs;
    docs << in.rdbuf();
    EXPECT_EQ(r.out, docs.str()) << set;
    auto json = nlohmann::json::parse(run_bimi(std::string("rules --set ") + set + " --format json").out);
    EXPECT_GE(json.size(), 10u) << set;
    for (const auto& rule : json) {
      EXPECT_FALSE(rule["id"].get<std::string>().empty());
      EXPECT_FALSE(rule["source"].get<std::string>().empty());
    }
  }
  EXPECT_NE(run_bimi("rules --set dns").out.find("dmarc-pct"), std::string::npos);
  EXPECT_NE(run_bimi("rules --set nonsense").exit_code, 0);
}

TEST(CliCheck, InputIsNeverModified) {
  TempDir dir;
  fs::path file = dir.path() / "logo.svg";
  write(file, good);
  auto before = fs::last_write_time(file);
  run_bimi("check " + shell_quote(file.string()));
  EXPECT_EQ(fs::last_write_time(file), before);
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), good);
}


// Logos whose document settles the rendered rules get no picture at all (no render worker either):
// fixtures/visual names them proved-*. The others are drawn directly when plain, else rendered.
TEST(CheckRenders, OnlyLogosTheDocumentDoesNotSettle) {
  std::size_t proved = 0, total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(BIMI_FIXTURES_DIR) + "/visual")) {
    if (entry.path().extension() != ".svg") continue;
    ++total;
    if (entry.path().filename().string().rfind("proved-", 0) == 0) ++proved;
  }
  ASSERT_GT(proved, 0u);
  auto counts = [](const std::string& out) {
    std::smatch m;
    static const std::regex line("([0-9]+) of ([0-9]+) files rendered by librsvg, ([0-9]+) drawn directly");
    EXPECT_TRUE(std::regex_search(out, m, line)) << out;
    return m.empty() ? std::array<std::size_t, 3>{} : std::array<std::size_t, 3>{std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3])};
  };
  RunResult all = run_shell(shell_quote(BIMI_BINARY) + " check --count-renders " + fixture("visual") + " 2>&1 >/dev/null");
  auto [rendered, files, drawn] = counts(all.out);
  EXPECT_EQ(files, total);
  EXPECT_EQ(rendered + drawn, total - proved) << all.out;
  EXPECT_GT(drawn, 0u) << all.out;
  RunResult none =
      run_shell(shell_quote(BIMI_BINARY) + " check --no-render --count-renders " + fixture("visual") + " 2>&1 >/dev/null");
  auto [none_rendered, none_files, none_drawn] = counts(none.out);
  EXPECT_EQ(none_rendered + none_drawn, 0u) << none.out;
  EXPECT_EQ(none_files, total);
}

}  // namespace
}  // namespace bimi::test
