// bimi's DKIM verifier against dkimpy (Debian's python3-dkim): a thousand messages signed by dkimpy
// with random header fields, folding, white space, bodies, canonicalizations and both key types all
// verify, and for each a copy with one byte changed gets the same pass/fail from both tools.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bimi/auth/dkim_verify.hpp"
#include "dkim_signer.hpp"

namespace bimi::auth {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// "pass", "fail" or "malformed" (the message could not be parsed), as the manifest spells dkimpy's.
std::string bimi_verdict(const std::string& text, const records::TxtLookupFunction& lookup, std::string& reason) {
  Diagnostics out;
  auto message = parse_message(text, out);
  if (!message) {
    reason = out.items().front().rule;
    return "malformed";
  }
  DkimVerifyOptions options;
  options.now = static_cast<std::int64_t>(std::time(nullptr));  // dkimpy signs with the current time
  auto results = verify_dkim(*message, lookup, options);
  if (results.size() != 1) {
    reason = "signatures: " + std::to_string(results.size());
    return "fail";
  }
  reason = results[0].reason;
  return results[0].result == DkimResult::pass ? "pass" : "fail";
}

TEST(DkimOracle, ThousandDkimpySignedMessagesAndOneByteMutations) {
  std::filesystem::path dir = std::filesystem::path(BIMI_TEST_WORK_DIR) / "dkim-oracle";
  std::filesystem::remove_all(dir);
  std::string command = std::string(BIMI_PYTHON3) + " " + BIMI_SOURCE_DIR + "/tests/auth/dkim_oracle.py " +
                        dir.string() + " 1000 7";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  std::map<std::string, std::string> keys;
  const auto key_records = nlohmann::json::parse(read(dir / "keys.json"));
  for (const auto& [name, record] : key_records.items())
    keys[name] = record.get<std::string>();
  auto lookup = testing::zone(keys);

  std::ifstream manifest(dir / "manifest.jsonl");
  std::string line;
  int messages = 0, mutated_failures = 0, disagreements = 0;
  std::map<std::string, int> reasons;
  while (std::getline(manifest, line)) {
    auto entry = nlohmann::json::parse(line);
    std::string n = std::to_string(entry["n"].get<int>());
    std::string reason;
    std::string verdict = bimi_verdict(read(dir / (n + ".eml")), lookup, reason);
    EXPECT_EQ(verdict, entry["dkimpy"].get<std::string>()) << n << ".eml: " << reason;
    std::string mutated = bimi_verdict(read(dir / (n + ".mut.eml")), lookup, reason);
    std::string expected = entry["mutated_dkimpy"].get<std::string>();
    if (mutated != expected) {
      ++disagreements;
      ADD_FAILURE() << n << ".mut.eml (byte " << entry["offset"] << " in the " << entry["region"]
                    << ", " << entry["canonicalization"] << "): bimi " << mutated << " (" << reason
                    << "), dkimpy " << expected;
    }
    if (mutated == "fail") {
      ++mutated_failures;
      ++reasons[reason];
      // A changed body byte is a body-hash failure, never a signature one.
      if (entry["region"] == "body") {
        EXPECT_EQ(reason, "dkim-body-hash") << n;
      }
    }
    ++messages;
  }
  EXPECT_EQ(messages, 1000);
  EXPECT_EQ(disagreements, 0);
  EXPECT_GT(mutated_failures, 500);
  for (const auto& [reason, count] : reasons) std::cout << reason << ": " << count << "\n";
}

}  // namespace
}  // namespace bimi::auth
