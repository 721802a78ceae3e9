// Locating elements, attributes and findings is linear in the input, however the text is laid
// out. Each input here is large enough that the former per-node rescans of the line took from
// tens of seconds to minutes on it; the tests are in their own executable with a ctest TIMEOUT
// of a few seconds (tests/svgps/CMakeLists.txt), which is what fails if a rescan comes back.
#include <gtest/gtest.h>

#include <string>

#include "bimi/gzip.hpp"
#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/lint.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

const std::string svg_open =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\" viewBox=\"0 0 100 100\">"
    "<title>x</title>";

LintReport lint_fast(const std::string& bytes) {
  LintOptions options;
  options.render_checks = false;
  options.schema_gate = false;
  return lint(bytes, options);
}

const Diagnostic* last_of(const LintReport& report, std::string_view rule) {
  const Diagnostic* last = nullptr;
  for (const auto& d : report.diagnostics.items()) {
    if (d.rule == rule) last = &d;
  }
  return last;
}

// 3.4 MB on one line: 62,000 shapes, the last with an attribute the profile refuses.
TEST(LinearParsing, ManyElementsOnOneLine) {
  const std::string rect = "<rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" fill=\"#123456\"/>";
  std::string text = svg_open;
  for (int i = 0; i < 62'000; ++i) text += rect;
  std::size_t last = text.size();
  text += "<rect bogus=\"1\"/></svg>";
  LintReport report = lint_fast(text);
  EXPECT_FALSE(report.fatal) << test::describe(report.diagnostics);
  const Diagnostic* finding = last_of(report, "attribute-not-allowed");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->location.line, 1);
  EXPECT_EQ(finding->location.column, static_cast<int>(last + 7));  // "<rect " then the name
}

// 7 MiB of spaces on the line before 99,000 elements, plain and gzipped (7.8 KB as .svgz).
TEST(LinearParsing, MegabytesOfSpacesBeforeManyElements) {
  std::string text = svg_open + std::string(7u << 20, ' ');
  for (int i = 0; i < 99'000; ++i) text += "<g/>";
  text += "</svg>";
  for (const std::string& input : {text, bimi::gzip(text)}) {
    LintReport report = lint_fast(input);
    EXPECT_FALSE(report.fatal) << test::describe(report.diagnostics);
  }
}

// 300,000 processing instructions on the line before the root (tinyxml2 reads them only
// outside it), each reported where it is, not all at the first.
TEST(LinearParsing, ManyProcessingInstructionsOnOneLine) {
  std::string text;
  for (int i = 0; i < 300'000; ++i) text += "<?p x?>";
  std::size_t last = text.size();
  text += "<?q x?>" + svg_open + "</svg>";
  LintReport report = lint_fast(text);
  const Diagnostic* finding = last_of(report, "processing-instruction");
  ASSERT_NE(finding, nullptr) << test::describe(report.diagnostics);
  EXPECT_EQ(finding->location.column, static_cast<int>(last + 1));
}

// 99,000 elements with an undeclared prefix on one line: each finding is located once.
TEST(LinearParsing, ManyUndeclaredPrefixesOnOneLine) {
  std::string text = svg_open;
  for (int i = 0; i < 99'000; ++i) text += "<x:g/>";
  std::size_t last = text.size();
  text += "<y:g/></svg>";
  LintReport report = lint_fast(text);
  const Diagnostic* finding = last_of(report, "xml-namespace");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->location.column, static_cast<int>(last + 1));
}

// 40,000 attributes in one start tag are refused before the XML parser compares them pairwise;
// at the limit, every attribute is still located.
TEST(LinearParsing, AttributesPerTagAreBounded) {
  std::string crowded = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.2\" baseProfile=\"tiny-ps\"";
  for (int i = 0; i < 40'000; ++i) crowded += " a" + std::to_string(i) + "=\"1\"";
  LintReport refused = lint_fast(crowded + "><title>x</title></svg>");
  EXPECT_TRUE(refused.fatal);
  EXPECT_TRUE(refused.diagnostics.has_rule("too-many-attributes")) << test::describe(refused.diagnostics);

  std::string full = svg_open + "<rect";
  Limits limits;
  for (std::size_t i = 0; i < limits.max_attributes; ++i) full += " a" + std::to_string(i) + "=\"1\"";
  full += "/></svg>";
  LintReport report = lint_fast(full);
  EXPECT_FALSE(report.diagnostics.has_rule("too-many-attributes"));
  const Diagnostic* finding = last_of(report, "attribute-not-allowed");
  ASSERT_NE(finding, nullptr);
  EXPECT_EQ(finding->location.column,
            static_cast<int>(full.rfind(" a" + std::to_string(limits.max_attributes - 1) + "=") + 2));
}

// The converter reads through the same parser.
TEST(LinearParsing, ConverterReadsALongLine) {
  std::string text = svg_open + std::string(7u << 20, ' ');
  for (int i = 0; i < 2'000; ++i) text += "<rect width=\"1\" height=\"1\"/>";
  text += "</svg>";
  ConvertOptions options;
  ConvertResult result = convert_logo(text, options);
  EXPECT_FALSE(result.unreadable);
}

}  // namespace
}  // namespace bimi::svgps
