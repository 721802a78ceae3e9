#include "der_encoding.hpp"

#include <cstddef>
#include <vector>

namespace bimi::vmc::detail {
namespace {

constexpr unsigned char constructed_bit = 0x20;
constexpr unsigned char class_bits = 0xC0;
constexpr unsigned sequence_number = 16;
constexpr unsigned set_number = 17;

// One identifier and length, read without trusting any of it.
struct Header {
  unsigned char first = 0;     // first identifier octet
  unsigned number = 0;         // tag number
  std::size_t length = 0;      // content octets
  std::size_t header_size = 0; // identifier and length octets
};

std::string at(std::size_t offset) { return " at offset " + std::to_string(offset); }

std::optional<std::string> read_header(std::string_view bytes, std::size_t pos, Header& header) {
  const std::size_t start = pos;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  if (pos >= bytes.size()) return "truncated element" + at(start);
  header.first = byte(pos++);
  header.number = header.first & 0x1Fu;
  if (header.number == 0x1F) {
    // High tag number: base-128 digits, the first not 0x80 (X.690 §8.1.2.4.2).
    header.number = 0;
    if (pos < bytes.size() && byte(pos) == 0x80) return "tag number not in its shortest form" + at(start);
    for (int digits = 0;; ++digits) {
      if (pos >= bytes.size() || digits >= 4) return "malformed tag number" + at(start);
      unsigned char b = byte(pos++);
      header.number = (header.number << 7) | (b & 0x7Fu);
      if (!(b & 0x80)) break;
    }
  }
  if (pos >= bytes.size()) return "truncated length" + at(start);
  unsigned char first_length = byte(pos++);
  if (first_length == 0x80) return "indefinite length (BER, not DER)" + at(start);
  if (first_length < 0x80) {
    header.length = first_length;
  } else {
    std::size_t count = first_length & 0x7Fu;
    if (count > sizeof(std::size_t) - 1 || bytes.size() - pos < count) return "malformed length" + at(start);
    if (byte(pos) == 0) return "length with leading zero octets (not DER)" + at(start);
    for (std::size_t k = 0; k < count; ++k) header.length = (header.length << 8) | byte(pos++);
    if (header.length < 0x80) return "long-form length for a short length (not DER)" + at(start);
  }
  header.header_size = pos - start;
  if (bytes.size() - pos < header.length) return "element longer than the data" + at(start);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> der_violation(std::string_view encoded) {
  // Ends of the constructed elements being walked; their contents are checked in place.
  std::vector<std::size_t> ends{encoded.size()};
  std::size_t pos = 0;
  bool top = true;
  while (!ends.empty()) {
    if (pos == ends.back()) {
      ends.pop_back();
      continue;
    }
    Header header;
    if (auto problem = read_header(std::string_view(encoded.data(), ends.back()), pos, header)) return problem;
    const bool constructed = header.first & constructed_bit;
    const bool universal = (header.first & class_bits) == 0;
    if (universal && constructed && header.number != sequence_number && header.number != set_number) {
      return "constructed string (BER, not DER)" + at(pos);
    }
    if (universal && header.number == 1 && header.length == 1) {
      unsigned char value = static_cast<unsigned char>(encoded[pos + header.header_size]);
      if (value != 0x00 && value != 0xFF) return "BOOLEAN not 00 or FF (not DER)" + at(pos);
    }
    std::size_t end = pos + header.header_size + header.length;
    if (top && end != encoded.size()) return "data after the certificate" + at(end);
    top = false;
    if (constructed) {
      ends.push_back(end);
      pos += header.header_size;
    } else {
      pos = end;
    }
  }
  return std::nullopt;
}

}  // namespace bimi::vmc::detail
