#include "geometry/format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

namespace bimi::svgps::geometry {
namespace {

// A number as written, and the value a reader gets back from it.
struct Written {
  std::string text;
  double value = 0;
  bool usable = true;  // false when a relative difference overflowed
};

Written write_number(double value, int decimals) {
  if (!std::isfinite(value)) return {"0", 0};
  // Up to 309 integer digits, a sign, a point and 17 fraction digits.
  std::array<char, 400> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::fixed, decimals);
  if (error != std::errc()) return {"0", 0};
  std::string text(buffer.data(), end);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  if (text.size() > 2 && text[0] == '0' && text[1] == '.') text.erase(0, 1);
  if (text.size() > 3 && text[0] == '-' && text[1] == '0' && text[2] == '.') text.erase(1, 1);
  // Read it back as a reader would; from_chars takes ".5" and "-.5".
  double parsed = 0;
  std::from_chars(text.data(), text.data() + text.size(), parsed);
  return {std::move(text), parsed};
}

// Builds the output; knows what a reader has seen so far.
class Writer {
 public:
  explicit Writer(int decimals) : decimals_(decimals) {}

  std::string& output() { return out_; }
  Point current() const { return current_; }

  Written absolute(double value) const { return write_number(value, decimals_); }
  Written relative(double value, double base) const {
    double difference = value - base;
    if (!std::isfinite(difference)) return {"0", base, false};
    Written w = write_number(difference, decimals_);
    w.value = base + w.value;  // the same addition the reader performs
    return w;
  }

  // The text a command would add: its letter unless implied, then its numbers with the fewest
  // separators.
  std::string render(char letter, std::initializer_list<const Written*> numbers) const {
    std::string text;
    bool previous_is_number = last_is_number_;
    bool previous_has_point = previous_is_number && last_number_has_point_;
    if (letter != implied_letter_) {
      text += letter;
      previous_is_number = false;
    }
    for (const Written* number : numbers) {
      const std::string& n = number->text;
      if (previous_is_number) {
        bool self_delimiting = n[0] == '-' || (n[0] == '.' && previous_has_point);
        if (!self_delimiting) text += ' ';
      }
      text += n;
      previous_is_number = true;
      previous_has_point = n.find('.') != std::string::npos;
    }
    return text;
  }

  void commit(char letter, const std::string& text, std::string_view last_number, Point end) {
    out_ += text;
    if (letter == 'Z') {
      last_is_number_ = false;
      implied_letter_ = 0;
    } else {
      last_is_number_ = true;
      last_number_has_point_ = last_number.find('.') != std::string_view::npos;
      implied_letter_ = letter == 'M' ? 'L' : letter == 'm' ? 'l' : letter;
    }
    current_ = end;
  }

 private:
  int decimals_;
  std::string out_;
  Point current_;
  char implied_letter_ = 0;
  bool last_is_number_ = false;
  bool last_number_has_point_ = false;
};

struct Candidate {
  char letter = 0;
  std::string text;
  std::string last_number;
  Point end;
  Point control2;  // cubics: the written second control point, for a later S
};

bool within(double written, double wanted, double bound) {
  return std::fabs(written - wanted) <= bound;
}

}  // namespace

std::string format_path(const Path& path, int decimals) {
  decimals = std::clamp(decimals, 0, 17);
  // S and H/V are used only while the reader's point stays within half a unit of the last digit.
  const double half_unit = 0.5 * std::pow(10.0, -decimals);
  Writer writer(decimals);
  Point subpath_start;
  bool started = false;
  bool after_close = false;
  bool previous_cubic = false;
  Point previous_control2;
  const auto& segments = path.segments;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& segment = segments[i];
    if (!started && segment.kind != Segment::Kind::move) {
      Written zero = writer.absolute(0);
      writer.commit('M', writer.render('M', {&zero, &zero}), zero.text, {0, 0});
      subpath_start = {0, 0};
    }
    started = true;
    Point from = writer.current();
    std::optional<Candidate> best;
    // Keeps the shortest form; earlier ones win ties, so absolute forms are offered first.
    auto consider = [&](char letter, std::initializer_list<const Written*> numbers, Point end,
                        Point control2) {
      for (const Written* number : numbers) {
        if (!number->usable) return;
      }
      std::string text = writer.render(letter, numbers);
      if (best && text.size() >= best->text.size()) return;
      best = Candidate{letter, std::move(text), std::data(numbers)[numbers.size() - 1]->text, end,
                       control2};
    };
    switch (segment.kind) {
      case Segment::Kind::move: {
        Point to = segment.p[0];
        Written ax = writer.absolute(to.x), ay = writer.absolute(to.y);
        Written rx = writer.relative(to.x, from.x), ry = writer.relative(to.y, from.y);
        bool next_draws = i + 1 < segments.size() && (segments[i + 1].kind == Segment::Kind::line ||
                                                      segments[i + 1].kind == Segment::Kind::cubic);
        if (after_close && next_draws && rx.usable && ry.usable && rx.text == "0" &&
            ry.text == "0") {
          // The reader starts the next subpath at the closed one's start by itself.
          after_close = false;
          previous_cubic = false;
          continue;
        }
        consider('M', {&ax, &ay}, {ax.value, ay.value}, {});
        consider('m', {&rx, &ry}, {rx.value, ry.value}, {});
        break;
      }
      case Segment::Kind::line: {
        Point to = segment.p[0];
        Written ax = writer.absolute(to.x), ay = writer.absolute(to.y);
        Written rx = writer.relative(to.x, from.x), ry = writer.relative(to.y, from.y);
        bool horizontal = within(from.y, to.y, half_unit);
        bool vertical = within(from.x, to.x, half_unit);
        if (horizontal) consider('H', {&ax}, {ax.value, from.y}, {});
        if (vertical) consider('V', {&ay}, {from.x, ay.value}, {});
        consider('L', {&ax, &ay}, {ax.value, ay.value}, {});
        if (horizontal) consider('h', {&rx}, {rx.value, from.y}, {});
        if (vertical) consider('v', {&ry}, {from.x, ry.value}, {});
        consider('l', {&rx, &ry}, {rx.value, ry.value}, {});
        break;
      }
      case Segment::Kind::cubic: {
        const Point& c1 = segment.p[0];
        const Point& c2 = segment.p[1];
        const Point& to = segment.p[2];
        Written a[6] = {writer.absolute(c1.x), writer.absolute(c1.y), writer.absolute(c2.x),
                        writer.absolute(c2.y), writer.absolute(to.x), writer.absolute(to.y)};
        Written r[6] = {writer.relative(c1.x, from.x), writer.relative(c1.y, from.y),
                        writer.relative(c2.x, from.x), writer.relative(c2.y, from.y),
                        writer.relative(to.x, from.x), writer.relative(to.y, from.y)};
        // S: the reader reflects the previous written control point about the current point.
        Point reflected{2 * from.x - previous_control2.x, 2 * from.y - previous_control2.y};
        bool smooth = previous_cubic && within(reflected.x, c1.x, half_unit) &&
                      within(reflected.y, c1.y, half_unit);
        Point absolute_end{a[4].value, a[5].value}, absolute_control2{a[2].value, a[3].value};
        Point relative_end{r[4].value, r[5].value}, relative_control2{r[2].value, r[3].value};
        if (smooth) consider('S', {&a[2], &a[3], &a[4], &a[5]}, absolute_end, absolute_control2);
        consider('C', {&a[0], &a[1], &a[2], &a[3], &a[4], &a[5]}, absolute_end, absolute_control2);
        if (smooth) consider('s', {&r[2], &r[3], &r[4], &r[5]}, relative_end, relative_control2);
        consider('c', {&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]}, relative_end, relative_control2);
        break;
      }
      case Segment::Kind::close:
        if (after_close) continue;  // the reader collapses repeated closes anyway
        writer.commit('Z', "Z", {}, subpath_start);
        after_close = true;
        previous_cubic = false;
        continue;
    }
    writer.commit(best->letter, best->text, best->last_number, best->end);
    if (segment.kind == Segment::Kind::move) subpath_start = best->end;
    after_close = false;
    previous_cubic = segment.kind == Segment::Kind::cubic;
    previous_control2 = best->control2;
  }
  return std::move(writer.output());
}

std::string format_number(double value, int decimals) {
  return write_number(value, std::clamp(decimals, 0, 17)).text;
}

}  // namespace bimi::svgps::geometry
