// The typed computed style of an element: the properties the builder draws
// with, read once from the cascade's computed strings (style/computed_styles)
// so the builder's steps never re-parse text. Fonts, effects that refer to
// other elements (filter, mask, clip-path) and mask-type stay strings: they are
// read once, where they are used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geometry/path.hpp"
#include "geometry/stroke.hpp"
#include "style/color.hpp"
#include "style/computed_styles.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::convert {

// A colour after currentColor is replaced, or none, or a value that is not a
// colour (drawn as none; `text` keeps it, after the replacement, for the note
// that says so).
struct ColorValue {
  enum class Kind { none, color, invalid };
  Kind kind = Kind::none;
  style::Color color;
  std::string text;
};

// A fill or stroke, read as the converter always has rather than with
// style::parse_paint, which reads some values otherwise and so would change
// existing output (the cases Convert.PaintValuesKeepTheirReading pins):
// keywords and url( are matched case-sensitively after XML white space is
// trimmed and an unterminated "url(#g" still names #g. A value that is no paint
// at all (a typo, icc-color(), a fallback that is not a colour) never gets here:
// the cascade ignores it and the inherited value applies (style/computed_styles).
struct PaintValue {
  std::string text;                // the value as written, trimmed, or the initial value
  std::optional<std::string> url;  // text begins with "url(": the local id, empty when not local
  // Without a url: the paint itself. With one: its fallback, used when the id
  // names no paint server (none when absent). A fill or stroke whose url is not
  // local paints nothing; a mask's content shape paints the fallback.
  ColorValue color;
};

struct ElementStyle {
  PaintValue fill;
  PaintValue stroke;
  double opacity = 1;  // the element's own (not inherited)
  double fill_opacity = 1;
  double stroke_opacity = 1;
  geometry::FillRule fill_rule = geometry::FillRule::nonzero;
  geometry::FillRule clip_rule = geometry::FillRule::nonzero;
  bool display_none = false;        // the element's own display
  bool visible = true;              // visibility: hidden and collapse draw nothing
  bool stroke_before_fill = false;  // paint-order names the stroke before the fill
  int markers_at = 2;               // where markers fall among the three layers of paint-order

  // Stroke geometry; lengths stay lengths (a percentage needs the viewport it
  // is used in).
  std::optional<detail::Length> stroke_width;  // unset or invalid: 1
  geometry::StrokeStyle::Cap cap = geometry::StrokeStyle::Cap::butt;
  geometry::StrokeStyle::Join join = geometry::StrokeStyle::Join::miter;
  std::optional<double> miter_limit;  // unset or below 1: the initial 4
  std::vector<double> dashes;         // even length; empty: solid
  std::optional<detail::Length> dash_offset;

  // Paint servers' own properties (<stop>, <solidColor>).
  ColorValue stop_color;
  double stop_opacity = 1;
  std::optional<style::Color> solid_color;
  double solid_opacity = 1;
};

// An element's typed style from its computed values and the values specified on
// it.
ElementStyle resolve_element_style(const style::ComputedStyles::Values& computed,
                                   const style::ComputedStyles::Values& specified);

// The fallback written after a url() paint (SVG 1.1, 11.2), trimmed; empty when
// there is none.
std::string url_fallback(std::string_view value);
// A colour value (`none` and empty included) with currentColor replaced by
// `current_color`.
ColorValue read_color_value(std::string_view text, std::string_view current_color);

}  // namespace bimi::svgps::convert
