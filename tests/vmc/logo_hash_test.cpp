#include "bimi/vmc/logo_hash.hpp"

#include <gtest/gtest.h>

#include "bimi/vmc/logo_bytes.hpp"

#include "test_support.hpp"

namespace bimi::vmc {
namespace {

TEST(LogoHash, KnownDigestsOfAbc) {
  EXPECT_EQ(hex_digest(HashAlgorithm::sha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex_digest(HashAlgorithm::sha1, "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(digest(HashAlgorithm::sha384, "abc").size(), 48u);
  EXPECT_EQ(digest(HashAlgorithm::sha512, "abc").size(), 64u);
}

TEST(LogoHash, Base64RoundTripsAndIsStrict) {
  for (std::string text : {"", "a", "ab", "abc", "abcd", "\x00\xff\x10"}) {
    auto encoded = base64_encode(text);
    auto decoded = base64_decode(encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, text);
  }
  EXPECT_EQ(base64_encode("ab"), "YWI=");
  EXPECT_FALSE(base64_decode("YWI"));       // no padding
  EXPECT_FALSE(base64_decode("Y WI="));     // whitespace
  EXPECT_FALSE(base64_decode("YW=I"));      // data after padding
  EXPECT_FALSE(base64_decode("YWI=YWI="));  // padding in the middle
}

TEST(LogoHash, GzipIsDeterministicAndRoundTrips) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
  auto a = gzip(svg);
  EXPECT_EQ(a, gzip(svg));
  ASSERT_TRUE(is_gzip(a));
  std::string error;
  auto back = gunzip(a, 1024, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, svg);
}

TEST(LogoHash, GunzipStopsAtTheBound) {
  std::string big(4u << 20, 'a');
  auto bomb = gzip(big);
  EXPECT_LT(bomb.size(), 10000u);
  std::string error;
  EXPECT_FALSE(gunzip(bomb, max_logo_bytes, error));
  EXPECT_NE(error.find("more than"), std::string::npos) << error;
}

TEST(LogoHash, GunzipRejectsTruncatedAndTrailingData) {
  auto data = gzip("hello hello hello");
  std::string error;
  for (std::size_t cut = 2; cut < data.size(); ++cut) {
    EXPECT_FALSE(gunzip(data.substr(0, cut), 1024, error)) << "cut at " << cut;
  }
  EXPECT_FALSE(gunzip(data + "x", 1024, error));
  EXPECT_FALSE(gunzip("not gzip", 1024, error));
}

TEST(LogoHash, HashesTheExactBytesOfTheRealLogo) {
  auto svg = test::read_fixture(test::real_dir() / "cnn-logo.svg");
  auto result = hash_logo(svg);
  EXPECT_EQ(result.sha256, hex_digest(HashAlgorithm::sha256, svg));
  EXPECT_EQ(result.sha1.size(), 40u);
  EXPECT_EQ(result.data_uri, "data:image/svg+xml;base64," + result.gzip_base64);
  auto blob = base64_decode(result.gzip_base64);
  ASSERT_TRUE(blob);
  std::string error;
  auto back = gunzip(*blob, max_logo_bytes, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, svg);
}

TEST(LogoHash, WarnsAboutBytesToolsChange) {
  EXPECT_TRUE(hash_logo("<svg>\r\n</svg>").warnings.has_rule("crlf"));
  EXPECT_TRUE(hash_logo("\xEF\xBB\xBF<svg/>").warnings.has_rule("bom"));
  EXPECT_TRUE(hash_logo("<svg/>\n\n").warnings.has_rule("trailing-newline"));
  EXPECT_TRUE(hash_logo("<svg/>\r").warnings.has_rule("trailing-newline"));
  EXPECT_TRUE(hash_logo("<svg/>").warnings.empty());
  EXPECT_TRUE(hash_logo(gzip("<svg/>")).warnings.has_rule("gzipped-input"));
}

TEST(LogoHash, OneFinalLfIsTheNormalizedFormAndNotWarnedAbout) {
  // bimi convert ends every file with one LF (docs/normalized-form.md).
  EXPECT_TRUE(hash_logo("<svg/>\n").warnings.empty());
  auto crlf = hash_logo("<svg/>\r\n");
  EXPECT_TRUE(crlf.warnings.has_rule("crlf"));
  EXPECT_FALSE(crlf.warnings.has_rule("trailing-newline"));
}

TEST(LogoBytes, TraitsCountFinalLineBreaks) {
  EXPECT_EQ(logo_byte_traits("<svg/>").final_line_breaks, 0u);
  EXPECT_EQ(logo_byte_traits("<svg/>\n").final_line_breaks, 1u);
  EXPECT_EQ(logo_byte_traits("<svg/>\r\n").final_line_breaks, 1u);
  EXPECT_EQ(logo_byte_traits("<svg/>\n\r\n\r").final_line_breaks, 3u);
  EXPECT_EQ(logo_byte_traits("\n").final_line_breaks, 1u);
  EXPECT_TRUE(logo_byte_traits("\xEF\xBB\xBF<svg/>").bom);
}

TEST(LogoBytes, ExplainsDifferencesInTheTermsPeopleFix) {
  const std::string svg = "<svg>\n<title>A</title>\n</svg>\n";
  const std::string_view ref = "the embedded SVG", act = "the logo given";
  EXPECT_EQ(explain_logo_difference(svg, svg, ref, act), "");
  EXPECT_EQ(explain_logo_difference(svg, "<svg>\r\n<title>A</title>\r\n</svg>\r\n", ref, act),
            "the logo given has CRLF line ends where the embedded SVG has LF");
  EXPECT_EQ(explain_logo_difference(svg, "\xEF\xBB\xBF" + svg, ref, act),
            "the logo given starts with a UTF-8 byte order mark and the embedded SVG does not");
  EXPECT_EQ(explain_logo_difference(svg, svg.substr(0, svg.size() - 1), ref, act),
            "the logo given lacks the final newline of the embedded SVG");
  EXPECT_EQ(explain_logo_difference(svg.substr(0, svg.size() - 1), svg, ref, act),
            "the logo given ends with a newline the embedded SVG lacks");
  EXPECT_EQ(explain_logo_difference(svg, svg + "\n", ref, act),
            "the logo given ends with 2 line breaks, the embedded SVG with 1");
  EXPECT_EQ(explain_logo_difference(svg, "<svg>\n<title>B</title>\n</svg>\n", ref, act),
            "the content differs from line 2, column 8 on");
  EXPECT_EQ(explain_logo_difference(svg, "<svg>\n<title>A</title>\n", ref, act),
            "the logo given ends early, at line 2, column 17");
  EXPECT_EQ(explain_logo_difference(svg, "\xEF\xBB\xBF<svg>\r\n<title>B</title>\r\n</svg>", ref, act),
            "the logo given starts with a UTF-8 byte order mark and the embedded SVG does not; the logo given has "
            "CRLF line ends where the embedded SVG has LF; the logo given lacks the final newline of the embedded "
            "SVG; the content differs from line 2, column 8 on");
  // Mixed line ends on different lines still get a reason.
  EXPECT_EQ(explain_logo_difference("<svg>\r\n<title>A</title>\n</svg>\n", "<svg>\n<title>A</title>\r\n</svg>\n", ref, act),
            "the line ends differ (CRLF against LF) from line 1 on");
}

}  // namespace
}  // namespace bimi::vmc
