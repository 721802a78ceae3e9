#include "bimi/auth/receiver_headers.hpp"

#include <gtest/gtest.h>

#include "bimi/auth/message.hpp"

namespace bimi::auth {
namespace {

TEST(ReceiverHeaders, AuthenticationResultsAsInTheDraftExample) {
  std::string field = authentication_results_field(
      "example.com", {{"spf", "fail", "", {{"smtp.mailfrom", "example.com"}}},
                      {"dkim", "pass", "signature was verified", {{"header.d", "example.com"}}},
                      {"dmarc", "pass", "", {{"header.from", "example.com"}}},
                      {"bimi", "pass", "", {{"header.d", "example.com"}, {"header.selector", "brand"}}}});
  EXPECT_EQ(field,
            "Authentication-Results: example.com; spf=fail smtp.mailfrom=example.com;\r\n"
            "\tdkim=pass (signature was verified) header.d=example.com; dmarc=pass\r\n"
            "\theader.from=example.com; bimi=pass header.d=example.com header.selector=brand");
}

TEST(ReceiverHeaders, UrisAreQuotedAndLinesStayShort) {
  std::string field = authentication_results_field(
      "mx.example.net", {{"bimi", "pass", "", {{"header.d", "example.com"},
                                               {"policy.indicator-uri", "https://example.com/bimi/logo.svg"},
                                               {"policy.authority", "pass"}}}});
  EXPECT_NE(field.find("policy.indicator-uri=\"https://example.com/bimi/logo.svg\""), std::string::npos);
  std::size_t start = 0;
  while (start < field.size()) {
    std::size_t end = field.find("\r\n", start);
    if (end == std::string::npos) end = field.size();
    EXPECT_LE(end - start, 78u);
    start = end + 2;
  }
  // The folded field reads back as one header field.
  Diagnostics out;
  auto message = parse_message(field + "\r\n\r\n", out);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->headers().size(), 1u);
}

TEST(ReceiverHeaders, NoResultsSaysNone) {
  EXPECT_EQ(authentication_results_field("mx.example.net", {}), "Authentication-Results: mx.example.net; none");
}

TEST(ReceiverHeaders, BimiLocationAndIndicator) {
  EXPECT_EQ(bimi_location_field("https://image.example.com/bimi/logo/"),
            "BIMI-Location: v=BIMI1; l=https://image.example.com/bimi/logo/;");
  std::string svg(300, 'x');
  std::string field = bimi_indicator_field(svg);
  EXPECT_EQ(field.rfind("BIMI-Indicator: eHh4", 0), 0u);
  std::string joined;
  for (char c : field.substr(16))
    if (c != '\r' && c != '\n' && c != '\t' && c != ' ') joined += c;
  EXPECT_EQ(joined.size(), 400u);
  EXPECT_EQ(indicator_hash("abc"), "f20015ad");  // SHA-256("abc") ends in ...f20015ad
  EXPECT_EQ(bimi_logo_preference_field("brand"), "BIMI-Logo-Preference: avp=brand;");
}

}  // namespace
}  // namespace bimi::auth
