// The rule table. Every finding svgps reports names one of these ids; docs/rules.md is generated
// from this table (`bimi rules --format markdown`) and a test keeps the two in step.
#include "bimi/svgps/rules.hpp"

#include <array>

namespace bimi::svgps {
namespace {

constexpr auto E = Severity::error;
constexpr auto W = Severity::warning;
constexpr auto N = Severity::note;

constexpr std::string_view schema_src = "SVG Tiny P/S RelaxNG schema (BIMI Group SVG_PS-latest.rnc)";
constexpr std::string_view xml_src = "XML 1.0 (Fifth Edition) well-formedness";
constexpr std::string_view guidance_src =
    "BIMI Group logo guidance (bimigroup.org, \"Creating BIMI SVG Logo Files\") and Gmail BIMI logo "
    "requirements";

constexpr std::array table{
    // Input: the bytes cannot be read as an SVG document; nothing else is checked.
    Rule{"input-empty", RuleKind::input, E, E, "the file is empty", xml_src},
    Rule{"input-encoding", RuleKind::input, E, E,
         "the file cannot be read as text: an invalid sequence in UTF-8 or in its declared encoding, an encoding "
         "bimi cannot read, or a NUL byte",
         "XML 1.0 §2.2 characters, §4.3.3; draft-svg-tiny-ps-abrotman §2 (UTF-8)"},
    Rule{"input-format", RuleKind::input, E, E,
         "the file is another format (PNG, JPEG, WebP, GIF, ICO, PDF, AVIF, HEIC, TIFF, BMP), known by its signature",
         "draft-svg-tiny-ps-abrotman §2 (an SVG document); the formats' own signatures"},
    Rule{"input-unreadable", RuleKind::input, E, E, "the file cannot be opened or read", "bimi"},
    Rule{"input-too-large", RuleKind::input, E, E, "the file is larger than bimi reads (docs/limits.md)", "bimi limits"},
    Rule{"gzip-invalid", RuleKind::input, E, E, ".svgz data is corrupt, truncated or inflates past the limit", "RFC 1952; bimi limits"},
    Rule{"xml-malformed", RuleKind::input, E, E, "the XML is not well-formed", xml_src},
    Rule{"xml-too-deep", RuleKind::input, E, E, "elements are nested more deeply than bimi reads", "bimi limits"},
    Rule{"too-many-elements", RuleKind::input, E, E, "the document has more elements than bimi reads", "bimi limits"},
    Rule{"too-many-attributes", RuleKind::input, E, E, "a start tag has more attributes than bimi reads", "bimi limits"},
    // Read, with a note: another encoding (or UTF-16) is transcoded to UTF-8.
    Rule{"input-transcoded", RuleKind::guidance, N, N,
         "the file is in another encoding than UTF-8 (declared, or UTF-16 with a byte order mark) and was transcoded",
         "XML 1.0 §4.3.3 (character encoding in entities); draft-svg-tiny-ps-abrotman §2 (UTF-8)"},
    // Refused constructs.
    Rule{"doctype", RuleKind::draft, E, E, "a DOCTYPE or other markup declaration is present",
         "draft-svg-tiny-ps-abrotman §2 (no DTD); XML security (entity expansion)"},
    Rule{"entity-declaration", RuleKind::draft, E, E, "an entity is declared", "draft-svg-tiny-ps-abrotman §2; XML security"},
    Rule{"processing-instruction", RuleKind::draft, E, E, "a processing instruction other than the XML declaration",
         "draft-svg-tiny-ps-abrotman §2 (no external stylesheets)"},
    Rule{"xml-namespace", RuleKind::schema, E, E, "a namespace prefix is used without being declared", "Namespaces in XML 1.0 §5"},
    // The root element.
    Rule{"root-element", RuleKind::schema, E, E, "the root element is not <svg> in the SVG namespace", schema_src},
    Rule{"version", RuleKind::schema, E, E, "the root lacks version=\"1.2\"", schema_src},
    Rule{"base-profile", RuleKind::schema, E, E, "the root lacks baseProfile=\"tiny-ps\"", schema_src},
    Rule{"root-position", RuleKind::schema, E, E, "x or y on the root <svg>", schema_src},
    Rule{"title-missing", RuleKind::schema, E, E, "the root has no <title>", schema_src},
    Rule{"title-first", RuleKind::schema, E, E, "<title> is not the first child of the root", schema_src},
    Rule{"title-duplicate", RuleKind::schema, E, E, "the root has more than one <title>", schema_src},
    Rule{"title-empty", RuleKind::draft, E, E, "<title> is empty", "draft-svg-tiny-ps-abrotman §2 (title MUST name the brand)"},
    Rule{"title-long", RuleKind::guidance, W, W, "<title> is longer than 64 characters", "draft-svg-tiny-ps-abrotman §2 (title SHOULD be short); BIMI Group guidance"},
    Rule{"desc-empty", RuleKind::guidance, W, W, "<desc> is present but empty", guidance_src},
    // Content model and attributes, as the schema allows them.
    Rule{"element-script", RuleKind::schema, E, E, "<script> is present", schema_src},
    Rule{"element-image", RuleKind::schema, E, E, "<image> (embedded or linked raster) is present", schema_src},
    Rule{"element-foreign-object", RuleKind::schema, E, E, "<foreignObject> is present", schema_src},
    Rule{"element-link", RuleKind::schema, E, E, "<a> (a hyperlink) is present", schema_src},
    Rule{"element-switch", RuleKind::schema, E, E, "<switch> is present", schema_src},
    Rule{"element-animation", RuleKind::schema, E, E, "animation (<animate*>, <set>, <discard>) is present", schema_src},
    Rule{"element-media", RuleKind::schema, E, E, "<audio>, <video> or <animation> is present", schema_src},
    Rule{"element-style", RuleKind::schema, E, E, "a <style> sheet is present", schema_src},
    Rule{"element-not-allowed", RuleKind::schema, E, E, "an SVG element outside the profile (clipPath, mask, filter, pattern, marker, symbol, tspan …)", schema_src},
    Rule{"element-misplaced", RuleKind::schema, E, E, "a profile element inside a parent that may not contain it", schema_src},
    Rule{"foreign-element", RuleKind::schema, E, E, "an element from another namespace (editor metadata, RDF …)", schema_src},
    Rule{"text-not-allowed", RuleKind::schema, E, E, "character data inside an element that takes none", schema_src},
    Rule{"event-attribute", RuleKind::schema, E, E, "an on* event handler attribute", schema_src},
    Rule{"style-attribute", RuleKind::schema, E, E, "a style=\"\" attribute", schema_src},
    Rule{"xlink-href", RuleKind::schema, E, E, "xlink:href (only plain href on <use> is allowed)", schema_src},
    Rule{"foreign-attribute", RuleKind::schema, E, E, "an attribute from another namespace (editor metadata …)", schema_src},
    Rule{"attribute-not-allowed", RuleKind::schema, E, E, "an attribute the profile does not allow on that element (opacity, clip-path, mask, filter, gradientTransform …)", schema_src},
    Rule{"attribute-value", RuleKind::schema, E, E, "an attribute value the schema does not accept", schema_src},
    Rule{"schema", RuleKind::schema, E, E, "the schema rejects the file for a reason no other rule names", schema_src},
    // References.
    Rule{"reference-external", RuleKind::draft, E, E, "an href or url() points outside the document",
         "draft-svg-tiny-ps-abrotman §2 (no external references)"},
    Rule{"reference-dangling", RuleKind::draft, E, W, "an href or url() names an id that does not exist", "SVG Tiny 1.2 §14.1.4 (IRI references); draft-svg-tiny-ps-abrotman §2"},
    Rule{"reference-cycle", RuleKind::draft, E, E, "a <use> refers to itself or to an element that contains it", "SVG Tiny 1.2 §5.6 (use element)"},
    Rule{"use-expansion", RuleKind::draft, E, E, "<use> references expand to more elements than bimi draws", "bimi limits; SVG Tiny 1.2 §5.6"},
    Rule{"duplicate-id", RuleKind::draft, E, W, "two elements share an id", "XML 1.0 §3.3.1 (ID uniqueness); SVG Tiny 1.2 §5.10.1"},
    // Size and geometry.
    Rule{"file-size", RuleKind::guidance, E, W, "the SVG is larger than 32 KiB uncompressed",
         "draft-svg-tiny-ps-abrotman §2 (SHOULD be at most 32 KB); BIMI Group and Gmail treat it as a limit"},
    Rule{"viewbox-invalid", RuleKind::draft, E, E, "viewBox is not four numbers with a positive width and height", "SVG Tiny 1.2 §7.7 (viewBox)"},
    Rule{"viewbox-missing", RuleKind::guidance, E, W, "neither a viewBox nor width and height give the logo's shape", guidance_src},
    Rule{"square", RuleKind::guidance, E, W, "the logo is not square", guidance_src},
    Rule{"absolute-dimensions", RuleKind::guidance, E, W, "width or height is a percentage or a relative unit", guidance_src},
    Rule{"min-size", RuleKind::guidance, E, W, "width or height is under 96 px", guidance_src},
    // Rendered appearance.
    Rule{"colors", RuleKind::draft, E, E, "the logo renders as a single uniform colour", "draft-svg-tiny-ps-abrotman §2 (at least two colours)"},
    Rule{"transparent-background", RuleKind::guidance, W, W, "the logo shows transparency inside the circle inboxes display", guidance_src},
    Rule{"circle-crop", RuleKind::guidance, W, W, "content lies outside the circle inboxes crop to", guidance_src},
    Rule{"render-limit", RuleKind::input, E, E,
         "the logo cannot be rendered within bimi's render limits (text, font size, embedded images, time, memory)",
         "bimi limits (docs/limits.md)"},
    Rule{"text-not-outlined", RuleKind::guidance, W, W, "<text> depends on the reader's fonts; convert it to outlines", guidance_src},
};

}  // namespace

std::string_view to_string(Profile profile) { return profile == Profile::strict ? "strict" : "spec"; }

std::optional<Profile> parse_profile(std::string_view text) {
  if (text == "strict") return Profile::strict;
  if (text == "spec") return Profile::spec;
  return std::nullopt;
}

std::string_view to_string(RuleKind kind) {
  switch (kind) {
    case RuleKind::input: return "input";
    case RuleKind::schema: return "schema";
    case RuleKind::draft: return "draft";
    case RuleKind::guidance: return "guidance";
  }
  return "";
}

std::span<const Rule> rules() { return table; }

const Rule* find_rule(std::string_view id) { return find_row(rules(), id); }

Severity severity_of(std::string_view id, Profile profile) {
  const Rule& rule = row_of(rules(), id);
  return profile == Profile::strict ? rule.strict : rule.spec;
}

std::string rules_markdown() {
  return bimi::rules_markdown<Rule>(
      rules(),
      "# Logo rules\n\n"
      "Every finding of `bimi check` names one of these rules. This page is generated by\n"
      "`bimi rules --format markdown`; a test keeps it in step with the code.\n\n"
      "Kinds: **input** — the file cannot be read as an SVG document (exit 3, nothing else is checked);\n"
      "**schema** — the official SVG Tiny P/S RelaxNG schema rejects it; **draft** — a requirement of the\n"
      "Tiny P/S draft or of SVG Tiny 1.2 that the schema cannot express; **guidance** — BIMI Group or mailbox\n"
      "provider guidance.\n\n",
      {{"kind", [](const Rule& rule) { return to_string(rule.kind); }},
       {"strict", [](const Rule& rule) { return to_string(rule.strict); }},
       {"spec", [](const Rule& rule) { return to_string(rule.spec); }}},
      "what it finds");
}

}  // namespace bimi::svgps
