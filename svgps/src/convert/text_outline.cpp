#include "convert/text_outline.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "style/font_family.hpp"
#include "svg/numbers.hpp"
#include "svg/xml_space.hpp"
#include "text/outline.hpp"
#include "convert/paint_server.hpp"
#include "convert/shapes.hpp"
#include "convert/stroke.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

// The initial font-family and font-size librsvg gives text that names none: the reference
// render draws such text this way (SVG leaves both to the user agent).
constexpr std::string_view initial_family = "Times New Roman";
constexpr double initial_size_px = 12;

// An absolute-size keyword (CSS 2.1 §15.7) as librsvg sizes it: medium is 12pt (16px), and each
// step is a factor of 1.2.
std::optional<double> keyword_size_px(std::string_view keyword) {
  static constexpr std::pair<std::string_view, int> steps[] = {{"xx-small", -3}, {"x-small", -2}, {"small", -1},
                                                               {"medium", 0},    {"large", 1},    {"x-large", 2},
                                                               {"xx-large", 3}};
  for (const auto& [name, step] : steps) {
    if (keyword == name) return 16 * std::pow(1.2, step);
  }
  return std::nullopt;
}

text::FontRequest font_request(BuildState& state, std::size_t index) {
  text::FontRequest request;
  request.size_px = initial_size_px;
  std::string families = std::string(state.property(index, "font-family").value_or(initial_family));
  if (auto list = style::parse_font_family_list(families)) {
    for (const auto& family : *list) request.families.push_back(family.name);
  }
  if (auto size = state.property(index, "font-size")) {
    if (auto parsed = detail::parse_length(*size); parsed && parsed->to_pixels()) {
      request.size_px = *parsed->to_pixels();
    } else if (auto keyword = keyword_size_px(trim_xml_space(*size))) {
      request.size_px = *keyword;
    }
  }
  if (auto weight = state.property(index, "font-weight")) {
    std::string w = trim_xml_space(*weight);
    if (w == "bold" || w == "bolder") {
      request.weight = 700;
    } else if (w == "normal" || w == "lighter") {
      request.weight = 400;
    } else {
      std::string_view view = w;
      if (auto n = detail::parse_number(view)) request.weight = static_cast<int>(*n);
    }
  }
  if (auto style = state.property(index, "font-style")) request.italic = trim_xml_space(*style) != "normal";
  return request;
}

}  // namespace

std::optional<std::vector<std::pair<std::size_t, geo::Path>>> outline_spans(BuildState& state, std::size_t index,
                                                                            const Context& context) {
  const RawElement& e = state.document.elements[index];
  if (!state.options.fonts) {
    state.refuse(e, "text cannot be outlined: no fonts are available");
    return std::nullopt;
  }
  double pen_x = length(e, "x", 0, context, 'w');
  double pen_y = length(e, "y", 0, context, 'h');
  std::vector<std::size_t> spans{index};
  for (std::size_t c : e.children) {
    if (state.document.elements[c].is_svg("tspan")) spans.push_back(c);
  }
  std::vector<std::pair<std::size_t, geo::Path>> out;
  for (std::size_t span : spans) {
    const RawElement& s = state.document.elements[span];
    if (span != index) {
      if (s.attribute("x")) pen_x = length(s, "x", pen_x, context, 'w');
      if (s.attribute("y")) pen_y = length(s, "y", pen_y, context, 'h');
      if (s.attribute("dx")) pen_x += length(s, "dx", 0, context, 'w');
      if (s.attribute("dy")) pen_y += length(s, "dy", 0, context, 'h');
    }
    std::string content = detail::collapse_xml_space(s.text);
    if (content.empty()) continue;
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
    run.origin = {pen_x, pen_y};
    run.font = font_request(state, span);
    if (auto anchor = state.property(span, "text-anchor")) {
      std::string a = trim_xml_space(*anchor);
      run.anchor = a == "middle" ? text::TextRun::Anchor::middle
                   : a == "end"  ? text::TextRun::Anchor::end
                                 : text::TextRun::Anchor::start;
    }
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
    pen_x += run.anchor == text::TextRun::Anchor::start ? outlined->advance : 0;
    out.emplace_back(span, std::move(outlined->path));
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
