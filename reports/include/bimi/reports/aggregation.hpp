// Sums aggregate reports per From: domain and per source address, one report at a time: what is
// kept grows with the domains, sources, days and reports seen, not with the records read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/reports/aggregate_report.hpp"

namespace bimi::reports {

struct AggregationFilter {
  std::string domain;                 // keep records whose From: domain is this or below it; empty keeps all
  std::optional<std::int64_t> since;  // keep reports whose range ends at or after this
  std::optional<std::int64_t> until;  // keep reports whose range begins at or before this
};

struct MessageCounts {
  std::uint64_t messages = 0;
  std::uint64_t spf_aligned_pass = 0;
  std::uint64_t dkim_aligned_pass = 0;
  std::uint64_t dmarc_pass = 0;
  // Aligned SPF and aligned DKIM both failed: DMARC fails, the policy applies to these.
  std::uint64_t would_fail = 0;
  // Of would_fail: those a receiver overrode (forwarded, mailing_list, local_policy, arc, ...),
  // kept apart from real failures.
  std::uint64_t overridden = 0;
  // Of would_fail and not overridden: SPF or DKIM passed for some other domain than the From:
  // domain. The sign of a real sender that is not aligned yet (an ESP signing with its own domain).
  std::uint64_t authenticated_unaligned = 0;

  std::uint64_t real_failures() const { return would_fail - overridden; }
  void add(const ReportRecord& record);
};

struct SourceStats {
  std::string domain;  // the From: domain
  std::string source_ip;
  MessageCounts counts;
  std::map<std::string, std::uint64_t> dispositions;  // none, quarantine, reject, pass -> messages
  std::map<std::string, std::uint64_t> overrides;     // reason type -> messages
  std::set<std::string> unaligned_domains;            // domains that passed SPF or DKIM unaligned (at most 8)
};

struct DailyCounts {
  std::int64_t day = 0;  // seconds since the epoch at 00:00 UTC of the report's first day
  MessageCounts counts;
};

struct DomainStats {
  std::string domain;         // the From: domain
  std::string policy_domain;  // policy_published/domain of the latest report
  PolicyPublished policy;     // as the latest report (by its end) saw it
  std::int64_t policy_seen_at = -1;
  MessageCounts counts;
  std::int64_t first = 0, last = 0;  // the evidence window: the earliest begin, the latest end
  std::set<std::string> reporters;
  std::map<std::int64_t, MessageCounts> daily;
};

struct ReportSummary {
  std::string origin;
  Schema schema = Schema::rfc7489;
  std::string org_name, report_id, domain;
  std::int64_t begin = 0, end = 0;
  std::uint64_t messages = 0;
};

// Distinct (domain, source address) pairs kept apart; past it, new pairs are summed as one source
// "other" per domain, so a botnet of spoofers cannot grow the run without bound.
inline constexpr std::size_t max_sources = 1'000'000;
inline constexpr std::string_view other_sources = "other";

class Aggregation {
 public:
  explicit Aggregation(AggregationFilter filter = {}) : filter_(std::move(filter)) {}

  // False when the report was left out: outside --since/--until, or the same reporter's report_id
  // seen before (a report delivered twice counts once).
  bool add(const AggregateReport& report, std::string_view origin);

  const std::vector<ReportSummary>& reports() const { return reports_; }
  const std::map<std::string, DomainStats>& domains() const { return domains_; }
  // Sources by From: domain, then by messages, most first.
  std::vector<const SourceStats*> sources() const;
  std::size_t duplicates() const { return duplicates_; }

 private:
  bool keeps_domain(std::string_view domain) const;

  AggregationFilter filter_;
  std::vector<ReportSummary> reports_;
  std::set<std::pair<std::string, std::string>> seen_;
  std::map<std::string, DomainStats> domains_;
  std::map<std::pair<std::string, std::string>, SourceStats> sources_;
  std::size_t duplicates_ = 0;
};

}  // namespace bimi::reports
