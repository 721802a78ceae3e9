// The CSS transform property (CSS Transforms 1, §14), as style="" and <style> sheets write it:
// functions with comma-separated arguments whose lengths and angles carry units
// (translate(30px, 10px) rotate(10deg)), unlike the SVG attribute's bare numbers.
#pragma once

#include <optional>
#include <string_view>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry {

// The whole list composed left to right; "none" is the identity. Lengths in px or an absolute
// unit (a bare number as px), angles in deg, rad, grad or turn (a bare number as degrees).
// nullopt for anything else (relative units such as % or em included): the declaration is then
// ignored, as CSS does with an invalid one.
std::optional<Matrix> parse_css_transform(std::string_view text);

}  // namespace bimi::svgps::geometry
