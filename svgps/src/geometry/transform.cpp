#include "geometry/transform.hpp"

#include <array>
#include <cmath>
#include <cstddef>

#include "svg/numbers.hpp"

namespace bimi::svgps::geometry {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool consume(std::string_view& text, std::string_view word) {
  if (text.substr(0, word.size()) != word) return false;
  text.remove_prefix(word.size());
  return true;
}

// The arguments of one function: "(" wsp* number (comma-wsp? number)* wsp* ")".
// Returns how many numbers were read (at most the array size), or nullopt on a syntax error.
std::optional<std::size_t> parse_arguments(std::string_view& text, std::array<double, 6>& args) {
  detail::skip_whitespace(text);
  if (!consume(text, "(")) return std::nullopt;
  detail::skip_whitespace(text);
  std::size_t count = 0;
  while (!text.empty() && text.front() != ')') {
    if (count == args.size()) return std::nullopt;
    auto number = detail::parse_number(text);
    if (!number) return std::nullopt;
    args[count++] = *number;
    // A comma must be followed by another number, not by ")".
    detail::skip_whitespace(text);
    if (!text.empty() && text.front() == ',') {
      text.remove_prefix(1);
      detail::skip_whitespace(text);
      if (text.empty() || text.front() == ')') return std::nullopt;
    }
  }
  if (!consume(text, ")")) return std::nullopt;
  return count;
}

double tan_degrees(double degrees) { return std::tan(degrees * M_PI / 180.0); }

bool is_finite(const Matrix& m) {
  return std::isfinite(m.a) && std::isfinite(m.b) && std::isfinite(m.c) && std::isfinite(m.d) &&
         std::isfinite(m.e) && std::isfinite(m.f);
}

// One transform function at the front of `text`; nullopt on any error.
std::optional<Matrix> parse_function(std::string_view& text) {
  // Names are case-sensitive; none is a prefix of another, so the first match is the only one.
  enum class Kind { matrix, translate, scale, rotate, skew_x, skew_y };
  static constexpr std::pair<std::string_view, Kind> names[] = {
      {"matrix", Kind::matrix}, {"translate", Kind::translate}, {"scale", Kind::scale},
      {"rotate", Kind::rotate}, {"skewX", Kind::skew_x},        {"skewY", Kind::skew_y}};
  std::optional<Kind> kind;
  for (const auto& [name, value] : names) {
    if (consume(text, name)) {
      kind = value;
      break;
    }
  }
  if (!kind) return std::nullopt;
  std::array<double, 6> args{};
  auto count = parse_arguments(text, args);
  if (!count) return std::nullopt;
  switch (*kind) {
    case Kind::matrix:
      if (*count != 6) return std::nullopt;
      return Matrix{args[0], args[1], args[2], args[3], args[4], args[5]};
    case Kind::translate:
      if (*count == 1) return Matrix::translate(args[0], 0);
      if (*count == 2) return Matrix::translate(args[0], args[1]);
      return std::nullopt;
    case Kind::scale:
      if (*count == 1) return Matrix::scale(args[0], args[0]);
      if (*count == 2) return Matrix::scale(args[0], args[1]);
      return std::nullopt;
    case Kind::rotate:
      if (*count == 1) return exact_rotation(args[0]);
      if (*count == 3) {
        return Matrix::translate(args[1], args[2]) * exact_rotation(args[0]) *
               Matrix::translate(-args[1], -args[2]);
      }
      return std::nullopt;
    case Kind::skew_x:
      if (*count != 1) return std::nullopt;
      return Matrix{1, 0, tan_degrees(args[0]), 1, 0, 0};
    case Kind::skew_y:
      if (*count != 1) return std::nullopt;
      return Matrix{1, tan_degrees(args[0]), 0, 1, 0, 0};
  }
  return std::nullopt;
}

}  // namespace

Matrix exact_rotation(double degrees) {
  double turns = std::fmod(degrees, 360.0);
  if (turns < 0) turns += 360.0;
  if (turns == 0) return Matrix{};
  if (turns == 90) return Matrix{0, 1, -1, 0, 0, 0};
  if (turns == 180) return Matrix{-1, 0, 0, -1, 0, 0};
  if (turns == 270) return Matrix{0, -1, 1, 0, 0, 0};
  return Matrix::rotate(degrees);
}

std::optional<Matrix> parse_transform(std::string_view text) {
  detail::skip_whitespace(text);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (text == "none") return Matrix{};
  Matrix result;
  bool first = true;
  while (!text.empty()) {
    if (!first) {
      // transform wsp* ","? wsp* transform: separators are optional, at most one comma.
      detail::skip_separator(text);
      if (text.empty()) return std::nullopt;  // a trailing comma
    }
    auto function = parse_function(text);
    if (!function) return std::nullopt;
    result = result * *function;
    first = false;
    detail::skip_whitespace(text);
  }
  if (!is_finite(result)) return std::nullopt;
  return result;
}

}  // namespace bimi::svgps::geometry
