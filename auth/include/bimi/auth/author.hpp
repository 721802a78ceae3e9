// The author of a message: the one address of its From: field (RFC 5322 §3.6.2), which DMARC and
// BIMI judge the message by. BIMI is not performed unless there is exactly one From: field with
// exactly one address (BIMI draft, "Indicator Discovery" step 1; RFC 7489 §6.6.1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/auth/message.hpp"

namespace bimi::auth {

struct Author {
  std::string local_part;  // unquoted, as written
  std::string domain;      // lower case; an internationalized domain in its A-label form
  std::string display;     // the address as written, for reports
  int line = 0;            // of the From: field
};

struct AuthorResult {
  std::optional<Author> author;
  // from-missing, from-multiple-fields, from-multiple-addresses, from-syntax, from-domain
  std::string reason;
  std::string message;
};

AuthorResult find_author(const Message& message);

// The addresses of one address-list value (mailboxes and the members of groups), each as its
// addr-spec; nullopt when the value breaks the grammar. At most `limit` are returned.
std::optional<std::vector<std::string>> address_specs(std::string_view value, std::size_t limit = 100);

}  // namespace bimi::auth
