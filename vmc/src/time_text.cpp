#include "bimi/vmc/time_text.hpp"

#include <ctime>

namespace bimi::vmc {
namespace {

// A cursor over the text with the few matchers an ISO 8601 time needs.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}
  bool done() const { return pos_ == text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  bool digits(std::size_t count, int& out) {
    if (text_.size() - pos_ < count) return false;
    out = 0;
    for (std::size_t k = 0; k < count; ++k) {
      char c = text_[pos_ + k];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    pos_ += count;
    return true;
  }
  bool accept(char c) {
    if (peek() != c || done()) return false;
    ++pos_;
    return true;
  }
  bool accept_any(std::string_view choices) {
    for (char c : choices) {
      if (accept(c)) return true;
    }
    return false;
  }
  void skip_digits() {
    while (!done() && peek() >= '0' && peek() <= '9') ++pos_;
  }
  std::size_t position() const { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string format_time(long long unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return {};
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::optional<ParsedTime> parse_time_text(std::string_view text) {
  Reader in(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!in.digits(4, year)) return std::nullopt;
  // The extended form separates every field; the basic form none.
  const bool extended = in.accept('-');
  if (!in.digits(2, month) || (extended && !in.accept('-')) || !in.digits(2, day)) return std::nullopt;
  ParsedTime result;
  long long offset = 0;
  if (in.done()) {
    result.zone_assumed = true;
  } else {
    if (!in.accept_any("Tt ") || !in.digits(2, hour) || (extended && !in.accept(':')) || !in.digits(2, minute)) {
      return std::nullopt;
    }
    bool has_seconds = extended ? in.accept(':') : (in.peek() >= '0' && in.peek() <= '9');
    if (has_seconds) {
      if (!in.digits(2, second)) return std::nullopt;
      if (in.accept_any(".,")) {
        std::size_t start = in.position();
        in.skip_digits();
        if (in.position() == start) return std::nullopt;
      }
    }
    if (in.accept_any("Zz")) {
      // UTC
    } else if (in.peek() == '+' || in.peek() == '-') {
      int sign = in.peek() == '-' ? -1 : 1;
      in.accept_any("+-");
      int oh = 0, om = 0;
      if (!in.digits(2, oh)) return std::nullopt;
      if (!in.done()) {
        in.accept(':');  // +HH:MM or +HHMM
        if (!in.digits(2, om)) return std::nullopt;
      }
      if (oh > 23 || om > 59) return std::nullopt;
      offset = sign * (oh * 3600LL + om * 60LL);
    } else {
      result.zone_assumed = true;
    }
    if (!in.done()) return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  std::time_t t = timegm(&tm);
  // timegm normalizes impossible dates (February 30): refuse them. A leap second rolls over.
  std::tm check{};
  if (gmtime_r(&t, &check) == nullptr || ((check.tm_mday != day || check.tm_mon != month - 1) && second != 60)) {
    return std::nullopt;
  }
  result.seconds = static_cast<long long>(t) - offset;
  return result;
}

std::optional<long long> parse_time(std::string_view text) {
  auto parsed = parse_time_text(text);
  if (!parsed) return std::nullopt;
  return parsed->seconds;
}

}  // namespace bimi::vmc
