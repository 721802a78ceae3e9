// The SMTP facts SPF needs (client IP address, HELO name, MAIL FROM) when they were not given:
// read from the newest Received: field, the one the receiving host added (RFC 5321 §4.4), and from
// Return-Path:, which the final delivery writes from MAIL FROM (RFC 5321 §4.4).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/auth/message.hpp"

namespace bimi::auth {

struct SmtpFacts {
  std::string ip;         // textual IPv4 or IPv6 address; empty when unknown
  std::string helo;       // empty when unknown
  std::string mail_from;  // the reverse path without angle brackets; empty for <> or unknown
  bool mail_from_known = false;  // a Return-Path: was there (it may be the null path <>)
  int received_line = 0;         // the Received: field the address and HELO name came from
};

// What the newest Received: field and Return-Path: say. Fields bimi cannot read leave members empty.
SmtpFacts smtp_facts_from_headers(const Message& message);

// The client address and HELO name of one Received: value. Understands the forms of RFC 5321
// ("from helo (rdns [192.0.2.1])"), Exim's ("from rdns ([192.0.2.1] helo=name)") and address
// literals ("from [IPv6:2001:db8::1]").
void read_received(std::string_view value, std::string& ip, std::string& helo);

}  // namespace bimi::auth
