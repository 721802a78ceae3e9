// DMARC policy records: parsing with findings, by the grammar of RFC 9989 §4.7 and §4.8 (np=, psd=,
// t=; pct=, rf= and ri= obsolete) or of RFC 7489 §6.3 and §6.4.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/records/dmarc_standard.hpp"
#include "bimi/records/tag_list.hpp"

namespace bimi::records {

enum class DmarcPolicy { none, quarantine, reject };
std::string_view to_string(DmarcPolicy policy);

struct DmarcRecord {
  TagList tags;
  bool version_ok = false;           // v=DMARC1 first
  std::optional<DmarcPolicy> p;      // valid values only
  std::optional<DmarcPolicy> sp;
  std::optional<DmarcPolicy> np;
  int pct = 100;                     // 100 when absent or invalid
  bool pct_given = false;
  bool test_mode = false;            // t=y (RFC 9989 §4.7)
  char psd = 'u';                    // psd=y, n or u (RFC 9989 §4.7); 'u' when absent or invalid
  bool valid_rua = false;            // rua= holds at least one valid URI
  DmarcStandard standard = DmarcStandard::rfc9989;

  // A record whose policy receivers apply: right version, well formed, a valid p= and no broken
  // sp=/np=. Under RFC 9989 a record without them still applies as p=none when rua= holds a valid
  // URI (§4.10.1).
  bool usable() const;
  // RFC 9989 §4.10.1: p= missing or broken (or a broken sp=/np=) with a valid rua=: p=none.
  bool implies_none() const;
};

DmarcRecord parse_dmarc_record(std::string_view record, Diagnostics& out,
                               DmarcStandard standard = DmarcStandard::rfc9989);

}  // namespace bimi::records
