#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "style/font_family.hpp"

namespace bimi::svgps::style {
namespace {

using Families = std::vector<FontFamily>;

FontFamily named(std::string name) { return {std::move(name), false}; }
FontFamily quoted(std::string name) { return {std::move(name), true}; }

TEST(StyleFontFamily, NamesAndGenerics) {
  EXPECT_EQ(parse_font_family_list("Arial"), (Families{named("Arial")}));
  EXPECT_EQ(parse_font_family_list(" 'Open Sans' , Helvetica   Neue,sans-serif "),
            (Families{quoted("Open Sans"), named("Helvetica Neue"), named("sans-serif")}));
  EXPECT_EQ(parse_font_family_list("\"serif\", serif"),
            (Families{quoted("serif"), named("serif")}));
  EXPECT_EQ(parse_font_family_list("'MyriadPro-Regular', 'Myriad Pro'"),
            (Families{quoted("MyriadPro-Regular"), quoted("Myriad Pro")}));
}

TEST(StyleFontFamily, EscapesCommasAndComments) {
  EXPECT_EQ(parse_font_family_list("\\5FAE\\8F6F\\96C5\\9ED1"),
            (Families{named("\xe5\xbe\xae\xe8\xbd\xaf\xe9\x9b\x85\xe9\xbb\x91")}));
  EXPECT_EQ(parse_font_family_list("'A, B', \"C \\\"D\\\"\""),
            (Families{quoted("A, B"), quoted("C \"D\"")}));
  EXPECT_EQ(parse_font_family_list("Gill/* x */Sans, /* y */ mono"),
            (Families{named("Gill Sans"), named("mono")}));
  EXPECT_EQ(parse_font_family_list("\\31 23 Font"), (Families{named("123 Font")}));
}

TEST(StyleFontFamily, Invalid) {
  for (auto value : {"", "  ", ",", "Arial,", ", Arial", "Arial,,Times", "'open", "'a\nb'",
                     "12 Fonts", "Arial 'x'", "'x' Arial", "a;b", "Font!", "url(x)"}) {
    EXPECT_FALSE(parse_font_family_list(value)) << "'" << value << "'";
  }
}

TEST(StyleFontFamily, LongListsAreCut) {
  std::string value = "a";
  for (int i = 0; i < 10000; ++i) value += ", b";
  auto families = parse_font_family_list(value);
  ASSERT_TRUE(families);
  EXPECT_EQ(families->size(), kMaxFontFamilies);
}

}  // namespace
}  // namespace bimi::svgps::style
