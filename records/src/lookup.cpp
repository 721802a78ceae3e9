#include "bimi/records/lookup.hpp"

#include "bimi/records/rules.hpp"

namespace bimi::records {

bool report_lookup_failure(const std::string& name, const TxtLookup& lookup, Diagnostics& out) {
  std::string detail = lookup.detail.empty() ? std::string() : " (" + lookup.detail + ")";
  switch (lookup.status) {
    case LookupStatus::found:
    case LookupStatus::no_records:
    case LookupStatus::no_name:
      return false;
    case LookupStatus::timeout:
      report(out, "dns-timeout", "TXT " + name + ": no answer in time" + detail);
      return true;
    case LookupStatus::failure:
      report(out, "dns-failure", "TXT " + name + ": the look-up failed" + detail);
      return true;
    case LookupStatus::too_large:
      report(out, "dns-answer-too-large",
             "TXT " + name + ": more than " + std::to_string(max_txt_records) + " records" + detail);
      return true;
  }
  return true;
}

}  // namespace bimi::records
