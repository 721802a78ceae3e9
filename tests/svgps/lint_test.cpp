#include "bimi/svgps/lint.hpp"

#include <gtest/gtest.h>
#include "bimi/gzip.hpp"

#include "test_support.hpp"

namespace bimi::svgps {
namespace {

const Diagnostic* find(const LintReport& report, std::string_view rule) {
  for (const auto& d : report.diagnostics.items()) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

TEST(Lint, GoodLogoHasNoFindings) {
  LintReport report = lint(test::good_logo());
  EXPECT_TRUE(report.diagnostics.empty()) << test::describe(report.diagnostics);
  EXPECT_FALSE(report.fatal);
  EXPECT_EQ(report.svg_bytes, test::good_logo().size());
}

TEST(Lint, RealCertificateLogosPassBothProfiles) {
  for (const char* name : {"cnn-logo.svg", "globalsign-logo.svg"}) {
    std::string bytes = test::read_bytes(test::fixtures() / "real" / name);
    for (Profile profile : {Profile::strict, Profile::spec}) {
      LintOptions options;
      options.profile = profile;
      LintReport report = lint(bytes, options);
      EXPECT_FALSE(report.diagnostics.has_errors()) << name << " " << to_string(profile) << "\n"
                                                    << test::describe(report.diagnostics);
    }
  }
}

TEST(Lint, FindingsPointAtTheAttribute) {
  std::string text = test::good_logo(
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/>\n"
      "<g>\n   <circle cx=\"50\" cy=\"50\" r=\"30\"   opacity=\"0.5\" fill=\"#c00\"/>\n</g>\n");
  LintReport report = lint(text);
  const Diagnostic* d = find(report, "attribute-not-allowed");
  ASSERT_NE(d, nullptr) << test::describe(report.diagnostics);
  EXPECT_EQ(d->location.line, 5);
  EXPECT_EQ(d->location.column, 37);
  EXPECT_NE(d->message.find("'opacity'"), std::string::npos);
  EXPECT_NE(d->message.find("<circle>"), std::string::npos);
}

TEST(Lint, FindingsPointAtTheElement) {
  std::string text = test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#fff\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/>\n  <script/>\n");
  LintReport report = lint(text);
  const Diagnostic* d = find(report, "element-script");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.line, 4);
  EXPECT_EQ(d->location.column, 3);
}

TEST(Lint, ColumnsCountCharactersAfterMultibyteText) {
  std::string text = test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#fff\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/>\n"
                                     "<desc>日本</desc><script/>\n");
  LintReport report = lint(text);
  const Diagnostic* d = find(report, "element-script");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.column, 16);
}

TEST(Lint, SameNamedElementsGetTheirOwnLocations) {
  std::string text = test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#fff\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/>\n"
                                     "<script/><script/>\n<script/>\n");
  std::vector<Location> where;
  LintReport report = lint(text);
  for (const auto& d : report.diagnostics.items()) {
    if (d.rule == "element-script") where.push_back(d.location);
  }
  ASSERT_EQ(where.size(), 3u);
  EXPECT_EQ(where[0].column, 1);
  EXPECT_EQ(where[1].column, 10);
  EXPECT_EQ(where[2].line, 5);
}

TEST(Lint, CrLfLineEndsKeepLinesRight) {
  std::string text = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">\r\n"
                     "<title>x</title>\r\n<rect width=\"100\" height=\"100\" fill=\"#fff\"/>\r\n<script/>\r\n</svg>\r\n";
  LintReport report = lint(text);
  const Diagnostic* d = find(report, "element-script");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->location.line, 4);
  EXPECT_EQ(d->location.column, 1);
}

TEST(Lint, ProfileChangesSeverityNotFindings) {
  std::string text = test::good_logo(
      "<rect width=\"200\" height=\"100\" fill=\"#fff\"/><circle cx=\"100\" cy=\"50\" r=\"30\" fill=\"#c00\"/>\n",
      "viewBox=\"0 0 200 100\"");
  LintOptions strict;
  LintOptions spec;
  spec.profile = Profile::spec;
  LintReport a = lint(text, strict);
  LintReport b = lint(text, spec);
  ASSERT_NE(find(a, "square"), nullptr);
  ASSERT_NE(find(b, "square"), nullptr);
  EXPECT_EQ(find(a, "square")->severity, Severity::error);
  EXPECT_EQ(find(b, "square")->severity, Severity::warning);
  EXPECT_TRUE(a.diagnostics.has_errors());
  EXPECT_FALSE(b.diagnostics.has_errors());
}

TEST(Lint, GzippedLogoIsCheckedOnItsUncompressedBytes) {
  std::string svg = test::good_logo();
  std::string gz = bimi::gzip(svg);
  LintReport report = lint(gz);
  EXPECT_TRUE(report.gzipped);
  EXPECT_EQ(report.svg_bytes, svg.size());
  EXPECT_TRUE(report.diagnostics.empty()) << test::describe(report.diagnostics);
}

TEST(Lint, ReportIsDeterministicAndSorted) {
  std::string bytes = test::read_bytes(test::fixtures() / "schema" / "inkscape.svg");
  LintReport a = lint(bytes);
  LintReport b = lint(bytes);
  ASSERT_EQ(a.diagnostics.size(), b.diagnostics.size());
  for (std::size_t i = 0; i < a.diagnostics.size(); ++i) {
    EXPECT_EQ(a.diagnostics.items()[i].rule, b.diagnostics.items()[i].rule);
    EXPECT_EQ(a.diagnostics.items()[i].message, b.diagnostics.items()[i].message);
    if (i > 0) {
      const auto& p = a.diagnostics.items()[i - 1].location;
      const auto& q = a.diagnostics.items()[i].location;
      EXPECT_TRUE(p.line < q.line || (p.line == q.line && p.column <= q.column));
    }
  }
}

TEST(Lint, RenderChecksCanBeTurnedOff) {
  std::string one_colour = test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#c00\"/>\n");
  EXPECT_TRUE(lint(one_colour).diagnostics.has_rule("colors"));
  LintOptions options;
  options.render_checks = false;
  EXPECT_FALSE(lint(one_colour, options).diagnostics.has_rule("colors"));
}

TEST(Lint, MessagesNameWhatToChange) {
  LintReport report = lint(test::read_bytes(test::fixtures() / "schema" / "grad.svg"));
  const Diagnostic* d = find(report, "xlink-href");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("xlink:href"), std::string::npos);
}

TEST(Lint, EveryReportedRuleIsInTheTable) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::fixtures())) {
    if (!entry.is_regular_file() || entry.path().extension() != ".svg") continue;
    LintReport report = lint(test::read_bytes(entry.path()));
    for (const auto& d : report.diagnostics.items()) {
      EXPECT_NE(find_rule(d.rule), nullptr) << d.rule << " in " << entry.path();
    }
  }
}

}  // namespace
}  // namespace bimi::svgps
