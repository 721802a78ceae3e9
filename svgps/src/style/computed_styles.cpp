#include "style/computed_styles.hpp"

#include <memory>

#include "style/cascade.hpp"
#include "style/color.hpp"
#include "style/css_text.hpp"
#include "style/paint.hpp"

namespace bimi::svgps::style {
namespace {

using detail::RawDocument;
using detail::RawElement;

// Presents the raw tree to the CSS matcher.
class RawElementView final : public ElementView {
 public:
  RawElementView(const RawDocument& document, std::size_t index, const std::vector<RawElementView>& all)
      : document_(document), index_(index), all_(all) {}

  std::string_view local_name() const override { return document_.elements[index_].local; }
  std::optional<std::string_view> attribute(std::string_view name) const override {
    const auto* a = document_.elements[index_].attribute(name);
    if (!a) return std::nullopt;
    return std::string_view(a->value);
  }
  const ElementView* parent() const override {
    std::size_t p = document_.elements[index_].parent;
    return p == RawElement::no_parent ? nullptr : &all_[p];
  }
  bool is_first_child() const override {
    std::size_t p = document_.elements[index_].parent;
    return p == RawElement::no_parent || document_.elements[p].children.front() == index_;
  }

 private:
  const RawDocument& document_;
  std::size_t index_;
  const std::vector<RawElementView>& all_;
};

// CSS properties that change rendering but are not SVG presentation attributes: kept so the
// builder can honour them (paint-order, mask-type) or refuse them (blending) instead of dropping
// them silently.
bool is_rendering_css(std::string_view property) {
  return property == "mix-blend-mode" || property == "isolation" || property == "paint-order" ||
         property == "mask-type";
}

// CSS 2.1 §4.2: a declaration whose value does not parse is ignored, so the presentation attribute
// or the inherited value applies (librsvg does the same). Checked for the colour properties, where
// a value from a newer CSS (color(display-p3 …), oklch()) or a typo would otherwise be read as
// none.
bool valid_declaration(std::string_view property, std::string_view value) {
  if (is_inherit(value)) return true;
  if (property == "fill" || property == "stroke") return parse_paint(value).has_value();
  if (property == "color" || property == "stop-color" || property == "flood-color" ||
      property == "lighting-color" || property == "solid-color") {
    return parse_color(value).has_value() || is_current_color(value);
  }
  return true;
}

// A fill or stroke attribute that is no paint (a typo, "red icc-color(…)", a url() whose fallback
// is no colour) is ignored by librsvg 2.54 as by browsers, and the inherited value applies. What
// the converter reads otherwise stays as it is read (PaintValue): "NONE", "URL(#g)", "url(#g".
bool valid_paint_attribute(std::string_view value) {
  std::string_view paint = trim(value);
  if (paint.empty()) return false;
  std::string_view url = paint;
  if (consume_prefix_ignoring_case(url, "url(")) {
    std::size_t close = url.find(')');
    if (close == std::string_view::npos) return true;
    paint = trim(url.substr(close + 1));
    if (paint.empty()) return true;
  }
  return iequals(paint, "none") || is_current_color(paint) || is_inherit(paint) || parse_color(paint).has_value();
}

}  // namespace

ComputedStyles ComputedStyles::compute(const RawDocument& document, Diagnostics& changes) {
  ComputedStyles out;
  const std::size_t n = document.elements.size();
  out.computed_.resize(n);
  out.specified_.resize(n);
  out.css_transforms_.resize(n);

  std::vector<std::unique_ptr<StyleSheet>> sheets;
  std::vector<const StyleSheet*> sheet_pointers;
  for (const auto& e : document.elements) {
    if (!e.is_svg("style")) continue;
    const auto* type = e.attribute("type");
    if (type && type->value != "text/css" && !type->value.empty()) continue;
    auto sheet = std::make_unique<StyleSheet>(parse_stylesheet(e.text));
    for (const auto& skipped : sheet->skipped) {
      changes.add("convert-css", Severity::warning, "CSS not applied (" + skipped.reason + "): " + skipped.excerpt,
                  e.location);
    }
    sheet_pointers.push_back(sheet.get());
    sheets.push_back(std::move(sheet));
  }

  std::vector<RawElementView> views;
  views.reserve(n);
  for (std::size_t i = 0; i < n; ++i) views.emplace_back(document, i, views);

  Cascade cascade(sheet_pointers);
  std::size_t styled_elements = 0;
  Location first_styled;
  for (std::size_t i = 0; i < n; ++i) {
    const RawElement& e = document.elements[i];
    Values& specified = out.specified_[i];
    for (const auto& a : e.attributes) {
      if (a.ns.empty() && (is_presentation_attribute(a.local) || is_rendering_css(a.local))) {
        if ((a.local == "fill" || a.local == "stroke") && !valid_paint_attribute(a.value)) {
          changes.add("convert-paint", Severity::note,
                      a.local + " \"" + std::string(trim(a.value)) +
                          "\" is no paint; the attribute is ignored, as renderers do, and the inherited value applies",
                      a.location);
          continue;
        }
        specified[a.local] = a.value;
      }
    }
    const auto* style_attribute = e.attribute("style");
    bool styled = false;
    if (!sheet_pointers.empty() || style_attribute) {
      auto declarations = cascade.resolve(views[i], style_attribute ? std::string_view(style_attribute->value)
                                                                  : std::string_view());
      for (const auto& d : declarations) {
        if (d.property == "transform") {
          out.css_transforms_[i] = d.value;
          styled = true;
          continue;
        }
        if (!is_presentation_attribute(d.property) && !is_rendering_css(d.property)) continue;
        if (!valid_declaration(d.property, d.value)) {
          changes.add("convert-css", Severity::note,
                      "CSS declaration " + d.property + ": " + d.value + " is not valid and was ignored, as CSS requires",
                      e.location);
          continue;
        }
        specified[d.property] = d.value;
        styled = true;
      }
    }
    if (styled) {
      if (styled_elements++ == 0) first_styled = e.location;
    }
    Values& computed = out.computed_[i];
    if (e.parent != RawElement::no_parent) {
      for (const auto& [property, value] : out.computed_[e.parent]) {
        if (is_inherited(property) || property == "paint-order") computed[property] = value;
      }
    }
    for (const auto& [property, value] : specified) {
      if (is_inherit(value)) {
        if (e.parent != RawElement::no_parent) {
          auto it = out.computed_[e.parent].find(property);
          if (it != out.computed_[e.parent].end()) {
            computed[property] = it->second;
            continue;
          }
        }
        computed.erase(property);
      } else {
        computed[property] = value;
      }
    }
  }
  if (cascade.budget_exhausted()) {
    changes.add("convert-refused", Severity::error,
                "the style sheets are too costly to match against this document (bimi's matching budget was spent)");
  }
  if (styled_elements > 0) {
    changes.add("convert-css", Severity::note,
                "CSS (<style> rules and style=\"\") resolved into presentation attributes on " +
                    std::to_string(styled_elements) + (styled_elements == 1 ? " element" : " elements"),
                first_styled);
  }
  return out;
}

ComputedStyles::Values ComputedStyles::computed_under(const Values& parent, std::size_t element) const {
  Values computed;
  for (const auto& [property, value] : parent) {
    if (is_inherited(property) || property == "paint-order") computed[property] = value;
  }
  for (const auto& [property, value] : specified_[element]) {
    if (is_inherit(value)) {
      auto it = parent.find(property);
      if (it != parent.end()) {
        computed[property] = it->second;
      } else {
        computed.erase(property);
      }
    } else {
      computed[property] = value;
    }
  }
  return computed;
}

std::optional<std::string_view> ComputedStyles::get(std::size_t element, std::string_view property) const {
  const Values& values = computed_[element];
  auto it = values.find(property);
  if (it == values.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string_view> ComputedStyles::specified(std::size_t element, std::string_view property) const {
  const Values& values = specified_[element];
  auto it = values.find(property);
  if (it == values.end()) return std::nullopt;
  return std::string_view(it->second);
}

}  // namespace bimi::svgps::style
