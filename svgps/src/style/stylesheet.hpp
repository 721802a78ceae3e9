// CSS style sheets as found in SVG <style> elements.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "style/declarations.hpp"
#include "style/selector.hpp"
#include "style/skipped.hpp"

namespace bimi::svgps::style {

struct Rule {
  std::vector<Selector> selectors;  // the supported selectors of the rule's list, in order
  std::vector<Declaration> declarations;
  std::size_t offset = 0;  // byte offset of the rule in the parsed text
};

struct StyleSheet {
  std::vector<Rule> rules;          // in source order
  std::vector<SkippedCss> skipped;  // in source order
};

// Bounds on the work one style sheet can cause; past them the rest of the sheet is ignored and a
// limit_reached entry says where. Matching costs rules x selectors x depth per element.
inline constexpr std::size_t kMaxRules = 4096;
inline constexpr std::size_t kMaxSelectors = 8192;  // over the whole sheet

// Parses the text of a <style> element (entities already decoded by the XML parser):
//  - comments, HTML comment tokens (<!-- -->) and CDATA markers (<![CDATA[ ]]>) between rules are
//    ignored, as browsers do for SVG <style>;
//  - at-rules (@media, @font-face, @import, @charset ...) are skipped whole, each reported;
//  - a rule whose selector list has a syntax error is dropped whole, as in CSS; selectors that are
//    valid but unsupported are dropped one by one (see selector.hpp), each reported;
//  - declaration blocks recover from errors as parse_declarations() does;
//  - a block left open at the end of the text is closed there, as in CSS.
// Linear time, no recursion, never throws.
StyleSheet parse_stylesheet(std::string_view css);

}  // namespace bimi::svgps::style
