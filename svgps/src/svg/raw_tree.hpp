// The XML as written: elements with resolved namespaces, attributes and their line:column.
// Built from tinyxml2, which has no namespaces and no columns; both are added here.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/svgps/limits.hpp"

namespace bimi::svgps::detail {

inline constexpr std::string_view svg_namespace = "http://www.w3.org/2000/svg";
inline constexpr std::string_view xlink_namespace = "http://www.w3.org/1999/xlink";
inline constexpr std::string_view xml_namespace = "http://www.w3.org/XML/1998/namespace";

// The namespace given to a name whose prefix no xmlns declares (the document is then malformed for
// namespace-aware parsers such as librsvg's libxml2, which refuse it).
inline constexpr std::string_view undeclared_namespace_prefix = "urn:bimi:undeclared:";

struct RawAttribute {
  std::string qname;      // as written, e.g. "xlink:href"
  std::string local;      // "href"
  std::string ns;         // resolved namespace URI; empty for unprefixed attributes
  std::string value;      // entity references decoded
  Location location;
};

// Where a run of an element's character data falls among its child elements: after the first
// `after_children` of them, at [begin, end) of RawElement::text.
struct RawTextPiece {
  std::size_t after_children = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct RawElement {
  static constexpr std::size_t no_parent = static_cast<std::size_t>(-1);

  std::string qname;
  std::string local;
  std::string ns;
  Location location;
  std::vector<RawAttribute> attributes;  // namespace declarations excluded
  std::vector<std::size_t> children;     // indices into RawDocument::elements
  std::size_t parent = no_parent;
  int depth = 0;
  std::string text;  // direct character data, concatenated
  std::vector<RawTextPiece> text_pieces;  // the same, piece by piece among the children (text layout)
  Location text_location;

  const RawAttribute* attribute(std::string_view qname) const;
  // The reference: href, else an href in the XLink namespace under whatever prefix is bound to it.
  const RawAttribute* href() const;
  bool is_svg(std::string_view name) const { return ns == svg_namespace && local == name; }
};

// An id given again on a later element: elements[element].attributes[attribute] repeats the id
// of elements[first].
struct RepeatedId {
  std::size_t element;
  std::size_t attribute;
  std::size_t first;
};

struct RawDocument {
  std::vector<RawElement> elements;  // document order; elements[0] is the root
  std::vector<Location> processing_instructions;
  std::vector<Location> markup_declarations;  // <!ELEMENT …> and the like outside a DOCTYPE
  // Every id (the id and xml:id attributes, XML white space trimmed) to the first element in
  // document order that has it. Built once by parse_xml; the reference checks and the converter
  // both resolve references through it.
  std::map<std::string, std::size_t, std::less<>> ids;
  std::vector<RepeatedId> repeated_ids;  // in document order, for duplicate-id

  const RawElement& root() const { return elements.front(); }
};

// Fatal problems (malformed XML, too deep, too many elements) are reported and yield nullopt.
std::optional<RawDocument> parse_xml(std::string_view text, const Limits& limits, Diagnostics& diagnostics);

}  // namespace bimi::svgps::detail
