// What the next DMARC policy step would do to each domain's mail, on the evidence of the reports.
// A message fails DMARC only when aligned SPF and aligned DKIM both fail (RFC 7489 §4.2, unchanged
// in RFC 9989): a source where either one aligns loses nothing. Failures a receiver overrode (forwarded,
// mailing lists, local policy, ARC) are counted apart from real failures.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/reports/aggregation.hpp"

namespace bimi::reports {

enum class Verdict { ready_for_quarantine, ready_for_reject, not_ready };
std::string_view to_string(Verdict verdict);

struct FailingSource {
  std::string source_ip;
  std::uint64_t messages = 0;       // real failures: both aligned results failed, no override
  std::uint64_t authenticated = 0;  // of them, SPF or DKIM passed for another domain
  std::vector<std::string> unaligned_domains;
};

struct Readiness {
  std::string domain;
  std::string policy_domain;
  // The policy receivers apply now: the domain's own p=, or for a subdomain the organizational
  // domain's sp= (p= when it sets none); "none" when nothing is published.
  std::string policy;
  std::string policy_tag;  // "p" or "sp"
  bool testing = false;    // t=y: receivers apply the policy one step down
  MessageCounts counts;
  // Sources that would lose mail at the next step and look like real senders (SPF or DKIM passed
  // for another domain, or some of their mail passes DMARC): they decide the verdict.
  std::vector<FailingSource> blocking;
  // Sources whose failing mail authenticates nowhere: spoofing, or a sender nobody set up.
  std::vector<FailingSource> unauthenticated;
  std::vector<std::string> inheriting_subdomains;  // seen in the reports, inheriting sp= (else p=)
  std::int64_t first = 0, last = 0;  // the evidence window, seconds since the epoch
  std::int64_t days = 0;
  std::size_t reporters = 0;
  Verdict verdict = Verdict::not_ready;
  std::string verdict_text;  // "ready for quarantine", "ready for reject", "not ready: these sources fail: ..."
  std::string advice;        // the step the standards advise
};

// One entry per From: domain, in name order.
std::vector<Readiness> assess_readiness(const Aggregation& aggregation);

}  // namespace bimi::reports
