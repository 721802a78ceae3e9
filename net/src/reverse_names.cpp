#include "bimi/net/reverse_names.hpp"

#include <algorithm>
#include <mutex>
#include <set>
#include <thread>

#include "bimi/auth/ip_address.hpp"
#include "bimi/auth/spf_macro.hpp"
#include "bimi/net/dns.hpp"

namespace bimi::net {
namespace {

ReverseName look_up(DnsResolver& dns, const std::string& address, const records::PublicSuffixList& psl) {
  ReverseName out;
  auto ip = auth::IpAddress::parse(address);
  if (!ip) {
    out.problem = "not an IP address";
    return out;
  }
  NameLookup names = dns.ptr(auth::reverse_name(*ip));
  if (names.status != records::LookupStatus::found || names.names.empty()) {
    bool failed = names.status == records::LookupStatus::timeout || names.status == records::LookupStatus::failure;
    out.problem = failed ? "the PTR look-up failed: " + names.detail : "no PTR record";
    return out;
  }
  // Several PTR names are rare; the first in the answer's order (sorted, so runs agree) stands.
  std::sort(names.names.begin(), names.names.end());
  out.name = names.names.front();
  std::transform(out.name.begin(), out.name.end(), out.name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  out.organizational_domain = psl.organizational_domain(out.name);
  AddressLookup forward = dns.addresses_of_family(out.name, ip->v6);
  for (const auto& text : forward.addresses) {
    auto back = auth::IpAddress::parse(text);
    out.confirmed = out.confirmed || (back && *back == *ip);
  }
  return out;
}

}  // namespace

std::variant<std::map<std::string, ReverseName>, std::string> resolve_reverse_names(
    const std::vector<std::string>& addresses, const ReverseOptions& options, const records::PublicSuffixList& psl) {
  std::vector<std::string> work;
  std::set<std::string> seen;
  for (const auto& address : addresses) {
    if (work.size() >= options.max_addresses) break;
    if (seen.insert(address).second) work.push_back(address);
  }
  std::vector<DnsResolver> resolvers;
  unsigned count = std::max(1u, std::min<unsigned>(options.concurrency, static_cast<unsigned>(std::max<std::size_t>(work.size(), 1))));
  for (unsigned i = 0; i < count; ++i) {
    auto dns = DnsResolver::create({options.dns_server, options.timeout_ms, 2});
    if (auto* why = std::get_if<std::string>(&dns)) return *why;
    resolvers.push_back(std::get<DnsResolver>(std::move(dns)));
  }
  std::map<std::string, ReverseName> out;
  std::mutex mutex;
  std::size_t next = 0;
  auto worker = [&](DnsResolver& dns) {
    for (;;) {
      std::string address;
      {
        std::lock_guard lock(mutex);
        if (next == work.size()) return;
        address = work[next++];
      }
      ReverseName name = look_up(dns, address, psl);
      std::lock_guard lock(mutex);
      out.emplace(address, std::move(name));
    }
  };
  std::vector<std::thread> threads;
  for (auto& dns : resolvers) threads.emplace_back(worker, std::ref(dns));
  for (auto& thread : threads) thread.join();
  return out;
}

}  // namespace bimi::net
