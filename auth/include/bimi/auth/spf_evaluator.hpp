// check_host() of RFC 7208 (§4, §5, §6) over a DnsResolver, with the limits of §4.6.4, the
// explanation of exp= (§6.2) and a trace of every step so a report can say why.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/auth/dns_resolver.hpp"
#include "bimi/auth/ip_address.hpp"

namespace bimi::auth {

enum class SpfResult { none, neutral, pass, fail, softfail, temperror, permerror };

std::string_view to_string(SpfResult result);

struct SpfRequest {
  IpAddress ip;                      // the SMTP client
  std::string mail_from;             // the MAIL FROM address; empty for a null reverse-path
  std::string helo;                  // the HELO/EHLO domain
  std::string receiver = "unknown";  // the r macro: the checking host's domain
  std::int64_t timestamp = 0;        // the t macro
};

struct SpfTraceStep {
  int depth = 0;       // 0 for the checked domain, 1 inside its include or redirect, ...
  std::string domain;  // the <domain> being evaluated
  std::string text;    // what happened: a query and its answer, a term and whether it matched
};

struct SpfOutcome {
  SpfResult result = SpfResult::none;
  std::string domain;       // the identity's domain check_host() started with
  std::string reason;       // one line: the term that decided, or the error
  std::string explanation;  // for fail: the exp= text, if the domain gives one
  std::vector<SpfTraceStep> trace;
  int dns_terms = 0;     // counted against max_dns_terms
  int void_lookups = 0;  // counted against max_void_lookups
};

// check_host(<ip>, <domain>, <sender>) of §4.1. `sender` is local-part@domain; a missing local
// part is "postmaster" (§4.3).
SpfOutcome check_host(DnsResolver& resolver, const SpfRequest& request, const std::string& domain, const std::string& sender);

// The MAIL FROM identity (§2.4): the domain of the reverse-path, or for a null reverse-path
// postmaster@<helo> (§2.4, §4.3).
SpfOutcome check_mail_from(DnsResolver& resolver, const SpfRequest& request);

// The HELO identity (§2.3): postmaster@<helo>.
SpfOutcome check_helo(DnsResolver& resolver, const SpfRequest& request);

// A domain check_host() can evaluate (§4.3): labels of 1 to 63 characters, at least two of them,
// at most 253 characters in all (one trailing dot allowed). A domain literal is not one.
bool is_valid_spf_domain(std::string_view domain);

}  // namespace bimi::auth
