#include "source_map.hpp"

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

}  // namespace
}  // namespace bimi::svgps::detail
