#include "json_writer.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

namespace bimi::cli {

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!empty_.empty()) {
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  empty_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  empty_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  string(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  string(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  return *this;
}

namespace {

// The length of the well-formed UTF-8 sequence (Unicode Table 3-7) that starts at `at`, or 0: no
// overlong forms, no surrogates, nothing past U+10FFFF; exactly what nlohmann's decoder accepts.
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  unsigned lead = byte(at);
  auto tail = [&](std::size_t i, unsigned low = 0x80, unsigned high = 0xbf) { return byte(i) >= low && byte(i) <= high; };
  if (lead >= 0xc2 && lead <= 0xdf) return tail(at + 1) ? 2 : 0;
  if (lead == 0xe0) return tail(at + 1, 0xa0) && tail(at + 2) ? 3 : 0;
  if ((lead >= 0xe1 && lead <= 0xec) || lead == 0xee || lead == 0xef) return tail(at + 1) && tail(at + 2) ? 3 : 0;
  if (lead == 0xed) return tail(at + 1, 0x80, 0x9f) && tail(at + 2) ? 3 : 0;
  if (lead == 0xf0) return tail(at + 1, 0x90) && tail(at + 2) && tail(at + 3) ? 4 : 0;
  if (lead >= 0xf1 && lead <= 0xf3) return tail(at + 1) && tail(at + 2) && tail(at + 3) ? 4 : 0;
  if (lead == 0xf4) return tail(at + 1, 0x80, 0x8f) && tail(at + 2) && tail(at + 3) ? 4 : 0;
  return 0;
}

}  // namespace

void JsonWriter::string(std::string_view text) {
  // Printable ASCII without '"' or '\' and well-formed UTF-8 are written as they are, as dump()
  // writes them; anything else (escapes, and the error an invalid byte raises) is left to
  // nlohmann, so the bytes stay exactly dump()'s.
  bool plain = true;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\') {
      ++i;
      continue;
    }
    std::size_t length = byte >= 0x80 ? utf8_sequence(text, i) : 0;
    if (length == 0) {
      plain = false;
      break;
    }
    i += length;
  }
  if (!plain) {
    out_ += nlohmann::json(std::string(text)).dump();
    return;
  }
  out_ += '"';
  out_ += text;
  out_ += '"';
}

}  // namespace bimi::cli
