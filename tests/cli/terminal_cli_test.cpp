// What untrusted text can do to a terminal: printable() alone, then end-to-end runs of the binary
// on a logo, a file name and records carrying terminal control sequences. Text output must show
// them inert; JSON keeps the exact value.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_bimi.hpp"
#include "terminal.hpp"

namespace bimi::test {
namespace {

using cli::printable;

TEST(Printable, KeepsOrdinaryText) {
  EXPECT_EQ(printable("v=BIMI1; l=https://example.com/logo.svg;"), "v=BIMI1; l=https://example.com/logo.svg;");
  EXPECT_EQ(printable("Société Générale — 標誌 🙂"), "Société Générale — 標誌 🙂");
  EXPECT_EQ(printable("C:\\path\\x1b"), "C:\\path\\x1b");  // backslashes are not doubled
  EXPECT_EQ(printable(""), "");
}

TEST(Printable, EscapesC0ControlsAndDel) {
  EXPECT_EQ(printable("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");
  EXPECT_EQ(printable("\x1b[2J"), "\\x1b[2J");
  EXPECT_EQ(printable("a\r\nready"), "a\\r\\nready");
  EXPECT_EQ(printable("a\tb"), "a\\tb");
  EXPECT_EQ(printable(std::string("\0\x01\x7f", 3)), "\\x00\\x01\\x7f");
}

TEST(Printable, EscapesC1ControlsAndBidiControls) {
  EXPECT_EQ(printable("\xc2\x9b" "2J"), "\\u{9b}2J");  // CSI
  EXPECT_EQ(printable("\xc2\x85"), "\\u{85}");         // NEL
  EXPECT_EQ(printable("abc\xe2\x80\xae" "gpj.svg"), "abc\\u{202e}gpj.svg");
  for (const char* control : {"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x81\xa6",
                              "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9", "\xe2\x80\x8e", "\xe2\x80\x8f",
                              "\xd8\x9c", "\xe2\x80\xa8", "\xe2\x80\xa9"}) {
    std::string shown = printable(control);
    EXPECT_EQ(shown.rfind("\\u{", 0), 0u) << shown;
  }
}

TEST(Printable, EscapesEachByteOfInvalidUtf8) {
  EXPECT_EQ(printable("\xff"), "\\xff");
  EXPECT_EQ(printable("a\xc3"), "a\\xc3");                  // truncated
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(printable("\xe0\x80\xaf"), "\\xe0\\x80\\xaf");  // overlong
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
  EXPECT_EQ(printable("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
  EXPECT_EQ(printable("\xe2\x82" "x"), "\\xe2\\x82x");
}

// No byte a terminal acts on: C0 controls but '\n' (the output's own line ends), DEL, and the
// UTF-8 forms of C1 controls and bidi overrides.
::testing::AssertionResult inert(const std::string& output) {
  for (std::size_t i = 0; i < output.size(); ++i) {
    auto c = static_cast<unsigned char>(output[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7f) return ::testing::AssertionFailure() << "raw byte " << int(c) << " at " << i << " in:\n" << output;
  }
  for (const char* sequence : {"\xc2\x9b", "\xc2\x85", "\xe2\x80\xae", "\xe2\x81\xa6"}) {
    if (output.find(sequence) != std::string::npos) return ::testing::AssertionFailure() << "raw control in:\n" << output;
  }
  return ::testing::AssertionSuccess();
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A logo whose title and baseProfile hold control characters as XML character references (legal
// XML: CR, LF, C1 controls, bidi overrides) and as raw bytes (not well-formed XML).
const std::string hostile_logo =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" "
    "baseProfile=\"tiny&#xD;&#xA;ready: 0 errors&#x9b;2J&#x202E;gpj.\" viewBox=\"0 0 100 100\">"
    "<title>Brand&#x1b;&#x9b;31m&#x202E;</title><rect width=\"100\" height=\"100\" fill=\"#123456\"/></svg>\n";
const std::string raw_control_logo =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"\x1b]0;owned\x07\x1b[2J\" "
    "viewBox=\"0 0 100 100\"><title>\x1b[2J\r\nready</title></svg>\n";

TEST(TerminalCli, ALogoCannotDriveTheTerminal) {
  TempDir dir;
  write(dir.path() / "hostile.svg", hostile_logo);
  write(dir.path() / "raw.svg", raw_control_logo);
  for (const char* name : {"hostile.svg", "raw.svg"}) {
    SCOPED_TRACE(name);
    std::string path = shell_quote((dir.path() / name).string());
    RunResult text = run_bimi("check " + path, true);
    EXPECT_NE(text.exit_code, 0) << text.out;
    EXPECT_TRUE(inert(text.out));
    RunResult converted = run_bimi("convert " + path + " -o " + shell_quote((dir.path() / "out.svg").string()), true);
    EXPECT_TRUE(inert(converted.out));
  }
  RunResult text = run_bimi("check " + shell_quote((dir.path() / "hostile.svg").string()), true);
  EXPECT_NE(text.out.find("tiny\\r\\nready: 0 errors\\u{9b}2J\\u{202e}gpj."), std::string::npos) << text.out;
  RunResult json = run_bimi("check --format json " + shell_quote((dir.path() / "hostile.svg").string()));
  auto parsed = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << json.out;
  bool exact = false;
  for (const auto& finding : parsed["files"][0]["findings"]) {
    exact = exact || finding["message"].get<std::string>().find("tiny\r\nready: 0 errors\xc2\x9b" "2J\xe2\x80\xae" "gpj.") !=
                         std::string::npos;
  }
  EXPECT_TRUE(exact) << json.out;
}

TEST(TerminalCli, AFileNameCannotDriveTheTerminal) {
  TempDir dir;
  std::string name = "logo\x1b]0;owned\x07\r\nready\xe2\x80\xae.svg";
  write(dir.path() / name, hostile_logo);
  RunResult text = run_bimi("check " + shell_quote(dir.path().string()), true);
  EXPECT_TRUE(inert(text.out));
  EXPECT_NE(text.out.find("logo\\x1b]0;owned\\x07\\r\\nready\\u{202e}.svg"), std::string::npos) << text.out;
  RunResult missing = run_bimi("check " + shell_quote((dir.path() / ("gone\x1b[2J.svg")).string()), true);
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_TRUE(inert(missing.out));
}

const std::string hostile_records =
    "v=BIMI1; l=https://example.com/\x1b]0;owned\x07\x1b[2J.svg; a=\xc2\x9b" "31m\xe2\x80\xae;\n"
    "\"v=BIMI1; l=\\027[2J\" \"\\013\\010ready: 0 errors;\"\n";

TEST(TerminalCli, ARecordCannotDriveTheTerminal) {
  TempDir dir;
  write(dir.path() / "records.txt", hostile_records);
  std::string input = " < " + shell_quote((dir.path() / "records.txt").string());
  for (const char* command : {"record", "dmarc"}) {
    SCOPED_TRACE(command);
    RunResult text = run_bimi(std::string(command) + " --parse -" + input, true);
    EXPECT_EQ(text.exit_code, 1) << text.out;
    EXPECT_TRUE(inert(text.out));
    RunResult json = run_bimi(std::string(command) + " --parse - --format json" + input);
    auto parsed = nlohmann::json::parse(json.out, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << json.out;
    ASSERT_EQ(parsed["records"].size(), 2u);
    EXPECT_EQ(parsed["records"][0]["value"], "v=BIMI1; l=https://example.com/\x1b]0;owned\x07\x1b[2J.svg; a=\xc2\x9b" "31m\xe2\x80\xae;");
    EXPECT_EQ(parsed["records"][1]["value"], "v=BIMI1; l=\x1b[2J\r\nready: 0 errors;");
  }
  RunResult text = run_bimi("record --parse -" + input);
  EXPECT_NE(text.out.find("l=https://example.com/\\x1b]0;owned\\x07\\x1b[2J.svg; a=\\u{9b}31m\\u{202e};"), std::string::npos)
      << text.out;
  // The composed record quotes its input too.
  RunResult composed = run_bimi("record --domain example.com --logo-url \"$(printf 'https://example.com/\\033[2J.svg')\"", true);
  EXPECT_TRUE(inert(composed.out));
}

}  // namespace
}  // namespace bimi::test
