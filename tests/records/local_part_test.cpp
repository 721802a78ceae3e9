// Local-part selectors (BIMI draft §5.5): normalization, prefix matching and discovery.
#include <gtest/gtest.h>

#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/bimi_record.hpp"
#include "bimi/records/local_part.hpp"
#include "zone.hpp"

namespace bimi::records {
namespace {

TEST(LocalPart, NormalizesAsTheDraftSays) {
  EXPECT_EQ(normalize_local_part("news"), "news");
  EXPECT_EQ(normalize_local_part("Brand.News+tag"), "brand-news");  // subaddress dropped, lower case
  EXPECT_EQ(normalize_local_part("brand__._news"), "brand-news");   // one dash for a run of _ and .
  EXPECT_EQ(normalize_local_part("_brand.news."), "brand-news");    // edge dashes dropped
  EXPECT_EQ(normalize_local_part("a-b"), "a-b");
  EXPECT_EQ(normalize_local_part("+tag"), std::nullopt);            // nothing left
  EXPECT_EQ(normalize_local_part("caf\xc3\xa9"), std::nullopt);     // not letters, digits and dashes
  EXPECT_EQ(normalize_local_part("o'brien"), std::nullopt);
  EXPECT_EQ(normalize_local_part(std::string(63, 'a')), std::string(63, 'a'));
  EXPECT_EQ(normalize_local_part(std::string(64, 'a')), std::nullopt);
}

TEST(LocalPart, PrefixesMatchInAnyCase) {
  EXPECT_TRUE(matches_local_part_prefixes("news-letters", {}));
  EXPECT_TRUE(matches_local_part_prefixes("news-letters", {"offers-", "News-"}));
  EXPECT_FALSE(matches_local_part_prefixes("news", {"news-"}));
}

TEST(LocalPart, TheRecordKeepsItsPrefixesAndAvatarPreference) {
  Diagnostics out;
  BimiRecord record = parse_bimi_record("v=BIMI1; l=https://example.com/a.svg; lps = brand-one , brand-two; avp=personal", out);
  EXPECT_TRUE(out.empty()) << out.items()[0].message;
  EXPECT_TRUE(record.local_part_selector);
  EXPECT_EQ(record.local_part_prefixes, (std::vector<std::string>{"brand-one", "brand-two"}));
  EXPECT_EQ(record.avatar_preference, "personal");
  Diagnostics brand;
  EXPECT_EQ(parse_bimi_record("v=BIMI1; l=https://example.com/a.svg; avp=BRAND", brand).avatar_preference, "brand");
  EXPECT_TRUE(brand.empty());
  Diagnostics personal;
  // %s "personal": case-sensitive; the value is ignored and the default applies.
  EXPECT_EQ(parse_bimi_record("v=BIMI1; l=https://example.com/a.svg; avp=Personal", personal).avatar_preference, "brand");
  EXPECT_TRUE(personal.has_rule("bimi-tag-value"));
}

TEST(LocalPart, DiscoveryFollowsTheLocalPartSelector) {
  test::Zone zone("default._bimi.example.com: v=BIMI1; l=https://example.com/a.svg; lps=news-\n"
                  "news-letters._bimi.example.com: v=BIMI1; l=https://example.com/news.svg");
  BimiDiscovery news = discover_bimi_record("example.com", "example.com", "default", zone.lookup(), "news.letters+x");
  EXPECT_EQ(news.name, "news-letters._bimi.example.com");
  EXPECT_EQ(news.selector, "news-letters");
  EXPECT_TRUE(news.diagnostics.has_rule("bimi-local-part-selector"));
  // Only the findings of the record that applies are reported.
  test::Zone replaced("default._bimi.example.com: v=BIMI1; l=http://example.com/a.svg; lps=news-\n"
                      "news-x._bimi.example.com: v=BIMI1; l=https://example.com/news.svg");
  BimiDiscovery fixed = discover_bimi_record("example.com", "example.com", "default", replaced.lookup(), "news_x");
  EXPECT_EQ(fixed.name, "news-x._bimi.example.com");
  EXPECT_FALSE(fixed.diagnostics.has_rule("bimi-logo-url"));
  EXPECT_TRUE(fixed.has_logo());
  // No prefix matches: the record found first applies, and no other name is queried.
  test::Zone other("default._bimi.example.com: v=BIMI1; l=https://example.com/a.svg; lps=news-");
  BimiDiscovery offers = discover_bimi_record("example.com", "example.com", "default", other.lookup(), "offers");
  EXPECT_EQ(offers.name, "default._bimi.example.com");
  EXPECT_EQ(other.queried().size(), 1u);
  // The local part's selector has no record: the first record applies.
  BimiDiscovery missing = discover_bimi_record("example.com", "example.com", "default", other.lookup(), "news-x");
  EXPECT_EQ(missing.name, "default._bimi.example.com");
  EXPECT_EQ(missing.selector, "default");
  // Without lps= the local part changes nothing.
  test::Zone plain("default._bimi.example.com: v=BIMI1; l=https://example.com/a.svg");
  BimiDiscovery same = discover_bimi_record("example.com", "example.com", "default", plain.lookup(), "news");
  EXPECT_FALSE(same.diagnostics.has_rule("bimi-local-part-selector"));
  // At the organizational domain the local part's selector is looked up there (§8.2 step 8).
  test::Zone org("default._bimi.example.com: v=BIMI1; l=https://example.com/a.svg; lps=\n"
                 "news._bimi.example.com: v=BIMI1; l=https://example.com/news.svg");
  BimiDiscovery fallback = discover_bimi_record("mail.example.com", "example.com", "default", org.lookup(), "news");
  EXPECT_EQ(fallback.name, "news._bimi.example.com");
  EXPECT_TRUE(fallback.fallback);
}

}  // namespace
}  // namespace bimi::records
