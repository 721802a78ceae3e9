// The official Tiny P/S RelaxNG schema, read into allow-lists: for each element, the attributes it
// may carry (with their allowed values) and the elements it may contain. Derived from the bundled
// schema itself, so the linter's allow-lists cannot drift from the oracle.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::svgps::detail {

struct AttributeSpec {
  bool required = false;
  std::vector<std::string> values;  // enumerated tokens
  bool any_text = false;            // xsd:string or text: any value (unless `pattern` is set)
  std::string datatype;             // NCName, NMTOKENS, language, anyURI … when constrained
  std::string pattern;              // an XSD pattern the whole value must match
  bool may_be_empty = false;        // `xsd:language?` and the like
};

struct ElementSpec {
  std::map<std::string, AttributeSpec, std::less<>> attributes;  // by qualified name ("xml:space")
  std::set<std::string, std::less<>> children;
  bool text = false;
  // Attributes of which at most one may appear (RelaxNG <choice> between attributes: id | xml:id).
  std::vector<std::vector<std::string>> exclusive;
};

struct SchemaModel {
  std::map<std::string, ElementSpec, std::less<>> elements;

  const ElementSpec* element(std::string_view name) const;
  // Every element that may contain `child`, for advice in messages.
  std::vector<std::string> parents_of(std::string_view child) const;
};

// The bundled schema (svgps/schema/SVG_PS-latest.rng), parsed once.
const SchemaModel& builtin_schema();
std::string_view builtin_schema_rng();

// Checks a value against an attribute's spec. Returns an empty string when it is allowed, else a
// short reason ("must be one of: …").
std::string check_attribute_value(const AttributeSpec& spec, std::string_view value);

}  // namespace bimi::svgps::detail
