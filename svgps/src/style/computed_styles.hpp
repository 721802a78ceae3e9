// Computed property values for every element: presentation attributes, then <style> sheets and
// style="" by the CSS cascade, then inheritance — so later stages never see CSS.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::style {

class ComputedStyles {
 public:
  // Reports what it resolved (CSS rules, style attributes) and what it could not (unsupported
  // selectors, at-rules) to `changes`.
  static ComputedStyles compute(const detail::RawDocument& document, Diagnostics& changes);

  // The computed value of a property on an element, if any applies (inherited or specified).
  std::optional<std::string_view> get(std::size_t element, std::string_view property) const;
  // The value specified on the element itself (attribute or CSS), without inheritance.
  std::optional<std::string_view> specified(std::size_t element, std::string_view property) const;

  using Values = std::map<std::string, std::string, std::less<>>;
  const Values& computed(std::size_t element) const { return computed_[element]; }
  const Values& specified_values(std::size_t element) const { return specified_[element]; }
  // The CSS transform property set on the element by a sheet or style="", in CSS syntax (units,
  // commas); it overrides the transform attribute. Not inherited.
  std::optional<std::string_view> css_transform(std::size_t element) const {
    const auto& value = css_transforms_[element];
    return value ? std::optional<std::string_view>(*value) : std::nullopt;
  }
  // The computed values of `element` if its parent's computed values were `parent` — for the
  // copies <use> makes, which inherit from the <use>, not from where the original sits.
  Values computed_under(const Values& parent, std::size_t element) const;

 private:
  std::vector<Values> computed_;
  std::vector<Values> specified_;
  std::vector<std::optional<std::string>> css_transforms_;
};

}  // namespace bimi::svgps::style
