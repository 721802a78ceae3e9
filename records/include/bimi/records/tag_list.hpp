// The tag=value list of DKIM (RFC 6376 §3.2) that BIMI and DMARC records are written in.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::records {

// The longest record bimi parses; longer ones are one `record-too-long` finding.
inline constexpr std::size_t max_record_bytes = 4096;

struct Tag {
  std::string name;   // as written
  std::string value;  // without the white space around it
  int column = 0;     // 1-based byte column of the name in the record
  int value_column = 0;

  // Tag names are quoted literals in the BIMI and DMARC grammars, so they match in any case
  // (RFC 5234 §2.3): `P=reject` is the p= tag.
  bool is(std::string_view tag_name) const;
};

struct TagList {
  std::vector<Tag> tags;  // in record order; a repeated tag keeps its first value
  bool well_formed = true;  // no error finding from the tag-list grammar

  // By name, in any case.
  const Tag* find(std::string_view name) const;
  // Position of the tag in the list, or -1.
  int index_of(std::string_view name) const;
};

// Splits a record into tags, reporting record-too-long, record-characters, tag-syntax,
// tag-separator and tag-duplicate findings with their columns. An empty tag (`;;`, or a `;` with
// nothing before it) is a tag-syntax error wherever it stands; one `;` may end the list.
TagList parse_tag_list(std::string_view record, Diagnostics& out);

// How a version literal is written in its grammar: DMARC1 in %x codes (RFC 7489 §6.4) matches
// exactly, "BIMI1" quoted (BIMI draft §5.3) in any case (RFC 5234 §2.3).
enum class LiteralCase { exact, any };

// True when the record's first tag is `v=<version>` (how receivers pick records among the TXT
// records at a name, before any other parsing). The tag name `v` matches in any case.
bool starts_with_version(std::string_view record, std::string_view version, LiteralCase version_case);

// True when a record seems meant as that kind (it begins with v and names the protocol, in any
// case) even if starts_with_version rejects it: its findings explain why receivers ignore it.
bool looks_like_version(std::string_view record, std::string_view protocol);

}  // namespace bimi::records
