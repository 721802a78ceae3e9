#include "style/cascade.hpp"

#include <algorithm>
#include <deque>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "style/css_text.hpp"
#include "style/shorthands.hpp"

namespace bimi::svgps::style {
namespace {

// Sorted, for binary search.
constexpr std::string_view kPresentationAttributes[] = {
    "alignment-baseline",
    "audio-level",  // Tiny 1.2
    "baseline-shift",
    "buffered-rendering",  // Tiny 1.2
    "clip",
    "clip-path",
    "clip-rule",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "color-profile",
    "color-rendering",
    "cursor",
    "direction",
    "display",
    "display-align",  // Tiny 1.2
    "dominant-baseline",
    "enable-background",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "flood-color",
    "flood-opacity",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "glyph-orientation-horizontal",
    "glyph-orientation-vertical",
    "image-rendering",
    "kerning",
    "letter-spacing",
    "lighting-color",
    "line-increment",  // Tiny 1.2
    "marker-end",
    "marker-mid",
    "marker-start",
    "mask",
    "opacity",
    "overflow",
    "pointer-events",
    "shape-rendering",
    "solid-color",    // Tiny 1.2
    "solid-opacity",  // Tiny 1.2
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-align",  // Tiny 1.2
    "text-anchor",
    "text-decoration",
    "text-rendering",
    "unicode-bidi",
    "vector-effect",          // Tiny 1.2
    "viewport-fill",          // Tiny 1.2
    "viewport-fill-opacity",  // Tiny 1.2
    "visibility",
    "word-spacing",
    "writing-mode",
};

constexpr std::string_view kInheritedProperties[] = {
    "clip-rule",
    "color",
    "color-interpolation",
    "color-interpolation-filters",
    "color-profile",
    "color-rendering",
    "cursor",
    "direction",
    "display-align",  // Tiny 1.2
    "fill",
    "fill-opacity",
    "fill-rule",
    "font",
    "font-family",
    "font-size",
    "font-size-adjust",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "glyph-orientation-horizontal",
    "glyph-orientation-vertical",
    "image-rendering",
    "kerning",
    "letter-spacing",
    "line-increment",  // Tiny 1.2
    "marker",
    "marker-end",
    "marker-mid",
    "marker-start",
    "pointer-events",
    "shape-rendering",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "text-align",  // Tiny 1.2
    "text-anchor",
    "text-rendering",
    "visibility",
    "word-spacing",
    "writing-mode",
};

static_assert(std::is_sorted(std::begin(kPresentationAttributes),
                             std::end(kPresentationAttributes)));
static_assert(std::is_sorted(std::begin(kInheritedProperties), std::end(kInheritedProperties)));

template <std::size_t N>
bool contains(const std::string_view (&sorted)[N], std::string_view name) {
  return std::binary_search(std::begin(sorted), std::end(sorted), name);
}

// Larger wins: (important, from the style attribute, specificity, source order).
using Priority = std::tuple<bool, bool, Specificity, std::size_t>;

struct Candidate {
  Priority priority;
  const Declaration* declaration = nullptr;
};

class Winners {
 public:
  // Shorthands take part as the longhands they stand for, at the shorthand's priority.
  void offer(const Declaration& declaration, Priority priority) {
    if (!is_shorthand(declaration.property)) {
      offer_longhand(declaration, priority);
      return;
    }
    for (Declaration& longhand : expand_shorthand(declaration)) {
      expansions_.push_back(std::move(longhand));
      offer_longhand(expansions_.back(), priority);
    }
  }

  std::vector<Declaration> sorted() const {
    std::vector<Declaration> result;
    result.reserve(winners_.size());
    for (const auto& [property, candidate] : winners_) result.push_back(*candidate.declaration);
    return result;
  }

 private:
  void offer_longhand(const Declaration& declaration, Priority priority) {
    auto [it, inserted] =
        winners_.try_emplace(declaration.property, Candidate{priority, &declaration});
    if (!inserted && it->second.priority < priority) it->second = Candidate{priority, &declaration};
  }

  std::map<std::string_view, Candidate> winners_;  // keys point into the declarations
  std::deque<Declaration> expansions_;             // stable addresses for expanded longhands
};

}  // namespace

Cascade::Cascade(const std::vector<const StyleSheet*>& sheets, std::size_t match_budget)
    : budget_left_(match_budget) {
  std::size_t order = 0;
  for (const StyleSheet* sheet : sheets) {
    if (sheet == nullptr) continue;
    for (const Rule& rule : sheet->rules) {
      std::size_t rule_index = rules_.size();
      rules_.push_back({&rule, order});
      order += rule.declarations.size();
      for (const Selector& selector : rule.selectors) {
        if (selector.compounds.empty()) continue;
        const CompoundSelector& subject = selector.compounds.back();
        IndexedSelector entry{rule_index, &selector};
        if (!subject.ids.empty()) {
          by_id_[subject.ids.front()].push_back(entry);
        } else if (!subject.classes.empty()) {
          by_class_[subject.classes.front()].push_back(entry);
        } else if (!subject.type.empty()) {
          by_type_[subject.type].push_back(entry);
        } else {
          universal_.push_back(entry);
        }
      }
    }
  }
  style_order_ = order;
}

std::vector<Declaration> Cascade::resolve(const ElementView& element,
                                          std::string_view style_attribute) {
  return resolve(element, parse_declarations(style_attribute));
}

std::vector<Declaration> Cascade::resolve(const ElementView& element,
                                          const std::vector<Declaration>& style_declarations) {
  Winners winners;
  if (!budget_exhausted_) {
    // The selectors whose subject could be this element, each once.
    std::vector<IndexedSelector> candidates = universal_;
    auto gather = [&](const auto& index, std::string_view key) {
      auto it = index.find(key);
      if (it != index.end())
        candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    if (auto id = element.attribute("id")) gather(by_id_, *id);
    if (auto classes = element.attribute("class")) {
      std::vector<std::string_view> names;
      std::string_view rest = *classes;
      while (true) {
        skip_css_whitespace(rest);
        if (rest.empty()) break;
        std::size_t end = 0;
        while (end < rest.size() && !is_css_whitespace(rest[end])) ++end;
        names.push_back(rest.substr(0, end));
        rest.remove_prefix(end);
      }
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      for (std::string_view name : names) gather(by_class_, name);
    }
    gather(by_type_, element.local_name());
    // Source order of rules; a rule's selectors stay together.
    std::sort(candidates.begin(), candidates.end(),
              [](const IndexedSelector& a, const IndexedSelector& b) {
                return a.rule != b.rule ? a.rule < b.rule : a.selector < b.selector;
              });
    std::size_t steps = candidates.size();
    for (std::size_t i = 0; i < candidates.size();) {
      std::size_t rule_index = candidates[i].rule;
      std::optional<Specificity> specificity;
      for (; i < candidates.size() && candidates[i].rule == rule_index; ++i) {
        const Selector& selector = *candidates[i].selector;
        if ((!specificity || *specificity < selector.specificity) &&
            matches(selector, element, &steps)) {
          specificity = selector.specificity;
        }
      }
      if (steps > budget_left_) {
        budget_left_ = 0;
        budget_exhausted_ = true;
        break;
      }
      if (!specificity) continue;
      const IndexedRule& indexed = rules_[rule_index];
      std::size_t order = indexed.first_order;
      for (const Declaration& declaration : indexed.rule->declarations) {
        winners.offer(declaration, Priority{declaration.important, false, *specificity, order++});
      }
    }
    if (!budget_exhausted_) budget_left_ -= steps;
  }
  std::size_t order = style_order_;
  for (const Declaration& declaration : style_declarations) {
    winners.offer(declaration, Priority{declaration.important, true, Specificity{}, order++});
  }
  return winners.sorted();
}

std::vector<Declaration> cascade(const std::vector<const StyleSheet*>& sheets,
                                 const ElementView& element, std::string_view style_attribute) {
  return cascade(sheets, element, parse_declarations(style_attribute));
}

std::vector<Declaration> cascade(const std::vector<const StyleSheet*>& sheets,
                                 const ElementView& element,
                                 const std::vector<Declaration>& style_declarations) {
  Winners winners;
  std::size_t order = 0;
  for (const StyleSheet* sheet : sheets) {
    if (sheet == nullptr) continue;
    for (const Rule& rule : sheet->rules) {
      // A rule applies with the specificity of its most specific matching selector.
      std::optional<Specificity> specificity;
      for (const Selector& selector : rule.selectors) {
        if ((!specificity || *specificity < selector.specificity) && matches(selector, element)) {
          specificity = selector.specificity;
        }
      }
      if (!specificity) {
        order += rule.declarations.size();
        continue;
      }
      for (const Declaration& declaration : rule.declarations) {
        winners.offer(declaration, Priority{declaration.important, false, *specificity, order++});
      }
    }
  }
  for (const Declaration& declaration : style_declarations) {
    winners.offer(declaration, Priority{declaration.important, true, Specificity{}, order++});
  }
  return winners.sorted();
}

bool is_presentation_attribute(std::string_view property) {
  return contains(kPresentationAttributes, property);
}

bool is_inherited(std::string_view property) { return contains(kInheritedProperties, property); }

}  // namespace bimi::svgps::style
