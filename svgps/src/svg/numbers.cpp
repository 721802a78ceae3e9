#include "svg/numbers.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace bimi::svgps::detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void skip_whitespace(std::string_view& text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
}

void skip_separator(std::string_view& text) {
  skip_whitespace(text);
  if (!text.empty() && text.front() == ',') {
    text.remove_prefix(1);
    skip_whitespace(text);
  }
}

std::optional<double> parse_number(std::string_view& text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::size_t start = i;
  bool digits = false;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
    digits = true;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
      digits = true;
    }
  }
  if (!digits) return std::nullopt;
  // An exponent only when digits follow: "1em" is a number and a unit, not a broken exponent.
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      i = j;
    }
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data() + start, text.data() + i, value);
  if (error != std::errc() || end != text.data() + i || !std::isfinite(value)) return std::nullopt;
  text.remove_prefix(i);
  return negative ? -value : value;
}

std::optional<std::vector<double>> parse_number_list(std::string_view text) {
  std::vector<double> numbers;
  skip_whitespace(text);
  while (!text.empty()) {
    auto number = parse_number(text);
    if (!number) return std::nullopt;
    numbers.push_back(*number);
    skip_separator(text);
  }
  return numbers;
}

bool Length::is_absolute() const {
  return unit != LengthUnit::em && unit != LengthUnit::ex && unit != LengthUnit::percent;
}

std::optional<double> Length::to_pixels() const {
  switch (unit) {
    case LengthUnit::none:
    case LengthUnit::px: return value;
    case LengthUnit::pt: return value * 96.0 / 72.0;
    case LengthUnit::pc: return value * 16.0;
    case LengthUnit::mm: return value * 96.0 / 25.4;
    case LengthUnit::cm: return value * 96.0 / 2.54;
    case LengthUnit::in: return value * 96.0;
    default: return std::nullopt;
  }
}

std::optional<Length> parse_length(std::string_view text) {
  skip_whitespace(text);
  auto number = parse_number(text);
  if (!number) return std::nullopt;
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  struct UnitName {
    std::string_view name;
    LengthUnit unit;
  };
  static constexpr UnitName units[] = {{"", LengthUnit::none}, {"px", LengthUnit::px}, {"pt", LengthUnit::pt},
                                       {"pc", LengthUnit::pc}, {"mm", LengthUnit::mm}, {"cm", LengthUnit::cm},
                                       {"in", LengthUnit::in}, {"em", LengthUnit::em}, {"ex", LengthUnit::ex},
                                       {"%", LengthUnit::percent}};
  for (const auto& u : units) {
    if (text == u.name) return Length{*number, u.unit};
  }
  return std::nullopt;
}

}  // namespace bimi::svgps::detail
