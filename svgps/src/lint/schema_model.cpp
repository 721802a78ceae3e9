#include "lint/schema_model.hpp"

#include "svg/xml_space.hpp"

#include <tinyxml2.h>

#include <regex>
#include <stdexcept>

namespace bimi::svgps::detail {

std::string_view embedded_schema_rng();  // generated from svgps/schema/SVG_PS-latest.rng

namespace {

std::string_view name_of(const tinyxml2::XMLElement& e) { return e.Name(); }

class RngReader {
 public:
  SchemaModel read(std::string_view rng) {
    tinyxml2::XMLDocument xml;
    if (xml.Parse(rng.data(), rng.size()) != tinyxml2::XML_SUCCESS) {
      throw std::runtime_error("bundled schema is not well-formed XML");
    }
    const tinyxml2::XMLElement* grammar = xml.RootElement();
    // Pass 1: define name → element name.
    for (const auto* define = grammar->FirstChildElement("define"); define;
         define = define->NextSiblingElement("define")) {
      if (const auto* element = define->FirstChildElement("element")) {
        define_to_element_[define->Attribute("name")] = element->Attribute("name");
      }
    }
    // Pass 2: each element's content.
    SchemaModel model;
    for (const auto* define = grammar->FirstChildElement("define"); define;
         define = define->NextSiblingElement("define")) {
      if (const auto* element = define->FirstChildElement("element")) {
        ElementSpec& spec = model.elements[element->Attribute("name")];
        for (const auto* child = element->FirstChildElement(); child; child = child->NextSiblingElement()) {
          read_pattern(*child, spec, true);
        }
      }
    }
    return model;
  }

 private:
  void read_pattern(const tinyxml2::XMLElement& pattern, ElementSpec& spec, bool required) {
    std::string_view name = name_of(pattern);
    if (name == "attribute") {
      read_attribute(pattern, spec, required);
    } else if (name == "ref") {
      auto it = define_to_element_.find(pattern.Attribute("name"));
      if (it != define_to_element_.end()) spec.children.insert(it->second);
    } else if (name == "element") {
      spec.children.insert(pattern.Attribute("name"));
    } else if (name == "text") {
      spec.text = true;
    } else {
      if (name == "choice") record_exclusive(pattern, spec);
      // optional, zeroOrMore and choice make what they hold optional; group, interleave and
      // oneOrMore keep it as required as their context.
      bool inner_required =
          required && (name == "group" || name == "interleave" || name == "oneOrMore");
      for (const auto* child = pattern.FirstChildElement(); child; child = child->NextSiblingElement()) {
        read_pattern(*child, spec, inner_required);
      }
    }
  }

  static void record_exclusive(const tinyxml2::XMLElement& choice, ElementSpec& spec) {
    std::vector<std::string> names;
    for (const auto* child = choice.FirstChildElement(); child; child = child->NextSiblingElement()) {
      if (name_of(*child) != "attribute") return;
      names.emplace_back(child->Attribute("name"));
    }
    if (names.size() > 1) spec.exclusive.push_back(std::move(names));
  }

  void read_attribute(const tinyxml2::XMLElement& pattern, ElementSpec& spec, bool required) {
    AttributeSpec& attribute = spec.attributes[pattern.Attribute("name")];
    attribute.required = required;
    if (!pattern.FirstChildElement()) attribute.any_text = true;  // <attribute name="x"/> is text
    read_value(pattern, attribute);
  }

  void read_value(const tinyxml2::XMLElement& pattern, AttributeSpec& attribute) {
    for (const auto* child = pattern.FirstChildElement(); child; child = child->NextSiblingElement()) {
      std::string_view name = name_of(*child);
      if (name == "value") {
        attribute.values.push_back(collapse_xml_space(child->GetText() ? child->GetText() : ""));
      } else if (name == "data") {
        std::string_view type = child->Attribute("type");
        if (const auto* param = child->FirstChildElement("param")) {
          attribute.pattern = param->GetText() ? param->GetText() : "";
          attribute.datatype = type;
        } else if (type == "string" || type == "anyURI") {
          attribute.any_text = true;
        } else if (attribute.datatype.empty()) {
          attribute.datatype = type;
        }
      } else if (name == "text") {
        attribute.any_text = true;
      } else if (name == "optional") {
        attribute.may_be_empty = true;
        read_value(*child, attribute);
      } else {
        read_value(*child, attribute);  // choice
      }
    }
  }

  std::map<std::string, std::string, std::less<>> define_to_element_;
};

bool is_ncname_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_ncname_char(unsigned char c) {
  return is_ncname_start(c) || std::isdigit(c) || c == '-' || c == '.';
}

bool is_ncname(std::string_view value) {
  if (value.empty() || !is_ncname_start(static_cast<unsigned char>(value[0]))) return false;
  for (char c : value) {
    if (!is_ncname_char(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_nmtokens(std::string_view value) {
  std::string collapsed = collapse_xml_space(value);
  if (collapsed.empty()) return false;
  for (char c : collapsed) {
    if (c != ' ' && c != ':' && !is_ncname_char(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_language(std::string_view value) {
  static const std::regex language("[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*");
  return std::regex_match(value.begin(), value.end(), language);
}

// XSD patterns are implicitly anchored and \s means XML whitespace; std::regex ECMAScript agrees
// on the constructs the schema uses.
bool matches_xsd_pattern(std::string_view pattern, std::string_view value) {
  std::regex re{std::string(pattern)};
  return std::regex_match(value.begin(), value.end(), re);
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += "\"" + v + "\"";
  }
  return out;
}

}  // namespace

const ElementSpec* SchemaModel::element(std::string_view name) const {
  auto it = elements.find(name);
  return it == elements.end() ? nullptr : &it->second;
}

std::vector<std::string> SchemaModel::parents_of(std::string_view child) const {
  std::vector<std::string> parents;
  for (const auto& [name, spec] : elements) {
    if (spec.children.count(child)) parents.push_back(name);
  }
  return parents;
}

std::string_view builtin_schema_rng() { return embedded_schema_rng(); }

const SchemaModel& builtin_schema() {
  static const SchemaModel model = RngReader().read(embedded_schema_rng());
  return model;
}

std::string check_attribute_value(const AttributeSpec& spec, std::string_view value) {
  std::string token = collapse_xml_space(value);
  for (const auto& allowed : spec.values) {
    if (token == allowed) return {};
  }
  if (spec.may_be_empty && token.empty()) return {};
  if (!spec.pattern.empty()) {
    if (matches_xsd_pattern(spec.pattern, value)) return {};
    return spec.values.empty() ? "must match the pattern " + spec.pattern
                               : "must be one of " + join(spec.values) + " or match " + spec.pattern;
  }
  if (spec.any_text) return {};
  if (spec.datatype == "NCName") {
    return is_ncname(value) ? std::string() : "must be an XML name (a letter or '_' first, no spaces or colons)";
  }
  if (spec.datatype == "NMTOKENS") {
    return is_nmtokens(value) ? std::string() : "must be a list of name tokens";
  }
  if (spec.datatype == "language") {
    return is_language(value) ? std::string() : "must be a language tag such as \"en\" or \"en-US\"";
  }
  if (!spec.datatype.empty()) return {};  // other XSD types are not used by the schema's attributes
  return "must be " + std::string(spec.values.size() == 1 ? "" : "one of ") + join(spec.values);
}

}  // namespace bimi::svgps::detail
