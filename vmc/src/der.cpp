#include "der.hpp"

#include <cstdio>

namespace bimi::vmc::der {

std::optional<Element> Reader::next(std::string& error) {
  std::size_t start = pos_;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes_[k]); };
  if (pos_ >= bytes_.size()) {
    error = "unexpected end of data at offset " + std::to_string(base_ + start);
    return std::nullopt;
  }
  unsigned char tag = at(pos_++);
  if ((tag & 0x1f) == 0x1f) {
    error = "high tag number at offset " + std::to_string(base_ + start) + " is not used here";
    return std::nullopt;
  }
  if (pos_ >= bytes_.size()) {
    error = "truncated length at offset " + std::to_string(base_ + start);
    return std::nullopt;
  }
  unsigned char first = at(pos_++);
  std::size_t length = 0;
  if (first < 0x80) {
    length = first;
  } else if (first == 0x80) {
    error = "indefinite length at offset " + std::to_string(base_ + start) + " is not DER";
    return std::nullopt;
  } else {
    std::size_t count = first & 0x7fu;
    if (count > 4) {
      error = "length too large at offset " + std::to_string(base_ + start);
      return std::nullopt;
    }
    if (bytes_.size() - pos_ < count) {
      error = "truncated length at offset " + std::to_string(base_ + start);
      return std::nullopt;
    }
    if (at(pos_) == 0) {
      error = "non-minimal length at offset " + std::to_string(base_ + start);
      return std::nullopt;
    }
    for (std::size_t k = 0; k < count; ++k) length = (length << 8) | at(pos_++);
    if (length < 0x80) {
      error = "non-minimal length at offset " + std::to_string(base_ + start);
      return std::nullopt;
    }
  }
  if (bytes_.size() - pos_ < length) {
    error = "element at offset " + std::to_string(base_ + start) + " claims " + std::to_string(length) +
            " bytes but only " + std::to_string(bytes_.size() - pos_) + " remain";
    return std::nullopt;
  }
  Element element{tag, bytes_.substr(pos_, length), base_ + start, base_ + pos_};
  pos_ += length;
  return element;
}

std::optional<Element> Reader::expect(unsigned char tag, std::string_view what, std::string& error) {
  std::size_t start = offset();
  auto element = next(error);
  if (!element) {
    error = std::string(what) + ": " + error;
    return std::nullopt;
  }
  if (element->tag != tag) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "expected tag 0x%02x, found 0x%02x", tag, element->tag);
    error = std::string(what) + ": " + buffer + " at offset " + std::to_string(start);
    return std::nullopt;
  }
  return element;
}

std::optional<std::string> oid_to_text(std::string_view content) {
  if (content.empty() || content.size() > 64) return std::nullopt;
  std::string text;
  unsigned long long value = 0;
  bool first = true;
  bool fresh = true;
  for (char c : content) {
    auto b = static_cast<unsigned char>(c);
    if (fresh && b == 0x80) return std::nullopt;  // non-minimal subidentifier
    fresh = false;
    if (value > (~0ull >> 7)) return std::nullopt;
    value = (value << 7) | (b & 0x7fu);
    if (b & 0x80) continue;
    if (first) {
      unsigned long long arc0 = value < 40 ? 0 : value < 80 ? 1 : 2;
      text = std::to_string(arc0) + "." + std::to_string(value - arc0 * 40);
      first = false;
    } else {
      text += "." + std::to_string(value);
    }
    value = 0;
    fresh = true;
  }
  if (!fresh) return std::nullopt;  // last subidentifier unfinished
  return text;
}

}  // namespace bimi::vmc::der
