#include "svg/input.hpp"

#include <gtest/gtest.h>
#include "bimi/gzip.hpp"

#include "test_support.hpp"

namespace bimi::svgps::detail {
namespace {


TEST(Gunzip, RoundTrips) {
  std::string error;
  auto out = gunzip(bimi::gzip("hello, logo"), 100, error);
  ASSERT_TRUE(out) << error;
  EXPECT_EQ(*out, "hello, logo");
}

TEST(Gunzip, StopsAtTheLimitWithoutInflatingEverything) {
  std::string bomb = bimi::gzip(std::string(50u << 20, 'a'));  // 50 MiB of 'a' packs into ~50 KiB
  EXPECT_LT(bomb.size(), 100'000u);
  std::string error;
  EXPECT_FALSE(gunzip(bomb, 1u << 20, error));
  EXPECT_NE(error.find("inflates to more than"), std::string::npos);
}

TEST(Gunzip, RejectsTruncatedAndCorruptData) {
  std::string data = bimi::gzip(std::string(1000, 'x') + "tail");
  std::string error;
  EXPECT_FALSE(gunzip(data.substr(0, data.size() / 2), 1 << 20, error));
  EXPECT_FALSE(error.empty());
  std::string corrupt = data;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  corrupt[13] = static_cast<char>(corrupt[13] ^ 0x55);
  EXPECT_FALSE(gunzip(corrupt, 1 << 20, error));
}

TEST(Utf8, AcceptsValidText) {
  EXPECT_EQ(find_invalid_utf8("plain"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("Café — 日本 🎨"), std::string_view::npos);
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_EQ(find_invalid_utf8("ab\xff"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xc3"), 0u);               // truncated
  EXPECT_EQ(find_invalid_utf8("x\xc0\xaf"), 1u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("\xed\xa0\x80"), 0u);       // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xf4\x90\x80\x80"), 0u);   // past U+10FFFF
}

TEST(DecodeInput, GzippedInputIsInflatedAndMeasured) {
  Diagnostics d;
  std::string svg = test::good_logo();
  auto decoded = decode_input(bimi::gzip(svg), Limits{}, d);
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->gzipped);
  EXPECT_EQ(decoded->svg_bytes, svg.size());
  EXPECT_EQ(decoded->text, svg);
}

TEST(DecodeInput, InflatedLimitAppliesToSvgz) {
  Diagnostics d;
  Limits limits;
  limits.max_inflated_bytes = 100;
  EXPECT_FALSE(decode_input(bimi::gzip(test::good_logo()), limits, d));
  EXPECT_TRUE(d.has_rule("gzip-invalid"));
}

TEST(DecodeInput, DoctypeIsBlankedKeepingLinesAndOffsets) {
  Diagnostics d;
  std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY x \"y\">\n]>\n<svg/>";
  auto decoded = decode_input(text, Limits{}, d);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->text.size(), text.size());
  EXPECT_EQ(decoded->text.find("DOCTYPE"), std::string::npos);
  EXPECT_EQ(std::count(decoded->text.begin(), decoded->text.end(), '\n'), 4);
  EXPECT_TRUE(d.has_rule("doctype"));
  ASSERT_TRUE(d.has_rule("entity-declaration"));
  EXPECT_EQ(d.items()[1].location.line, 3);
}

TEST(DecodeInput, DoctypeWithQuotedBracketsAndGreaterThan) {
  Diagnostics d;
  std::string text = "<!DOCTYPE svg [<!ENTITY x \"a>]b\">]>\n<svg/>";
  auto decoded = decode_input(text, Limits{}, d);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->text.find_first_not_of(' '), text.find('\n'));
}

TEST(DecodeInput, UnclosedDoctypeIsMalformed) {
  Diagnostics d;
  EXPECT_FALSE(decode_input("<!DOCTYPE svg [ <svg/>", Limits{}, d));
  EXPECT_TRUE(d.has_rule("xml-malformed"));
}

TEST(DecodeInput, NulByteIsReportedWithItsLocation) {
  Diagnostics d;
  std::string text = "<svg>\n  x";
  text += '\0';
  EXPECT_FALSE(decode_input(text, Limits{}, d));
  ASSERT_TRUE(d.has_rule("input-encoding"));
  EXPECT_EQ(d.items()[0].location.line, 2);
  EXPECT_EQ(d.items()[0].location.column, 4);
}

// XML 1.0 §4.3.3: a byte order mark or a declared encoding; the rest of bimi reads UTF-8.
TEST(DecodeInput, Utf16WithAByteOrderMarkIsTranscoded) {
  Diagnostics d;
  auto decoded = decode_input(std::string("\xFF\xFE<\0s\0v\0g\0/\0>\0", 14), Limits{}, d);
  ASSERT_TRUE(decoded) << test::describe(d);
  EXPECT_EQ(decoded->text, "<svg/>");
  EXPECT_TRUE(d.has_rule("input-transcoded"));
  decoded = decode_input(std::string("\xFE\xFF\0<\0s\0v\0g\0/\0>", 14), Limits{}, d);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->text, "<svg/>");
}

TEST(DecodeInput, DeclaredEncodingIsTranscodedAndItsDeclarationBlanked) {
  Diagnostics d;
  std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<svg><title>Caf\xE9</title></svg>";
  auto decoded = decode_input(latin1, Limits{}, d);
  ASSERT_TRUE(decoded) << test::describe(d);
  // encoding="ISO-8859-1" becomes as many spaces: columns on the first line stay put.
  EXPECT_EQ(decoded->text,
            "<?xml version=\"1.0\"" + std::string(22, ' ') + "?>\n<svg><title>Caf\xC3\xA9</title></svg>");
  ASSERT_TRUE(d.has_rule("input-transcoded"));
  EXPECT_EQ(d.items()[0].severity, Severity::note);
  EXPECT_EQ(decoded->svg_bytes, latin1.size());  // the file as served
  Diagnostics cyrillic;
  decoded = decode_input("<?xml version='1.0' encoding='windows-1251'?><svg><title>\xD0\xEE\xEC</title></svg>",
                         Limits{}, cyrillic);
  ASSERT_TRUE(decoded) << test::describe(cyrillic);
  EXPECT_NE(decoded->text.find("<title>\xD0\xA0\xD0\xBE\xD0\xBC</title>"), std::string::npos);  // "Ром"
}

TEST(DecodeInput, UtfEightAndAsciiAreLeftAsTheyAre) {
  Diagnostics d;
  std::string ascii = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg/>";
  auto decoded = decode_input(ascii, Limits{}, d);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->text, ascii);
  std::string utf8 = "<?xml version=\"1.0\" encoding=\"utf-8\"?><svg><title>Caf\xC3\xA9</title></svg>";
  decoded = decode_input(utf8, Limits{}, d);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->text, utf8);
  EXPECT_FALSE(d.has_rule("input-transcoded"));
}

TEST(DecodeInput, LocationsAfterTranscodingCountTheOriginalCharacters) {
  Diagnostics d;
  std::string text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<svg>\xE9\xE9x";
  text += '\0';
  EXPECT_FALSE(decode_input(text, Limits{}, d));
  ASSERT_TRUE(d.has_rule("input-encoding"));
  EXPECT_EQ(d.items().back().location.line, 2);
  EXPECT_EQ(d.items().back().location.column, 9);
}

TEST(DecodeInput, AByteTheDeclaredEncodingLacksIsRefusedWithItsLocation) {
  Diagnostics d;
  EXPECT_FALSE(decode_input("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<svg>\xD0\x98</svg>", Limits{}, d));
  ASSERT_TRUE(d.has_rule("input-encoding"));
  EXPECT_NE(d.items().back().message.find("0x98"), std::string::npos) << d.items().back().message;
  EXPECT_EQ(d.items().back().location.line, 2);
  EXPECT_EQ(d.items().back().location.column, 7);
}

TEST(DecodeInput, AnUnknownEncodingIsRefused) {
  Diagnostics d;
  EXPECT_FALSE(decode_input("<?xml version=\"1.0\" encoding=\"x-no-such\"?><svg>\xE9</svg>", Limits{}, d));
  EXPECT_TRUE(d.has_rule("input-encoding"));
}

TEST(DecodeInput, TranscodedTextObeysTheByteLimit) {
  Limits limits;
  limits.max_inflated_bytes = 1000;
  std::string text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg>" + std::string(600, '\xE9') + "</svg>";
  Diagnostics d;
  EXPECT_FALSE(decode_input(text, limits, d));  // 600 bytes become 1200
  EXPECT_TRUE(d.has_rule("input-too-large"));
}

TEST(DecodeInput, Utf8BomIsAccepted) {
  Diagnostics d;
  auto decoded = decode_input("\xEF\xBB\xBF" + test::good_logo(), Limits{}, d);
  EXPECT_TRUE(decoded);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace bimi::svgps::detail
