#include "bimi/auth/message.hpp"

#include <string>

#include "ascii.hpp"

namespace bimi::auth {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// Lines end in CRLF on the wire. A message saved with bare LF gets CRLF, so DKIM hashes what was
// signed; a lone CR is data and stays.
std::string wire_form(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 32);
  std::size_t copied = 0;  // bytes before this are in `out`
  for (std::size_t lf = bytes.find('\n'); lf != std::string_view::npos; lf = bytes.find('\n', lf + 1)) {
    if (lf > 0 && bytes[lf - 1] == '\r') continue;
    out.append(bytes, copied, lf - copied);
    out += '\r';
    copied = lf;
  }
  out.append(bytes, copied);
  return out;
}

// RFC 5322 §3.6.8: ftext is printable US-ASCII except the colon.
bool valid_field_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u < 33 || u > 126) return false;
  }
  return true;
}

}  // namespace

std::vector<const HeaderField*> Message::fields(std::string_view name) const {
  std::vector<const HeaderField*> found;
  for (const auto& field : headers_)
    if (iequals(field.name, name)) found.push_back(&field);
  return found;
}

std::string Message::unfolded_value(const HeaderField& field) {
  std::string out;
  out.reserve(field.value.size());
  std::string_view v = field.value;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') {
      ++i;
      continue;
    }
    out += v[i];
  }
  std::size_t begin = 0;
  while (begin < out.size() && is_wsp(out[begin])) ++begin;
  std::size_t end = out.size();
  while (end > begin && is_wsp(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

std::optional<Message> parse_message(std::string_view bytes, Diagnostics& out, const MessageLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    out.add("message-limit", Severity::error,
            "the message is " + std::to_string(bytes.size()) + " bytes; bimi reads at most " +
                std::to_string(limits.max_bytes));
    return std::nullopt;
  }
  Message message;
  message.bytes_ = std::make_unique<const std::string>(wire_form(bytes));
  std::string_view text = *message.bytes_;

  std::size_t pos = 0;
  int line = 1;
  bool body_found = false;
  while (pos < text.size()) {
    std::size_t eol = text.find("\r\n", pos);
    std::size_t line_end = eol == std::string_view::npos ? text.size() : eol;
    std::size_t next = eol == std::string_view::npos ? text.size() : eol + 2;
    std::string_view current = text.substr(pos, line_end - pos);
    if (current.empty()) {  // the empty line before the body
      message.body_ = text.substr(next);
      body_found = true;
      break;
    }
    if (is_wsp(current.front())) {
      if (message.headers_.empty()) {
        out.add("message-syntax", Severity::error, "the message starts with a continuation line", {line, 1});
        return std::nullopt;
      }
      auto& field = message.headers_.back();
      const char* start = field.raw.data();
      field.raw = std::string_view(start, static_cast<std::size_t>(text.data() + line_end - start));
      const char* value_start = field.value.data();
      field.value = std::string_view(value_start, static_cast<std::size_t>(text.data() + line_end - value_start));
      if (field.raw.size() > limits.max_header_field_bytes) {
        out.add("message-limit", Severity::error,
                "the " + std::string(field.name) + " header field is over " +
                    std::to_string(limits.max_header_field_bytes) + " bytes",
                {field.line, 1});
        return std::nullopt;
      }
    } else {
      std::size_t colon = current.find(':');
      std::string_view name = colon == std::string_view::npos ? std::string_view() : current.substr(0, colon);
      // White space before the colon is obsolete syntax (RFC 5322 §4.5) that DKIM still hashes as is.
      std::string_view trimmed = name;
      while (!trimmed.empty() && is_wsp(trimmed.back())) trimmed.remove_suffix(1);
      if (!valid_field_name(trimmed)) {
        out.add("message-syntax", Severity::error,
                "line " + std::to_string(line) + " is neither a header field nor a continuation line",
                {line, 1});
        return std::nullopt;
      }
      if (message.headers_.size() == limits.max_header_fields) {
        out.add("message-limit", Severity::error,
                "the message has more than " + std::to_string(limits.max_header_fields) + " header fields",
                {line, 1});
        return std::nullopt;
      }
      HeaderField field;
      field.name = trimmed;
      field.raw = current;
      field.value = current.substr(colon + 1);
      field.line = line;
      if (field.raw.size() > limits.max_header_field_bytes) {
        out.add("message-limit", Severity::error,
                "the " + std::string(field.name) + " header field is over " +
                    std::to_string(limits.max_header_field_bytes) + " bytes",
                {line, 1});
        return std::nullopt;
      }
      message.headers_.push_back(field);
    }
    pos = next;
    ++line;
  }
  if (message.headers_.empty()) {
    out.add("message-syntax", Severity::error, "the message has no header fields", {1, 1});
    return std::nullopt;
  }
  if (!body_found) message.body_ = text.substr(text.size());
  return message;
}

}  // namespace bimi::auth
