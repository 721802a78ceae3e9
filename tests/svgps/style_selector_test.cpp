#include <gtest/gtest.h>

#include <string>

#include "style/selector.hpp"
#include "style_test_tree.hpp"

namespace bimi::svgps::style {
namespace {

using Status = SelectorParse::Status;
using testing::TestElement;

Selector parse_ok(std::string_view text) {
  SelectorParse parsed = parse_selector(text);
  EXPECT_EQ(parsed.status, Status::ok) << "'" << text << "': " << parsed.reason;
  return parsed.selector;
}

Specificity specificity_of(std::string_view text) { return parse_ok(text).specificity; }

bool selects(std::string_view text, const ElementView& element) {
  return matches(parse_ok(text), element);
}

TEST(StyleSelector, ParsesCompoundsAndCombinators) {
  Selector selector = parse_ok("svg  g.layer > path#p1[fill=red]:first-child");
  ASSERT_EQ(selector.compounds.size(), 3u);
  EXPECT_EQ(selector.compounds[0].type, "svg");
  EXPECT_EQ(selector.compounds[1].type, "g");
  EXPECT_EQ(selector.compounds[1].classes, std::vector<std::string>{"layer"});
  const CompoundSelector& subject = selector.compounds[2];
  EXPECT_EQ(subject.type, "path");
  EXPECT_EQ(subject.ids, std::vector<std::string>{"p1"});
  ASSERT_EQ(subject.attributes.size(), 1u);
  EXPECT_EQ(subject.attributes[0].name, "fill");
  EXPECT_EQ(subject.attributes[0].match, AttributeSelector::Match::equals);
  EXPECT_EQ(subject.attributes[0].value, "red");
  EXPECT_TRUE(subject.first_child);
  EXPECT_EQ(selector.combinators,
            (std::vector<Combinator>{Combinator::descendant, Combinator::child}));
  EXPECT_EQ(selector.text, "svg  g.layer > path#p1[fill=red]:first-child");
}

TEST(StyleSelector, AttributeOperatorsAndValues) {
  using Match = AttributeSelector::Match;
  struct Case {
    const char* text;
    Match match;
    const char* value;
  };
  for (const Case& c :
       {Case{"[a]", Match::exists, ""}, Case{"[ a = v ]", Match::equals, "v"},
        Case{"[a~=v]", Match::includes, "v"}, Case{"[a|=v]", Match::dash_match, "v"},
        Case{"[a^='v w']", Match::prefix, "v w"}, Case{"[a$=\"v\"]", Match::suffix, "v"},
        Case{"[a*=v]", Match::substring, "v"}, Case{"[a='it\\'s']", Match::equals, "it's"},
        Case{"[a=\"\"]", Match::equals, ""}}) {
    SCOPED_TRACE(c.text);
    Selector selector = parse_ok(c.text);
    ASSERT_EQ(selector.compounds.size(), 1u);
    ASSERT_EQ(selector.compounds[0].attributes.size(), 1u);
    EXPECT_EQ(selector.compounds[0].attributes[0].name, "a");
    EXPECT_EQ(selector.compounds[0].attributes[0].match, c.match);
    EXPECT_EQ(selector.compounds[0].attributes[0].value, c.value);
  }
}

TEST(StyleSelector, EscapesInIdentifiers) {
  EXPECT_EQ(parse_ok("#\\31 23").compounds[0].ids, std::vector<std::string>{"123"});
  EXPECT_EQ(parse_ok(".a\\:b").compounds[0].classes, std::vector<std::string>{"a:b"});
  EXPECT_EQ(parse_ok(".\\e9 t\\E9").compounds[0].classes,
            std::vector<std::string>{"\xc3\xa9t\xc3\xa9"});
  EXPECT_EQ(parse_ok("[xlink\\:href]").compounds[0].attributes[0].name, "xlink:href");
  EXPECT_EQ(parse_ok(".\\0").compounds[0].classes, std::vector<std::string>{"\xef\xbf\xbd"});
  EXPECT_EQ(parse_ok(".caf\xc3\xa9").compounds[0].classes, std::vector<std::string>{"caf\xc3\xa9"});
}

TEST(StyleSelector, SpecificityPerSelectorsLevel3) {
  EXPECT_EQ(specificity_of("*"), (Specificity{0, 0, 0}));
  EXPECT_EQ(specificity_of("path"), (Specificity{0, 0, 1}));
  EXPECT_EQ(specificity_of("svg path"), (Specificity{0, 0, 2}));
  EXPECT_EQ(specificity_of(".a"), (Specificity{0, 1, 0}));
  EXPECT_EQ(specificity_of("path.a.b"), (Specificity{0, 2, 1}));
  EXPECT_EQ(specificity_of("#x"), (Specificity{1, 0, 0}));
  EXPECT_EQ(specificity_of("#x#x"), (Specificity{2, 0, 0}));
  EXPECT_EQ(specificity_of("g > *[fill]:first-child"), (Specificity{0, 2, 1}));
  EXPECT_EQ(specificity_of("svg g#l .c > path[d]"), (Specificity{1, 2, 3}));
  EXPECT_LT(specificity_of(".a.b.c.d.e.f.g.h.i.j.k"), specificity_of("#x"));
  EXPECT_LT(specificity_of("a b c d e f g h i j k"), specificity_of(".a"));
}

TEST(StyleSelector, CommentsAndWhitespace) {
  Selector selector = parse_ok("  g/* c */>/* c */path  ");
  EXPECT_EQ(selector.combinators, std::vector<Combinator>{Combinator::child});
  EXPECT_EQ(parse_ok("g\n\tpath").combinators, std::vector<Combinator>{Combinator::descendant});
}

TEST(StyleSelector, UnsupportedButValid) {
  for (auto text : {"a:hover",      "a:HOVER",     "path:not(.x)",  "li:nth-child(2n+1)",
                    "p::before",    "p:before",    "p::first-line", "a + b",
                    "a ~ b",        "a+b",         "svg|rect",      "*|rect",
                    "[xlink|href]", "[*|href]",    "[a=v i]", "[a=\"v\"i]",       "[a='v' s]",
                    ":root",        ":last-child", ":is(a, b)",     "::slotted(x)"}) {
    SelectorParse parsed = parse_selector(text);
    EXPECT_EQ(parsed.status, Status::unsupported) << "'" << text << "': " << parsed.reason;
    EXPECT_FALSE(parsed.reason.empty());
  }
  EXPECT_EQ(parse_selector("a:hover").reason, ":hover");
  EXPECT_EQ(parse_selector("a ~ b").reason, "the '~' sibling combinator");
}

TEST(StyleSelector, Invalid) {
  for (auto text :
       {"",      "  ",  "/* */",   ">",         "a >",      "> a",      "a > > b", "a,b",  ".",
        "#",     ".1a", "#-1",     "a..b",      "[",        "[a",       "[a=]",    "[a=v", "[a==v]",
        "[a=1]", "[1]", "[a=v] ]", "a:unknown", "a::bogus", "a:nope()", "a:not(",  "a!",   "a {",
        "a)",    "a:",  "[a='v]",  "a b:",      "::",       "a | b"}) {
    SelectorParse parsed = parse_selector(text);
    EXPECT_EQ(parsed.status, Status::invalid) << "'" << text << "': " << parsed.reason;
    EXPECT_FALSE(parsed.reason.empty()) << text;
  }
  // An invalid part wins over an unsupported one: CSS drops the rule.
  EXPECT_EQ(parse_selector("a:hover:bogus").status, Status::invalid);
  EXPECT_EQ(parse_selector("a + b..c").status, Status::invalid);
}

TEST(StyleSelector, LimitOnCompounds) {
  std::string text = "g";
  for (std::size_t i = 0; i < kMaxCompoundsPerSelector; ++i) text += " g";
  SelectorParse parsed = parse_selector(text);
  EXPECT_EQ(parsed.status, Status::unsupported);
  EXPECT_NE(parsed.reason.find("32"), std::string::npos);
  std::string within = "g";
  for (std::size_t i = 1; i < kMaxCompoundsPerSelector; ++i) within += " > g";
  EXPECT_EQ(parse_selector(within).status, Status::ok);
}

class StyleMatching : public ::testing::Test {
 protected:
  // <svg id="root">
  //   <g id="layer" class="layer  main">
  //     <path id="p1" class="st0 shape" fill="red" data-x="en-US"/>
  //     <g id="inner" class="sub">
  //       <rect id="r1" class="st1"/>
  //       <circle id="c1" lang="fr-CA"/>
  //     </g>
  //   </g>
  // </svg>
  void SetUp() override {
    layer = &root.add("g", {{"id", "layer"}, {"class", "layer  main"}});
    p1 = &layer->add("path",
                     {{"id", "p1"}, {"class", "st0 shape"}, {"fill", "red"}, {"data-x", "en-US"}});
    inner = &layer->add("g", {{"id", "inner"}, {"class", "sub"}});
    r1 = &inner->add("rect", {{"id", "r1"}, {"class", "st1"}});
    c1 = &inner->add("circle", {{"id", "c1"}, {"lang", "fr-CA"}});
  }

  TestElement root{"svg", {{"id", "root"}}};
  TestElement* layer = nullptr;
  TestElement* p1 = nullptr;
  TestElement* inner = nullptr;
  TestElement* r1 = nullptr;
  TestElement* c1 = nullptr;
};

TEST_F(StyleMatching, SimpleSelectors) {
  EXPECT_TRUE(selects("*", *p1));
  EXPECT_TRUE(selects("path", *p1));
  EXPECT_FALSE(selects("PATH", *p1));  // XML names are case-sensitive
  EXPECT_FALSE(selects("rect", *p1));
  EXPECT_TRUE(selects("#p1", *p1));
  EXPECT_FALSE(selects("#P1", *p1));
  EXPECT_TRUE(selects(".st0", *p1));
  EXPECT_TRUE(selects(".shape.st0", *p1));
  EXPECT_FALSE(selects(".st", *p1));
  EXPECT_FALSE(selects(".st0.st1", *p1));
  EXPECT_TRUE(selects(".main", *layer));
  EXPECT_FALSE(selects(".st0", *c1));  // no class attribute
  EXPECT_FALSE(selects("#x", *c1));
  EXPECT_TRUE(selects("path#p1.st0[fill]", *p1));
}

TEST_F(StyleMatching, AttributeSelectors) {
  EXPECT_TRUE(selects("[fill]", *p1));
  EXPECT_FALSE(selects("[stroke]", *p1));
  EXPECT_TRUE(selects("[fill=red]", *p1));
  EXPECT_FALSE(selects("[fill=Red]", *p1));
  EXPECT_TRUE(selects("[class~=shape]", *p1));
  EXPECT_FALSE(selects("[class~=sha]", *p1));
  EXPECT_FALSE(selects("[class~='st0 shape']", *p1));  // whitespace never matches
  EXPECT_FALSE(selects("[class~='']", *p1));
  EXPECT_TRUE(selects("[data-x|=en]", *p1));
  EXPECT_TRUE(selects("[data-x|='en-US']", *p1));
  EXPECT_FALSE(selects("[data-x|=e]", *p1));
  EXPECT_TRUE(selects("[lang|=fr]", *c1));
  EXPECT_TRUE(selects("[class^=st0]", *p1));
  EXPECT_FALSE(selects("[class^=shape]", *p1));
  EXPECT_FALSE(selects("[class^='']", *p1));
  EXPECT_TRUE(selects("[class$=ape]", *p1));
  EXPECT_FALSE(selects("[class$='']", *p1));
  EXPECT_TRUE(selects("[class*='0 sh']", *p1));
  EXPECT_FALSE(selects("[class*='']", *p1));
  EXPECT_FALSE(selects("[class*=x]", *p1));
}

TEST_F(StyleMatching, FirstChild) {
  EXPECT_TRUE(selects(":first-child", *p1));
  EXPECT_FALSE(selects(":first-child", *inner));
  EXPECT_TRUE(selects("rect:first-child", *r1));
  EXPECT_FALSE(selects("circle:first-child", *c1));
  EXPECT_FALSE(selects(":first-child", root));  // the root has no parent (Selectors 3)
  EXPECT_TRUE(selects("g:first-child", *layer));
}

TEST_F(StyleMatching, Combinators) {
  EXPECT_TRUE(selects("svg path", *p1));
  EXPECT_TRUE(selects("svg rect", *r1));
  EXPECT_TRUE(selects("g rect", *r1));
  EXPECT_TRUE(selects("svg > g > path", *p1));
  EXPECT_FALSE(selects("svg > path", *p1));
  EXPECT_TRUE(selects("svg > g rect", *r1));
  EXPECT_TRUE(selects("#layer > .sub > rect", *r1));
  EXPECT_FALSE(selects("#layer > rect", *r1));
  EXPECT_TRUE(selects(".layer .sub rect", *r1));
  EXPECT_FALSE(selects(".sub .layer rect", *r1));
  EXPECT_FALSE(selects("path rect", *r1));
  EXPECT_FALSE(selects("rect rect", *r1));
  EXPECT_FALSE(selects("svg svg rect", *r1));
}

TEST_F(StyleMatching, BacktrackingAcrossChildChains) {
  // "g > g rect": the first g that fits (inner, whose parent is g) must be found past a g whose
  // parent is not a g. The greedy placement of "g > g" at the nearest fit is enough.
  EXPECT_TRUE(selects("g > g rect", *r1));
  EXPECT_TRUE(selects("svg > g g > rect", *r1));
  EXPECT_FALSE(selects("svg > g > g > g rect", *r1));
  // "g > .sub > rect" anchored at r1; "svg g > g" needs two nested g under svg.
  EXPECT_TRUE(selects("svg g > g > rect", *r1));
  EXPECT_FALSE(selects("svg g > g > g > rect", *r1));
}

TEST(StyleMatchingDeep, DeepTreesAndLongSelectorsStayFast) {
  TestElement root("svg");
  TestElement* current = &root;
  for (int i = 0; i < 5000; ++i) current = &current->add("g", {{"class", "a"}});
  TestElement& leaf = current->add("path");
  std::string text = "svg";
  for (std::size_t i = 0; i + 2 < kMaxCompoundsPerSelector; ++i) text += " g.a";
  text += " path";
  EXPECT_TRUE(matches(parse_ok(text), leaf));
  // A selector that fails only at the far end.
  std::string failing = "rect";
  for (std::size_t i = 0; i + 2 < kMaxCompoundsPerSelector; ++i) failing += " g.a";
  failing += " path";
  std::size_t checks = 0;
  EXPECT_FALSE(matches(parse_ok(failing), leaf, &checks));
  // Linear in depth x compounds, not exponential.
  EXPECT_GT(checks, 5000u);
  EXPECT_LE(checks, 5002u * kMaxCompoundsPerSelector);
  std::string chains = "svg";
  for (std::size_t i = 0; i + 2 < kMaxCompoundsPerSelector; i += 2) chains += " g > g.a";
  chains += " path";
  EXPECT_TRUE(matches(parse_ok(chains), leaf));
}

TEST(StyleSelectorHostile, LongInputIsLinear) {
  std::string many_classes;
  for (int i = 0; i < 100000; ++i) many_classes += ".c";
  EXPECT_EQ(parse_selector(many_classes).status, Status::ok);
  std::string open_paren = ":not(" + std::string(1 << 20, '(');
  EXPECT_EQ(parse_selector(open_paren).status, Status::invalid);
  std::string many_compounds;
  for (int i = 0; i < 100000; ++i) many_compounds += "a ";
  EXPECT_EQ(parse_selector(many_compounds).status, Status::unsupported);
}

}  // namespace
}  // namespace bimi::svgps::style
