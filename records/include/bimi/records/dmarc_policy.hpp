// Which DMARC policy applies to a sending domain (RFC 7489 §6.6.3, DMARCbis's np=) and whether it
// allows BIMI (BIMI draft §7.1 steps 7-9), from TXT look-ups the caller performs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::records {

struct DmarcSource {
  std::string name;   // _dmarc.<domain>
  std::string value;  // the record as published (strings joined)
  DmarcRecord record;
};

struct DmarcEvaluation {
  std::string domain;
  std::string organizational_domain;
  std::optional<DmarcSource> own;             // _dmarc.<domain>
  std::optional<DmarcSource> organizational;  // _dmarc.<organizational domain>, when that differs
  std::optional<DmarcPolicy> applied;         // what receivers apply to mail from `domain`
  std::string applied_from;                   // e.g. "sp= of _dmarc.example.com"
  int applied_pct = 100;
  bool domain_exists = true;                  // false when the name is NXDOMAIN (np= applies)
  Diagnostics diagnostics;                    // record findings (messages name the record) and policy findings

  bool eligible() const { return !diagnostics.has_errors(); }
};

// BIMI draft §7.1 steps 7-9 on one record: p=none, sp=none, quarantine below pct=100 (and reject
// below 100 as a warning). `name` starts each message (e.g. "_dmarc.example.com").
void check_record_for_bimi(std::string_view name, const DmarcRecord& record, Diagnostics& out);

// `domain` and `organizational_domain` are normalized. Looks up _dmarc.<domain>; when that is
// NXDOMAIN, the domain itself, to learn whether it exists (domain-not-found, and np= may apply);
// then _dmarc.<organizational domain> when it differs.
DmarcEvaluation evaluate_dmarc(std::string_view domain, std::string_view organizational_domain,
                               const TxtLookupFunction& lookup);

}  // namespace bimi::records
