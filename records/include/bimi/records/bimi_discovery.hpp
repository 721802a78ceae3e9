// Finding the BIMI assertion record that applies to a domain and selector (BIMI draft §8.2):
// <selector>._bimi.<domain>, else the same selector at the organizational domain (found the way
// the DMARC standard in use finds it), each followed by the local-part selector of lps= (§5.5).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/records/bimi_record.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::records {

struct BimiDiscovery {
  std::optional<std::string> name;           // where the record that applies was found
  std::optional<std::string> record_domain;  // the domain or its organizational domain
  std::optional<std::string> value;          // the record as published (strings joined)
  std::optional<BimiRecord> record;
  std::string selector;                      // the selector of the record that applies
  bool fallback = false;                     // found at the organizational domain
  Diagnostics diagnostics;                   // discovery findings and the record's own findings

  // A record with a logo to fetch: found, not a declination, l= usable.
  bool has_logo() const;
};

// `domain`, `organizational_domain` and `selector` are normalized. When no record is found,
// a few names publishers often use by mistake are looked up to say where the record went.
// `local_part` (the sender's, before the "@"; empty: none given) is used when a record has lps=.
BimiDiscovery discover_bimi_record(std::string_view domain, std::string_view organizational_domain,
                                   std::string_view selector, const TxtLookupFunction& lookup,
                                   std::string_view local_part = {});

}  // namespace bimi::records
