// The live DNS behind SPF: bimi::auth's resolver interface over the c-ares resolver.
#pragma once

#include <memory>

#include "bimi/auth/dns_resolver.hpp"
#include "bimi/net/dns.hpp"

namespace bimi::net {

// `dns` must outlive the returned resolver.
std::unique_ptr<auth::DnsResolver> make_spf_resolver(DnsResolver& dns);

}  // namespace bimi::net
