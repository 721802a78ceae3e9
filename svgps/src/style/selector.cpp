#include "style/selector.hpp"

#include <algorithm>
#include <array>

#include "style/css_text.hpp"

namespace bimi::svgps::style {
namespace {

// Valid CSS we recognise but do not match. Anything not listed is unknown, hence invalid.
constexpr std::array kPseudoClasses = {"active",        "any-link",      "checked",
                                       "default",       "defined",       "disabled",
                                       "empty",         "enabled",       "first",
                                       "first-of-type", "focus",         "focus-visible",
                                       "focus-within",  "fullscreen",    "hover",
                                       "in-range",      "indeterminate", "invalid",
                                       "last-child",    "last-of-type",  "left",
                                       "link",          "only-child",    "only-of-type",
                                       "optional",      "out-of-range",  "placeholder-shown",
                                       "read-only",     "read-write",    "required",
                                       "right",         "root",          "scope",
                                       "target",        "valid",         "visited"};
constexpr std::array kFunctionalPseudoClasses = {
    "dir",         "has",  "is", "lang", "not", "nth-child", "nth-last-child", "nth-last-of-type",
    "nth-of-type", "where"};
constexpr std::array kPseudoElements = {"after",      "backdrop", "before",      "first-letter",
                                        "first-line", "marker",   "placeholder", "selection"};
constexpr std::array kFunctionalPseudoElements = {"cue", "highlight", "part", "slotted"};
// CSS 2.1 pseudo-elements that may still be written with one colon.
constexpr std::array kLegacyPseudoElements = {"after", "before", "first-letter", "first-line"};

template <std::size_t N>
bool listed(const std::array<const char*, N>& names, std::string_view lowered) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) { return lowered == name; });
}

class SelectorParser {
 public:
  explicit SelectorParser(std::string_view text) : text_(text) {}

  SelectorParse run() {
    SelectorParse result;
    Selector& selector = result.selector;
    selector.text = std::string(text_);
    if (text_.empty()) return invalid("empty selector");
    while (true) {
      if (selector.compounds.size() == kMaxCompoundsPerSelector) {
        note_unsupported("more than " + std::to_string(kMaxCompoundsPerSelector) +
                         " compound selectors");
      }
      CompoundSelector compound;
      if (!parse_compound(compound)) return invalid(reason_);
      if (selector.compounds.size() < kMaxCompoundsPerSelector) {
        selector.compounds.push_back(std::move(compound));
      }
      bool had_space = skip_whitespace();
      if (pos_ >= text_.size()) break;
      char c = text_[pos_];
      Combinator combinator = Combinator::descendant;
      if (c == '>') {
        combinator = Combinator::child;
        ++pos_;
      } else if (c == '+' || c == '~') {
        note_unsupported(std::string("the '") + c + "' sibling combinator");
        ++pos_;
      } else if (!had_space) {
        return invalid(std::string("unexpected '") + c + "'");
      }
      skip_whitespace();
      if (pos_ >= text_.size()) return invalid("a combinator must be followed by a selector");
      if (selector.combinators.size() + 1 < kMaxCompoundsPerSelector) {
        selector.combinators.push_back(combinator);
      }
    }
    if (!unsupported_.empty()) {
      result.status = SelectorParse::Status::unsupported;
      result.reason = unsupported_;
      return result;
    }
    for (const CompoundSelector& compound : selector.compounds) {
      selector.specificity.ids += static_cast<std::uint32_t>(compound.ids.size());
      selector.specificity.classes += static_cast<std::uint32_t>(
          compound.classes.size() + compound.attributes.size() + (compound.first_child ? 1 : 0));
      selector.specificity.types += compound.type.empty() ? 0 : 1;
    }
    result.status = SelectorParse::Status::ok;
    return result;
  }

 private:
  SelectorParse invalid(std::string reason) {
    SelectorParse result;
    result.status = SelectorParse::Status::invalid;
    result.reason = std::move(reason);
    result.selector.text = std::string(text_);
    return result;
  }

  void note_unsupported(std::string reason) {
    if (unsupported_.empty()) unsupported_ = std::move(reason);
  }

  bool fail(std::string reason) {
    reason_ = std::move(reason);
    return false;
  }

  bool skip_whitespace() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && is_css_whitespace(text_[pos_])) ++pos_;
    return pos_ != start;
  }

  std::optional<std::string> identifier() { return consume_identifier(text_, pos_); }

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  bool parse_compound(CompoundSelector& compound) {
    std::size_t start = pos_;
    if (at('*')) {
      ++pos_;
    } else if (auto type = identifier()) {
      compound.type = std::move(*type);
    }
    if (at('|')) {
      note_unsupported("namespace prefixes");
      ++pos_;
      if (at('*')) {
        ++pos_;
      } else if (!identifier()) {
        return fail("expected an element name after '|'");
      }
    }
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '#' || c == '.') {
        ++pos_;
        auto name = identifier();
        if (!name) return fail(std::string("expected a name after '") + c + "'");
        (c == '#' ? compound.ids : compound.classes).push_back(std::move(*name));
      } else if (c == '[') {
        if (!parse_attribute(compound)) return false;
      } else if (c == ':') {
        if (!parse_pseudo(compound)) return false;
      } else {
        break;
      }
    }
    if (pos_ == start) {
      return fail(pos_ < text_.size() ? std::string("unexpected '") + text_[pos_] + "'"
                                      : std::string("expected a selector"));
    }
    return true;
  }

  bool parse_attribute(CompoundSelector& compound) {
    ++pos_;  // '['
    skip_whitespace();
    AttributeSelector attribute;
    if (at('*') || at('|')) {
      note_unsupported("namespace prefixes");
      ++pos_;
      if (at('|')) ++pos_;
    }
    auto name = identifier();
    if (!name) return fail("expected an attribute name after '['");
    attribute.name = std::move(*name);
    if (at('|') && !(pos_ + 1 < text_.size() && text_[pos_ + 1] == '=')) {
      note_unsupported("namespace prefixes");
      ++pos_;
      auto local = identifier();
      if (!local) return fail("expected an attribute name after '|'");
      attribute.name = std::move(*local);
    }
    skip_whitespace();
    if (at(']')) {
      ++pos_;
      compound.attributes.push_back(std::move(attribute));
      return true;
    }
    if (!parse_match(attribute.match)) return fail("expected an attribute operator or ']'");
    skip_whitespace();
    if (at('"') || at('\'')) {
      if (!parse_string(attribute.value)) return fail("unterminated string");
    } else if (auto value = identifier()) {
      attribute.value = std::move(*value);
    } else {
      return fail("expected an identifier or a string as the attribute value");
    }
    skip_whitespace();
    if (identifier()) {  // a flag such as i or s, with or without whitespace before it
      note_unsupported("attribute selector flags");
      skip_whitespace();
    }
    if (!at(']')) return fail("expected ']'");
    ++pos_;
    compound.attributes.push_back(std::move(attribute));
    return true;
  }

  bool parse_match(AttributeSelector::Match& match) {
    using Match = AttributeSelector::Match;
    if (at('=')) {
      ++pos_;
      match = Match::equals;
      return true;
    }
    if (pos_ + 1 >= text_.size() || text_[pos_ + 1] != '=') return false;
    switch (text_[pos_]) {
      case '~':
        match = Match::includes;
        break;
      case '|':
        match = Match::dash_match;
        break;
      case '^':
        match = Match::prefix;
        break;
      case '$':
        match = Match::suffix;
        break;
      case '*':
        match = Match::substring;
        break;
      default:
        return false;
    }
    pos_ += 2;
    return true;
  }

  bool parse_string(std::string& value) {
    auto string = consume_quoted_string(text_, pos_);
    if (!string) return false;
    value = std::move(*string);
    return true;
  }

  bool parse_pseudo(CompoundSelector& compound) {
    ++pos_;  // ':'
    bool element = at(':');
    if (element) ++pos_;
    auto name = identifier();
    if (!name) return fail("expected a name after ':'");
    std::string lowered = to_lower_ascii(*name);
    std::string written = (element ? "::" : ":") + *name;
    if (at('(')) {
      std::size_t close = scan_until(text_, pos_ + 1, ")");
      if (close >= text_.size()) return fail("unclosed '(' after " + written);
      pos_ = close + 1;
      bool known = element ? listed(kFunctionalPseudoElements, lowered)
                           : listed(kFunctionalPseudoClasses, lowered);
      if (!known)
        return fail("unknown pseudo-" + std::string(element ? "element " : "class ") + written +
                    "()");
      note_unsupported(written + "()");
      return true;
    }
    if (!element && lowered == "first-child") {
      compound.first_child = true;
      return true;
    }
    bool known = element
                     ? listed(kPseudoElements, lowered)
                     : listed(kPseudoClasses, lowered) || listed(kLegacyPseudoElements, lowered);
    if (!known) {
      return fail("unknown pseudo-" + std::string(element ? "element " : "class ") + written);
    }
    note_unsupported(written);
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string reason_;       // why parsing failed
  std::string unsupported_;  // the first unsupported feature seen
};

bool contains_word(std::string_view list, std::string_view word) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && is_css_whitespace(list[i])) ++i;
    std::size_t start = i;
    while (i < list.size() && !is_css_whitespace(list[i])) ++i;
    if (i > start && list.substr(start, i - start) == word) return true;
  }
  return false;
}

bool has_whitespace(std::string_view text) {
  return std::any_of(text.begin(), text.end(), is_css_whitespace);
}

bool attribute_matches(const AttributeSelector& selector, const ElementView& element) {
  using Match = AttributeSelector::Match;
  auto value = element.attribute(selector.name);
  if (!value) return false;
  const std::string& expected = selector.value;
  switch (selector.match) {
    case Match::exists:
      return true;
    case Match::equals:
      return *value == expected;
    case Match::includes:
      return !expected.empty() && !has_whitespace(expected) && contains_word(*value, expected);
    case Match::dash_match:
      return *value == expected ||
             (value->size() > expected.size() && value->substr(0, expected.size()) == expected &&
              (*value)[expected.size()] == '-');
    case Match::prefix:
      return !expected.empty() && value->substr(0, expected.size()) == expected;
    case Match::suffix:
      return !expected.empty() && value->size() >= expected.size() &&
             value->substr(value->size() - expected.size()) == expected;
    case Match::substring:
      return !expected.empty() && value->find(expected) != std::string_view::npos;
  }
  return false;
}

bool compound_matches(const CompoundSelector& compound, const ElementView& element) {
  if (!compound.type.empty() && element.local_name() != compound.type) return false;
  if (!compound.ids.empty()) {
    auto id = element.attribute("id");
    if (!id) return false;
    for (const std::string& expected : compound.ids) {
      if (*id != expected) return false;
    }
  }
  if (!compound.classes.empty()) {
    auto classes = element.attribute("class");
    if (!classes) return false;
    for (const std::string& expected : compound.classes) {
      if (!contains_word(*classes, expected)) return false;
    }
  }
  for (const AttributeSelector& attribute : compound.attributes) {
    if (!attribute_matches(attribute, element)) return false;
  }
  return !compound.first_child || element.is_first_child();
}

}  // namespace

SelectorParse parse_selector(std::string_view text) {
  std::string cleaned = replace_comments(text);
  return SelectorParser(trim(cleaned)).run();
}

namespace {

bool match_counting(const Selector& selector, const ElementView& element, std::size_t& checks) {
  const auto& compounds = selector.compounds;
  const auto& combinators = selector.combinators;
  if (compounds.empty() || combinators.size() + 1 != compounds.size()) return false;
  // Runs of compounds joined by '>' are matched as rigid chains, right to left. The rightmost run
  // must end at the element itself; every other run at the nearest ancestor where it fits.
  std::size_t right = compounds.size() - 1;
  const ElementView* start = &element;
  bool anchored = true;
  while (true) {
    std::size_t left = right;
    while (left > 0 && combinators[left - 1] == Combinator::child) --left;
    const ElementView* top = nullptr;
    const ElementView* candidate = start;
    for (; candidate != nullptr; candidate = candidate->parent()) {
      const ElementView* current = candidate;
      std::size_t i = right;
      bool chain_matches = true;
      while (true) {
        ++checks;
        if (current == nullptr || !compound_matches(compounds[i], *current)) {
          chain_matches = false;
          break;
        }
        if (i == left) break;
        current = current->parent();
        --i;
      }
      if (chain_matches) {
        top = current;
        break;
      }
      if (anchored) return false;
    }
    if (top == nullptr) return false;
    if (left == 0) return true;
    start = top->parent();
    if (start == nullptr) return false;
    anchored = false;
    right = left - 1;
  }
}

}  // namespace

bool matches(const Selector& selector, const ElementView& element, std::size_t* compound_checks) {
  std::size_t checks = 0;
  bool matched = match_counting(selector, element, checks);
  if (compound_checks != nullptr) *compound_checks += checks;
  return matched;
}

}  // namespace bimi::svgps::style
