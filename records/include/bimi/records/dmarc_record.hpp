// DMARC policy records (RFC 7489 §6.3 and §6.4, with DMARCbis's np=, t= and psd=): parsing
// with findings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
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

  // A record receivers apply: right version, a valid p=, and no broken sp=/np=.
  bool usable() const;
};

DmarcRecord parse_dmarc_record(std::string_view record, Diagnostics& out);

}  // namespace bimi::records
