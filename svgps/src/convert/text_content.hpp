// What a <text> element says, in order, and the properties that size and place it: its character
// data and that of its <tspan> and <a> descendants as librsvg lays them out, and the font size,
// baseline shift and letter spacing each element's characters are drawn with.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

// One step through a text's content in document order: a span starts (its x, y, dx and dy apply
// before its first character), or characters are drawn in an element's style. A <tref> is a span
// whose characters are all the character data of the element it references.
struct TextStep {
  enum class Kind { span, characters };
  Kind kind = Kind::characters;
  std::size_t element = 0;  // the tspan or a that starts, or the element whose characters these are
  std::string characters;   // white space already processed
};

// Spans nested deeper than this inside one <text> are not followed.
inline constexpr int max_text_span_depth = 32;

// The content of the <text> at `index`. Under xml:space="default" (librsvg's handling of SVG 1.1
// §10.15) a piece of character data is trimmed at its start unless an element precedes it in its
// parent, and at its end unless one follows it; newlines are removed, tabs become spaces and runs
// of spaces one. Under xml:space="preserve" newlines and tabs become spaces. Spans with
// display="none" are left out. Nullopt when the character data (trefs copying theirs included)
// runs far past Limits::max_text_characters.
std::optional<std::vector<TextStep>> text_steps(const BuildState& state, std::size_t index);

// The element's font size in px: font-size in em, ex or % of its parent's (or larger/smaller), an
// absolute size keyword, or a length; 12px (librsvg's initial size) where nothing sets it, and
// for a negative size, as librsvg draws it. An unreadable size is ignored, as CSS ignores invalid
// declarations.
double font_size_px(const BuildState& state, std::size_t index);

// How far the element's characters sit above the text's baseline, in user units: baseline-shift
// `sub` (-0.2 em), `super` (0.4 em) and percentages of the font size (librsvg's values), or a
// length, added to its parent's shift, up to and including `text`'s own.
double baseline_shift(const BuildState& state, std::size_t index, std::size_t text);

// letter-spacing in user units: `normal` is 0, em and ex are of the element's font size, and a
// percentage is of the viewport's width, as librsvg reads it.
double letter_spacing(const BuildState& state, std::size_t index, const Context& context);

}  // namespace bimi::svgps::convert
