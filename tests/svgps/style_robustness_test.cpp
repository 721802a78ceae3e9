// Random CSS-like input through every style parser and the cascade: no crash, no exception, and
// basic invariants hold. Deterministic (fixed seed); also worth running under sanitizers.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>

#include "style/cascade.hpp"
#include "style/color.hpp"
#include "style/font_family.hpp"
#include "style/paint.hpp"
#include "style_test_tree.hpp"

namespace bimi::svgps::style {
namespace {

using testing::TestElement;

// Fragments that exercise the tokenizer's states, mixed with single bytes.
constexpr std::string_view kFragments[] = {"{",
                                           "}",
                                           "(",
                                           ")",
                                           "[",
                                           "]",
                                           ";",
                                           ":",
                                           ",",
                                           "'",
                                           "\"",
                                           "\\",
                                           "/*",
                                           "*/",
                                           "<!--",
                                           "-->",
                                           "<![CDATA[",
                                           "]]>",
                                           "@media",
                                           "@import",
                                           " ",
                                           "\n",
                                           ">",
                                           "+",
                                           "~",
                                           "*",
                                           "#",
                                           ".",
                                           "=",
                                           "~=",
                                           "|=",
                                           "^=",
                                           "$=",
                                           "*=",
                                           "|",
                                           "!important",
                                           "fill",
                                           "path",
                                           "g",
                                           "a",
                                           "-",
                                           "0",
                                           "1.5",
                                           "%",
                                           "rgb(",
                                           "hsl(",
                                           "url(",
                                           "#fff",
                                           "red",
                                           "none",
                                           "currentColor",
                                           ":first-child",
                                           ":hover",
                                           "::before",
                                           ":not(",
                                           "\xc3\xa9",
                                           "\xff",
                                           std::string_view("\0", 1),
                                           "\\31 ",
                                           "e9",
                                           "deg"};

std::string random_css(std::mt19937& random, std::size_t pieces) {
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kFragments) - 1);
  std::string text;
  for (std::size_t i = 0; i < pieces; ++i) text.append(kFragments[pick(random)]);
  return text;
}

constexpr std::string_view kValidSheets[] = {
    ".st0{fill:#E30613;} .st1{fill:none;stroke:#1D1D1B;stroke-width:2;stroke-miterlimit:10;}",
    "svg g.a > path#fill[fill=red]:first-child, g path { fill: rgb(1 2 3 / 50%) !important }",
    "<![CDATA[ .a { fill: url('#g') red } ]]> @media print { .a { fill: blue } } * { opacity: .5 }",
    "<!-- g > * { stroke: hsl(120deg, 100%, 50%); fill: currentColor } --> [class~=a] { x: y }",
};

// A valid sheet with a few fragments inserted, deleted or replaced at random places.
std::string mutated_css(std::mt19937& random) {
  std::uniform_int_distribution<std::size_t> pick_sheet(0, std::size(kValidSheets) - 1);
  std::uniform_int_distribution<std::size_t> pick_fragment(0, std::size(kFragments) - 1);
  std::uniform_int_distribution<int> pick_count(1, 3);
  std::string text(kValidSheets[pick_sheet(random)]);
  for (int edits = pick_count(random); edits > 0; --edits) {
    std::uniform_int_distribution<std::size_t> pick_position(0, text.size());
    std::size_t position = pick_position(random);
    switch (pick_count(random)) {
      case 1:
        text.insert(position, kFragments[pick_fragment(random)]);
        break;
      case 2:
        text.erase(position, 1 + position % 3);
        break;
      default:
        text.erase(position, 1);
        text.insert(position, kFragments[pick_fragment(random)]);
        break;
    }
  }
  return text;
}

TEST(StyleRobustness, RandomInputThroughEveryParser) {
  std::mt19937 random(20261124);
  TestElement root("svg", {{"id", "a"}, {"class", "a g"}});
  TestElement& group = root.add("g", {{"class", "a"}});
  TestElement& path = group.add("path", {{"id", "fill"}, {"fill", "red"}});
  std::size_t rules_seen = 0;
  std::size_t declarations_seen = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = round % 2 == 0 ? random_css(random, 1 + static_cast<std::size_t>(round % 60))
                                      : mutated_css(random);
    StyleSheet sheet = parse_stylesheet(text);
    rules_seen += sheet.rules.size();
    for (const Rule& rule : sheet.rules) {
      EXPECT_FALSE(rule.selectors.empty());
      EXPECT_LT(rule.offset, text.size());
      declarations_seen += rule.declarations.size();
      for (const Selector& selector : rule.selectors) {
        EXPECT_EQ(selector.combinators.size() + 1, selector.compounds.size());
      }
    }
    for (const SkippedCss& entry : sheet.skipped) {
      EXPECT_LE(entry.offset, text.size());
      EXPECT_LE(entry.excerpt.size(), SkippedCss::kExcerptBytes);
      EXPECT_FALSE(entry.reason.empty());
    }
    auto declarations = parse_declarations(text);
    for (const Declaration& declaration : declarations) {
      EXPECT_FALSE(declaration.property.empty());
      EXPECT_FALSE(declaration.value.empty());
    }
    auto result = cascade({&sheet}, path, text);
    // The indexed cascade agrees with the plain one on every element.
    Cascade indexed({&sheet});
    EXPECT_EQ(indexed.resolve(path, text), result);
    EXPECT_EQ(indexed.resolve(group, ""), cascade({&sheet}, group, ""));
    EXPECT_EQ(indexed.resolve(root, "fill:red"), cascade({&sheet}, root, "fill:red"));
    EXPECT_FALSE(indexed.budget_exhausted());
    for (std::size_t i = 1; i < result.size(); ++i) {
      EXPECT_LT(result[i - 1].property, result[i].property);
    }
    (void)parse_selector(text);
    if (auto color = parse_color(text)) {
      EXPECT_GE(color->alpha, 0.0);
      EXPECT_LE(color->alpha, 1.0);
    }
    (void)parse_paint(text);
    if (auto families = parse_font_family_list(text)) {
      EXPECT_FALSE(families->empty());
      EXPECT_LE(families->size(), kMaxFontFamilies);
    }
  }
  // The input is meant to reach the interesting paths, not only the error ones.
  EXPECT_GT(rules_seen, 100u);
  EXPECT_GT(declarations_seen, 100u);
}

}  // namespace
}  // namespace bimi::svgps::style
