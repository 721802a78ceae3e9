#include "svg/raw_tree.hpp"

#include <tinyxml2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "svg/source_map.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::detail {

const RawAttribute* RawElement::attribute(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.qname == name) return &a;
  }
  return nullptr;
}

const RawAttribute* RawElement::href() const {
  const RawAttribute* linked = nullptr;
  for (const auto& a : attributes) {
    if (a.local != "href") continue;
    if (a.ns.empty()) return &a;
    if (a.ns == xlink_namespace && !linked) linked = &a;
  }
  return linked;
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

// The start tag with the most attributes (counted as '=' outside quoted values), without parsing:
// tinyxml2 compares each attribute with those before it, so a huge tag is refused before it is
// parsed. Comments, CDATA sections and processing instructions are skipped; one pass.
struct CrowdedTag {
  std::size_t offset = 0;
  std::size_t attributes = 0;
};
CrowdedTag most_attributes(std::string_view text) {
  CrowdedTag most;
  std::size_t tag = 0, count = 0;
  bool in_tag = false;
  char quote = 0;
  auto skip_past = [&](std::size_t& i, std::string_view end) {
    std::size_t at = text.find(end, i);
    i = at == std::string_view::npos ? text.size() : at + end.size() - 1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!in_tag) {
      if (c != '<') continue;
      if (i + 1 < text.size() && is_name_start(text[i + 1])) {
        in_tag = true;
        tag = i;
        count = 0;
      } else if (text.compare(i, 4, "<!--") == 0) {
        skip_past(i, "-->");
      } else if (text.compare(i, 9, "<![CDATA[") == 0) {
        skip_past(i, "]]>");
      } else if (text.compare(i, 2, "<?") == 0) {
        skip_past(i, "?>");
      }
    } else if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '=') {
      ++count;
    } else if (c == '>') {
      in_tag = false;
    }
    if (count > most.attributes) most = {tag, count};
  }
  return most;
}

std::pair<std::string_view, std::string_view> split_qname(std::string_view qname) {
  std::size_t colon = qname.find(':');
  if (colon == std::string_view::npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// tinyxml2 refuses a processing instruction anywhere but before the root (Illustrator writes
// XMP's <?xpacket?> inside <metadata>), although XML allows one wherever a comment may stand. Each
// one but the XML declaration becomes an empty comment that keeps its line breaks, so tinyxml2's
// line numbers still match the text; where each one stood is kept for the rules and notes.
// Returns the rewritten text, or nothing when the text has no processing instruction to hide.
std::optional<std::string> hide_processing_instructions(std::string_view text, std::vector<std::size_t>& offsets) {
  std::string rewritten;
  std::size_t copied = 0;
  bool in_tag = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_tag) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        in_tag = false;
      }
      continue;
    }
    if (c != '<' || i + 1 >= text.size()) continue;
    auto skip_past = [&](std::string_view end) {
      std::size_t at = text.find(end, i);
      i = at == std::string_view::npos ? text.size() : at + end.size() - 1;
    };
    if (text.compare(i, 4, "<!--") == 0) {
      skip_past("-->");
    } else if (text.compare(i, 9, "<![CDATA[") == 0) {
      skip_past("]]>");
    } else if (text[i + 1] == '!') {
      skip_past(">");
    } else if (text[i + 1] == '?') {
      std::size_t end = text.find("?>", i + 2);
      if (end == std::string_view::npos) return std::nullopt;  // left for tinyxml2 to call malformed
      std::string_view target = text.substr(i + 2, end - i - 2);
      bool declaration = i == 0 && target.substr(0, 3) == "xml" && (target.size() == 3 || is_space(target[3]));
      if (!declaration) {
        offsets.push_back(i);
        rewritten.append(text.substr(copied, i - copied));
        rewritten.append("<!--");
        rewritten.append(std::count(target.begin(), target.end(), '\n'), '\n');
        rewritten.append("-->");
        copied = end + 2;
      }
      i = end + 1;
    } else {
      in_tag = is_name_start(text[i + 1]);
    }
  }
  if (offsets.empty()) return std::nullopt;
  rewritten.append(text.substr(copied));
  return rewritten;
}


// Finds where tags and attributes start in the text, walking forward in document order: every
// byte is looked at a bounded number of times, however long a line or a start tag is.
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

  // Offsets of the attribute names in the start tag "<qname …>" at tag_offset, in the order written
  // (tinyxml2 keeps that order). Stops at the first thing that is not name="value".
  std::vector<std::pair<std::string_view, std::size_t>> attributes(std::size_t tag_offset,
                                                                   std::string_view qname) const {
    std::vector<std::pair<std::string_view, std::size_t>> found;
    std::size_t at = tag_offset + 1 + qname.size();
    auto skip_space = [&] {
      while (at < text_.size() && is_space(text_[at])) ++at;
    };
    for (;;) {
      skip_space();
      std::size_t name_start = at;
      auto ends_name = [&](char c) { return is_space(c) || c == '=' || c == '>' || c == '/'; };
      while (at < text_.size() && !ends_name(text_[at])) ++at;
      if (at == name_start) break;
      std::string_view name = text_.substr(name_start, at - name_start);
      skip_space();
      if (at >= text_.size() || text_[at] != '=') break;
      ++at;
      skip_space();
      if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\'')) break;
      std::size_t close = text_.find(text_[at], at + 1);
      if (close == std::string_view::npos) break;
      found.emplace_back(name, name_start);
      at = close + 1;
    }
    return found;
  }

 private:
  const SourceMap& map_;
  std::string_view text_;
  std::size_t cursor_ = 0;
};

// Namespace declarations of one element, chained to its parent's: a lookup walks at most the
// nesting depth, and no element copies the declarations in scope.
struct Scope {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::map<std::string, std::string, std::less<>> declared;
  std::size_t parent = none;
};

class TreeBuilder {
 public:
  TreeBuilder(const SourceMap& map, Diagnostics& diagnostics)
      : map_(map), locator_(map), diagnostics_(diagnostics) {
    Scope predefined;
    predefined.declared["xml"] = std::string(xml_namespace);
    scopes_.push_back(std::move(predefined));
  }

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
    const tinyxml2::XMLNode* node;  // an element, or a PI or markup declaration inside one
    std::size_t parent;
    std::size_t scope;
  };

  void note_misc(const tinyxml2::XMLNode& node, bool first_node) {
    if (const auto* declaration = node.ToDeclaration()) {
      std::string_view value = declaration->Value() ? declaration->Value() : "";
      bool is_xml_declaration =
          first_node && value.substr(0, 3) == "xml" && (value.size() == 3 || is_space(value[3]));
      // Located even when not reported, so that the next search starts after it.
      Location location = locate_misc(node.GetLineNum(), "<?");
      if (!is_xml_declaration) document_.processing_instructions.push_back(location);
    } else if (node.ToUnknown()) {
      document_.markup_declarations.push_back(locate_misc(node.GetLineNum(), "<!"));
    }
  }

  // Misc nodes are met in document order, so each search starts after the previous one found.
  Location locate_misc(int line, std::string_view marker) {
    std::size_t start = std::max(misc_cursor_, map_.line_start(line));
    std::size_t at = map_.text().find(marker, start);
    if (at == std::string_view::npos) return map_.location(map_.line_start(line));
    misc_cursor_ = at + marker.size();
    return map_.location(at);
  }

  static bool is_misc(const tinyxml2::XMLNode& node) { return node.ToDeclaration() || node.ToUnknown(); }

  void add_tree(const tinyxml2::XMLElement& top) {
    // Iterative depth-first walk in document order: nesting depth never turns into C++ stack depth.
    std::vector<Frame> stack;
    stack.push_back({&top, RawElement::no_parent, 0});
    std::vector<const tinyxml2::XMLNode*> children;
    while (!stack.empty()) {
      Frame frame = stack.back();
      stack.pop_back();
      const auto* element = frame.node->ToElement();
      if (!element) {
        note_misc(*frame.node, false);
        continue;
      }
      std::size_t scope = open_scope(*element, frame.scope);
      std::size_t index = add_element(*element, frame.parent, scope);
      // Push children in reverse so they are visited in document order.
      children.clear();
      std::size_t elements_before = 0;  // child elements before the next text, for RawElement::text_pieces
      for (const tinyxml2::XMLNode* child = element->FirstChild(); child; child = child->NextSibling()) {
        if (child->ToElement() || is_misc(*child)) {
          children.push_back(child);
          if (child->ToElement()) ++elements_before;
        } else if (const auto* t = child->ToText()) {
          add_text(index, *t, elements_before);
        }
      }
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back({*it, index, scope});
    }
  }

  // The scope inside `element`: its parent's, or a new one chained to it when it declares prefixes.
  std::size_t open_scope(const tinyxml2::XMLElement& element, std::size_t parent_scope) {
    Scope scope;
    scope.parent = parent_scope;
    for (const tinyxml2::XMLAttribute* a = element.FirstAttribute(); a; a = a->Next()) {
      std::string_view name = a->Name();
      if (name == "xmlns") {
        scope.declared[""] = a->Value();
      } else if (name.substr(0, 6) == "xmlns:") {
        scope.declared[std::string(name.substr(6))] = a->Value();
      }
    }
    if (scope.declared.empty()) return parent_scope;
    scopes_.push_back(std::move(scope));
    return scopes_.size() - 1;
  }

  const std::string* lookup(std::size_t scope, std::string_view prefix) const {
    for (; scope != Scope::none; scope = scopes_[scope].parent) {
      auto it = scopes_[scope].declared.find(prefix);
      if (it != scopes_[scope].declared.end()) return &it->second;
    }
    return nullptr;
  }

  std::size_t add_element(const tinyxml2::XMLElement& xml, std::size_t parent, std::size_t scope) {
    RawElement element;
    element.qname = xml.Name();
    auto [prefix, local] = split_qname(element.qname);
    element.local = std::string(local);
    std::size_t tag_offset = locator_.element(xml.GetLineNum(), element.qname);
    element.location = map_.location(tag_offset);
    element.ns = resolve(scope, prefix, element.qname, true, element.location);
    element.parent = parent;
    element.depth = parent == RawElement::no_parent ? 0 : document_.elements[parent].depth + 1;
    auto written = locator_.attributes(tag_offset, element.qname);
    std::size_t position = 0;  // of the attribute in the start tag, namespace declarations included
    for (const tinyxml2::XMLAttribute* a = xml.FirstAttribute(); a; a = a->Next(), ++position) {
      std::string_view name = a->Name();
      if (name == "xmlns" || name.substr(0, 6) == "xmlns:") continue;
      RawAttribute attribute;
      attribute.qname = std::string(name);
      auto [attr_prefix, attr_local] = split_qname(name);
      attribute.local = std::string(attr_local);
      bool in_step = position < written.size() && written[position].first == name;
      attribute.location = map_.location(in_step ? written[position].second
                                                 : std::max(tag_offset, map_.line_start(a->GetLineNum())));
      // Unprefixed attributes are in no namespace, whatever the default namespace is.
      attribute.ns = attr_prefix.empty() ? std::string() : resolve(scope, attr_prefix, name, false, attribute.location);
      attribute.value = a->Value();
      element.attributes.push_back(std::move(attribute));
    }
    std::size_t index = document_.elements.size();
    document_.elements.push_back(std::move(element));
    if (parent != RawElement::no_parent) {
      document_.elements[parent].children.push_back(index);
      recover_space_before(parent, tag_offset);
    }
    return index;
  }

  // Whether character data of the element is laid out as text: a <text>, or a span inside one.
  bool in_text_content(std::size_t index) const {
    for (std::size_t i = index; i != RawElement::no_parent; i = document_.elements[i].parent) {
      const RawElement& e = document_.elements[i];
      if (e.ns != svg_namespace) return false;
      if (e.local == "text") return true;
      if (e.local != "tspan" && e.local != "a" && e.local != "textPath") return false;
    }
    return false;
  }

  // tinyxml2 drops character data that is only white space. Inside text it is drawn (a space
  // between two spans; indentation under xml:space="preserve"), so the white space right before
  // the last child's start tag, when a tag ends just before it, is put back as a piece of its
  // parent's text.
  void recover_space_before(std::size_t parent, std::size_t tag_offset) {
    if (!in_text_content(parent)) return;
    const std::string_view source = map_.text();
    if (tag_offset >= source.size() || source[tag_offset] != '<') return;
    std::size_t begin = tag_offset;
    while (begin > 0 && is_space(source[begin - 1])) --begin;
    if (begin == tag_offset || begin == 0 || source[begin - 1] != '>') return;
    RawElement& p = document_.elements[parent];
    const std::size_t after = p.children.size() - 1;  // child elements before this one
    auto at = p.text_pieces.begin();
    while (at != p.text_pieces.end() && at->after_children < after) ++at;
    if (at != p.text_pieces.end() && at->after_children == after) return;  // kept as text already
    p.text_pieces.insert(at, {after, p.text.size(), p.text.size() + (tag_offset - begin)});
    p.text.append(source.substr(begin, tag_offset - begin));
  }

  std::string resolve(std::size_t scope, std::string_view prefix, std::string_view qname, bool is_element,
                      Location location) {
    if (const std::string* uri = lookup(scope, prefix)) return *uri;
    if (prefix.empty()) return {};
    diagnostics_.add("xml-namespace", Severity::error,
                     std::string(is_element ? "element <" : "attribute '") + std::string(qname) +
                         (is_element ? ">" : "'") + " uses the undeclared namespace prefix '" +
                         std::string(prefix) + "'",
                     location);
    return std::string(undeclared_namespace_prefix) + std::string(prefix);
  }

  void add_text(std::size_t index, const tinyxml2::XMLText& text, std::size_t elements_before) {
    RawElement& element = document_.elements[index];
    std::string_view value = text.Value() ? text.Value() : "";
    if (element.text.empty() && value.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      element.text_location = {text.GetLineNum(), 0};
    }
    if (value.empty()) return;
    RawTextPiece& last = element.text_pieces.emplace_back();
    last = {elements_before, element.text.size(), element.text.size() + value.size()};
    element.text.append(value);
  }

  const SourceMap& map_;
  Locator locator_;
  Diagnostics& diagnostics_;
  RawDocument document_;
  std::vector<Scope> scopes_;
  std::size_t misc_cursor_ = 0;
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

namespace {

void index_ids(RawDocument& document) {
  for (std::size_t i = 0; i < document.elements.size(); ++i) {
    const auto& attributes = document.elements[i].attributes;
    for (std::size_t k = 0; k < attributes.size(); ++k) {
      if (attributes[k].qname != "id" && attributes[k].qname != "xml:id") continue;
      auto [it, inserted] = document.ids.emplace(trim_xml_space(attributes[k].value), i);
      if (!inserted && it->second != i) document.repeated_ids.push_back({i, k, it->second});
    }
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
  if (CrowdedTag crowded = most_attributes(text); crowded.attributes > limits.max_attributes) {
    diagnostics.add("too-many-attributes", Severity::error,
                    "a start tag has " + std::to_string(crowded.attributes) + " attributes, more than the limit of " +
                        std::to_string(limits.max_attributes),
                    map.location(crowded.offset));
    return std::nullopt;
  }
  std::vector<std::size_t> instructions;
  std::optional<std::string> hidden = hide_processing_instructions(text, instructions);
  std::string_view parsed = hidden ? std::string_view(*hidden) : text;
  tinyxml2::XMLDocument xml(true, tinyxml2::PRESERVE_WHITESPACE);
  xml.Parse(parsed.data(), parsed.size());
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
  RawDocument document = builder.build(xml);
  for (std::size_t offset : instructions) document.processing_instructions.push_back(map.location(offset));
  index_ids(document);
  return document;
}

}  // namespace bimi::svgps::detail
