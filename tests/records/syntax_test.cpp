// The small grammars: tag lists, TXT character-strings, HTTPS URLs, domain names and selectors.
#include <gtest/gtest.h>

#include "bimi/records/domain_name.hpp"
#include "bimi/records/tag_list.hpp"
#include "bimi/records/txt.hpp"
#include "bimi/records/url.hpp"

namespace bimi::records {
namespace {

TEST(TagList, NamesValuesAndColumns) {
  Diagnostics out;
  TagList list = parse_tag_list("v=BIMI1;  l = https://example.com/a.svg ;a=;", out);
  EXPECT_TRUE(out.empty());
  ASSERT_EQ(list.tags.size(), 3u);
  EXPECT_EQ(list.tags[1].name, "l");
  EXPECT_EQ(list.tags[1].value, "https://example.com/a.svg");
  EXPECT_EQ(list.tags[1].column, 11);
  EXPECT_EQ(list.tags[1].value_column, 15);
  EXPECT_EQ(list.tags[2].value, "");
  EXPECT_EQ(list.index_of("a"), 2);
  EXPECT_EQ(list.find("x"), nullptr);
}

TEST(TagList, FindingsPointAtTheirColumn) {
  Diagnostics out;
  parse_tag_list("v=BIMI1; l=x; l=y", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.items()[0].rule, "tag-duplicate");
  EXPECT_EQ(out.items()[0].location.column, 15);
  Diagnostics separator;
  parse_tag_list("v=DMARC1; p=reject, sp=none", separator);
  ASSERT_TRUE(separator.has_rule("tag-separator"));
  EXPECT_EQ(separator.items()[0].location.column, 21);
}

TEST(TagList, QueryStringsAndReportListsAreNotSeparatorMistakes) {
  Diagnostics out;
  parse_tag_list("v=BIMI1; l=https://example.com/a.svg?x=1&y=2", out);
  parse_tag_list("v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.net", out);
  EXPECT_TRUE(out.empty());
}

TEST(TagList, VersionPrefix) {
  EXPECT_TRUE(starts_with_version("v=BIMI1; l=", "BIMI1", LiteralCase::any));
  EXPECT_TRUE(starts_with_version(" v = BIMI1", "BIMI1", LiteralCase::any));
  EXPECT_FALSE(starts_with_version("v=BIMI10;", "BIMI1", LiteralCase::any));
  EXPECT_TRUE(starts_with_version("V=bimi1;", "BIMI1", LiteralCase::any));
  EXPECT_FALSE(starts_with_version("l=x; v=BIMI1", "BIMI1", LiteralCase::any));
  EXPECT_TRUE(starts_with_version("V=DMARC1; p=reject", "DMARC1", LiteralCase::exact));
  EXPECT_FALSE(starts_with_version("v=dmarc1; p=reject", "DMARC1", LiteralCase::exact));
  EXPECT_FALSE(starts_with_version("v=", "DMARC1", LiteralCase::exact));
  EXPECT_TRUE(looks_like_version("v=bimi1;", "BIMI"));
  EXPECT_FALSE(looks_like_version("v=spf1 -all", "BIMI"));
}

TEST(Txt, StringsJoinWithoutSeparator) {
  EXPECT_EQ(join_presentation("\"v=BIMI1; l=https://exa\" \"mple.com/logo.svg\""), "v=BIMI1; l=https://example.com/logo.svg");
  EXPECT_EQ(join_presentation(R"("a\"b\\c\059d")"), "a\"b\\c;d");
  EXPECT_FALSE(join_presentation("\"unterminated"));
  EXPECT_FALSE(join_presentation("bare words"));
  EXPECT_FALSE(join_presentation(R"("bad \99")"));
  EXPECT_FALSE(join_presentation(""));
}

TEST(Txt, PresentationSplitsAt255Bytes) {
  std::string value(600, 'x');
  value[10] = '"';
  std::string text = to_presentation(value);
  EXPECT_EQ(text.substr(0, 12), "\"xxxxxxxxxx\\");
  EXPECT_EQ(join_presentation(text), value);
  EXPECT_EQ(std::count(text.begin(), text.end(), ' '), 2);  // three strings
  EXPECT_EQ(to_presentation("v=BIMI1; l=;"), "\"v=BIMI1; l=;\"");
}

TEST(Url, AcceptsHttpsWithHostPortAndPath) {
  auto url = parse_https_url("HTTPS://Logo.Example.com:8443/brand/Logo.SVG?v=2");
  ASSERT_TRUE(std::holds_alternative<HttpsUrl>(url)) << std::get<std::string>(url);
  const auto& parsed = std::get<HttpsUrl>(url);
  EXPECT_EQ(parsed.host, "logo.example.com");
  EXPECT_EQ(parsed.port, 8443);
  EXPECT_EQ(parsed.path, "/brand/Logo.SVG?v=2");
  EXPECT_EQ(url_file_path(parsed), "/brand/logo.svg");
  EXPECT_EQ(std::get<HttpsUrl>(parse_https_url("https://example.com")).path, "/");
}

TEST(Url, RefusesWhatBimiDoesNotAccept) {
  for (const char* bad : {"http://example.com/a.svg", "ftp://example.com/a.svg", "https://example/a.svg",
                          "https://user@example.com/a.svg", "https://10.0.0.1/a.svg", "https://[::1]/a.svg",
                          "https://example.com:0/a.svg", "https://example.com:99999/a.svg", "https://example.com:x/a",
                          "https://example.com/a b.svg", "https://example.com/a,b.svg", "https://example.com/a;b.svg",
                          "https://example.com/%zz.svg", "https://example.com/a%2", "https://-bad-.com/a.svg",
                          "https://exa_mple.com/a.svg", "//example.com/a.svg"}) {
    EXPECT_TRUE(std::holds_alternative<std::string>(parse_https_url(bad))) << bad;
  }
}

TEST(DomainName, Normalizes) {
  EXPECT_EQ(normalize_domain("Mail.Example.COM."), "mail.example.com");
  EXPECT_EQ(normalize_domain("xn--bcher-kva.example"), "xn--bcher-kva.example");
  for (const char* bad : {"", "com", "example..com", "-x.com", "x-.com", "ex ample.com", "b\xc3\xbc" "cher.de",
                          "_dmarc.example.com"}) {
    EXPECT_FALSE(normalize_domain(bad)) << bad;
  }
  EXPECT_FALSE(normalize_domain(std::string(64, 'a') + ".com"));
  EXPECT_FALSE(normalize_domain(std::string(250, 'a').replace(10, 1, ".").replace(100, 1, ".").replace(200, 1, ".") + ".com"));
  EXPECT_EQ(normalize_selector("Brand.2024"), "brand.2024");
  EXPECT_FALSE(normalize_selector("_bimi"));
  EXPECT_FALSE(normalize_selector(""));
}

}  // namespace
}  // namespace bimi::records
