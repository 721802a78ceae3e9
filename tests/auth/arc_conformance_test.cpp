// The ARC validation suite (fixtures/conformance/arc, MIT licence, ValiMail): every scenario's
// messages validated against its key records; each result must be the suite's `cv`.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "bimi/auth/arc_verify.hpp"
#include "dkim_signer.hpp"

namespace bimi::auth {
namespace {

nlohmann::json load_suite() {
  std::string command = std::string(BIMI_PYTHON3) + " " + BIMI_SOURCE_DIR + "/tests/auth/yaml_to_json.py " +
                        BIMI_SOURCE_DIR + "/fixtures/conformance/arc/arc-draft-validation-tests.yml";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string text;
  char buffer[65536];
  std::size_t n = 0;
  while (pipe && (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) text.append(buffer, n);
  return nlohmann::json::parse(text);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(ArcConformance, ValidationSuite) {
  const nlohmann::json suite = load_suite();
  ASSERT_TRUE(suite.is_array());
  int tests = 0, agreed = 0;
  for (const auto& scenario : suite) {
    std::map<std::string, std::string> records;
    for (const auto& [name, record] : scenario["txt-records"].items()) records[name] = record.get<std::string>();
    auto lookup = testing::zone(records);
    for (const auto& [name, test] : scenario["tests"].items()) {
      ++tests;
      std::string expected = lower(test["cv"].get<std::string>());
      Diagnostics out;
      auto message = parse_message(test["message"].get<std::string>(), out);
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
        ADD_FAILURE() << name << " (" << test.value("description", "") << "): expected " << expected << ", got "
                      << actual << " (" << reason << ")";
      }
    }
  }
  EXPECT_EQ(tests, 171);
  EXPECT_EQ(agreed, tests);
}

}  // namespace
}  // namespace bimi::auth
