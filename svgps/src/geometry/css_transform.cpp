#include "geometry/css_transform.hpp"

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "geometry/transform.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::geometry {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The unit letters after a number: "px", "deg", "%", or empty.
std::string take_unit(std::string_view& text) {
  std::size_t n = 0;
  while (n < text.size() && (std::isalpha(static_cast<unsigned char>(text[n])) || text[n] == '%')) ++n;
  std::string unit = lower(text.substr(0, n));
  text.remove_prefix(n);
  return unit;
}

enum class Argument { number, length, angle };

// A CSS length in px: px or an absolute unit; a bare number only for zero (CSS) or as librsvg
// also reads it. Relative units (%, em) need a box the converter does not have here: refused.
std::optional<double> length_in_pixels(double value, const std::string& unit) {
  if (unit.empty() || unit == "px") return value;
  detail::Length length{value, detail::LengthUnit::none};
  if (unit == "pt") length.unit = detail::LengthUnit::pt;
  else if (unit == "pc") length.unit = detail::LengthUnit::pc;
  else if (unit == "mm") length.unit = detail::LengthUnit::mm;
  else if (unit == "cm") length.unit = detail::LengthUnit::cm;
  else if (unit == "in") length.unit = detail::LengthUnit::in;
  else return std::nullopt;
  return length.to_pixels();
}

std::optional<double> angle_in_degrees(double value, const std::string& unit) {
  if (unit.empty() || unit == "deg") return value;
  if (unit == "rad") return value * 180.0 / M_PI;
  if (unit == "grad") return value * 0.9;
  if (unit == "turn") return value * 360.0;
  return std::nullopt;
}

// The comma-separated arguments inside a function's parentheses, each read as `kind`.
std::optional<std::vector<double>> arguments(std::string_view& text, Argument kind) {
  std::vector<double> values;
  detail::skip_whitespace(text);
  if (!text.empty() && text.front() == ')') {
    text.remove_prefix(1);
    return values;
  }
  for (;;) {
    detail::skip_whitespace(text);
    auto number = detail::parse_number(text);
    if (!number) return std::nullopt;
    std::string unit = take_unit(text);
    std::optional<double> value = kind == Argument::number ? (unit.empty() ? number : std::nullopt)
                                  : kind == Argument::length ? length_in_pixels(*number, unit)
                                                             : angle_in_degrees(*number, unit);
    if (!value) return std::nullopt;
    values.push_back(*value);
    detail::skip_whitespace(text);
    if (text.empty()) return std::nullopt;
    if (text.front() == ')') {
      text.remove_prefix(1);
      return values;
    }
    if (text.front() != ',') return std::nullopt;
    text.remove_prefix(1);
    if (values.size() > 6) return std::nullopt;
  }
}

double tan_degrees(double degrees) { return std::tan(degrees * M_PI / 180.0); }

}  // namespace

std::optional<Matrix> parse_css_transform(std::string_view text) {
  detail::skip_whitespace(text);
  if (lower(text.substr(0, 4)) == "none") {
    std::string_view rest = text.substr(4);
    detail::skip_whitespace(rest);
    if (rest.empty()) return Matrix{};
  }
  Matrix result;
  bool any = false;
  for (;;) {
    detail::skip_whitespace(text);
    if (text.empty()) break;
    std::size_t open = text.find('(');
    if (open == std::string_view::npos) return std::nullopt;
    std::string name = lower(text.substr(0, open));
    text.remove_prefix(open + 1);
    Argument kind = name.rfind("translate", 0) == 0 ? Argument::length
                    : name == "rotate" || name.rfind("skew", 0) == 0 ? Argument::angle
                                                                       : Argument::number;
    auto args = arguments(text, kind);
    if (!args) return std::nullopt;
    const std::size_t n = args->size();
    const std::vector<double>& a = *args;
    Matrix m;
    if (name == "matrix" && n == 6) m = Matrix{a[0], a[1], a[2], a[3], a[4], a[5]};
    else if (name == "translate" && (n == 1 || n == 2)) m = Matrix::translate(a[0], n == 2 ? a[1] : 0);
    else if (name == "translatex" && n == 1) m = Matrix::translate(a[0], 0);
    else if (name == "translatey" && n == 1) m = Matrix::translate(0, a[0]);
    else if (name == "scale" && (n == 1 || n == 2)) m = Matrix::scale(a[0], n == 2 ? a[1] : a[0]);
    else if (name == "scalex" && n == 1) m = Matrix::scale(a[0], 1);
    else if (name == "scaley" && n == 1) m = Matrix::scale(1, a[0]);
    else if (name == "rotate" && n == 1) m = exact_rotation(a[0]);
    else if (name == "skew" && (n == 1 || n == 2)) m = Matrix{1, n == 2 ? tan_degrees(a[1]) : 0, tan_degrees(a[0]), 1, 0, 0};
    else if (name == "skewx" && n == 1) m = Matrix{1, 0, tan_degrees(a[0]), 1, 0, 0};
    else if (name == "skewy" && n == 1) m = Matrix{1, tan_degrees(a[0]), 0, 1, 0, 0};
    else return std::nullopt;
    result = result * m;
    any = true;
  }
  if (!any) return std::nullopt;
  for (double v : {result.a, result.b, result.c, result.d, result.e, result.f}) {
    if (!std::isfinite(v)) return std::nullopt;
  }
  return result;
}

}  // namespace bimi::svgps::geometry
