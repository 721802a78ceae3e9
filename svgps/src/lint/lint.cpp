#include "bimi/svgps/lint.hpp"

#include <algorithm>

#include "lint/checks.hpp"
#include "svg/input.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps {
namespace {

constexpr std::size_t max_logo_bytes = 32 * 1024;

bool has_finding_of_kind(const Diagnostics& diagnostics, RuleKind kind) {
  return std::any_of(diagnostics.items().begin(), diagnostics.items().end(), [kind](const Diagnostic& d) {
    const Rule* rule = find_rule(d.rule);
    return rule && rule->kind == kind;
  });
}

void apply_profile(Diagnostics& diagnostics, Profile profile) {
  Diagnostics resolved;
  for (Diagnostic d : diagnostics.items()) {
    d.severity = severity_of(d.rule, profile);
    resolved.add(std::move(d));
  }
  resolved.sort_by_location();
  diagnostics = std::move(resolved);
}

}  // namespace

LintReport lint(std::string_view bytes, const LintOptions& options) {
  LintReport report;
  Diagnostics& diagnostics = report.diagnostics;
  auto decoded = detail::decode_input(bytes, options.limits, diagnostics);
  if (!decoded) {
    report.fatal = true;
    apply_profile(diagnostics, options.profile);
    return report;
  }
  report.gzipped = decoded->gzipped;
  report.svg_bytes = decoded->svg_bytes;

  auto document = detail::parse_xml(decoded->text, options.limits, diagnostics);
  if (!document) {
    report.fatal = true;
    apply_profile(diagnostics, options.profile);
    return report;
  }

  detail::check_structure(*document, diagnostics);
  detail::check_geometry(*document, diagnostics);
  bool safe_to_render = detail::check_references(*document, options.limits, diagnostics);

  if (decoded->svg_bytes > max_logo_bytes) {
    diagnostics.add("file-size", Severity::error,
                    "the SVG is " + std::to_string(decoded->svg_bytes) + " bytes uncompressed; the limit is " +
                        std::to_string(max_logo_bytes) + " (32 KiB)");
  }
  // A refused DOCTYPE was blanked, so its entities are undefined for libxml2: the gate has nothing to add.
  bool had_doctype = diagnostics.has_rule("doctype") || diagnostics.has_rule("entity-declaration");
  if (options.schema_gate && !had_doctype && !has_finding_of_kind(diagnostics, RuleKind::schema)) {
    detail::check_schema_gate(decoded->text, diagnostics);
  }
  if (options.render_checks && safe_to_render && document->root().is_svg("svg")) {
    detail::Picture picture = detail::check_rendering(decoded->text, *document, options.limits, diagnostics);
    report.rendered = picture == detail::Picture::rendered;
    report.drawn = picture == detail::Picture::drawn;
  }
  // The gate's stricter XML parser can still find the file unreadable.
  report.fatal = has_finding_of_kind(diagnostics, RuleKind::input);
  apply_profile(diagnostics, options.profile);
  return report;
}

}  // namespace bimi::svgps
