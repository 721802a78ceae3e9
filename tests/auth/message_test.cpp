#include "bimi/auth/message.hpp"

#include <gtest/gtest.h>

namespace bimi::auth {
namespace {

TEST(Message, SplitsFieldsAndBodyKeepingRawBytes) {
  Diagnostics out;
  auto message = parse_message("From: a@example.com\r\nSubject: one\r\n two\r\n\r\nbody\r\n", out);
  ASSERT_TRUE(message) << (out.empty() ? "" : out.items()[0].message);
  ASSERT_EQ(message->headers().size(), 2u);
  EXPECT_EQ(message->headers()[1].name, "Subject");
  EXPECT_EQ(message->headers()[1].raw, "Subject: one\r\n two");
  EXPECT_EQ(message->headers()[1].line, 2);
  EXPECT_EQ(Message::unfolded_value(message->headers()[1]), "one two");
  EXPECT_EQ(message->body(), "body\r\n");
}

TEST(Message, ReadsBareLineFeedsAsCrlf) {
  Diagnostics out;
  auto message = parse_message("From: a@example.com\nX: 1\n\nline\n", out);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->headers()[1].raw, "X: 1");
  EXPECT_EQ(message->body(), "line\r\n");
}

TEST(Message, FindsFieldsInAnyCase) {
  Diagnostics out;
  auto message = parse_message("from: a\r\nFROM: b\r\nTo: c\r\n\r\n", out);
  ASSERT_TRUE(message);
  EXPECT_EQ(message->fields("From").size(), 2u);
}

TEST(Message, NoBodyIsAnEmptyBody) {
  Diagnostics out;
  auto message = parse_message("From: a\r\n", out);
  ASSERT_TRUE(message);
  EXPECT_TRUE(message->body().empty());
}

TEST(Message, LineWithoutColonIsAnError) {
  Diagnostics out;
  EXPECT_FALSE(parse_message("From: a\r\nnot a header\r\n\r\n", out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.items()[0].rule, "message-syntax");
  EXPECT_EQ(out.items()[0].location.line, 2);
}

TEST(Message, LeadingContinuationIsAnError) {
  Diagnostics out;
  EXPECT_FALSE(parse_message(" From: a\r\n\r\n", out));
  EXPECT_TRUE(out.has_rule("message-syntax"));
}

TEST(Message, EmptyInputIsAnError) {
  Diagnostics out;
  EXPECT_FALSE(parse_message("", out));
  EXPECT_TRUE(out.has_rule("message-syntax"));
}

TEST(Message, TooManyFieldsIsBounded) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "X-N: " + std::to_string(i) + "\r\n";
  Diagnostics out;
  EXPECT_FALSE(parse_message(text + "\r\n", out));
  ASSERT_TRUE(out.has_rule("message-limit"));
  EXPECT_NE(out.items()[0].message.find("1000 header fields"), std::string::npos);
}

TEST(Message, OversizedFieldIsBounded) {
  std::string text = "Subject: " + std::string(70000, 'a') + "\r\n\r\n";
  Diagnostics out;
  EXPECT_FALSE(parse_message(text, out));
  EXPECT_TRUE(out.has_rule("message-limit"));
  std::string folded = "Subject: a\r\n";
  for (int i = 0; i < 20000; ++i) folded += " aaaa\r\n";
  Diagnostics out2;
  EXPECT_FALSE(parse_message(folded + "\r\n", out2));
  EXPECT_TRUE(out2.has_rule("message-limit"));
}

TEST(Message, OversizedMessageIsRefusedBeforeParsing) {
  MessageLimits limits;
  limits.max_bytes = 100;
  Diagnostics out;
  EXPECT_FALSE(parse_message("From: a\r\n\r\n" + std::string(200, 'x'), out, limits));
  EXPECT_TRUE(out.has_rule("message-limit"));
}

TEST(Message, ViewsSurviveAMove) {
  Diagnostics out;
  auto message = parse_message("From: a\r\n\r\nb", out);
  ASSERT_TRUE(message);
  Message moved = std::move(*message);
  EXPECT_EQ(moved.headers()[0].raw, "From: a");
  EXPECT_EQ(moved.body(), "b");
}

}  // namespace
}  // namespace bimi::auth
