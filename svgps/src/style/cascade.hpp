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

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "style/declarations.hpp"
#include "style/selector.hpp"
#include "style/stylesheet.hpp"

namespace bimi::svgps::style {

// Resolves many elements against the same sheets: selectors are indexed by their subject's id,
// first class or element name, so each element is only matched against rules that can apply,
// and the total matching work is bounded by a budget (in compound selectors tested). Worst-case
// input within the documented limits (8192 selectors of 32 compounds, 100 levels of nesting,
// 100,000 elements) would otherwise cost ~10^12 steps.
class Cascade {
 public:
  // About 0.2 s of worst-case matching at -O2 (4000 rules of 32 compounds, 100 levels deep); far
  // above what real documents need.
  static constexpr std::size_t kDefaultMatchBudget = 50'000'000;

  // The sheets (null ones are ignored) must outlive the Cascade.
  explicit Cascade(const std::vector<const StyleSheet*>& sheets,
                   std::size_t match_budget = kDefaultMatchBudget);

  // As cascade() below. Once the budget is spent, rules are no longer matched (the style
  // attribute still applies) and budget_exhausted() turns true: report it, the result is partial.
  std::vector<Declaration> resolve(const ElementView& element, std::string_view style_attribute);
  std::vector<Declaration> resolve(const ElementView& element,
                                   const std::vector<Declaration>& style_declarations);

  bool budget_exhausted() const { return budget_exhausted_; }

 private:
  struct IndexedSelector {
    std::size_t rule;  // into rules_
    const Selector* selector;
  };
  struct IndexedRule {
    const Rule* rule;
    std::size_t first_order;  // source order of its first declaration, over all sheets
  };

  std::vector<IndexedRule> rules_;
  std::map<std::string, std::vector<IndexedSelector>, std::less<>> by_id_;
  std::map<std::string, std::vector<IndexedSelector>, std::less<>> by_class_;
  std::map<std::string, std::vector<IndexedSelector>, std::less<>> by_type_;
  std::vector<IndexedSelector> universal_;
  std::size_t style_order_ = 0;  // after every sheet declaration
  std::size_t budget_left_;
  bool budget_exhausted_ = false;
};

// The winning declaration of each property for `element`, sorted by property name.
// `style_attribute` is the text of the element's style="" (empty when there is none).
// Matches every rule, with no budget: for many elements of one document use Cascade.
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
