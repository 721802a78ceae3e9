// Compact JSON appended straight to a string, byte for byte what nlohmann's
// dump() writes for the same values: no white space, members in the order
// written, integers in decimal, strings escaped alike. A report written for
// every message of a run then costs no tree of nodes to build, copy and free.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::cli {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The name of the next member of the open object; its value follows.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(std::signed_integral auto number) { return integer(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::unsigned_integral auto number) { return unsigned_integer(static_cast<std::uint64_t>(number)); }
  JsonWriter& value(const std::optional<std::string>& text) { return text ? value(*text) : null(); }
  JsonWriter& null();
  // A value already written as compact JSON (a dump() or another writer's
  // output).
  JsonWriter& raw(std::string_view json);

  template <typename T>
  JsonWriter& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

 private:
  JsonWriter& integer(std::int64_t number);
  JsonWriter& unsigned_integer(std::uint64_t number);
  void before_value();
  void string(std::string_view text);

  std::string& out_;
  std::vector<bool> empty_;  // per open object or array: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace bimi::cli
