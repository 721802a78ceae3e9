#include <algorithm>
#include <array>
#include <string>

#include "lint/checks.hpp"
#include "lint/schema_model.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::detail {
namespace {

std::string tag(std::string_view name) { return "<" + std::string(name) + ">"; }

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::size_t count_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Elements the schema leaves out, each with the rule that names it and advice.
struct Refused {
  std::string_view name;
  std::string_view rule;
  std::string_view advice;
};
constexpr std::array refused_elements{
    Refused{"script", "element-script", "scripts are never allowed in a logo"},
    Refused{"image", "element-image", "embedded or linked rasters are not allowed; trace the bitmap into paths"},
    Refused{"foreignObject", "element-foreign-object", "foreign content is not allowed"},
    Refused{"a", "element-link", "hyperlinks are not allowed; keep the content and drop the link"},
    Refused{"switch", "element-switch", "conditional content is not allowed; keep the branch that renders"},
    Refused{"animate", "element-animation", "logos must be static"},
    Refused{"animateMotion", "element-animation", "logos must be static"},
    Refused{"animateColor", "element-animation", "logos must be static"},
    Refused{"animateTransform", "element-animation", "logos must be static"},
    Refused{"set", "element-animation", "logos must be static"},
    Refused{"discard", "element-animation", "logos must be static"},
    Refused{"audio", "element-media", "media is not allowed"},
    Refused{"video", "element-media", "media is not allowed"},
    Refused{"animation", "element-media", "embedded animations are not allowed"},
    Refused{"style", "element-style", "CSS is not allowed; use presentation attributes such as fill=\"#c00\""},
    Refused{"clipPath", "element-not-allowed", "clipping is not allowed; apply the clip to the shapes themselves"},
    Refused{"mask", "element-not-allowed", "masks are not allowed; apply them to the shapes themselves"},
    Refused{"filter", "element-not-allowed", "filters (shadows, blurs) are not allowed"},
    Refused{"pattern", "element-not-allowed", "pattern fills are not allowed"},
    Refused{"marker", "element-not-allowed", "markers are not allowed; draw them as paths"},
    Refused{"symbol", "element-not-allowed", "symbols are not allowed; inline their content"},
    Refused{"tspan", "element-not-allowed", "tspan is not allowed; convert text to outlines"},
};

struct AttributeAdvice {
  std::string_view name;
  std::string_view advice;
};
constexpr std::array attribute_advice{
    AttributeAdvice{"opacity", "use fill-opacity and stroke-opacity instead"},
    AttributeAdvice{"clip-path", "clipping is not allowed; apply the clip to the shapes themselves"},
    AttributeAdvice{"mask", "masks are not allowed"},
    AttributeAdvice{"filter", "filters are not allowed"},
    AttributeAdvice{"gradientTransform", "bake the transform into the gradient's coordinates"},
    AttributeAdvice{"spreadMethod", "only the default pad spread is allowed"},
    AttributeAdvice{"fx", "the focal point must be the centre"},
    AttributeAdvice{"fy", "the focal point must be the centre"},
    AttributeAdvice{"fr", "the focal radius is not allowed"},
    AttributeAdvice{"x", "the root element may not be positioned"},
    AttributeAdvice{"y", "the root element may not be positioned"},
};

std::string_view advice_for_attribute(std::string_view name) {
  for (const auto& a : attribute_advice) {
    if (a.name == name) return a.advice;
  }
  return {};
}

class StructureChecker {
 public:
  StructureChecker(const RawDocument& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics), schema_(builtin_schema()) {}

  void run() {
    for (const Location& pi : document_.processing_instructions) {
      report("processing-instruction", "processing instructions are not allowed (only the <?xml …?> declaration)", pi);
    }
    for (const Location& declaration : document_.markup_declarations) {
      report("doctype", "markup declarations are not allowed", declaration);
    }
    const RawElement& root = document_.root();
    if (!root.is_svg("svg")) {
      report("root-element",
             root.local == "svg" ? "root <" + root.qname + "> is not in the SVG namespace; add xmlns=\"http://www.w3.org/2000/svg\""
                                 : "root element is " + tag(root.qname) + "; a logo's root must be <svg>",
             root.location);
    }
    check_root_attributes(root);
    // Without the SVG namespace nothing below the root is SVG; the root finding says it all.
    if (root.ns != svg_namespace) return;
    check_titles(root);
    check_element(0);
  }

 private:
  void report(std::string_view rule, std::string message, Location location) {
    diagnostics_.add(std::string(rule), Severity::error, std::move(message), location);
  }

  void check_root_attributes(const RawElement& root) {
    const RawAttribute* version = root.attribute("version");
    if (!version) {
      report("version", "root <svg> has no version; add version=\"1.2\"", root.location);
    } else if (trim_xml_space(version->value) != "1.2") {
      report("version", "version is \"" + version->value + "\"; SVG Tiny P/S requires version=\"1.2\"", version->location);
    }
    const RawAttribute* profile = root.attribute("baseProfile");
    if (!profile) {
      report("base-profile", "root <svg> has no baseProfile; add baseProfile=\"tiny-ps\"", root.location);
    } else if (trim_xml_space(profile->value) != "tiny-ps") {
      report("base-profile", "baseProfile is \"" + profile->value + "\"; it must be \"tiny-ps\"", profile->location);
    }
    for (const char* name : {"x", "y"}) {
      if (const RawAttribute* a = root.attribute(name)) {
        report("root-position", std::string("attribute '") + name + "' is not allowed on the root <svg>; remove it",
               a->location);
      }
    }
  }

  void check_titles(const RawElement& root) {
    const RawElement* first_child = root.children.empty() ? nullptr : &document_.elements[root.children.front()];
    std::vector<const RawElement*> titles;
    for (std::size_t index : root.children) {
      if (document_.elements[index].is_svg("title")) titles.push_back(&document_.elements[index]);
    }
    if (titles.empty()) {
      report("title-missing", "root <svg> has no <title>; add <title>Brand name</title> as its first child", root.location);
    } else {
      if (first_child != titles.front()) {
        report("title-first", "<title> must be the first child of <svg>; " + tag(first_child->qname) + " comes before it",
               titles.front()->location);
      }
      for (std::size_t i = 1; i < titles.size(); ++i) {
        report("title-duplicate", "<svg> has more than one <title>; keep only the first", titles[i]->location);
      }
      const RawElement& title = *titles.front();
      std::string text = trim_xml_space(title.text);
      if (text.empty()) {
        report("title-empty", "<title> is empty; name the brand", title.location);
      } else if (std::size_t n = count_characters(text); n > 64) {
        report("title-long", "<title> has " + std::to_string(n) + " characters; keep it to 64 or fewer", title.location);
      }
    }
    for (const auto& element : document_.elements) {
      if (element.is_svg("desc") && is_blank(element.text)) {
        report("desc-empty", "<desc> is empty; describe the logo or remove the element", element.location);
      }
    }
  }

  // Walks the tree without recursion. Refused and foreign elements are reported once; their
  // content is not examined further (it cannot be kept anyway).
  void check_element(std::size_t root_index) {
    std::vector<std::size_t> stack{root_index};
    while (!stack.empty()) {
      std::size_t index = stack.back();
      stack.pop_back();
      const RawElement& element = document_.elements[index];
      const ElementSpec* spec = check_placement(element);
      if (!spec) continue;
      check_attributes(element, *spec);
      if (element.local == "text" || element.local == "textArea") {
        report("text-not-outlined",
               tag(element.qname) + " is drawn with the reader's fonts and may look different; convert it to outlines",
               element.location);
      }
      if (!spec->text && !is_blank(element.text)) {
        report("text-not-allowed", tag(element.qname) + " may not contain text", element.text_location);
      }
      for (auto it = element.children.rbegin(); it != element.children.rend(); ++it) stack.push_back(*it);
    }
  }

  // Returns the element's spec when its content should be checked.
  const ElementSpec* check_placement(const RawElement& element) {
    if (element.ns != svg_namespace) {
      if (element.parent == RawElement::no_parent) return nullptr;  // root-element already said it
      report("foreign-element",
             tag(element.qname) + " is from another namespace (" + (element.ns.empty() ? "none" : element.ns) +
                 "); editor metadata and foreign markup are not allowed",
             element.location);
      return nullptr;
    }
    const ElementSpec* spec = schema_.element(element.local);
    if (!spec) {
      auto refused = std::find_if(refused_elements.begin(), refused_elements.end(),
                                  [&](const Refused& r) { return r.name == element.local; });
      if (refused != refused_elements.end()) {
        report(refused->rule, tag(element.qname) + " is not allowed in SVG Tiny P/S: " + std::string(refused->advice),
               element.location);
      } else {
        report("element-not-allowed", tag(element.qname) + " is not an element of SVG Tiny P/S", element.location);
      }
      return nullptr;
    }
    if (element.parent != RawElement::no_parent) {
      const RawElement& parent = document_.elements[element.parent];
      const ElementSpec* parent_spec = schema_.element(parent.local);
      // Titles at the root are the title rules' business.
      bool root_title = element.local == "title" && parent.parent == RawElement::no_parent;
      if (parent_spec && !root_title && !parent_spec->children.count(element.local)) {
        std::string where;
        for (const auto& p : schema_.parents_of(element.local)) where += (where.empty() ? "" : ", ") + tag(p);
        report("element-misplaced",
               tag(element.qname) + " is not allowed inside " + tag(parent.qname) +
                   (where.empty() ? std::string() : "; it may appear in " + where),
               element.location);
      }
    } else if (element.local != "svg") {
      return nullptr;  // a profile element as root: root-element already said it
    }
    return spec;
  }

  void check_attributes(const RawElement& element, const ElementSpec& spec) {
    bool is_root = element.parent == RawElement::no_parent;
    for (const RawAttribute& a : element.attributes) {
      if (a.ns == xlink_namespace) {
        if (a.local == "href") {
          report("xlink-href", "xlink:href is not allowed; " +
                                   std::string(element.local == "use" ? "write plain href=\"" + a.value + "\""
                                                                      : "SVG Tiny P/S allows a reference only on <use>"),
                 a.location);
        } else {
          report("foreign-attribute", "attribute '" + a.qname + "' (XLink) is not allowed", a.location);
        }
        continue;
      }
      if (!a.ns.empty() && a.ns != xml_namespace) {
        report("foreign-attribute", "attribute '" + a.qname + "' is from another namespace (" + a.ns +
                                        "); editor metadata is not allowed",
               a.location);
        continue;
      }
      if (a.ns.empty() && a.local.size() > 2 && a.local.compare(0, 2, "on") == 0) {
        report("event-attribute", "event handler '" + a.qname + "' is not allowed; logos cannot run scripts", a.location);
        continue;
      }
      if (a.ns.empty() && a.local == "style") {
        report("style-attribute", "style=\"\" is not allowed; use presentation attributes such as fill=\"#c00\"",
               a.location);
        continue;
      }
      if (is_root && (a.qname == "x" || a.qname == "y")) continue;  // root-position
      if (is_root && (a.qname == "version" || a.qname == "baseProfile")) continue;  // their own rules
      auto found = spec.attributes.find(a.qname);
      if (found == spec.attributes.end()) {
        std::string_view advice = advice_for_attribute(a.qname);
        report("attribute-not-allowed",
               "attribute '" + a.qname + "' is not allowed on " + tag(element.qname) +
                   (advice.empty() ? std::string() : "; " + std::string(advice)),
               a.location);
        continue;
      }
      if (std::string reason = check_attribute_value(found->second, a.value); !reason.empty()) {
        report("attribute-value",
               "attribute '" + a.qname + "' on " + tag(element.qname) + " has the value \"" + a.value + "\"; it " + reason,
               a.location);
      }
    }
    for (const auto& group : spec.exclusive) {
      std::vector<const RawAttribute*> present;
      for (const auto& name : group) {
        if (const RawAttribute* a = element.attribute(name)) present.push_back(a);
      }
      if (present.size() > 1) {
        report("attribute-not-allowed",
               "'" + present[0]->qname + "' and '" + present[1]->qname + "' cannot both be on " + tag(element.qname) +
                   "; keep one",
               present[1]->location);
      }
    }
  }

  const RawDocument& document_;
  Diagnostics& diagnostics_;
  const SchemaModel& schema_;
};

}  // namespace

void check_structure(const RawDocument& document, Diagnostics& diagnostics) {
  StructureChecker(document, diagnostics).run();
}

}  // namespace bimi::svgps::detail
