// Private: a small strict DER reader over a byte span. Definite, minimal lengths only; low tag
// numbers only; every read is bounds-checked. It never recurses: callers walk one level at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bimi::vmc::der {

// Identifier octets of the tags vmc reads.
inline constexpr unsigned char boolean = 0x01;
inline constexpr unsigned char integer = 0x02;
inline constexpr unsigned char octet_string = 0x04;
inline constexpr unsigned char null = 0x05;
inline constexpr unsigned char object_identifier = 0x06;
inline constexpr unsigned char ia5_string = 0x16;
inline constexpr unsigned char sequence = 0x30;
inline constexpr unsigned char context(unsigned n, bool constructed) {
  return static_cast<unsigned char>(0x80u | (constructed ? 0x20u : 0u) | n);
}

struct Element {
  unsigned char tag = 0;
  std::string_view content;
  std::size_t offset = 0;          // of the identifier octet within the outermost input
  std::size_t content_offset = 0;  // of the first content octet
};

class Reader {
 public:
  Reader(std::string_view bytes, std::size_t base_offset = 0) : bytes_(bytes), base_(base_offset) {}

  bool empty() const { return pos_ >= bytes_.size(); }
  std::size_t offset() const { return base_ + pos_; }

  // The next element's tag without consuming it (0 when empty).
  unsigned char peek_tag() const { return empty() ? 0 : static_cast<unsigned char>(bytes_[pos_]); }

  // Reads the next element. On failure returns nullopt and sets error.
  std::optional<Element> next(std::string& error);

  // Reads the next element and requires its tag.
  std::optional<Element> expect(unsigned char tag, std::string_view what, std::string& error);

 private:
  std::string_view bytes_;
  std::size_t base_;
  std::size_t pos_ = 0;
};

// A reader over an element's content (offsets stay relative to the outermost input).
inline Reader inside(const Element& element) { return Reader(element.content, element.content_offset); }

// Dotted text of an OBJECT IDENTIFIER's content octets; nullopt when malformed.
std::optional<std::string> oid_to_text(std::string_view content);

}  // namespace bimi::vmc::der
