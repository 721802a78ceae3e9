// CSS selectors: the subset that SVG exports use, parsed and matched against the caller's tree.
//
// Supported: universal (*), type, .class, #id, attribute selectors [a] [a=v] [a~=v] [a|=v] [a^=v]
// [a$=v] [a*=v] (value quoted or not), compound selectors, the descendant (whitespace) and child
// (>) combinators and :first-child. Other valid CSS (pseudo-classes such as :hover or :not(),
// pseudo-elements, the + and ~ combinators, namespace prefixes, attribute flags) is reported as
// unsupported. A selector that is not valid CSS, including an unknown pseudo-class, is invalid,
// which in CSS drops the whole rule it belongs to.
//
// Names and values compare case-sensitively, as CSS does for XML documents.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::svgps::style {

// The caller's element tree, seen read-only. The id and the class list come through
// attribute("id") and attribute("class") (a whitespace-separated list).
class ElementView {
 public:
  virtual ~ElementView() = default;
  virtual std::string_view local_name() const = 0;
  virtual std::optional<std::string_view> attribute(std::string_view name) const = 0;
  virtual const ElementView* parent() const = 0;  // nullptr for the root
  virtual bool is_first_child() const = 0;        // first element child of its parent
};

// CSS Selectors Level 3, section 9: (ids, classes + attributes + pseudo-classes, types +
// pseudo-elements), compared lexicographically.
struct Specificity {
  std::uint32_t ids = 0;
  std::uint32_t classes = 0;
  std::uint32_t types = 0;
  friend auto operator<=>(const Specificity&, const Specificity&) = default;
};

struct AttributeSelector {
  enum class Match { exists, equals, includes, dash_match, prefix, suffix, substring };
  std::string name;
  Match match = Match::exists;
  std::string value;
};

struct CompoundSelector {
  std::string type;  // empty: any element (universal or omitted)
  std::vector<std::string> ids;
  std::vector<std::string> classes;
  std::vector<AttributeSelector> attributes;
  bool first_child = false;
};

enum class Combinator { descendant, child };

struct Selector {
  // compounds.front() is the leftmost, compounds.back() the subject; combinators[i] joins
  // compounds[i] and compounds[i + 1].
  std::vector<CompoundSelector> compounds;
  std::vector<Combinator> combinators;
  Specificity specificity;
  std::string text;  // as written (comments removed, trimmed), for reports
};

// Compound selectors in one complex selector beyond this are reported as a limit; it bounds the
// cost of matching (depth x compounds) per element.
inline constexpr std::size_t kMaxCompoundsPerSelector = 32;

struct SelectorParse {
  enum class Status { ok, unsupported, invalid };
  Status status = Status::invalid;
  Selector selector;   // status == ok
  std::string reason;  // status != ok
};

// One complex selector (no top-level comma). Linear time.
SelectorParse parse_selector(std::string_view text);

// Whether `element` is matched by `selector`. Iterative, O(tree depth x compounds): each run of
// child-combined compounds is placed at the nearest ancestor where it fits, which is optimal
// because the runs further left only need some ancestor above it.
// `compound_checks`, when given, is increased by the number of compound selectors tested: the
// unit of work that Cascade budgets.
bool matches(const Selector& selector, const ElementView& element,
             std::size_t* compound_checks = nullptr);

}  // namespace bimi::svgps::style
