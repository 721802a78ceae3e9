#include "bimi/auth/alignment.hpp"

#include <gtest/gtest.h>

#include "bimi/auth/bimi_selector_header.hpp"

namespace bimi::auth {
namespace {

// A stand-in for the Public Suffix List or the tree walk: the last two labels, or three under co.uk.
std::string two_labels(const std::string& domain) {
  std::size_t last = domain.rfind('.');
  if (last == std::string::npos) return domain;
  std::size_t second = domain.rfind('.', last - 1);
  std::string org = second == std::string::npos ? domain : domain.substr(second + 1);
  if (org == "co.uk" && second != std::string::npos) {
    std::size_t third = domain.rfind('.', second - 1);
    return third == std::string::npos ? domain : domain.substr(third + 1);
  }
  return org;
}

TEST(Alignment, StrictNeedsTheSameNameRelaxedTheSameOrganization) {
  EXPECT_TRUE(aligned("Example.COM.", "example.com", AlignmentMode::strict, two_labels));
  EXPECT_FALSE(aligned("mail.example.com", "example.com", AlignmentMode::strict, two_labels));
  EXPECT_TRUE(aligned("mail.example.com", "example.com", AlignmentMode::relaxed, two_labels));
  EXPECT_TRUE(aligned("bounce.example.co.uk", "news.example.co.uk", AlignmentMode::relaxed, two_labels));
  EXPECT_FALSE(aligned("other.co.uk", "example.co.uk", AlignmentMode::relaxed, two_labels));
  EXPECT_FALSE(aligned("esp.example.net", "example.com", AlignmentMode::relaxed, two_labels));
  EXPECT_FALSE(aligned("", "example.com", AlignmentMode::relaxed, two_labels));
}

TEST(Alignment, DmarcPassesThroughEitherAlignedIdentifier) {
  // SPF passed for the ESP's bounce domain: not aligned. DKIM by the ESP, then by the brand.
  auto result = evaluate_alignment("example.com", {"bounces.esp.example", true},
                                   {{"esp.example", true}, {"mail.example.com", true}}, AlignmentMode::relaxed,
                                   AlignmentMode::relaxed, two_labels);
  EXPECT_FALSE(result.spf_aligned);
  ASSERT_TRUE(result.aligned_signature);
  EXPECT_EQ(*result.aligned_signature, 1u);
  EXPECT_TRUE(result.pass());
  // adkim=s refuses the subdomain signer.
  result = evaluate_alignment("example.com", {"bounces.esp.example", true}, {{"mail.example.com", true}},
                              AlignmentMode::relaxed, AlignmentMode::strict, two_labels);
  EXPECT_FALSE(result.pass());
  // A failing signature never aligns.
  result = evaluate_alignment("example.com", {"example.com", false}, {{"example.com", false}},
                              AlignmentMode::relaxed, AlignmentMode::relaxed, two_labels);
  EXPECT_FALSE(result.pass());
  result = evaluate_alignment("example.com", {"example.com", true}, {}, AlignmentMode::strict,
                              AlignmentMode::strict, two_labels);
  EXPECT_TRUE(result.spf_aligned);
}

TEST(BimiSelectorHeader, ReadsTheSelector) {
  EXPECT_EQ(*parse_bimi_selector_header("v=BIMI1; s=Brand2026;").selector, "brand2026");
  EXPECT_EQ(*parse_bimi_selector_header(" V = BIMI1 ; S = spring").selector, "spring");
}

TEST(BimiSelectorHeader, IgnoredWhenMalformed) {
  EXPECT_EQ(parse_bimi_selector_header("s=brand; v=BIMI1").problem, "v= is not the first tag");
  EXPECT_EQ(parse_bimi_selector_header("v=bimi1; s=brand").problem, "v=bimi1 is not BIMI1");
  EXPECT_EQ(parse_bimi_selector_header("v=BIMI1").problem, "the field has no s= tag");
  EXPECT_EQ(parse_bimi_selector_header("v=BIMI1; s=bad selector").problem, "s=bad selector is not a selector");
  EXPECT_EQ(parse_bimi_selector_header("v=BIMI1; s=a; s=b").problem, "s= appears twice");
  EXPECT_FALSE(parse_bimi_selector_header("").selector);
}

}  // namespace
}  // namespace bimi::auth
