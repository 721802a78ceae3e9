// The MIME structure of a report email (RFC 2045, RFC 2046): the header block is auth's RFC 5322
// parser; here are only Content-Type parameters, multipart boundaries and the two transfer
// encodings. A part is a report when its decoded bytes look like one, whatever its Content-Type
// says (reporters label gzip as text/plain or application/octet-stream).
#include <optional>
#include <string>
#include <vector>

#include "bimi/auth/message.hpp"
#include "bimi/base64.hpp"
#include "bimi/reports/rules.hpp"
#include "nested.hpp"

namespace bimi::reports::detail {
namespace {

constexpr std::size_t max_mime_depth = 16;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// `type/subtype; name=value; name="quoted value"` (RFC 2045 §5.1), parameter names in lower case.
struct FieldValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> parameters;

  std::string parameter(std::string_view name) const {
    for (const auto& [key, text] : parameters) {
      if (key == name) return text;
    }
    return {};
  }
};

FieldValue parse_field_value(std::string_view text) {
  FieldValue out;
  std::size_t semicolon = text.find(';');
  out.value = lower(trim(text.substr(0, semicolon)));
  while (semicolon != std::string_view::npos) {
    text.remove_prefix(semicolon + 1);
    std::size_t equals = text.find('=');
    if (equals == std::string_view::npos) break;
    std::string name = lower(trim(text.substr(0, equals)));
    text.remove_prefix(equals + 1);
    text = trim(text);
    std::string value;
    if (text.starts_with('"')) {
      std::size_t i = 1;
      for (; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i];
      }
      text.remove_prefix(std::min(text.size(), i + 1));
      semicolon = text.find(';');
    } else {
      semicolon = text.find(';');
      value = trim(text.substr(0, semicolon));
    }
    out.parameters.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 2045 §6.7: `=XX` is a byte, `=` at the end of a line is a soft line break; anything else
// (a lone `=`, as some encoders leave) is kept as written.
std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
    if (j < text.size() && (text[j] == '\r' || text[j] == '\n')) {
      i = text[j] == '\r' && j + 1 < text.size() && text[j + 1] == '\n' ? j + 1 : j;
      continue;
    }
    if (i + 2 < text.size() + 0 && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    } else {
      out += '=';
    }
  }
  return out;
}

class MessageReader {
 public:
  MessageReader(std::string_view origin, const Limits& limits, std::size_t depth, const ReportSink& sink)
      : origin_(origin), limits_(limits), depth_(depth), sink_(sink) {}

  void read(std::string_view bytes) {
    if (bytes.size() > limits_.max_message_bytes) {
      fail(sink_, origin_, "message-syntax",
           "the email is " + std::to_string(bytes.size()) + " bytes; bimi reads at most " + std::to_string(limits_.max_message_bytes));
      return;
    }
    part(bytes, 0);
    if (error_) {
      fail(sink_, origin_, "message-syntax", *error_);
    } else if (found_ == 0) {
      fail(sink_, origin_, "message-no-report", "the email carries no aggregate report (no XML, gzip or zip part)");
    }
  }

 private:
  void part(std::string_view bytes, std::size_t level) {
    if (error_) return;
    if (++parts_ > limits_.max_mime_parts || level > max_mime_depth) {
      error_ = "the email has more than " + std::to_string(limits_.max_mime_parts) + " MIME parts or nests them deeper than " +
               std::to_string(max_mime_depth) + " levels";
      return;
    }
    FieldValue type{"text/plain", {}};
    FieldValue disposition;
    std::string encoding;
    std::string_view body;
    std::optional<auth::Message> message;
    if (bytes.starts_with("\r\n") || bytes.starts_with('\n')) {
      body = bytes.substr(bytes.find('\n') + 1);  // no header fields: text/plain, 7bit
    } else {
      Diagnostics ignored;
      auth::MessageLimits message_limits;
      message_limits.max_bytes = limits_.max_message_bytes;
      message = auth::parse_message(bytes, ignored, message_limits);
      if (!message) {
        error_ = ignored.empty() ? std::string("the header block cannot be read") : ignored.items().front().message;
        return;
      }
      for (const auto& field : message->headers()) {
        std::string name = lower(field.name);
        if (name == "content-type") type = parse_field_value(auth::Message::unfolded_value(field));
        else if (name == "content-transfer-encoding") encoding = lower(trim(auth::Message::unfolded_value(field)));
        else if (name == "content-disposition") disposition = parse_field_value(auth::Message::unfolded_value(field));
      }
      body = message->body();
    }
    if (type.value.starts_with("multipart/")) {
      multipart(body, type.parameter("boundary"), level);
    } else if (type.value == "message/rfc822") {
      part(body, level + 1);
    } else {
      std::string name = disposition.parameter("filename");
      if (name.empty()) name = type.parameter("name");
      if (type.value != "text/html") leaf(body, encoding, name);  // a report's human summary
    }
  }

  void multipart(std::string_view body, const std::string& boundary, std::size_t level) {
    if (boundary.empty() || boundary.size() > 200) {
      error_ = "a multipart part has no usable boundary parameter";
      return;
    }
    const std::string delimiter = "--" + boundary;
    std::size_t line_start = 0;
    std::optional<std::size_t> part_start;
    while (line_start < body.size() && !error_) {
      std::size_t line_end = body.find('\n', line_start);
      std::size_t next = line_end == std::string_view::npos ? body.size() : line_end + 1;
      std::string_view line = body.substr(line_start, next - line_start);
      if (line.starts_with(delimiter)) {
        std::string_view rest = line.substr(delimiter.size());
        bool close = rest.starts_with("--");
        if (close) rest.remove_prefix(2);
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\r' || rest.front() == '\n'))
          rest.remove_prefix(1);
        if (rest.empty()) {
          if (part_start) {
            // The line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1).
            std::size_t end = line_start;
            if (end > *part_start && body[end - 1] == '\n') --end;
            if (end > *part_start && body[end - 1] == '\r') --end;
            part(body.substr(*part_start, end - *part_start), level + 1);
          }
          if (close) return;
          part_start = next;
        }
      }
      line_start = next;
    }
    // A missing close delimiter (a truncated export): the last part still counts.
    if (part_start && *part_start < body.size() && !error_) part(body.substr(*part_start), level + 1);
  }

  void leaf(std::string_view body, const std::string& encoding, const std::string& name) {
    std::string decoded;
    if (encoding == "base64") {
      auto bytes = base64_decode(body, Base64Mode::lenient, limits_.max_message_bytes);
      if (!bytes) return;  // not a report attachment we can read; the message may hold another
      decoded = std::move(*bytes);
    } else if (encoding == "quoted-printable") {
      decoded = decode_quoted_printable(body);
    } else {
      decoded = body;
    }
    if (!looks_like_report_payload(decoded)) return;
    ++found_;
    std::string where = origin_ + ":" + (name.empty() ? "part " + std::to_string(parts_) : name);
    read_nested(where, decoded, limits_, depth_, sink_);
  }

  std::string origin_;
  const Limits& limits_;
  std::size_t depth_;
  const ReportSink& sink_;
  std::size_t parts_ = 0;
  std::size_t found_ = 0;
  std::optional<std::string> error_;
};

}  // namespace

void read_message(std::string_view origin, std::string_view bytes, const Limits& limits, std::size_t depth,
                  const ReportSink& sink) {
  MessageReader(origin, limits, depth, sink).read(bytes);
}

}  // namespace bimi::reports::detail
