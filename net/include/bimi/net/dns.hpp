// DNS look-ups with c-ares: TXT records for the discovery rules and addresses for HTTPS hosts,
// against the system's resolvers or one given server, each bounded in time.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "bimi/records/lookup.hpp"

namespace bimi::net {

struct DnsOptions {
  std::string server;     // "127.0.0.1:5353", "[::1]:53" or "192.0.2.1"; empty: /etc/resolv.conf
  int timeout_ms = 3000;  // one look-up, all tries together
  int tries = 2;
};

struct AddressLookup {
  records::LookupStatus status = records::LookupStatus::failure;
  std::vector<std::string> addresses;  // textual IPv4 and IPv6 addresses
  std::string detail;
};

// Names from MX (exchanges) or PTR records, without a trailing dot.
struct NameLookup {
  records::LookupStatus status = records::LookupStatus::failure;
  std::vector<std::string> names;
  std::string detail;
};

// The most records of one type bimi reads from an A, AAAA, MX or PTR answer.
inline constexpr std::size_t max_answer_records = 64;

class DnsResolver {
 public:
  // A resolver, or why it could not be set up (a bad server address).
  static std::variant<DnsResolver, std::string> create(const DnsOptions& options);

  // Each TXT record's strings joined; bounded by records::max_txt_records.
  records::TxtLookup txt(const std::string& name);
  // A and AAAA records.
  AddressLookup addresses(const std::string& name);
  // A or AAAA records alone, with the outcome of that one query (SPF counts them one by one).
  AddressLookup addresses_of_family(const std::string& name, bool v6);
  NameLookup mx(const std::string& name);
  // PTR records at a reverse name (…in-addr.arpa, …ip6.arpa).
  NameLookup ptr(const std::string& reverse_name);

  ~DnsResolver();
  DnsResolver(DnsResolver&&) noexcept;
  DnsResolver& operator=(DnsResolver&&) noexcept;

 private:
  struct Channel;
  explicit DnsResolver(std::unique_ptr<Channel> channel);
  std::unique_ptr<Channel> channel_;
};

}  // namespace bimi::net
