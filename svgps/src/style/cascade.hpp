// The CSS cascade for one element, and the SVG property tables the converter needs around it.
//
// Precedence, lowest first (CSS 2.1, 6.4.1 and 6.4.3, all sheets being author sheets):
//   0. presentation attributes (fill="red"): NOT handled here. They count as author rules of
//      specificity zero that come before every sheet, so any CSS declaration beats them. The
//      caller applies cascade() output over the element's presentation attributes.
//   1. normal declarations of matching rules, by specificity, then source order (sheets in the
//      order given, rules and declarations in text order);
//   2. normal declarations of the style attribute (specificity above any selector);
//   3. !important declarations of matching rules, by specificity, then source order;
//   4. !important declarations of the style attribute.
// Values such as `inherit` are returned as written: inheritance is the caller's (is_inherited()).
// The shorthands font and marker take part as the longhands they set (see shorthands.hpp), so a
// later `font-size` overrides an earlier `font` and the reverse; an invalid shorthand is ignored.
#pragma once

#include <string_view>
#include <vector>

#include "style/declarations.hpp"
#include "style/selector.hpp"
#include "style/stylesheet.hpp"

namespace bimi::svgps::style {

// The winning declaration of each property for `element`, sorted by property name.
// `style_attribute` is the text of the element's style="" (empty when there is none).
std::vector<Declaration> cascade(const std::vector<const StyleSheet*>& sheets,
                                 const ElementView& element, std::string_view style_attribute);

// The same with the style attribute already parsed (to report its problems separately).
std::vector<Declaration> cascade(const std::vector<const StyleSheet*>& sheets,
                                 const ElementView& element,
                                 const std::vector<Declaration>& style_declarations);

// Properties that SVG 1.1 or SVG Tiny 1.2 also allows as presentation attributes (names as
// lowercased by parse_declarations). Shorthands such as `font` and `marker` are not among them.
bool is_presentation_attribute(std::string_view property);

// Properties whose "Inherited" column is "yes" in SVG 1.1's property index (Appendix N), and in
// SVG Tiny 1.2's for the properties it adds.
bool is_inherited(std::string_view property);

}  // namespace bimi::svgps::style
