#include "convert/build_state.hpp"

#include <algorithm>
#include <cmath>

#include "geometry/css_transform.hpp"
#include "svg/iri.hpp"

namespace bimi::svgps::convert {
namespace {

std::vector<ElementStyle> resolve_all(const style::ComputedStyles& styles, const RawDocument& document) {
  std::vector<ElementStyle> out;
  out.reserve(document.elements.size());
  for (std::size_t i = 0; i < document.elements.size(); ++i) {
    out.push_back(resolve_element_style(styles.computed(i), styles.specified_values(i)));
  }
  return out;
}

}  // namespace

BuildState::BuildState(const RawDocument& input, const BuildOptions& build_options, Diagnostics& change_log)
    : document(input), options(build_options), changes(change_log),
      styles(style::ComputedStyles::compute(input, change_log)), element_styles(resolve_all(styles, input)) {}

void BuildState::note(std::string_view kind, const RawElement& e, std::string message) {
  if (!noted.emplace(std::string(kind), message, e.location.line, e.location.column).second) return;
  changes.add(std::string(kind), Severity::note, std::move(message), e.location);
}

void BuildState::approximate(const RawElement& e, std::string message) {
  changes.add("convert-approximated", Severity::warning, std::move(message), e.location);
}

void BuildState::refuse(const RawElement& e, std::string message) {
  changes.add("convert-refused", Severity::error, std::move(message), e.location);
  refused = true;
}

bool BuildState::refuse_or_drop(const RawElement& e, const std::string& what) {
  if (!options.force) {
    refuse(e, what + " cannot be represented in SVG Tiny P/S (use --force to drop it and accept the difference)");
    return false;
  }
  changes.add("convert-dropped", Severity::warning, what + " dropped (--force)", e.location);
  return true;
}

std::optional<std::size_t> BuildState::href_target(const RawElement& e) const {
  const RawAttribute* href = e.href();
  if (!href) return std::nullopt;
  auto it = ids.find(local_reference(href->value, true));
  if (it == ids.end()) return std::nullopt;
  return it->second;
}

std::vector<std::size_t> BuildState::href_chain(std::size_t index) const {
  std::vector<std::size_t> chain;
  for (std::optional<std::size_t> i = index; i && std::find(chain.begin(), chain.end(), *i) == chain.end();) {
    chain.push_back(*i);
    i = href_target(document.elements[*i]);
  }
  return chain;
}

std::optional<std::string_view> BuildState::property(std::size_t index, std::string_view name) const {
  auto it = instance_styles.find(index);
  if (it == instance_styles.end()) return styles.get(index, name);
  auto value = it->second.computed.find(name);
  if (value == it->second.computed.end()) return std::nullopt;
  return std::string_view(value->second);
}

const style::ComputedStyles::Values& BuildState::computed_values(std::size_t index) const {
  auto it = instance_styles.find(index);
  return it == instance_styles.end() ? styles.computed(index) : it->second.computed;
}

const ElementStyle& BuildState::style(std::size_t index) const {
  auto it = instance_styles.find(index);
  return it == instance_styles.end() ? element_styles[index] : it->second.typed;
}

std::optional<std::string_view> BuildState::own(std::size_t index, std::string_view name) const {
  return styles.specified(index, name);
}

geo::Matrix BuildState::element_transform(const RawElement& e) {
  // The CSS property (from a sheet or style="") places an element that has no transform
  // attribute; an invalid one is ignored, as CSS does. With the attribute, librsvg (the reference)
  // draws the attribute's transform, although SVG 2 makes it a presentation attribute the CSS
  // property would override: the converter draws what librsvg draws.
  const RawAttribute* a = e.attribute("transform");
  if (!a && &e >= document.elements.data() && &e < document.elements.data() + document.elements.size()) {
    if (auto css = styles.css_transform(static_cast<std::size_t>(&e - document.elements.data()))) {
      if (auto m = geo::parse_css_transform(*css)) return *m;
      note("convert-css", e, "CSS transform \"" + std::string(*css) + "\" is not valid and was ignored, as CSS requires");
    }
  }
  if (!a) return {};
  auto m = geo::parse_transform(a->value);
  if (!m) {
    note("convert-removed", e, "transform \"" + a->value + "\" is not valid SVG and was ignored, as renderers do");
    return {};
  }
  return *m;
}

double BuildState::tolerance() const {
  return options.tolerance * std::max(out.view_box.width, out.view_box.height) / 512.0;
}

double BuildState::tolerance_under(const geo::Matrix& m) const {
  double half_sum = (m.a * m.a + m.b * m.b + m.c * m.c + m.d * m.d) / 2;
  double det = m.determinant();
  double stretch = std::sqrt(half_sum + std::sqrt(std::max(0.0, half_sum * half_sum - det * det)));
  return stretch > 0 && std::isfinite(stretch) ? tolerance() / stretch : tolerance();
}

std::string tag(const RawElement& e) { return "<" + e.qname + ">"; }

std::string local_reference(std::string_view value, bool bare_allowed) {
  std::string text = trim_xml_space(value);
  if (!bare_allowed && text.rfind("url(", 0) != 0) return {};
  if (text.rfind("url(", 0) == 0) text = detail::url_inner(text);
  return text.size() > 1 && text.front() == '#' ? text.substr(1) : std::string();
}

}  // namespace bimi::svgps::convert
