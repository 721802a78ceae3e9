// CSS shorthands that SVG styles use, expanded into the longhands they set, as CSS does before
// the cascade: `font` (CSS 2.1, 15.8, plus CSS Fonts 3's font-stretch keywords) and `marker`
// (SVG 1.1, 11.6.2).
#pragma once

#include <string_view>
#include <vector>

#include "style/declarations.hpp"

namespace bimi::svgps::style {

// Whether `property` (lowercased) is a shorthand expanded here.
bool is_shorthand(std::string_view property);

// The longhands a shorthand declaration sets, with its importance, in a fixed order:
//   font:   font-style, font-variant, font-weight, font-stretch, font-size, line-height,
//           font-family; longhands the value omits are set to their initial value (normal)
//   marker: marker-start, marker-mid, marker-end
// `inherit` sets every longhand to inherit. Empty when the value is invalid, in which case CSS
// ignores the declaration, or when it is a system font (caption, menu ...), which has no
// meaning outside a desktop environment. Also empty for a property that is not a shorthand.
std::vector<Declaration> expand_shorthand(const Declaration& declaration);

}  // namespace bimi::svgps::style
