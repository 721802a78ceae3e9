// An email message as receivers authenticate it (RFC 5322 §2): the header fields with their raw
// bytes kept for DKIM, and the body. Line endings are CRLF as on the wire; a file saved with bare
// LF line endings is read as if each LF were CRLF.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::auth {

struct MessageLimits {
  std::size_t max_bytes = 64u << 20;         // the whole message
  std::size_t max_header_fields = 1000;      // more is a broken or hostile message
  std::size_t max_header_field_bytes = 64u << 10;  // one field with its folded lines
};

struct HeaderField {
  std::string_view name;   // as written, without the colon
  std::string_view raw;    // the whole field as written, folded lines included, without the final CRLF
  std::string_view value;  // everything after the colon, as written (still folded)
  int line = 0;            // 1-based line of the field's first line
};

// Owns the bytes the views point into; they stay put when the message is moved.
class Message {
 public:
  Message() = default;
  const std::vector<HeaderField>& headers() const { return headers_; }
  // The body after the empty line, CRLF line endings; empty when the message has none.
  std::string_view body() const { return body_; }
  // Every field with this name (any case, RFC 5322 §1.2.2), top to bottom.
  std::vector<const HeaderField*> fields(std::string_view name) const;

  // The field's value unfolded (RFC 5322 §2.2.3: CRLF before white space removed) and trimmed.
  static std::string unfolded_value(const HeaderField& field);

 private:
  friend std::optional<Message> parse_message(std::string_view bytes, Diagnostics& out,
                                               const MessageLimits& limits);
  std::unique_ptr<const std::string> bytes_;
  std::vector<HeaderField> headers_;
  std::string_view body_;
};

// Splits a message into header fields and body. A field line with no colon, a message or field
// over the limits, or a message with no header fields is a `message-syntax` / `message-limit`
// finding and nullopt.
std::optional<Message> parse_message(std::string_view bytes, Diagnostics& out,
                                     const MessageLimits& limits = {});

}  // namespace bimi::auth
