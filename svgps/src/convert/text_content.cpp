#include "convert/text_content.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <utility>

#include "convert/units_viewport.hpp"
#include "svg/numbers.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::convert {

namespace {

// librsvg's size when nothing sets one, and its medium (12pt) for the absolute keywords, each
// step a factor of 1.2 (CSS 2.1 §15.7).
constexpr double initial_size_px = 12;

std::optional<double> keyword_size_px(std::string_view keyword) {
  static constexpr std::pair<std::string_view, int> steps[] = {{"xx-small", -3}, {"x-small", -2}, {"small", -1},
                                                               {"medium", 0},    {"large", 1},    {"x-large", 2},
                                                               {"xx-large", 3}};
  for (const auto& [name, step] : steps) {
    if (keyword == name) return 16 * std::pow(1.2, step);
  }
  return std::nullopt;
}

bool preserves_space(const BuildState& state, std::size_t index) {
  for (std::size_t i = index; i != RawElement::no_parent; i = state.document.elements[i].parent) {
    if (const RawAttribute* a = state.document.elements[i].attribute("xml:space")) return trim_xml_space(a->value) == "preserve";
  }
  return false;
}

std::string normalized(std::string_view text, bool preserve, bool element_before, bool element_after) {
  std::string out;
  if (preserve) {
    for (char c : text) out.push_back(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
    return out;
  }
  std::size_t begin = 0, end = text.size();
  if (!element_before) {
    while (begin < end && detail::is_xml_space(text[begin])) ++begin;
  }
  if (!element_after) {
    while (end > begin && detail::is_xml_space(text[end - 1])) --end;
  }
  for (char c : text.substr(begin, end - begin)) {
    if (c == '\n' || c == '\r') continue;
    if (c == '\t') c = ' ';
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

bool followed_span(const BuildState& state, std::size_t child) {
  const RawElement& c = state.document.elements[child];
  if (!c.is_svg("tspan") && !c.is_svg("a")) return false;
  auto display = state.property(child, "display");
  return !display || trim_xml_space(*display) != "none";
}

// All character data inside an element, in document order (what a <tref> draws), at most
// `budget` bytes of it.
void all_characters(const BuildState& state, std::size_t index, int depth, std::string& out, std::size_t& budget) {
  const RawElement& e = state.document.elements[index];
  std::size_t piece = 0;
  for (std::size_t k = 0; k <= e.children.size() && budget > 0; ++k) {
    for (; piece < e.text_pieces.size() && e.text_pieces[piece].after_children == k; ++piece) {
      const std::size_t length = std::min(e.text_pieces[piece].end - e.text_pieces[piece].begin, budget);
      out.append(e.text, e.text_pieces[piece].begin, length);
      budget -= length;
    }
    if (k < e.children.size() && depth < max_text_span_depth) all_characters(state, e.children[k], depth + 1, out, budget);
  }
}

// `budget`: bytes of character data still to take. Many trefs to one long text would otherwise
// copy it once each before the character limit is checked.
void collect(const BuildState& state, std::size_t index, bool preserve, int depth, std::vector<TextStep>& out,
             std::size_t& budget) {
  const RawElement& e = state.document.elements[index];
  std::size_t piece = 0;
  for (std::size_t k = 0; k <= e.children.size(); ++k) {
    for (; piece < e.text_pieces.size() && e.text_pieces[piece].after_children == k; ++piece) {
      const detail::RawTextPiece& p = e.text_pieces[piece];
      std::string characters = normalized(std::string_view(e.text).substr(p.begin, p.end - p.begin), preserve,
                                          k > 0, k < e.children.size());
      budget -= std::min(budget, characters.size());
      if (!characters.empty()) out.push_back({TextStep::Kind::characters, index, std::move(characters)});
    }
    if (budget == 0) return;
    if (k == e.children.size() || depth >= max_text_span_depth) continue;
    const std::size_t child = e.children[k];
    // A <tref> draws the character data of the element it references, in its own style; librsvg
    // follows only an XLink href on it (tref is SVG 1.1's, from before plain href).
    if (state.document.elements[child].is_svg("tref")) {
      const RawElement& tref = state.document.elements[child];
      const bool xlinked = std::any_of(tref.attributes.begin(), tref.attributes.end(), [](const RawAttribute& a) {
        return a.local == "href" && a.ns == detail::xlink_namespace;
      });
      auto target = xlinked ? state.href_target(tref) : std::nullopt;
      if (!target) continue;
      std::string referenced;
      all_characters(state, *target, 0, referenced, budget);
      out.push_back({TextStep::Kind::span, child, {}});
      std::string characters = normalized(referenced, preserves_space(state, child), false, false);
      if (!characters.empty()) out.push_back({TextStep::Kind::characters, child, std::move(characters)});
      if (budget == 0) return;
      continue;
    }
    if (!followed_span(state, child)) continue;
    out.push_back({TextStep::Kind::span, child, {}});
    collect(state, child, preserves_space(state, child), depth + 1, out, budget);
    if (budget == 0) return;
  }
}

// The property as the element declares it, or nullopt where it only inherits its parent's (the
// cascade hands an inherited value down as written).
std::optional<std::string> own_value(const BuildState& state, std::size_t index, std::string_view name) {
  auto value = state.property(index, name);
  if (!value) return std::nullopt;
  const std::size_t parent = state.document.elements[index].parent;
  if (parent != RawElement::no_parent) {
    if (auto theirs = state.property(parent, name); theirs && *theirs == *value) return std::nullopt;
  }
  return trim_xml_space(*value);
}

}  // namespace

std::optional<std::vector<TextStep>> text_steps(const BuildState& state, std::size_t index) {
  std::vector<TextStep> out;
  // Four bytes a character, four times over for white space that processing removes.
  std::size_t budget = (state.options.limits.max_text_characters + 1) * 16;
  collect(state, index, preserves_space(state, index), 0, out, budget);
  if (budget == 0) return std::nullopt;
  return out;
}

double font_size_px(const BuildState& state, std::size_t index) {
  // From the outermost element that sets a size down to this one.
  std::vector<std::size_t> chain;
  for (std::size_t i = index; i != RawElement::no_parent && chain.size() < 256; i = state.document.elements[i].parent) {
    chain.push_back(i);
  }
  double size = initial_size_px;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    auto own = own_value(state, *it, "font-size");
    if (!own) continue;
    if (auto keyword = keyword_size_px(*own)) {
      size = *keyword;
    } else if (*own == "larger") {
      size *= 1.2;
    } else if (*own == "smaller") {
      size /= 1.2;
    } else if (auto length = detail::parse_length(*own)) {
      if (length->value < 0) {
        size = initial_size_px;  // librsvg cannot hand Pango a negative size and keeps its initial one
      } else if (auto px = length->to_pixels()) {
        size = *px;
      } else if (length->unit == detail::LengthUnit::em) {
        size *= length->value;
      } else if (length->unit == detail::LengthUnit::ex) {
        size *= length->value / 2;
      } else if (length->unit == detail::LengthUnit::percent) {
        size *= length->value / 100;
      }
    }
  }
  return size;
}

double baseline_shift(const BuildState& state, std::size_t index, std::size_t text) {
  double shift = 0;
  for (std::size_t i = index; i != RawElement::no_parent; i = i == text ? RawElement::no_parent : state.document.elements[i].parent) {
    auto value = state.property(i, "baseline-shift");
    if (!value) continue;
    const std::string v = trim_xml_space(*value);
    if (v == "sub") {
      shift += -0.2 * font_size_px(state, i);
    } else if (v == "super") {
      shift += 0.4 * font_size_px(state, i);
    } else if (auto length = detail::parse_length(v)) {
      if (auto px = length->to_pixels()) {
        shift += *px;
      } else if (length->unit == detail::LengthUnit::percent) {
        shift += length->value / 100 * font_size_px(state, i);
      } else if (length->unit == detail::LengthUnit::em) {
        shift += length->value * font_size_px(state, i);
      }
    }
  }
  return shift;
}

double letter_spacing(const BuildState& state, std::size_t index, const Context& context) {
  auto value = state.property(index, "letter-spacing");
  if (!value) return 0;
  const std::string text = trim_xml_space(*value);
  auto length = detail::parse_length(text);
  if (!length) return 0;
  if (length->unit == detail::LengthUnit::em) return length->value * font_size_px(state, index);
  if (length->unit == detail::LengthUnit::ex) return length->value * font_size_px(state, index) / 2;
  return user_units(text, 0, context, 'w');
}

}  // namespace bimi::svgps::convert
