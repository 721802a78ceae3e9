// End-to-end tests of what every command may read and write: standard streams ("-"), FIFOs,
// devices and links as inputs and outputs, output directories, permissions and long names.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "run_bimi.hpp"

namespace bimi::test {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& relative) { return std::string(BIMI_FIXTURES_DIR) + "/" + relative; }
std::string q(const fs::path& p) { return shell_quote(p.string()); }
const std::string bimi = shell_quote(BIMI_BINARY);

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs a shell command line (for umask, redirections and timeouts); stderr joins stdout with merge.
RunResult run_shell(const std::string& command, bool merge_stderr = false) {
  RunResult result;
  FILE* pipe = ::popen((command + (merge_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_mode;
}

const std::string logo = fixture("convert/wide.svg");

// ---- outputs that are not regular files (finding 5) ----

TEST(CliFiles, OutputLinkedToStandardOutputIsWrittenThrough) {
  TempDir dir;
  fs::path link = dir.path() / "out.svg";
  fs::create_symlink("/proc/self/fd/1", link);
  RunResult r = run_bimi("convert " + q(logo) + " -o " + q(link));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("<svg"), std::string::npos);
  EXPECT_TRUE(S_ISLNK(mode_of(link)));
}

TEST(CliFiles, OutputLinkedToDevNullIsWrittenThrough) {
  TempDir dir;
  fs::path link = dir.path() / "null.png";
  fs::create_symlink("/dev/null", link);
  EXPECT_EQ(run_bimi("render " + q(logo) + " -o " + q(link)).exit_code, 0);
  EXPECT_TRUE(S_ISLNK(mode_of(link)));
  EXPECT_TRUE(S_ISCHR(mode_of("/dev/null")));
}

TEST(CliFiles, FifoWithoutReaderIsNotReplaced) {
  TempDir dir;
  fs::path fifo = dir.path() / "out.svg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  RunResult r = run_shell("timeout 60 " + bimi + " convert " + q(logo) + " -o " + q(fifo), true);
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("no reader"), std::string::npos) << r.out;
  EXPECT_TRUE(S_ISFIFO(mode_of(fifo)));
}

TEST(CliFiles, DirectoryIsNotAnOutput) {
  TempDir dir;
  fs::create_directory(dir.path() / "out.png");
  EXPECT_EQ(run_bimi("render " + q(logo) + " -o " + q(dir.path() / "out.png")).exit_code, 4);
  EXPECT_TRUE(fs::is_directory(dir.path() / "out.png"));
}

TEST(CliFiles, ExtractedLogoThroughALinkToStandardOutput) {
  TempDir dir;
  fs::path link = dir.path() / "embedded.svg";
  fs::create_symlink("/proc/self/fd/1", link);
  RunResult r = run_bimi("inspect " + q(fixture("real/cnn-vmc.pem")) + " --extract-logo " + q(link));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("<svg"), std::string::npos);
  EXPECT_TRUE(S_ISLNK(mode_of(link)));
}

// ---- inputs that are not regular files (finding 10) ----

TEST(CliFiles, FifoWithoutWriterIsRefusedNotAwaited) {
  TempDir dir;
  fs::path fifo = dir.path() / "logo.svg";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  for (std::string command : {"check ", "hash ", "render ", "convert "}) {
    std::string tail = command == "render " || command == "convert " ? " -o " + q(dir.path() / "out") : "";
    RunResult r = run_shell("timeout 30 " + bimi + " " + command + q(fifo) + tail, true);
    EXPECT_EQ(r.exit_code, 3) << command << r.out;
    EXPECT_NE(r.out.find("not a regular file"), std::string::npos) << command << r.out;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

// ---- --out-dir and inputs (finding 7) ----

TEST(CliFiles, OutDirInsideTheInputTreeIsNotConvertedAgain) {
  TempDir dir;
  fs::path logos = dir.path() / "logos";
  fs::create_directories(logos);
  fs::copy_file(logo, logos / "wide.svg");
  fs::copy_file(fixture("convert/figma.svg"), logos / "figma.svg");
  for (int run = 0; run < 2; ++run) {
    RunResult r = run_bimi("convert --format json " + q(logos) + " --out-dir " + q(logos / "bimi"));
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)["total"].get<int>(), 2) << "run " << run;
  }
  EXPECT_TRUE(fs::exists(logos / "bimi" / "wide.svg"));
  EXPECT_FALSE(fs::exists(logos / "bimi" / "bimi"));
}

TEST(CliFiles, OutputThatIsAnotherInputIsRefused) {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  fs::create_directories(dir.path() / "out");
  fs::copy_file(logo, dir.path() / "in" / "logo.svg");
  fs::copy_file(fixture("convert/figma.svg"), dir.path() / "out" / "logo.svg");
  // The second input is, under another name, the first input's output.
  fs::create_symlink(dir.path() / "out" / "logo.svg", dir.path() / "other.svg");
  const std::string before = read(dir.path() / "out" / "logo.svg");
  RunResult r = run_bimi("convert " + q(dir.path() / "in" / "logo.svg") + " " + q(dir.path() / "other.svg") +
                             " --out-dir " + q(dir.path() / "out"),
                         true);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("also an input"), std::string::npos) << r.out;
  EXPECT_EQ(read(dir.path() / "out" / "logo.svg"), before);
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "other.svg"));
}

// An output directory inside the input tree that already holds a logo of the same name: that logo is
// an earlier output, not an input, so it is replaced and never converted.
TEST(CliFiles, EarlierOutputsInsideTheTreeAreReplacedNotConverted) {
  TempDir dir;
  fs::path logos = dir.path() / "logos";
  fs::create_directories(logos / "bimi");
  fs::copy_file(logo, logos / "logo.svg");
  fs::copy_file(fixture("convert/figma.svg"), logos / "bimi" / "logo.svg");
  RunResult r = run_bimi("convert --format json " + q(logos) + " --out-dir " + q(logos / "bimi"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"].get<int>(), 1);
  EXPECT_FALSE(fs::exists(logos / "bimi" / "bimi"));
}

// ---- permissions, names, directories (findings 11, 12) ----

TEST(CliFiles, OutputsFollowTheUmaskAndKeysStayPrivate) {
  TempDir dir;
  fs::path strict = dir.path() / "strict.svg";
  fs::path usual = dir.path() / "usual.svg";
  EXPECT_EQ(run_shell("umask 077 && " + bimi + " convert " + q(logo) + " -o " + q(strict)).exit_code, 0);
  EXPECT_EQ(run_shell("umask 022 && " + bimi + " convert " + q(logo) + " -o " + q(usual)).exit_code, 0);
  EXPECT_EQ(mode_of(strict) & 0777, 0600u);
  EXPECT_EQ(mode_of(usual) & 0777, 0644u);
  fs::path key = dir.path() / "k.key";
  RunResult r = run_shell("umask 0277 && " + bimi + " csr --domain example.com --org Example --country US --key-type ec:P-256 --key-out " +
                          q(key) + " -o " + q(dir.path() / "r.csr"));
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(mode_of(key) & 0777, 0600u);
}

TEST(CliFiles, LongestOutputNameIsWritten) {
  TempDir dir;
  fs::path out = dir.path() / (std::string(251, 'n') + ".svg");  // 255 bytes
  EXPECT_EQ(run_bimi("convert " + q(logo) + " -o " + q(out)).exit_code, 0);
  EXPECT_TRUE(fs::exists(out));
}

TEST(CliFiles, FailedOutDirRunLeavesNoDirectory) {
  TempDir dir;
  // A 255-byte input name becomes a 259-byte output name, which no file system takes.
  fs::path input = dir.path() / std::string(255, 'i');
  fs::copy_file(logo, input);
  RunResult r = run_bimi("convert " + q(input) + " --out-dir " + q(dir.path() / "out" / "sub"));
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(CliFiles, EveryWriterCreatesItsOutputDirectory) {
  TempDir dir;
  EXPECT_EQ(run_bimi("convert " + q(logo) + " -o " + q(dir.path() / "c" / "logo.svg")).exit_code, 0);
  EXPECT_EQ(run_bimi("render " + q(logo) + " -o " + q(dir.path() / "r" / "logo.png")).exit_code, 0);
  EXPECT_EQ(run_bimi("csr --domain example.com --org Example --country US --key-type ec:P-256 --key-out " +
                     q(dir.path() / "k" / "new.key") + " -o " + q(dir.path() / "q" / "new.csr"))
                .exit_code,
            0);
  EXPECT_EQ(run_bimi("inspect " + q(fixture("real/cnn-vmc.pem")) + " --extract-logo " + q(dir.path() / "e" / "logo.svg"))
                .exit_code,
            0);
  for (const char* path : {"c/logo.svg", "r/logo.png", "k/new.key", "q/new.csr", "e/logo.svg"}) {
    EXPECT_TRUE(fs::is_regular_file(dir.path() / path)) << path;
  }
}

// ---- input collection ----

TEST(CliFiles, CheckCountsAFileOnce) {
  TempDir dir;
  fs::copy_file(logo, dir.path() / "a.svg");
  fs::create_symlink(dir.path() / "a.svg", dir.path() / "link.svg");
  RunResult r = run_bimi("check --format json " + q(dir.path()) + " " + q(dir.path() / "a.svg"));
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["files"].size(), 1u) << r.out;
}

TEST(CliFiles, ConvertDirectoryWithoutLogosIsAUsageError) {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  std::ofstream(dir.path() / "in" / "notes.txt") << "not a logo";
  RunResult r = run_bimi("convert " + q(dir.path() / "in") + " --out-dir " + q(dir.path() / "out"), true);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("no *.svg, *.svgz, *.png, *.jpg, *.jpeg, *.webp or *.gif files under"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(CliFiles, DanglingLinkDoesNotEndTheWalk) {
  TempDir dir;
  for (const char* name : {"a.svg", "c.svg", "e.svg"}) fs::copy_file(logo, dir.path() / name);
  fs::create_symlink(dir.path() / "missing.svg", dir.path() / "b.svg");
  fs::create_symlink(dir.path() / "missing.svg", dir.path() / "d.svg");
  RunResult r = run_bimi("check --format json " + q(dir.path()));
  EXPECT_EQ(nlohmann::json::parse(r.out)["files"].size(), 3u) << r.out;
}

// ---- standard input and output ----

TEST(CliFiles, StandardInputAndOutput) {
  RunResult checked = run_shell(bimi + " check --format json - < " + q(logo));
  EXPECT_EQ(nlohmann::json::parse(checked.out)["files"].size(), 1u) << checked.out;

  RunResult converted = run_shell(bimi + " convert - -o - < " + q(logo));
  EXPECT_EQ(converted.exit_code, 0);
  EXPECT_EQ(converted.out.rfind("<svg", 0), 0u) << converted.out.substr(0, 200);  // the logo alone

  RunResult rendered = run_shell(bimi + " render - -o - --size 32 < " + q(logo));
  EXPECT_EQ(rendered.exit_code, 0);
  EXPECT_EQ(rendered.out.substr(0, 8), "\x89PNG\r\n\x1a\n");

  RunResult hashed = run_shell(bimi + " hash --allow-invalid --format json - < " + q(logo));
  RunResult hashed_file = run_bimi("hash --allow-invalid --format json " + q(logo));
  EXPECT_EQ(nlohmann::json::parse(hashed.out)["sha256"], nlohmann::json::parse(hashed_file.out)["sha256"]);
}

TEST(CliFiles, StandardStreamMisuse) {
  TempDir dir;
  EXPECT_EQ(run_shell(bimi + " compare - - < " + q(logo)).exit_code, 2);
  EXPECT_EQ(run_shell(bimi + " convert - --out-dir " + q(dir.path()) + " < " + q(logo)).exit_code, 2);
  EXPECT_EQ(run_bimi("inspect " + q(fixture("real/cnn-vmc.pem")) + " --extract-logo -").exit_code, 2);
  EXPECT_EQ(run_bimi("csr --domain example.com --org Example --country US --key-out " + q(dir.path() / "k.key") +
                     " -o -")
                .exit_code,
            2);
  EXPECT_FALSE(fs::exists(dir.path() / "k.key"));
  // libcurl reads the CA file by name: standard input cannot stand in for it.
  EXPECT_EQ(run_bimi("domain example.com --ca-file - < /dev/null").exit_code, 2);
}

}  // namespace
}  // namespace bimi::test
