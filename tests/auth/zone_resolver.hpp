// An in-memory zone for SPF tests, with the conformance suite's conventions: names are matched
// in any case, a CNAME is followed, a name listed as TIMEOUT fails temporarily for every type it
// has no record of, and a missing name is NXDOMAIN.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "bimi/auth/dns_resolver.hpp"

namespace bimi::auth::testing {

struct ZoneEntry {
  std::string type;  // "TXT", "A", "AAAA", "MX", "PTR", "CNAME" or "TIMEOUT"
  std::string value;
};

class ZoneResolver : public DnsResolver {
 public:
  void add(const std::string& name, std::string type, std::string value = {});
  // One record per line: "name TYPE value", the value running to the end of the line.
  void add_lines(const std::string& text);
  DnsAnswer lookup(DnsType type, const std::string& name) override;
  std::vector<std::string> queries;  // "TYPE name", in order

 private:
  DnsAnswer resolve(const std::string& type, const std::string& name, int depth);
  std::map<std::string, std::vector<ZoneEntry>> zone_;
};

}  // namespace bimi::auth::testing
