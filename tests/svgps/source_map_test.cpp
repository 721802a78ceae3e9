#include "svg/source_map.hpp"

#include <gtest/gtest.h>

namespace bimi::svgps::detail {
namespace {

TEST(SourceMap, LinesAndColumnsAreOneBased) {
  SourceMap map("ab\ncd\nef");
  EXPECT_EQ(map.location(0).line, 1);
  EXPECT_EQ(map.location(0).column, 1);
  EXPECT_EQ(map.location(4).line, 2);
  EXPECT_EQ(map.location(4).column, 2);
  EXPECT_EQ(map.location(6).line, 3);
}

TEST(SourceMap, CrLfAndLoneCrAreOneLineBreak) {
  SourceMap map("a\r\nb\rc");
  EXPECT_EQ(map.location(3).line, 2);
  EXPECT_EQ(map.location(5).line, 3);
  EXPECT_EQ(map.location(5).column, 1);
}

TEST(SourceMap, ColumnsCountCharactersNotBytes) {
  SourceMap map("é日x");
  EXPECT_EQ(map.location(5).column, 3);  // x is the third character, byte 5
}

TEST(SourceMap, OffsetsPastTheEndClamp) {
  SourceMap map("ab");
  EXPECT_EQ(map.location(100).column, 3);
  EXPECT_EQ(map.line_start(9), 2u);
}

// Columns come from character counts kept at fixed byte checkpoints: every offset of a text with
// long lines, multi-byte characters astride checkpoints and all three line breaks agrees with
// counting the characters from the line's start.
TEST(SourceMap, ColumnsAgreeWithCountingFromTheLineStart) {
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += (i % 7 == 0) ? "日本" : (i % 5 == 0) ? "é" : "ab";
    if (i % 97 == 0) text += "\n";
    if (i % 131 == 0) text += "\r\n";
    if (i % 149 == 0) text += "\r";
  }
  text += std::string(1000, 'x') + "é";
  SourceMap map(text);
  int line = 1, column = 1;
  for (std::size_t offset = 0; offset <= text.size(); ++offset) {
    bool lead = offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
    if (lead) {
      ASSERT_EQ(map.location(offset).line, line) << offset;
      ASSERT_EQ(map.location(offset).column, column) << offset;
    }
    if (offset == text.size()) break;
    char c = text[offset];
    if (c == '\n' || (c == '\r' && (offset + 1 >= text.size() || text[offset + 1] != '\n'))) {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace
}  // namespace bimi::svgps::detail
