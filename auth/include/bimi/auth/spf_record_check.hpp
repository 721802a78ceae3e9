// The check of a domain's SPF record for `bimi domain`: the record itself, every record it
// includes or redirects to, and the limits of RFC 7208 §4.6.4 counted the way check_host() counts
// them, shown per term so a report can say which include costs what. Findings use the rule table
// of bimi::records (set dns).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bimi/auth/dns_resolver.hpp"
#include "bimi/diagnostic.hpp"

namespace bimi::auth {

// One term of the include tree. The root stands for the checked domain itself.
struct SpfTermCost {
  std::string term;    // as written ("include:_spf.example.com", "mx", "redirect=..."); the domain for the root
  std::string domain;  // whose record holds the term (for include, redirect and the root: the record's own domain)
  std::string record;  // the SPF record read for the root, an include or a redirect
  int lookups = 0;     // DNS-querying terms this term costs: itself and everything below it
  int void_lookups = 0;
  std::string note;  // why it costs nothing more: "depends on the message (macros)", "no SPF record", ...
  std::vector<SpfTermCost> children;
};

struct SpfRecordCheck {
  std::optional<std::string> record;  // the domain's own SPF record
  SpfTermCost tree;
  int lookups = 0;       // against max_dns_terms
  int void_lookups = 0;  // against max_void_lookups
  // False when every message gets none, permerror or temperror: SPF cannot carry DMARC.
  bool usable = false;
};

SpfRecordCheck check_spf_record(DnsResolver& resolver, const std::string& domain, Diagnostics& out);

}  // namespace bimi::auth
