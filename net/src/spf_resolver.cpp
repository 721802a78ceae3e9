#include "bimi/net/spf_resolver.hpp"

namespace bimi::net {
namespace {

auth::DnsOutcome outcome_of(records::LookupStatus status) {
  switch (status) {
    case records::LookupStatus::found: return auth::DnsOutcome::found;
    case records::LookupStatus::no_records: return auth::DnsOutcome::no_data;
    case records::LookupStatus::no_name: return auth::DnsOutcome::no_name;
    // RFC 7208 §2.6.6: a DNS error other than NXDOMAIN is temperror; bimi's own bound on an answer
    // it will not read is treated the same way, never as an empty answer.
    case records::LookupStatus::timeout:
    case records::LookupStatus::failure:
    case records::LookupStatus::too_large: return auth::DnsOutcome::temporary_failure;
  }
  return auth::DnsOutcome::temporary_failure;
}

template <typename Lookup>
auth::DnsAnswer answer_of(const Lookup& lookup, std::vector<std::string> records) {
  auth::DnsAnswer answer;
  answer.outcome = outcome_of(lookup.status);
  answer.detail = lookup.detail;
  if (answer.outcome == auth::DnsOutcome::found) answer.records = std::move(records);
  return answer;
}

class LiveSpfResolver : public auth::DnsResolver {
 public:
  explicit LiveSpfResolver(net::DnsResolver& dns) : dns_(dns) {}

  auth::DnsAnswer lookup(auth::DnsType type, const std::string& name) override {
    switch (type) {
      case auth::DnsType::txt: {
        records::TxtLookup txt = dns_.txt(name);
        return answer_of(txt, txt.records);
      }
      case auth::DnsType::a:
      case auth::DnsType::aaaa: {
        AddressLookup addresses = dns_.addresses_of_family(name, type == auth::DnsType::aaaa);
        return answer_of(addresses, addresses.addresses);
      }
      case auth::DnsType::mx: {
        NameLookup mx = dns_.mx(name);
        return answer_of(mx, mx.names);
      }
      case auth::DnsType::ptr: {
        NameLookup ptr = dns_.ptr(name);
        return answer_of(ptr, ptr.names);
      }
    }
    return {};
  }

 private:
  net::DnsResolver& dns_;
};

}  // namespace

std::unique_ptr<auth::DnsResolver> make_spf_resolver(DnsResolver& dns) { return std::make_unique<LiveSpfResolver>(dns); }

}  // namespace bimi::net
