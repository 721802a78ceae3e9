// What a run found for each domain, kept in a file so the next run can say what drifted: a DMARC
// policy weakened, a record changed or gone, the logo's bytes replaced, a new certificate, a verdict
// that turned, a certificate about to expire. Hashes and records only: never bodies.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/net/domain_check.hpp"

namespace bimi::net {

// Bounds on a state file read back.
inline constexpr std::size_t max_state_bytes = 256u << 20;
inline constexpr int state_version = 1;

struct DomainState {
  std::string domain;
  std::string selector;
  bool ready = false;
  std::string dmarc_policy;  // none, quarantine, reject; empty: no policy applies
  std::string dmarc_record;
  std::string bimi_record;   // empty: none found
  std::string logo_sha256;
  std::string certificate_sha256;
  long long certificate_not_after = 0;
  std::vector<std::string> errors;  // the error rule ids, sorted, once each
};

DomainState state_of(const DomainReport& report);

struct Drift {
  std::string domain;
  std::string selector;
  std::string what;    // dmarc-weakened, dmarc-strengthened, dmarc-record-changed, bimi-record-changed,
                       // bimi-record-gone, bimi-record-new, logo-changed, certificate-replaced,
                       // verdict-broken, verdict-fixed, certificate-expiring, domain-new
  std::string before;
  std::string after;
  bool worse = false;  // what makes `--baseline` exit 1
};

// What changed from `before` (nullopt: the domain is new to the baseline) to `after`. A certificate
// that has come within `warn_days` of its end (at `now`) since the baseline is a change for the worse.
std::vector<Drift> compare_states(const std::optional<DomainState>& before, const DomainState& after, long long now,
                                  int warn_days);

// {"version": 1, "domains": [...]}: sorted by domain and selector, so one run gives the same bytes.
std::string states_to_json(std::vector<DomainState> states);
// Nullopt with `error` for anything but a state file of this version, or past the bounds.
std::optional<std::vector<DomainState>> states_from_json(std::string_view text, std::string& error);

}  // namespace bimi::net
