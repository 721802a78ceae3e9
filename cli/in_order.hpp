// Results that finish in any order (worker threads), passed on in the order of their index, so a
// run's output is the same bytes whatever the threads did. Holds only the results that wait for an
// earlier one. Not thread-safe: the caller holds its lock around put().
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <utility>

namespace bimi::cli {

template <typename T>
class InOrder {
 public:
  explicit InOrder(std::function<void(T&)> sink) : sink_(std::move(sink)) {}

  void put(std::size_t index, T item) {
    waiting_.emplace(index, std::move(item));
    while (!waiting_.empty() && waiting_.begin()->first == next_) {
      sink_(waiting_.begin()->second);
      waiting_.erase(waiting_.begin());
      ++next_;
    }
  }

 private:
  std::function<void(T&)> sink_;
  std::map<std::size_t, T> waiting_;
  std::size_t next_ = 0;
};

}  // namespace bimi::cli
