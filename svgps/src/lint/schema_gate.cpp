// The official schema as the last word: libxml2's RelaxNG validator with the bundled schema.
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <memory>
#include <mutex>
#include <string>

#include "lint/checks.hpp"
#include "lint/schema_model.hpp"

namespace bimi::svgps::detail {
namespace {

struct ParserContextFree {
  void operator()(xmlRelaxNGParserCtxtPtr context) const { xmlRelaxNGFreeParserCtxt(context); }
};
struct ValidContextFree {
  void operator()(xmlRelaxNGValidCtxtPtr context) const { xmlRelaxNGFreeValidCtxt(context); }
};
struct ParserFree {
  void operator()(xmlParserCtxtPtr context) const { xmlFreeParserCtxt(context); }
};
struct DocFree {
  void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};

// Swallows libxml2's messages while the schema itself is compiled (it is known to be valid).
void ignore_error(void*, xmlErrorPtr) {}

// Compiled once per process and never freed: freeing it at exit cost as much as a whole small
// check (about 2 ms), and the process's end returns the memory anyway.
xmlRelaxNGPtr compiled_schema() {
  static xmlRelaxNGPtr const schema = [] {
    xmlInitParser();  // once, before any thread parses
    std::string_view rng = builtin_schema_rng();
    std::unique_ptr<xmlRelaxNGParserCtxt, ParserContextFree> parser(
        xmlRelaxNGNewMemParserCtxt(rng.data(), static_cast<int>(rng.size())));
    xmlRelaxNGSetParserStructuredErrors(parser.get(), ignore_error, nullptr);
    return xmlRelaxNGParse(parser.get());
  }();
  return schema;
}

struct Collected {
  Diagnostics* diagnostics;
  int count = 0;
};

void collect_error(void* data, xmlErrorPtr error) {
  auto* collected = static_cast<Collected*>(data);
  if (!error || collected->count >= 5) return;  // the first few say enough
  ++collected->count;
  std::string message = error->message ? error->message : "rejected by the schema";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  collected->diagnostics->add("schema", Severity::error, "the Tiny P/S schema rejects this: " + message,
                              {error->line, 0});
}

}  // namespace

void check_schema_gate(std::string_view svg_text, Diagnostics& diagnostics) {
  xmlRelaxNGPtr schema = compiled_schema();
  if (!schema) {
    diagnostics.add("schema", Severity::error, "the bundled schema could not be compiled");
    return;
  }
  // No network, no entity substitution, no DTD loading; the DOCTYPE was already blanked.
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  std::unique_ptr<xmlParserCtxt, ParserFree> parser(xmlNewParserCtxt());
  if (!parser) return;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(parser.get(), svg_text.data(),
                                                         static_cast<int>(svg_text.size()), "logo.svg", nullptr, options));
  if (!doc) {
    // tinyxml2 is more lenient than XML 1.0 in a few places (undefined entities, for one).
    const xmlError* error = xmlCtxtGetLastError(parser.get());
    std::string message = error && error->message ? error->message : "the XML is not well-formed";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    diagnostics.add("xml-malformed", Severity::error, "the XML is not well-formed: " + message,
                    {error ? error->line : 0, 0});
    return;
  }
  std::unique_ptr<xmlRelaxNGValidCtxt, ValidContextFree> validator(xmlRelaxNGNewValidCtxt(schema));
  Collected collected{&diagnostics};
  xmlRelaxNGSetValidStructuredErrors(validator.get(), collect_error, &collected);
  int result = xmlRelaxNGValidateDoc(validator.get(), doc.get());
  if (result != 0 && collected.count == 0) {
    diagnostics.add("schema", Severity::error, "the Tiny P/S schema rejects this document");
  }
}

}  // namespace bimi::svgps::detail
