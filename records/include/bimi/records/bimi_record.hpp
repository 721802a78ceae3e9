// BIMI assertion records (BIMI draft §5.3): parsing with findings, and composing one for
// `bimi record`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/records/tag_list.hpp"

namespace bimi::records {

struct BimiRecord {
  TagList tags;
  std::optional<std::string> logo_url;      // l=, possibly empty
  std::optional<std::string> evidence_url;  // a=, possibly empty
  bool declination = false;                 // v=BIMI1; l=; a=;
  // lps= (BIMI draft §5.5): present, and its prefixes (none: every local part matches).
  bool local_part_selector = false;
  std::vector<std::string> local_part_prefixes;
  std::string avatar_preference = "brand";  // avp= (§5.3): "personal" or "brand", the default
};

// Every finding about the record's syntax and its tags, with the column of the tag.
BimiRecord parse_bimi_record(std::string_view record, Diagnostics& out);

struct ComposeRequest {
  std::string domain;    // normalized (normalize_domain)
  std::string selector;  // normalized; "default" when the caller has none
  std::string logo_url;
  std::string evidence_url;  // may be empty: no a= tag
};

struct ComposedRecord {
  std::string name;   // <selector>._bimi.<domain>
  std::string value;  // v=BIMI1; l=...; [a=...]
};

// The record for the request. Its value is parsed back with parse_bimi_record, so the findings are
// the ones a receiver's parser would give (an http: URL, a PNG logo, ...).
ComposedRecord compose_bimi_record(const ComposeRequest& request, Diagnostics& out);

}  // namespace bimi::records
