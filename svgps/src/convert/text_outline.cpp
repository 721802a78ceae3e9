#include "convert/text_outline.hpp"

#include <algorithm>
#include <utility>

#include "style/font_family.hpp"
#include "svg/numbers.hpp"
#include "svg/xml_space.hpp"
#include "text/outline.hpp"
#include "convert/paint_server.hpp"
#include "convert/shapes.hpp"
#include "convert/stroke.hpp"
#include "convert/text_content.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"
#include "geometry/path_ops.hpp"

namespace bimi::svgps::convert {

namespace {

// The initial font-family librsvg gives text that names none: the reference render draws such
// text this way (SVG leaves it to the user agent).
constexpr std::string_view initial_family = "Times New Roman";

text::FontRequest font_request(const BuildState& state, std::size_t index) {
  text::FontRequest request;
  std::string families = std::string(state.property(index, "font-family").value_or(initial_family));
  if (auto list = style::parse_font_family_list(families)) {
    for (const auto& family : *list) request.families.push_back(family.name);
  }
  request.size_px = font_size_px(state, index);
  if (auto weight = state.property(index, "font-weight")) {
    std::string w = trim_xml_space(*weight);
    if (w == "bold" || w == "bolder") {
      request.weight = 700;
    } else if (w == "normal" || w == "lighter") {
      request.weight = 400;
    } else {
      std::string_view view = w;
      // A weight outside 1..1000 is invalid and ignored, as CSS ignores invalid declarations.
      if (auto n = detail::parse_number(view); n && view.empty() && *n >= 1 && *n <= 1000) request.weight = static_cast<int>(*n);
    }
  }
  if (auto style = state.property(index, "font-style")) request.italic = trim_xml_space(*style) != "normal";
  return request;
}

text::TextRun::Anchor anchor_of(const BuildState& state, std::size_t index) {
  auto anchor = state.property(index, "text-anchor");
  if (!anchor) return text::TextRun::Anchor::start;
  std::string a = trim_xml_space(*anchor);
  return a == "middle" ? text::TextRun::Anchor::middle : a == "end" ? text::TextRun::Anchor::end : text::TextRun::Anchor::start;
}

// x, y, dx or dy of a text or span: librsvg takes the first of a list of lengths (one per
// character in SVG) for the whole span. `em` and `ex` are of the element's font size.
double position(const BuildState& state, std::size_t index, std::string_view name, double fallback,
                const Context& context, char axis) {
  const RawAttribute* a = state.document.elements[index].attribute(name);
  if (!a) return fallback;
  std::string_view list = a->value;
  const std::size_t begin = list.find_first_not_of(" \t\r\n,");
  if (begin == std::string_view::npos) return fallback;
  list.remove_prefix(begin);
  const std::string_view first = list.substr(0, list.find_first_of(" \t\r\n,"));
  if (auto length = detail::parse_length(first)) {
    if (length->unit == detail::LengthUnit::em) return length->value * font_size_px(state, index);
    if (length->unit == detail::LengthUnit::ex) return length->value * font_size_px(state, index) / 2;
  }
  return user_units(first, fallback, context, axis);
}

// Whether `text` is wholly of scripts that stand upright in vertical text (Han, Kana, Hangul,
// full-width forms): those are not drawn sideways.
bool has_upright_script(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (int k = 1; k < length && i + static_cast<std::size_t>(k) < text.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    i += static_cast<std::size_t>(length);
    if ((c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7AF) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
        c >= 0x20000) {
      return true;
    }
  }
  return false;
}

// Vertical text librsvg (2.54) draws as a turned line: one chunk (no span moves the pen) of
// scripts drawn sideways. Anything else is laid out horizontally, and the fidelity gate judges it.
bool turned_vertical(const BuildState& state, std::size_t index, const std::vector<TextStep>& steps) {
  auto mode = state.property(index, "writing-mode");
  if (!mode) return false;
  const std::string m = trim_xml_space(*mode);
  // SVG 1.1's values; librsvg 2.54 draws CSS's vertical-rl and vertical-lr horizontally.
  if (m != "tb" && m != "tb-rl") return false;
  for (const TextStep& step : steps) {
    const RawElement& s = state.document.elements[step.element];
    if (step.kind == TextStep::Kind::span) {
      for (const char* moves : {"x", "y", "dx", "dy", "rotate"}) {
        if (s.attribute(moves)) return false;
      }
    } else if (has_upright_script(step.characters)) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::pair<std::size_t, geo::Path>>> outline_spans(BuildState& state, std::size_t index,
                                                                            const Context& context) {
  const RawElement& e = state.document.elements[index];
  if (!state.options.fonts) {
    state.refuse(e, "text cannot be outlined: no fonts are available");
    return std::nullopt;
  }
  std::vector<std::pair<std::size_t, geo::Path>> out;
  double pen_x = position(state, index, "x", 0, context, 'w') + position(state, index, "dx", 0, context, 'w');
  double pen_y = position(state, index, "y", 0, context, 'h') + position(state, index, "dy", 0, context, 'h');
  // A text chunk (SVG 1.1 §10.5) starts at the text and at every span with an absolute x or y;
  // its text-anchor moves all its runs together once its width is known.
  std::size_t chunk_first = 0;
  double chunk_x = pen_x;
  text::TextRun::Anchor chunk_anchor = anchor_of(state, index);
  // The letter spacing after the chunk's last character: librsvg (pango) spaces letters apart,
  // so an anchor measures the chunk without it.
  double trailing_spacing = 0;
  auto close_chunk = [&] {
    const double width = pen_x - chunk_x - trailing_spacing;
    trailing_spacing = 0;
    const double offset = chunk_anchor == text::TextRun::Anchor::middle ? -width / 2
                          : chunk_anchor == text::TextRun::Anchor::end  ? -width
                                                                        : 0;
    if (offset != 0) {
      for (std::size_t k = chunk_first; k < out.size(); ++k) out[k].second = geo::transformed(out[k].second, geo::Matrix::translate(offset, 0));
    }
    chunk_first = out.size();
  };
  const auto steps = text_steps(state, index);
  if (!steps) {
    state.refuse(e, "the logo has more than " + std::to_string(state.options.limits.max_text_characters) +
                        " characters of text to outline");
    return std::nullopt;
  }
  // baseline-shift does not inherit (SVG 1.1 §10.9.2): browsers shift no text for a group's, while
  // librsvg (2.54) shifts the text inside by it.
  for (std::size_t up = e.parent; up != RawElement::no_parent; up = state.document.elements[up].parent) {
    auto shift = state.own(up, "baseline-shift");
    if (!shift || trim_xml_space(*shift) == "baseline" || trim_xml_space(*shift) == "0") continue;
    state.note("convert-text", e,
               "baseline-shift on a group around the text: librsvg shifts the text by it, browsers do not (it "
               "does not inherit), so the original draws differently in each; the output follows browsers");
    break;
  }
  // Turned: laid out along a horizontal line from the origin, then turned a quarter clockwise
  // about the text's position, glyph tops to the right, centred between ascender and descender
  // on the position's x, as pango lays out gravity east.
  const bool vertical = turned_vertical(state, index, *steps);
  const geo::Point turned_at{pen_x, pen_y};
  double centre = 0;
  if (vertical) pen_x = chunk_x = pen_y = 0;
  for (const TextStep& step : *steps) {
    const RawElement& s = state.document.elements[step.element];
    if (step.kind == TextStep::Kind::span) {
      if (s.attribute("x") || s.attribute("y")) {
        close_chunk();
        pen_x = position(state, step.element, "x", pen_x, context, 'w');
        pen_y = position(state, step.element, "y", pen_y, context, 'h');
        chunk_x = pen_x;
        chunk_anchor = anchor_of(state, step.element);
      }
      if (s.attribute("dx")) {
        pen_x += position(state, step.element, "dx", 0, context, 'w');
        if (chunk_first == out.size()) chunk_x = pen_x;
      }
      pen_y += position(state, step.element, "dy", 0, context, 'h');
      continue;
    }
    const std::string& content = step.characters;
    // Bounded per document, not only per run: every outlined glyph is kept until the end.
    state.text_characters += static_cast<std::size_t>(std::count_if(
        content.begin(), content.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    if (state.text_characters > state.options.limits.max_text_characters) {
      state.refuse(s, "the logo has more than " + std::to_string(state.options.limits.max_text_characters) +
                    " characters of text to outline");
      return std::nullopt;
    }
    text::TextRun run;
    run.text = content;
    run.font = font_request(state, step.element);
    run.origin = {pen_x, pen_y - baseline_shift(state, step.element, index)};
    run.letter_spacing = letter_spacing(state, step.element, context);
    if (!(run.font.size_px > 0)) continue;  // a zero size draws nothing
    std::string error;
    auto outlined = text::outline_text(run, *state.options.fonts, error, state.deadline());
    if (!outlined) {
      state.refuse(s, "text \"" + content + "\" could not be outlined: " + error);
      return std::nullopt;
    }
    state.text_glyphs += outlined->glyph_count;
    if (state.text_glyphs > state.options.limits.max_text_glyphs) {
      state.refuse(s, "the logo's text outlines to more than " + std::to_string(state.options.limits.max_text_glyphs) +
                    " glyphs");
      return std::nullopt;
    }
    for (const auto& warning : outlined->warnings) state.approximate(s, "text: " + warning);
    state.note("convert-text", s, "text \"" + content + "\" outlined with " + outlined->font_family_used);
    pen_x += outlined->advance;
    if (vertical && out.empty()) centre = (outlined->ascent - outlined->descent) / 2;
    if (!content.empty()) trailing_spacing = run.letter_spacing;
    out.emplace_back(step.element, std::move(outlined->path));
  }
  close_chunk();
  if (vertical) {
    const geo::Matrix turn = geo::Matrix::translate(turned_at.x, turned_at.y) * geo::Matrix::rotate(90) *
                             geo::Matrix::translate(0, centre);
    for (auto& [span, path] : out) path = geo::transformed(path, turn);
    state.note("convert-text", e, "vertical text drawn as a turned line, its letters sideways");
    if (chunk_anchor != text::TextRun::Anchor::start) {
      state.note("convert-text", e,
                 "vertical text anchored at its middle or end: librsvg moves it by the font's height, browsers "
                 "by the line's length, so the original draws differently in each; the output follows browsers");
    }
  }
  return out;
}

void build_text(BuildState& state, std::size_t index, model::Node& parent, const Context& outer) {
  auto context = leaf_context(
      state, index, outer,
      "opacity on filled and stroked text folded into both; the fill shows under the stroke's inner half");
  if (!context) return;
  auto spans = outline_spans(state, index, *context);
  if (!spans) return;
  for (auto& [span, path] : *spans) {
    // The glyph outlines are paths in user space, so a stroke on them is the text's stroke.
    model::Shape shape;
    shape.path = std::move(path);
    paint_and_place(state, span, std::move(shape), *context, parent);
  }
}

}  // namespace bimi::svgps::convert
