#include "bimi/base64.hpp"

#include <gtest/gtest.h>

namespace bimi {
namespace {

TEST(Base64, EncodesWithPaddingAndRoundTrips) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("a"), "YQ==");
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_EQ(base64_encode("abc"), "YWJj");
  using namespace std::string_literals;
  for (const std::string& text : {""s, "a"s, "ab"s, "abc"s, "\xff\xfe\x00\x01"s}) {
    EXPECT_EQ(base64_decode(base64_encode(text)), text);
  }
}

TEST(Base64, StrictAcceptsOnlyCanonicalText) {
  EXPECT_EQ(base64_decode("YWI=", Base64Mode::strict), "ab");
  EXPECT_FALSE(base64_decode("YWI", Base64Mode::strict));       // no padding
  EXPECT_FALSE(base64_decode("Y WI=", Base64Mode::strict));     // whitespace
  EXPECT_FALSE(base64_decode("YW=I", Base64Mode::strict));      // data after padding
  EXPECT_FALSE(base64_decode("YWI=YWI=", Base64Mode::strict));  // padding in the middle
  EXPECT_FALSE(base64_decode("-_==", Base64Mode::strict));      // URL-safe alphabet
}

TEST(Base64, LenientReadsWhatDataUrisCarry) {
  EXPECT_EQ(base64_decode("YW\n I=", Base64Mode::lenient), "ab");  // XML whitespace
  EXPECT_EQ(base64_decode("YWI", Base64Mode::lenient), "ab");      // padding optional
  EXPECT_EQ(base64_decode("-_8=", Base64Mode::lenient), base64_decode("+/8=", Base64Mode::strict));
  EXPECT_FALSE(base64_decode("YW=I", Base64Mode::lenient));  // data after padding
  EXPECT_FALSE(base64_decode("@@@@", Base64Mode::lenient));
}

TEST(Base64, BothModesStopAtTheBound) {
  EXPECT_EQ(base64_decode("YWJj", Base64Mode::strict, 3), "abc");
  EXPECT_FALSE(base64_decode("YWJj", Base64Mode::strict, 2));
  EXPECT_EQ(base64_decode("YWJj", Base64Mode::lenient, 3), "abc");
  EXPECT_FALSE(base64_decode("YWJj", Base64Mode::lenient, 2));
}

}  // namespace
}  // namespace bimi
