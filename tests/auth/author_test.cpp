#include "bimi/auth/author.hpp"

#include <gtest/gtest.h>

namespace bimi::auth {
namespace {

AuthorResult author_of(const std::string& headers) {
  Diagnostics out;
  auto message = parse_message(headers + "\r\n", out);
  EXPECT_TRUE(message);
  return find_author(*message);
}

TEST(Author, PlainAndNamedAddresses) {
  for (std::string from : {"From: news@Example.COM\r\n", "From: Brand News <news@example.com>\r\n",
                           "From: \"Brand, Inc.\" <news@example.com> (the newsletter)\r\n",
                           "From: (comment) news@example.com\r\n", "From: Brand\r\n <news@example.com.>\r\n",
                           "From: <@relay.example:news@example.com>\r\n"}) {
    auto result = author_of(from);
    ASSERT_TRUE(result.author) << from << result.message;
    EXPECT_EQ(result.author->domain, "example.com") << from;
    EXPECT_EQ(result.author->local_part, "news") << from;
  }
}

TEST(Author, QuotedLocalPartMayHoldAnAt) {
  auto result = author_of("From: \"a@b\"@example.com\r\n");
  ASSERT_TRUE(result.author) << result.message;
  EXPECT_EQ(result.author->local_part, "a@b");
  EXPECT_EQ(result.author->domain, "example.com");
}

TEST(Author, InternationalizedDomainBecomesItsALabel) {
  auto result = author_of("From: info@bücher.example\r\n");
  ASSERT_TRUE(result.author) << result.message;
  EXPECT_EQ(result.author->domain, "xn--bcher-kva.example");
}

TEST(Author, ExactlyOneFieldWithExactlyOneAddress) {
  EXPECT_EQ(author_of("To: a@example.com\r\n").reason, "from-missing");
  EXPECT_EQ(author_of("From: a@example.com\r\nFrom: b@example.com\r\n").reason, "from-multiple-fields");
  EXPECT_EQ(author_of("From: a@example.com, b@example.com\r\n").reason, "from-multiple-addresses");
  EXPECT_EQ(author_of("From: team: a@example.com, b@example.com;\r\n").reason, "from-multiple-addresses");
  // A comma inside a quoted display name is not a separator.
  EXPECT_TRUE(author_of("From: \"Doe, Jane\" <jane@example.com>\r\n").author);
}

TEST(Author, UnreadableAddresses) {
  EXPECT_EQ(author_of("From: \r\n").reason, "from-syntax");
  EXPECT_EQ(author_of("From: nobody\r\n").reason, "from-syntax");
  EXPECT_EQ(author_of("From: <news@example.com\r\n").reason, "from-syntax");
  EXPECT_EQ(author_of("From: \"unterminated <news@example.com>\r\n").reason, "from-syntax");
  EXPECT_EQ(author_of("From: news@[192.0.2.1]\r\n").reason, "from-domain");
  EXPECT_EQ(author_of("From: news@exa mple.com\r\n").reason, "from-domain");
  EXPECT_EQ(author_of("From: news@-bad.example\r\n").reason, "from-domain");
}

}  // namespace
}  // namespace bimi::auth
