// The DNS look-ups email authentication needs, as an interface: the live adaptor is in bimi::net,
// tests and the fuzzer give answers from memory. Answers are text so every source can give them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bimi::auth {

enum class DnsType { txt, a, aaaa, mx, ptr };

enum class DnsOutcome {
  found,              // NOERROR with records of the type
  no_data,            // NOERROR without records of the type (the name exists)
  no_name,            // NXDOMAIN
  temporary_failure,  // a timeout, SERVFAIL, REFUSED, a malformed answer: RFC 7208 temperror
};

struct DnsAnswer {
  DnsOutcome outcome = DnsOutcome::temporary_failure;
  // TXT: each record's strings joined (RFC 7208 §3.3); A, AAAA: textual addresses;
  // MX: exchange names (preference does not matter to SPF); PTR: names.
  std::vector<std::string> records;
  std::string detail;  // the resolver's words for a failure
};

class DnsResolver {
 public:
  virtual ~DnsResolver() = default;
  // `name` has no trailing dot. A PTR query takes the reverse name (…in-addr.arpa, …ip6.arpa).
  virtual DnsAnswer lookup(DnsType type, const std::string& name) = 0;
};

std::string_view to_string(DnsType type);

// NXDOMAIN or an answer without records: a "void lookup" of RFC 7208 §4.6.4.
bool is_void(const DnsAnswer& answer);

}  // namespace bimi::auth
