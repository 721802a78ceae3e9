// The command line itself: bare `bimi`, unknown commands, --help's exit-status tables, option
// values refused before any work, and formats bimi cannot read named in every command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& relative) { return shell_quote(std::string(BIMI_FIXTURES_DIR) + "/" + relative); }

const std::vector<std::string> subcommands = {"check", "rules",   "convert", "render", "preview", "compare", "hash",
                                              "csr",   "verify", "inspect", "record", "dmarc",   "domain"};

TEST(CommandLine, BareBimiPrintsTheHelpAndExitsTwo) {
  RunResult r = run_bimi("", true);
  EXPECT_EQ(r.exit_code, 2);
  for (const auto& command : subcommands) EXPECT_NE(r.out.find(command), std::string::npos) << command;
  EXPECT_NE(r.out.find("Exit status:"), std::string::npos) << r.out;
}

TEST(CommandLine, UnknownCommandIsNamedWithTheClosestOne) {
  RunResult unknown = run_bimi("frobnicate", true);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("unknown command 'frobnicate'"), std::string::npos) << unknown.out;
  EXPECT_NE(unknown.out.find("check, rules, convert"), std::string::npos) << unknown.out;  // nothing close: the list

  RunResult typo = run_bimi("chekc logo.svg", true);
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.out.find("unknown command 'chekc'; did you mean 'check'?"), std::string::npos) << typo.out;

  RunResult known = run_bimi("rules --set dns", true);
  EXPECT_EQ(known.exit_code, 0);
}

// The block that ends a --help: "Exit status:" and one line per code.
std::vector<std::string> exit_status_lines(const std::string& help) {
  std::size_t at = help.rfind("Exit status:");
  std::vector<std::string> lines;
  if (at == std::string::npos) return lines;
  std::istringstream rest(help.substr(at));
  std::string line;
  std::getline(rest, line);
  while (std::getline(rest, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// README's "| code | meaning |" rows as "  N  meaning" help lines.
std::vector<std::string> readme_exit_rows() {
  std::ifstream in(std::string(BIMI_SOURCE_DIR) + "/README.md");
  std::vector<std::string> rows;
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line == "| code | meaning |") {
      in_table = true;
      continue;
    }
    if (!in_table || line.rfind("|---", 0) == 0) continue;
    if (line.empty() || line[0] != '|') break;
    std::size_t bar = line.find(" | ");
    rows.push_back("  " + line.substr(2, bar - 2) + "  " + line.substr(bar + 3, line.size() - bar - 5));
  }
  return rows;
}

TEST(CommandLine, EveryHelpEndsWithItsExitStatusFromTheOneTable) {
  std::vector<std::string> readme = readme_exit_rows();
  ASSERT_EQ(readme.size(), 5u);
  for (const auto& command : subcommands) {
    RunResult r = run_bimi(command + " --help");
    EXPECT_EQ(r.exit_code, 0) << command;
    std::vector<std::string> lines = exit_status_lines(r.out);
    ASSERT_FALSE(lines.empty()) << command << " --help has no exit status:\n" << r.out;
    // Nothing after the table but the table.
    EXPECT_EQ(r.out.substr(r.out.rfind("Exit status:")).find("\n\n"), std::string::npos) << command;
    for (const auto& line : lines) {
      EXPECT_NE(std::find(readme.begin(), readme.end(), line), readme.end()) << command << ": " << line;
    }
    EXPECT_EQ(lines.front().rfind("  0  ", 0), 0u) << command;
    EXPECT_NE(std::find(lines.begin(), lines.end(), readme[2]), lines.end()) << command << " omits usage errors";
  }
  RunResult top = run_bimi("--help");
  EXPECT_EQ(exit_status_lines(top.out), readme);
}

TEST(CommandLine, BadOptionValuesAreUsageErrorsBeforeAnyWork) {
  TempDir dir;
  std::string out = shell_quote((dir.path() / "out.svg").string());
  std::string svg = fixture("schema/good.svg");
  struct Case {
    std::string arguments;
    std::string says;
  };
  // A missing input would be exit 3 if any work started: each of these must stop at 2 first.
  std::string missing = shell_quote((dir.path() / "missing.svg").string());
  const std::vector<Case> cases = {
      {"convert " + svg + " -o " + out + " --background bogus", "bogus"},
      {"convert " + missing + " -o " + out + " --background bogus", "bogus"},
      {"convert " + missing + " -o " + out + " --background transparent", "transparent"},
      {"convert " + missing + " -o " + out + " --background '#ffffff80'", "#ffffff80"},
      {"convert " + missing + " -o " + out + " --out-dir " + shell_quote(dir.path().string()), "--out-dir"},
      {"convert " + missing + " -o " + out + " --fit sideways", "sideways"},
      {"convert " + missing + " -o " + out + " -j 0", "-j"},
      {"check " + missing + " --format yaml", "yaml"},
      {"check " + missing + " -j 0", "-j"},
      {"compare " + missing + " " + missing + " --min-ssim 2", "2"},
      {"compare " + missing + " " + missing + " --max-differing -0.5", "-0.5"},
      {"verify " + missing + " --logo " + missing + " --domain example.com --at yesterday", "yesterday"},
      {"verify " + missing + " --logo " + missing + " --domain 'not a domain'", "not a domain"},
      {"domain example.com --at soon", "soon"},
      {"domain example.com --selector 'a b'", "a b"},
      {"record --parse 'v=BIMI1;' --domain example.com", "--domain"},
      {"dmarc example.com --parse 'v=DMARC1; p=reject'", "--parse"},
      {"csr --domain example.com --org O --country US --key " + missing + " --key-out k -o c", "--key"},
      {"rules --set everything", "everything"},
  };
  for (const auto& c : cases) {
    RunResult r = run_bimi(c.arguments, true);
    EXPECT_EQ(r.exit_code, 2) << c.arguments << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << c.arguments << "\n" << r.out;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "out.svg"));
  // A good colour still converts.
  RunResult good = run_bimi("convert " + svg + " -o " + out + " --background 'rgb(255, 255, 255)'");
  EXPECT_EQ(good.exit_code, 0) << good.out;
}

// Formats bimi cannot read, made at test time from their signatures.
struct Foreign {
  std::string name;       // as messages name it
  std::string extension;  // the file is named like one, as users name them
  std::string bytes;
};

std::vector<Foreign> foreign_formats() {
  using namespace std::string_literals;
  std::string pad(64, '\x01');
  return {
      {"WebP", ".webp", "RIFF\x24\0\0\0WEBPVP8 "s + pad},
      {"GIF", ".gif", "GIF89a\x01\0\x01\0"s + pad},
      {"ICO", ".ico", "\0\0\1\0\1\0\x10\x10"s + pad},
      {"PDF", ".pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"s + pad},
      {"AVIF", ".avif", "\0\0\0\x1c" "ftypavif\0\0\0\0"s + pad},
      {"HEIC", ".heic", "\0\0\0\x18" "ftypheic\0\0\0\0"s + pad},
      {"TIFF", ".tif", "II*\0\x08\0\0\0"s + pad},
      {"TIFF", ".tiff", "MM\0*\0\0\0\x08"s + pad},
      {"BMP", ".bmp", "BM\x46\0\0\0\0\0\0\0\x36\0\0\0"s + pad},
  };
}

TEST(CommandLine, ForeignFormatsAreNamedByEveryCommand) {
  TempDir dir;
  for (const auto& format : foreign_formats()) {
    fs::path file = dir.path() / ("logo" + format.extension);
    std::ofstream(file, std::ios::binary) << format.bytes;
    std::string path = shell_quote(file.string());
    std::string png = shell_quote((dir.path() / "out.png").string());
    std::string svg = shell_quote((dir.path() / "out.svg").string());
    for (const std::string& command :
         {"check " + path, "hash " + path, "render " + path + " -o " + png, "convert " + path + " -o " + svg,
          "compare " + path + " " + fixture("schema/good.svg"), "compare " + fixture("schema/good.svg") + " " + path,
          "check --format json " + path, "convert --format json " + path + " -o " + svg}) {
      RunResult r = run_bimi(command, true);
      EXPECT_EQ(r.exit_code, 3) << command << "\n" << r.out;
      EXPECT_NE(r.out.find(format.name), std::string::npos) << command << "\n" << r.out;
      EXPECT_EQ(r.out.find("NUL"), std::string::npos) << command << "\n" << r.out;
    }
    EXPECT_FALSE(fs::exists(dir.path() / "out.png"));
    EXPECT_FALSE(fs::exists(dir.path() / "out.svg"));
  }
}

TEST(CommandLine, BitmapsAreNamedWhereOnlySvgIsRead) {
  // check cannot read it (exit 3); hash refuses to hash what is no logo for a CA (exit 1).
  for (const auto& [command, exit_code] : {std::pair<std::string, int>{"check ", 3}, {"hash ", 1}}) {
    RunResult r = run_bimi(command + fixture("raster/logo-baseline.jpg"), true);
    EXPECT_EQ(r.exit_code, exit_code) << r.out;
    EXPECT_NE(r.out.find("JPEG"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("bimi convert"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace bimi::test
