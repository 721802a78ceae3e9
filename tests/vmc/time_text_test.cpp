#include "bimi/vmc/time_text.hpp"

#include <gtest/gtest.h>

namespace bimi::vmc {
namespace {

constexpr long long at_0830_14 = 1657355414;  // 2022-07-09T08:30:14Z
constexpr long long at_0830 = 1657355400;     // 2022-07-09T08:30:00Z
constexpr long long midnight = 1657324800;    // 2022-07-09T00:00:00Z

TEST(Time, ParsesEveryFormUsersType) {
  EXPECT_EQ(parse_time("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_time("2022-07-09T08:30:14Z"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09t08:30:14z"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09 08:30:14Z"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T08:30:14.250Z"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T08:30:14,250Z"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T08:30Z"), at_0830);
  EXPECT_EQ(parse_time("2022-07-09T10:30:14+02:00"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T10:30:14+0200"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T10:30:14+02"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T03:00:14-05:30"), at_0830_14);
  EXPECT_EQ(parse_time("2022-07-09T10:30+02:00"), at_0830);
  EXPECT_EQ(parse_time("2022-07-09"), midnight);
  EXPECT_EQ(parse_time("20220709"), midnight);
  EXPECT_EQ(parse_time("20220709T083014Z"), at_0830_14);
  EXPECT_EQ(parse_time("20220709T0830Z"), at_0830);
  EXPECT_EQ(format_time(at_0830_14), "2022-07-09T08:30:14Z");
}

TEST(Time, WithoutAZoneIsUtcAndSaysSo) {
  for (const char* text : {"2022-07-09T08:30:14", "2022-07-09T08:30", "2022-07-09 08:30:14", "2022-07-09"}) {
    auto parsed = parse_time_text(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_TRUE(parsed->zone_assumed) << text;
  }
  EXPECT_EQ(parse_time_text("2022-07-09T08:30:14")->seconds, at_0830_14);
  EXPECT_FALSE(parse_time_text("2022-07-09T08:30:14Z")->zone_assumed);
  EXPECT_FALSE(parse_time_text("2022-07-09T08:30:14+02:00")->zone_assumed);
}

TEST(Time, RefusesWhatIsNotATime) {
  for (const char* text :
       {"", "yesterday", "last week", "2022-02-30T00:00:00Z", "2022-13-01", "2022-07-09T24:00:00Z",
        "2022-07-09T08:60Z", "2022-07-09T08Z", "2022-07-09T08:30:14+24:00", "2022-07-09T08:30:14+02:", "2022-07-09T",
        "2022-07-09T08:30:14.Z", "2022-07-09T08:30:14Z junk", "2022-0709", "22-07-09", "2022/07/09",
        "2022-07-09T0830Z", "1657355414"}) {
    EXPECT_FALSE(parse_time(text)) << text;
  }
}

}  // namespace
}  // namespace bimi::vmc
