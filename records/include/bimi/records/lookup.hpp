// The result of one DNS TXT look-up, as the discovery rules need it. The network side (bimi::net)
// produces these; tests and other callers can give them directly.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"

namespace bimi::records {

enum class LookupStatus {
  found,       // NOERROR with TXT records
  no_records,  // NOERROR without TXT records (the name exists)
  no_name,     // NXDOMAIN
  timeout,
  failure,     // SERVFAIL, REFUSED, malformed answer, no server
  too_large,   // more records than bimi reads
};

// The most TXT records bimi reads at one name.
inline constexpr std::size_t max_txt_records = 32;

struct TxtLookup {
  LookupStatus status = LookupStatus::failure;
  std::vector<std::string> records;  // each record's strings joined (RFC 7208 §3.3)
  std::string detail;                // the resolver's words for a failure
};

using TxtLookupFunction = std::function<TxtLookup(const std::string& name)>;

// True for timeout, failure and too_large, after reporting the dns-* finding for `name`.
bool report_lookup_failure(const std::string& name, const TxtLookup& lookup, Diagnostics& out);

}  // namespace bimi::records
