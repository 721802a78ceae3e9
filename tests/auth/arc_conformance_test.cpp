// The ARC validation suite (fixtures/conformance/arc, MIT licence, ValiMail), read with yaml-cpp:
// every scenario's messages validated against its key records; each result must be the suite's `cv`.
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <ctime>
#include <map>

#include "bimi/auth/arc_verify.hpp"
#include "dkim_signer.hpp"

namespace bimi::auth {
namespace {

std::vector<YAML::Node> load_suite() {
  return YAML::LoadAllFromFile(std::string(BIMI_SOURCE_DIR) + "/fixtures/conformance/arc/arc-draft-validation-tests.yml");
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(ArcConformance, ValidationSuite) {
  const std::vector<YAML::Node> suite = load_suite();
  ASSERT_FALSE(suite.empty());
  int tests = 0, agreed = 0;
  for (const auto& scenario : suite) {
    std::map<std::string, std::string> records;
    for (const auto& record : scenario["txt-records"]) records[record.first.as<std::string>()] = record.second.as<std::string>();
    auto lookup = testing::zone(records);
    for (const auto& entry : scenario["tests"]) {
      ++tests;
      std::string name = entry.first.as<std::string>();
      const YAML::Node& test = entry.second;
      std::string expected = lower(test["cv"].as<std::string>(""));
      Diagnostics out;
      auto message = parse_message(test["message"].as<std::string>(""), out);
      std::string actual;
      std::string reason;
      if (!message) {
        // An empty message, or one with no header fields, carries no ARC set.
        actual = "none";
        reason = out.items().front().message;
      } else {
        DkimVerifyOptions options;
        options.now = static_cast<std::int64_t>(std::time(nullptr));
        auto validation = validate_arc(*message, lookup, options);
        actual = std::string(to_string(validation.result));
        if (validation.result == ArcResult::pass) {
          // A valid chain says who sealed each hop and what it recorded (what a receiver may trust).
          EXPECT_FALSE(validation.hops.empty()) << name;
          for (const auto& hop : validation.hops) {
            EXPECT_FALSE(hop.sealer.empty()) << name;
            EXPECT_NE(hop.authentication_results.find("spf=pass"), std::string::npos) << name;
          }
        }
        reason = validation.reason + ": " + validation.message;
      }
      // An empty cv means the suite accepts any result (the chain was already marked failed).
      if (expected.empty() || expected == actual) {
        ++agreed;
      } else {
        ADD_FAILURE() << name << " (" << test["description"].as<std::string>("") << "): expected " << expected << ", got "
                      << actual << " (" << reason << ")";
      }
    }
  }
  // 175 tests: four test names appear twice in the suite, and yaml-cpp keeps both (PyYAML, which
  // the suite's own runner uses, keeps only the last of each, so it runs 171).
  EXPECT_EQ(tests, 175);
  EXPECT_EQ(agreed, tests);
}

}  // namespace
}  // namespace bimi::auth
