// Who is behind an address in a DMARC report: its reverse DNS name (PTR), whether that name resolves
// back to the address (forward-confirmed reverse DNS), and the name's organizational domain, so a
// report's thousand addresses read as the dozen services that send for the domain. Looked up on
// worker threads, each with its own DNS channel, each address once, at most a bounded number.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "bimi/records/public_suffix.hpp"

namespace bimi::net {

struct ReverseName {
  std::string name;                  // the first PTR name; empty when there is none
  bool confirmed = false;            // the name's A or AAAA records include the address
  std::string organizational_domain; // of the name, by the Public Suffix List
  std::string problem;               // why there is no name: no PTR, a DNS failure, not an address
};

struct ReverseOptions {
  std::string dns_server;            // empty: the system's resolvers
  int timeout_ms = 3000;             // one look-up
  unsigned concurrency = 16;         // worker threads
  std::size_t max_addresses = 10000; // past it, addresses are not looked up (the report says so)
};

// By address, for the first `max_addresses` distinct addresses of `addresses` (in the order given:
// put the busiest first). The error string when the DNS server option cannot be used.
std::variant<std::map<std::string, ReverseName>, std::string> resolve_reverse_names(
    const std::vector<std::string>& addresses, const ReverseOptions& options, const records::PublicSuffixList& psl);

}  // namespace bimi::net
