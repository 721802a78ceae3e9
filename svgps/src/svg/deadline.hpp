// The time limit per file (Limits::max_seconds_per_file): a safety net for an input that keeps
// within every size limit and is still slow to convert. It is passed explicitly to every stage
// whose work grows with input (geometry, text outlining, tracing) and checked inside their loops;
// a stage that finds it passed throws WorkRefused, which the converter's entry points turn into
// the refusal (`convert-refused`), so nothing is ever written in part.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace bimi::svgps::convert {

// A stage stopped before it finished: the deadline passed, or the work would pass a bound that
// no single call may cross (a polygon operation too large to interrupt). what() is the reason, as
// the refusal says it.
class WorkRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Deadline {
 public:
  explicit Deadline(double seconds)
      : seconds_(seconds),
        end_(std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds))) {}

  bool passed() const { return std::chrono::steady_clock::now() >= end_; }

  // For inner loops: reads the clock once every `stride` calls (a clock read costs about as much
  // as a few hundred cheap iterations) and throws WorkRefused once the deadline has passed. One
  // deadline serves one conversion on one thread.
  void check() const {
    if (++calls_ % stride != 0) return;
    if (passed()) throw WorkRefused(refusal());
  }

  // As check(), reading the clock every time: for loops whose every iteration is long.
  void check_now() const {
    if (passed()) throw WorkRefused(refusal());
  }

  std::string refusal() const {
    return "converting this file took longer than the " + seconds_text() + " s allowed per file";
  }

 private:
  static constexpr std::uint32_t stride = 1024;

  std::string seconds_text() const {
    if (seconds_ >= 1 || seconds_ <= 0) return std::to_string(static_cast<long long>(seconds_));
    std::string text = std::to_string(seconds_);  // a fraction of a second, as set in tests
    while (text.size() > 1 && text.back() == '0') text.pop_back();
    return text;
  }

  double seconds_;
  std::chrono::steady_clock::time_point end_;
  mutable std::uint32_t calls_ = 0;
};

// The check for functions whose deadline is optional (null: no time limit, as in unit tests).
inline void check(const Deadline* deadline) {
  if (deadline) deadline->check();
}
inline void check_now(const Deadline* deadline) {
  if (deadline) deadline->check_now();
}

}  // namespace bimi::svgps::convert
