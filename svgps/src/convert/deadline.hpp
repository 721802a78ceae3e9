// The time limit per file (Limits::max_seconds_per_file): a safety net for an input that keeps
// within every size limit and is still slow to convert. It is checked between stages (each stage
// is bounded by the size limits); an input it stops is refused, never written in part.
#pragma once

#include <chrono>
#include <string>

namespace bimi::svgps::convert {

class Deadline {
 public:
  explicit Deadline(double seconds)
      : seconds_(seconds),
        end_(std::chrono::steady_clock::now() +
             std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds))) {}

  bool passed() const { return std::chrono::steady_clock::now() >= end_; }

  std::string refusal() const {
    return "converting this file took longer than the " + std::to_string(static_cast<long long>(seconds_)) +
           " s allowed per file";
  }

 private:
  double seconds_;
  std::chrono::steady_clock::time_point end_;
};

}  // namespace bimi::svgps::convert
