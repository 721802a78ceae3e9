// fixtures/rules/<rule>/fail*.svg must raise <rule>; pass*.svg must not, and must raise no error at all.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "bimi/svgps/lint.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace fs = std::filesystem;

struct RuleFixture {
  std::string rule;
  fs::path path;
  bool should_fail;

  friend void PrintTo(const RuleFixture& fixture, std::ostream* out) { *out << fixture.path.string(); }
};

std::vector<RuleFixture> all_rule_fixtures() {
  std::vector<RuleFixture> out;
  for (const auto& dir : fs::directory_iterator(test::fixtures() / "rules")) {
    if (!dir.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      std::string name = file.path().filename().string();
      if (name.rfind("fail", 0) == 0) out.push_back({dir.path().filename().string(), file.path(), true});
      if (name.rfind("pass", 0) == 0) out.push_back({dir.path().filename().string(), file.path(), false});
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

class RuleFixtureTest : public ::testing::TestWithParam<RuleFixture> {};

TEST_P(RuleFixtureTest, RaisesItsRuleOnlyWhenItShould) {
  const RuleFixture& fixture = GetParam();
  LintReport report = lint(test::read_bytes(fixture.path));
  bool raised = report.diagnostics.has_rule(fixture.rule);
  if (fixture.should_fail) {
    EXPECT_TRUE(raised) << fixture.path << " should raise " << fixture.rule << "\n" << test::describe(report.diagnostics);
    // Every finding points somewhere a person can find, unless it is about the whole file.
  } else {
    EXPECT_FALSE(raised) << fixture.path << "\n" << test::describe(report.diagnostics);
    EXPECT_FALSE(report.diagnostics.has_errors()) << fixture.path << "\n" << test::describe(report.diagnostics);
    EXPECT_FALSE(report.fatal);
  }
}

std::string fixture_name(const ::testing::TestParamInfo<RuleFixture>& info) {
  std::string name = info.param.rule + "_" + info.param.path.stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtureTest, ::testing::ValuesIn(all_rule_fixtures()), fixture_name);

// Rules whose failing input is too big to commit are tested with lowered limits in
// hostile_input_test.cpp, and unreadable files in the CLI tests. `schema` is the libxml2 gate's
// verdict when no other rule explains a rejection; no known file reaches it, so it is tested by
// calling the gate directly (schema_gate_test.cpp). Every other rule has a failing and a passing file.
TEST(RuleFixtures, EveryRuleHasAFailingAndAPassingFixture) {
  const std::vector<std::string> tested_in_code = {"input-too-large", "too-many-elements", "input-unreadable",
                                                   "schema"};
  for (const Rule& rule : rules()) {
    std::string id(rule.id);
    if (std::find(tested_in_code.begin(), tested_in_code.end(), id) != tested_in_code.end()) continue;
    fs::path dir = test::fixtures() / "rules" / id;
    bool has_fail = false, has_pass = false;
    if (fs::is_directory(dir)) {
      for (const auto& file : fs::directory_iterator(dir)) {
        std::string name = file.path().filename().string();
        has_fail = has_fail || name.rfind("fail", 0) == 0;
        has_pass = has_pass || name.rfind("pass", 0) == 0;
      }
    }
    EXPECT_TRUE(has_fail) << "no failing fixture for " << id;
    EXPECT_TRUE(has_pass) << "no passing fixture for " << id;
  }
}

TEST(RuleFixtures, EveryFixtureFolderNamesARule) {
  for (const auto& dir : fs::directory_iterator(test::fixtures() / "rules")) {
    if (dir.is_directory()) {
      EXPECT_NE(find_rule(dir.path().filename().string()), nullptr) << dir.path();
    }
  }
}

}  // namespace
}  // namespace bimi::svgps
