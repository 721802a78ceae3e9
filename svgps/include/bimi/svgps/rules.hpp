// The one table of logo rules: id, what it checks, severity per profile, and its source, in the
// shape every rule table shares (bimi/rule_table.hpp). docs/rules.md is generated from it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/rule_table.hpp"

namespace bimi::svgps {

// strict: what Gmail and the BIMI Group accept (the default). spec: the Tiny P/S draft's MUSTs and
// the schema are errors; provider guidance is a warning.
enum class Profile { strict, spec };

std::string_view to_string(Profile profile);
std::optional<Profile> parse_profile(std::string_view text);

enum class RuleKind {
  input,   // the bytes cannot be read as an SVG document: nothing else can be checked (fatal)
  schema,  // the official Tiny P/S RelaxNG schema rejects it
  draft,   // a requirement of the Tiny P/S draft that the schema cannot express
  guidance // BIMI Group or mailbox provider guidance
};

std::string_view to_string(RuleKind kind);

struct Rule {
  std::string_view id;
  RuleKind kind;
  Severity strict;
  Severity spec;
  std::string_view summary;
  std::string_view citation;
};

std::span<const Rule> rules();
// Nullptr when id is not in the table.
const Rule* find_rule(std::string_view id);

// Severity of a rule under a profile. An id missing from the table is a programming error: it
// throws std::logic_error (a test covers every id).
Severity severity_of(std::string_view id, Profile profile);

// docs/rules.md, rendered from the table (a test keeps the file in step).
std::string rules_markdown();

}  // namespace bimi::svgps
