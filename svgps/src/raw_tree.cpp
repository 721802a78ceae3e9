#include "raw_tree.hpp"

#include <tinyxml2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

#include "source_map.hpp"

namespace bimi::svgps::detail {

const RawAttribute* RawElement::attribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.qname == name) return &a;
  }
  return nullptr;
}

namespace {

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Counts start tags without parsing, so a huge document is refused before it is built in memory.
std::size_t count_start_tags(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = text.find('<'); i != std::string_view::npos; i = text.find('<', i + 1)) {
    if (i + 1 < text.size() && is_name_start(text[i + 1])) ++count;
  }
  return count;
}

std::pair<std::string_view, std::string_view> split_qname(std::string_view qname) {
  std::size_t colon = qname.find(':');
  if (colon == std::string_view::npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Finds where tags and attributes start in the text, walking forward in document order.
class Locator {
 public:
  explicit Locator(const SourceMap& map) : map_(map), text_(map.text()) {}

  // Offset of "<qname" at or after the current cursor and the element's line.
  std::size_t element(int line, std::string_view qname) {
    std::size_t from = std::max(cursor_, map_.line_start(line));
    for (std::size_t at = text_.find('<', from); at != std::string_view::npos; at = text_.find('<', at + 1)) {
      if (text_.compare(at + 1, qname.size(), qname) == 0) {
        std::size_t after = at + 1 + qname.size();
        if (after >= text_.size() || is_space(text_[after]) || text_[after] == '>' || text_[after] == '/') {
          cursor_ = after;
          return at;
        }
      }
    }
    return map_.line_start(line);
  }

  // Offset of an attribute name inside the start tag that begins at tag_offset.
  std::size_t attribute(std::size_t tag_offset, int line, std::string_view qname) const {
    std::size_t from = std::max(tag_offset, map_.line_start(line));
    std::size_t tag_end = text_.find('>', tag_offset);
    for (std::size_t at = text_.find(qname, from); at != std::string_view::npos && at < tag_end;
         at = text_.find(qname, at + 1)) {
      if (at == 0 || !is_space(text_[at - 1])) continue;
      std::size_t after = at + qname.size();
      while (after < text_.size() && is_space(text_[after])) ++after;
      if (after < text_.size() && text_[after] == '=') return at;
    }
    return from;
  }

 private:
  const SourceMap& map_;
  std::string_view text_;
  std::size_t cursor_ = 0;
};

using Scope = std::map<std::string, std::string, std::less<>>;

class TreeBuilder {
 public:
  TreeBuilder(const SourceMap& map, Diagnostics& diagnostics)
      : map_(map), locator_(map), diagnostics_(diagnostics) {}

  RawDocument build(const tinyxml2::XMLDocument& xml) {
    bool first_node = true;
    for (const tinyxml2::XMLNode* node = xml.FirstChild(); node; node = node->NextSibling()) {
      if (const auto* element = node->ToElement()) {
        add_tree(*element);
      } else {
        note_misc(*node, first_node);
      }
      first_node = false;
    }
    return std::move(document_);
  }

 private:
  struct Frame {
    const tinyxml2::XMLElement* element;
    std::size_t parent;
    Scope scope;
  };

  void note_misc(const tinyxml2::XMLNode& node, bool first_node) {
    if (const auto* declaration = node.ToDeclaration()) {
      std::string_view value = declaration->Value() ? declaration->Value() : "";
      bool is_xml_declaration =
          first_node && value.substr(0, 3) == "xml" && (value.size() == 3 || is_space(value[3]));
      if (!is_xml_declaration) {
        document_.processing_instructions.push_back(locate_line(node.GetLineNum(), "<?"));
      }
    } else if (node.ToUnknown()) {
      document_.markup_declarations.push_back(locate_line(node.GetLineNum(), "<!"));
    }
  }

  Location locate_line(int line, std::string_view marker) const {
    std::size_t start = map_.line_start(line);
    std::size_t at = map_.text().find(marker, start);
    return map_.location(at == std::string_view::npos ? start : at);
  }

  void add_tree(const tinyxml2::XMLElement& top) {
    // Iterative depth-first walk: nesting depth never turns into C++ stack depth.
    std::vector<Frame> stack;
    stack.push_back({&top, RawElement::no_parent, default_scope()});
    while (!stack.empty()) {
      Frame frame = std::move(stack.back());
      stack.pop_back();
      std::size_t index = add_element(*frame.element, frame.parent, frame.scope);
      // Push children in reverse so they are visited in document order.
      std::vector<const tinyxml2::XMLElement*> children;
      for (const tinyxml2::XMLNode* child = frame.element->FirstChild(); child; child = child->NextSibling()) {
        if (const auto* e = child->ToElement()) {
          children.push_back(e);
        } else if (const auto* t = child->ToText()) {
          add_text(index, *t);
        } else {
          note_misc(*child, false);
        }
      }
      for (auto it = children.rbegin(); it != children.rend(); ++it) {
        stack.push_back({*it, index, frame.scope});
      }
    }
  }

  static Scope default_scope() {
    Scope scope;
    scope["xml"] = std::string(xml_namespace);
    return scope;
  }

  std::size_t add_element(const tinyxml2::XMLElement& xml, std::size_t parent, Scope& scope) {
    // Namespace declarations first: they apply to the element's own name and attributes.
    for (const tinyxml2::XMLAttribute* a = xml.FirstAttribute(); a; a = a->Next()) {
      std::string_view name = a->Name();
      if (name == "xmlns") {
        scope[""] = a->Value();
      } else if (name.substr(0, 6) == "xmlns:") {
        scope[std::string(name.substr(6))] = a->Value();
      }
    }
    RawElement element;
    element.qname = xml.Name();
    auto [prefix, local] = split_qname(element.qname);
    element.local = std::string(local);
    element.ns = resolve(scope, prefix, xml.GetLineNum(), element.qname, true);
    std::size_t tag_offset = locator_.element(xml.GetLineNum(), element.qname);
    element.location = map_.location(tag_offset);
    element.parent = parent;
    element.depth = parent == RawElement::no_parent ? 0 : document_.elements[parent].depth + 1;
    for (const tinyxml2::XMLAttribute* a = xml.FirstAttribute(); a; a = a->Next()) {
      std::string_view name = a->Name();
      if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
      RawAttribute attribute;
      attribute.qname = std::string(name);
      auto [attr_prefix, attr_local] = split_qname(name);
      attribute.local = std::string(attr_local);
      // Unprefixed attributes are in no namespace, whatever the default namespace is.
      attribute.ns = attr_prefix.empty() ? std::string() : resolve(scope, attr_prefix, a->GetLineNum(), name, false);
      attribute.value = a->Value();
      attribute.location = map_.location(locator_.attribute(tag_offset, a->GetLineNum(), name));
      element.attributes.push_back(std::move(attribute));
    }
    std::size_t index = document_.elements.size();
    document_.elements.push_back(std::move(element));
    if (parent != RawElement::no_parent) document_.elements[parent].children.push_back(index);
    return index;
  }

  std::string resolve(const Scope& scope, std::string_view prefix, int line, std::string_view qname,
                      bool is_element) {
    auto it = scope.find(prefix);
    if (it != scope.end()) return it->second;
    if (prefix.empty()) return {};
    diagnostics_.add("xml-namespace", Severity::error,
                     std::string(is_element ? "element <" : "attribute '") + std::string(qname) +
                         (is_element ? ">" : "'") + " uses the undeclared namespace prefix '" +
                         std::string(prefix) + "'",
                     locate_line(line, qname));
    return "urn:bimi:undeclared:" + std::string(prefix);
  }

  void add_text(std::size_t index, const tinyxml2::XMLText& text) {
    RawElement& element = document_.elements[index];
    std::string_view value = text.Value() ? text.Value() : "";
    if (element.text.empty() && value.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      element.text_location = {text.GetLineNum(), 0};
    }
    element.text.append(value);
  }

  const SourceMap& map_;
  Locator locator_;
  Diagnostics& diagnostics_;
  RawDocument document_;
};

std::string xml_error_message(const tinyxml2::XMLDocument& xml) {
  switch (xml.ErrorID()) {
    case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED: return "elements are nested too deeply";
    case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: return "a closing tag does not match its opening tag";
    case tinyxml2::XML_ERROR_PARSING_ELEMENT: return "an element is malformed or not closed";
    case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: return "an attribute is malformed";
    case tinyxml2::XML_ERROR_PARSING_TEXT: return "text outside the root element or malformed text";
    case tinyxml2::XML_ERROR_PARSING_CDATA: return "a CDATA section is not closed";
    case tinyxml2::XML_ERROR_PARSING_COMMENT: return "a comment is not closed";
    case tinyxml2::XML_ERROR_PARSING_DECLARATION: return "an XML declaration is malformed";
    case tinyxml2::XML_ERROR_PARSING_UNKNOWN: return "a markup declaration is malformed";
    case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: return "the document has no root element";
    default: return "the XML is malformed";
  }
}

}  // namespace

std::optional<RawDocument> parse_xml(std::string_view text, const Limits& limits, Diagnostics& diagnostics) {
  SourceMap map(text);
  if (std::size_t tags = count_start_tags(text); tags > limits.max_elements) {
    diagnostics.add("too-many-elements", Severity::error,
                    "document has " + std::to_string(tags) + " elements, more than the limit of " +
                        std::to_string(limits.max_elements));
    return std::nullopt;
  }
  tinyxml2::XMLDocument xml(true, tinyxml2::PRESERVE_WHITESPACE);
  xml.Parse(text.data(), text.size());
  if (xml.Error()) {
    std::string rule = xml.ErrorID() == tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED ? "xml-too-deep" : "xml-malformed";
    std::string message = xml_error_message(xml);
    if (xml.ErrorID() == tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED) {
      message += " (the limit is " + std::to_string(TINYXML2_MAX_ELEMENT_DEPTH) + " levels)";
    }
    diagnostics.add(std::move(rule), Severity::error, std::move(message), {xml.ErrorLineNum(), 0});
    return std::nullopt;
  }
  // A second root or stray text after the root is an error tinyxml2 tolerates.
  int roots = 0;
  for (const tinyxml2::XMLNode* node = xml.FirstChild(); node; node = node->NextSibling()) {
    if (node->ToElement()) ++roots;
    if (const auto* t = node->ToText()) {
      std::string_view value = t->Value() ? t->Value() : "";
      if (value.find_first_not_of(" \t\r\n") != std::string_view::npos) {
        diagnostics.add("xml-malformed", Severity::error, "text outside the root element", {t->GetLineNum(), 0});
        return std::nullopt;
      }
    }
  }
  if (roots == 0) {
    diagnostics.add("xml-malformed", Severity::error, "the document has no root element");
    return std::nullopt;
  }
  if (roots > 1) {
    diagnostics.add("xml-malformed", Severity::error, "the document has more than one root element");
    return std::nullopt;
  }
  TreeBuilder builder(map, diagnostics);
  return builder.build(xml);
}

}  // namespace bimi::svgps::detail
