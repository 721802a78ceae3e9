#include "bimi/reports/aggregation.hpp"

#include <algorithm>

namespace bimi::reports {
namespace {

constexpr std::size_t max_unaligned_domains = 8;
constexpr std::int64_t seconds_per_day = 86400;

bool passed_unaligned(const ReportRecord& record) {
  auto passed = [](const std::vector<AuthResult>& results) {
    return std::any_of(results.begin(), results.end(), [](const AuthResult& r) { return r.result == "pass"; });
  };
  return passed(record.dkim) || passed(record.spf);
}

}  // namespace

void MessageCounts::add(const ReportRecord& record) {
  std::uint64_t n = record.count;
  messages = saturating_add(messages, n);
  if (record.spf_aligned_pass) spf_aligned_pass = saturating_add(spf_aligned_pass, n);
  if (record.dkim_aligned_pass) dkim_aligned_pass = saturating_add(dkim_aligned_pass, n);
  if (record.dmarc_pass()) {
    dmarc_pass = saturating_add(dmarc_pass, n);
    return;
  }
  would_fail = saturating_add(would_fail, n);
  if (!record.overrides.empty()) {
    overridden = saturating_add(overridden, n);
  } else if (passed_unaligned(record)) {
    authenticated_unaligned = saturating_add(authenticated_unaligned, n);
  }
}

bool Aggregation::keeps_domain(std::string_view domain) const {
  if (filter_.domain.empty() || domain == filter_.domain) return true;
  return domain.size() > filter_.domain.size() && domain.ends_with(filter_.domain) &&
         domain[domain.size() - filter_.domain.size() - 1] == '.';
}

bool Aggregation::add(const AggregateReport& report, std::string_view origin) {
  if (filter_.since && report.end < *filter_.since) return false;
  if (filter_.until && report.begin > *filter_.until) return false;
  if (!seen_.emplace(report.org_name, report.report_id).second) {
    ++duplicates_;
    return false;
  }
  ReportSummary summary{std::string(origin), report.schema, report.org_name, report.report_id,
                        report.policy.domain, report.begin, report.end, 0};
  std::int64_t day = report.begin - report.begin % seconds_per_day;
  for (const auto& record : report.records) {
    if (!keeps_domain(record.header_from)) continue;
    summary.messages = saturating_add(summary.messages, record.count);
    auto [it, fresh] = domains_.try_emplace(record.header_from);
    DomainStats& domain = it->second;
    if (fresh) {
      domain.domain = record.header_from;
      domain.first = report.begin;
      domain.last = report.end;
    }
    domain.first = std::min(domain.first, report.begin);
    domain.last = std::max(domain.last, report.end);
    if (report.end >= domain.policy_seen_at) {
      domain.policy = report.policy;
      domain.policy_domain = report.policy.domain;
      domain.policy_seen_at = report.end;
    }
    domain.reporters.insert(report.org_name);
    domain.counts.add(record);
    domain.daily[day].add(record);

    std::pair<std::string, std::string> key{record.header_from, record.source_ip};
    if (sources_.size() >= max_sources && !sources_.contains(key)) key.second = other_sources;
    auto [source_it, new_source] = sources_.try_emplace(std::move(key));
    SourceStats& source = source_it->second;
    if (new_source) {
      source.domain = record.header_from;
      source.source_ip = source_it->first.second;
    }
    source.counts.add(record);
    auto& disposition = source.dispositions[record.disposition.empty() ? "none" : record.disposition];
    disposition = saturating_add(disposition, record.count);
    for (const auto& override_reason : record.overrides) {
      auto& n = source.overrides[override_reason.type];
      n = saturating_add(n, record.count);
    }
    if (!record.dmarc_pass()) {
      for (const auto* results : {&record.dkim, &record.spf}) {
        for (const auto& result : *results) {
          if (result.result == "pass" && !result.domain.empty() && source.unaligned_domains.size() < max_unaligned_domains)
            source.unaligned_domains.insert(result.domain);
        }
      }
    }
  }
  reports_.push_back(std::move(summary));
  return true;
}

std::vector<const SourceStats*> Aggregation::sources() const {
  std::vector<const SourceStats*> out;
  out.reserve(sources_.size());
  for (const auto& [key, source] : sources_) out.push_back(&source);
  std::stable_sort(out.begin(), out.end(), [](const SourceStats* a, const SourceStats* b) {
    if (a->domain != b->domain) return a->domain < b->domain;
    return a->counts.messages > b->counts.messages;
  });
  return out;
}

}  // namespace bimi::reports
