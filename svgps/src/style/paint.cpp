#include "style/paint.hpp"

namespace bimi::svgps::style {
namespace {

// "url(" already consumed: the IRI up to the closing parenthesis, quoted or not, consumed with it.
std::optional<std::string> consume_url_body(std::string_view& text) {
  std::string_view rest = text;
  skip_css_whitespace(rest);
  std::string iri;
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    char quote = rest.front();
    std::size_t i = 1;
    for (; i < rest.size() && rest[i] != quote; ++i) {
      if (rest[i] == '\n' || rest[i] == '\r' || rest[i] == '\f') return std::nullopt;
      if (rest[i] == '\\' && i + 1 < rest.size()) ++i;  // an escaped character stands for itself
      iri.push_back(rest[i]);
    }
    if (i >= rest.size()) return std::nullopt;
    rest.remove_prefix(i + 1);
  } else {
    std::size_t i = 0;
    for (; i < rest.size() && rest[i] != ')' && !is_css_whitespace(rest[i]); ++i) {
      char c = rest[i];
      if (c == '"' || c == '\'' || c == '(') return std::nullopt;  // a bad url() token in CSS
      if (c == '\\' && i + 1 < rest.size()) c = rest[++i];
      iri.push_back(c);
    }
    rest.remove_prefix(i);
  }
  skip_css_whitespace(rest);
  if (rest.empty() || rest.front() != ')' || iri.empty()) return std::nullopt;
  rest.remove_prefix(1);
  text = rest;
  return iri;
}

// A colour optionally followed by an SVG 1.1 icc-color(...) specification, which is dropped: the
// sRGB colour is the one every viewer we target renders (usvg does the same).
std::optional<Color> parse_color_ignoring_icc(std::string_view text) {
  text = trim(text);
  auto color = consume_color(text);
  if (!color) return std::nullopt;
  skip_css_whitespace(text);
  if (text.empty()) return color;
  if (!consume_prefix_ignoring_case(text, "icc-color(")) return std::nullopt;
  std::size_t close = text.find(')');
  if (close == std::string_view::npos || !trim(text.substr(close + 1)).empty()) return std::nullopt;
  return color;
}

}  // namespace

std::optional<Paint> parse_paint(std::string_view text) {
  text = trim(text);
  Paint paint;
  if (iequals(text, "none")) {
    paint.kind = Paint::Kind::none;
    return paint;
  }
  if (is_current_color(text)) {
    paint.kind = Paint::Kind::current_color;
    return paint;
  }
  if (!consume_prefix_ignoring_case(text, "url(")) {
    auto color = parse_color_ignoring_icc(text);
    if (!color) return std::nullopt;
    paint.kind = Paint::Kind::color;
    paint.color = *color;
    return paint;
  }
  auto iri = consume_url_body(text);
  if (!iri) return std::nullopt;
  paint.kind = Paint::Kind::url;
  paint.url_is_fragment = iri->front() == '#';
  if (paint.url_is_fragment) {
    if (iri->size() == 1) return std::nullopt;  // "#" names nothing
    paint.url_id = iri->substr(1);
  } else {
    paint.url_id = std::move(*iri);
  }
  // The fallback needs no whitespace before it: url(...) is a token of its own in CSS.
  std::string_view fallback = trim(text);
  if (fallback.empty()) return paint;
  if (iequals(fallback, "none")) {
    paint.fallback_kind = Paint::FallbackKind::none;
  } else if (is_current_color(fallback)) {
    paint.fallback_kind = Paint::FallbackKind::current_color;
  } else if (auto color = parse_color_ignoring_icc(fallback)) {
    paint.fallback_kind = Paint::FallbackKind::color;
    paint.fallback = *color;
  } else {
    return std::nullopt;
  }
  return paint;
}

}  // namespace bimi::svgps::style
