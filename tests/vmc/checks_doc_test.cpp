// docs/vmc-checks.md is the check table rendered; verify reports exactly the table's checks.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "bimi/vmc/checks.hpp"
#include "bimi/vmc/verify.hpp"

namespace bimi::vmc {
namespace {

TEST(ChecksDoc, MatchesTheTable) {
  std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/docs/vmc-checks.md", std::ios::binary);
  std::stringstream docs;
  docs << in.rdbuf();
  if (docs.str() != checks_markdown()) {
    std::ofstream out("vmc-checks.md.expected", std::ios::binary);
    out << checks_markdown();
  }
  EXPECT_EQ(docs.str(), checks_markdown())
      << "docs/vmc-checks.md is stale: copy vmc-checks.md.expected from the test's working directory";
}

TEST(ChecksDoc, TableIdsAreUniqueAndCited) {
  std::set<std::string_view> ids;
  for (const auto& check : check_table()) {
    EXPECT_TRUE(ids.insert(check.id).second) << check.id;
    EXPECT_FALSE(check.summary.empty());
    EXPECT_FALSE(check.citation.empty());
    EXPECT_EQ(find_check(check.id), &check);
  }
  EXPECT_EQ(find_check("no-such-check"), nullptr);
}

}  // namespace
}  // namespace bimi::vmc
