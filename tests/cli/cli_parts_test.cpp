// The CLI's own parts, in-process: the exit-code table the README shows, file URIs, and the
// closest-name suggestion.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "closest_name.hpp"
#include "exit_codes.hpp"
#include "file_uri.hpp"

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

}  // namespace
}  // namespace bimi::cli
