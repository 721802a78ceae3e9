// Which DMARC policy applies to a sending domain and whether it allows BIMI (BIMI draft §8.1 steps
// 7-9), from TXT look-ups the caller performs. RFC 9989 finds the records by the DNS tree walk
// (§4.10); RFC 7489 (§6.6.3) by the organizational domain the caller takes from the Public Suffix
// List.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "bimi/records/dmarc_standard.hpp"
#include "bimi/records/lookup.hpp"

namespace bimi::records {

// RFC 9989 §4.10: a tree walk makes at most eight DMARC queries, whatever the name's length.
inline constexpr std::size_t max_tree_walk_queries = 8;

struct DmarcSource {
  std::string domain;  // where the record is published
  std::string name;    // _dmarc.<domain>
  std::string value;   // the record as published (strings joined)
  DmarcRecord record;
};

struct DmarcEvaluation {
  DmarcStandard standard = DmarcStandard::rfc9989;
  std::string domain;
  std::string organizational_domain;
  std::string organizational_domain_from;     // how it was found, e.g. "psd=y at _dmarc.example"
  std::vector<std::string> queried;           // the _dmarc names queried, in order
  std::optional<DmarcSource> own;             // _dmarc.<domain>
  std::optional<DmarcSource> organizational;  // _dmarc.<organizational domain>, when that differs
  std::optional<DmarcSource> public_suffix;   // RFC 9989: the psd=y record whose policy applies
  std::optional<DmarcPolicy> applied;         // what receivers apply to mail from `domain`
  std::string applied_from;                   // e.g. "sp= of _dmarc.example.com (inherited)"
  int applied_pct = 100;                      // RFC 7489 only; RFC 9989 has no pct=
  bool test_mode = false;                     // RFC 9989: the record that applies has t=y
  bool domain_exists = true;                  // false when the name is NXDOMAIN (np= applies)
  Diagnostics diagnostics;                    // record findings (messages name the record) and policy findings

  bool eligible() const { return !diagnostics.has_errors(); }
  // The record whose policy and alignment modes apply: the domain's own, else its organizational
  // domain's, else a public suffix operator's; nullptr when none is usable.
  const DmarcSource* applied_source() const;
};

// BIMI draft §8.1 steps 7-9 on one record: p=none, sp=none, quarantine below pct=100 (and reject
// below 100 as a warning; RFC 7489 only) and, under RFC 9989, t=y. `name` starts each message
// (e.g. "_dmarc.example.com").
void check_record_for_bimi(std::string_view name, const DmarcRecord& record, Diagnostics& out);

// RFC 9989 §4.7: t=y on a record with an enforcing p= means receivers apply one level less, which
// is not enforcement: dmarc-test-mode. Nothing under RFC 7489, which has no t=.
void check_test_mode_for_bimi(std::string_view name, const DmarcRecord& record, Diagnostics& out);

// RFC 7489. `domain` and `organizational_domain` are normalized. Looks up _dmarc.<domain>; when
// that is NXDOMAIN, the domain itself, to learn whether it exists (domain-not-found, and np= may
// apply); then _dmarc.<organizational domain> when it differs.
DmarcEvaluation evaluate_dmarc(std::string_view domain, std::string_view organizational_domain,
                               const TxtLookupFunction& lookup);

// RFC 9989. `domain` is normalized. The DNS tree walk from _dmarc.<domain> towards the root (at
// most max_tree_walk_queries look-ups, plus the domain itself when _dmarc.<domain> is NXDOMAIN)
// finds the organizational domain (§4.10.2) and the policy record that applies (§4.10.1): the
// domain's own, its organizational domain's, or a public suffix operator's (psd=y).
DmarcEvaluation evaluate_dmarc_tree_walk(std::string_view domain, const TxtLookupFunction& lookup);

}  // namespace bimi::records
