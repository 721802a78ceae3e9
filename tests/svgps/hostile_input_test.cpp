// Bad input is normal input: each hostile file gets a clear finding, never a crash or a hang.
#include <gtest/gtest.h>

#include "bimi/svgps/convert.hpp"
#include "bimi/gzip.hpp"

#include <random>

#include "bimi/svgps/lint.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {


std::string svg_open() { return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\"><title>x</title>"; }

LintReport lint_fast(const std::string& bytes, Limits limits = {}) {
  LintOptions options;
  options.limits = limits;
  options.render_checks = false;
  return lint(bytes, options);
}

TEST(HostileInput, DeepNestingIsRefused) {
  std::string text = svg_open();
  for (int i = 0; i < 5000; ++i) text += "<g>";
  for (int i = 0; i < 5000; ++i) text += "</g>";
  text += "</svg>";
  LintReport report = lint_fast(text);
  EXPECT_TRUE(report.fatal);
  EXPECT_TRUE(report.diagnostics.has_rule("xml-too-deep")) << test::describe(report.diagnostics);
}

TEST(HostileInput, TwoHundredThousandDeepIsRefusedBeforeParsing) {
  std::string text = svg_open();
  text.reserve(2'000'000);
  for (int i = 0; i < 200'000; ++i) text += "<g>";
  for (int i = 0; i < 200'000; ++i) text += "</g>";
  text += "</svg>";
  LintReport report = lint_fast(text);
  EXPECT_TRUE(report.fatal);
  EXPECT_EQ(report.diagnostics.size(), 1u) << test::describe(report.diagnostics);
}

TEST(HostileInput, ThirtyMegabytesIsRefusedUnread) {
  std::string text = svg_open() + std::string(30u << 20, ' ') + "</svg>";
  LintReport report = lint_fast(text);
  EXPECT_TRUE(report.fatal);
  EXPECT_TRUE(report.diagnostics.has_rule("input-too-large"));
}

TEST(HostileInput, TooManyElements) {
  std::string text = svg_open();
  for (int i = 0; i < 200; ++i) text += "<g/>";
  text += "</svg>";
  Limits limits;
  limits.max_elements = 100;
  LintReport report = lint_fast(text, limits);
  EXPECT_TRUE(report.fatal);
  EXPECT_TRUE(report.diagnostics.has_rule("too-many-elements"));
  EXPECT_FALSE(lint_fast(text).fatal);
}

TEST(HostileInput, GzipBombStopsAtTheLimit) {
  std::string bomb = bimi::gzip(svg_open() + std::string(64u << 20, ' ') + "</svg>");
  LintReport report = lint_fast(bomb);
  EXPECT_TRUE(report.fatal);
  EXPECT_TRUE(report.diagnostics.has_rule("gzip-invalid"));
}

TEST(HostileInput, BillionLaughsIsNeverExpanded) {
  std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"lol\">\n";
  char previous = 'a';
  for (char name = 'b'; name <= 'j'; ++name) {
    text += std::string("<!ENTITY ") + name + " \"";
    for (int i = 0; i < 10; ++i) text += std::string("&") + previous + ";";
    text += "\">\n";
    previous = name;
  }
  text += "]>\n" + svg_open() + "<desc>&j;</desc></svg>";
  LintReport report = lint_fast(text);
  EXPECT_TRUE(report.diagnostics.has_rule("doctype"));
  EXPECT_TRUE(report.diagnostics.has_rule("entity-declaration"));
  EXPECT_TRUE(report.diagnostics.has_errors());
}

TEST(HostileInput, ExponentialUseFanOut) {
  std::string text = svg_open() + "<defs><rect id=\"l0\" width=\"1\" height=\"1\"/>";
  for (int level = 1; level <= 30; ++level) {
    text += "<g id=\"l" + std::to_string(level) + "\">";
    for (int k = 0; k < 4; ++k) text += "<use href=\"#l" + std::to_string(level - 1) + "\"/>";
    text += "</g>";
  }
  text += "</defs><use href=\"#l30\"/></svg>";  // 4^30 copies if expanded
  LintReport report = lint(text);                // with rendering: it must be skipped, not attempted
  EXPECT_TRUE(report.diagnostics.has_rule("use-expansion"));
}

TEST(HostileInput, UseExpansionLimitIsConfigurable) {
  std::string text = svg_open() + "<defs><rect id=\"r\" width=\"1\" height=\"1\"/></defs>";
  for (int i = 0; i < 50; ++i) text += "<use href=\"#r\"/>";
  text += "</svg>";
  Limits limits;
  limits.max_use_instances = 40;
  EXPECT_TRUE(lint_fast(text, limits).diagnostics.has_rule("use-expansion"));
  EXPECT_FALSE(lint_fast(text).diagnostics.has_rule("use-expansion"));
}

TEST(HostileInput, MutualUseCycle) {
  std::string text = svg_open() + "<g id=\"a\"><use href=\"#b\"/></g><g id=\"b\"><use href=\"#a\"/></g></svg>";
  LintReport report = lint(text);
  EXPECT_TRUE(report.diagnostics.has_rule("reference-cycle"));
}

TEST(HostileInput, BinaryGarbageIsUnreadable) {
  std::mt19937 random(7);
  std::string bytes(4096, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  LintReport report = lint_fast(bytes);
  EXPECT_TRUE(report.fatal);
  EXPECT_EQ(report.diagnostics.size(), 1u);
}

TEST(HostileInput, HugeAttributeValueIsFine) {
  std::string text = svg_open() + "<path d=\"M0 0" + std::string(1u << 20, 'L') + "\"/></svg>";
  LintReport report = lint_fast(text);
  EXPECT_FALSE(report.fatal);
}

TEST(HostileInput, EveryTruncationOfALogoIsHandled) {
  std::string logo = test::read_bytes(test::fixtures() / "real" / "cnn-logo.svg");
  for (std::size_t cut = 0; cut < logo.size(); cut += 7) {
    LintReport report = lint_fast(logo.substr(0, cut));
    EXPECT_TRUE(report.fatal || report.diagnostics.has_errors() || cut == logo.size()) << "cut at " << cut;
  }
}

TEST(HostileInput, RandomByteMutationsNeverCrash) {
  std::string logo = test::read_bytes(test::fixtures() / "real" / "cnn-logo.svg");
  std::mt19937 random(2024);
  for (int round = 0; round < 1500; ++round) {
    std::string mutated = logo;
    int flips = 1 + static_cast<int>(random() % 8);
    for (int f = 0; f < flips; ++f) {
      mutated[random() % mutated.size()] = static_cast<char>("<>&\"'=/!?:x \0\xff"[random() % 15]);
    }
    LintReport report = lint_fast(mutated);
    if (report.fatal) {
      EXPECT_TRUE(report.diagnostics.has_errors());
    }
  }
}

TEST(HostileInput, UndeclaredEntityIsMalformed) {
  LintReport report = lint_fast(svg_open() + "<desc>&nope;</desc></svg>");
  EXPECT_TRUE(report.diagnostics.has_rule("xml-malformed"));
  EXPECT_TRUE(report.fatal);
}

// docs/limits.md: the time limit per file. Past it a conversion is refused, never written in part.
TEST(HostileInput, TimeLimitPerFileRefuses) {
  ConvertOptions options;
  options.limits.max_seconds_per_file = 0;
  auto vector = convert_svg(test::read_bytes(test::fixtures() / "convert" / "figma.svg"), options);
  EXPECT_FALSE(vector.svg);
  EXPECT_NE(test::describe(vector.changes).find("allowed per file"), std::string::npos) << test::describe(vector.changes);
  auto traced = convert_raster(test::read_bytes(test::fixtures() / "raster" / "logo-rgba.png"), options);
  EXPECT_FALSE(traced.svg);
  EXPECT_NE(test::describe(traced.changes).find("allowed per file"), std::string::npos) << test::describe(traced.changes);
  options.limits.max_seconds_per_file = 600;
  EXPECT_TRUE(convert_svg(test::read_bytes(test::fixtures() / "convert" / "figma.svg"), options).svg);
}

}  // namespace
}  // namespace bimi::svgps
