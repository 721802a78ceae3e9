#include "bimi/auth/smtp_facts.hpp"

#include <gtest/gtest.h>

namespace bimi::auth {
namespace {

struct Case {
  std::string received;
  std::string ip;
  std::string helo;
};

TEST(SmtpFacts, ReceivedForms) {
  for (const Case& c : {
           Case{"from mail.example.com (mail.example.com [192.0.2.1]) by mx.example.net (Postfix) with ESMTPS id 1; "
                "Mon, 30 Nov 2026 12:00:00 +0000",
                "192.0.2.1", "mail.example.com"},
           Case{"from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS "
                "id x; Mon, 30 Nov 2026 12:00:00 -0800 (PST)",
                "209.85.220.41", "mail-sor-f41.google.com"},
           Case{"from out.example.org ([198.51.100.7] helo=Relay.Example.ORG) by mx.example.net with esmtp (Exim 4.96)",
                "198.51.100.7", "relay.example.org"},
           Case{"from [IPv6:2001:DB8::25] (unknown) by mx.example.net", "2001:db8::25", ""},
           Case{"from helo.example (rdns.example [2001:db8:0:0::1]) by mx", "2001:db8::1", "helo.example"},
           Case{"by mx.example.net with LMTP; Mon, 30 Nov 2026", "", ""},
           Case{"from localhost (localhost [not-an-address]) by mx", "", "localhost"},
       }) {
    std::string ip, helo;
    read_received(c.received, ip, helo);
    EXPECT_EQ(ip, c.ip) << c.received;
    EXPECT_EQ(helo, c.helo) << c.received;
  }
}

SmtpFacts facts_of(const std::string& headers) {
  Diagnostics out;
  auto message = parse_message(headers + "\r\n", out);
  EXPECT_TRUE(message);
  return smtp_facts_from_headers(*message);
}

TEST(SmtpFacts, NewestReceivedAndReturnPath) {
  auto facts = facts_of(
      "Return-Path: <bounce+123@mail.example.com>\r\n"
      "Received: from relay.example.com (relay.example.com [192.0.2.9])\r\n by mx.example.net; Mon, 30 Nov 2026\r\n"
      "Received: from origin.example.com (origin [10.0.0.1]) by relay.example.com\r\n"
      "From: a@example.com\r\n");
  EXPECT_EQ(facts.ip, "192.0.2.9");
  EXPECT_EQ(facts.helo, "relay.example.com");
  EXPECT_EQ(facts.received_line, 2);
  EXPECT_EQ(facts.mail_from, "bounce+123@mail.example.com");
  EXPECT_TRUE(facts.mail_from_known);
}

TEST(SmtpFacts, NullReversePathAndNothing) {
  auto bounce = facts_of("Return-Path: <>\r\nFrom: a@example.com\r\n");
  EXPECT_TRUE(bounce.mail_from_known);
  EXPECT_TRUE(bounce.mail_from.empty());
  auto none = facts_of("From: a@example.com\r\n");
  EXPECT_FALSE(none.mail_from_known);
  EXPECT_TRUE(none.ip.empty());
}

}  // namespace
}  // namespace bimi::auth
