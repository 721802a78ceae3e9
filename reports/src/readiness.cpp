#include "bimi/reports/readiness.hpp"

#include <algorithm>
#include <map>

namespace bimi::reports {
namespace {

constexpr std::int64_t seconds_per_day = 86400;
// Less evidence than this is worth saying so: weekly senders (payroll, invoices) and monthly ones
// may not have sent yet, and one reporter sees one receiver's share of the mail.
constexpr std::int64_t thin_evidence_days = 30;
constexpr std::size_t thin_evidence_reporters = 2;
constexpr std::size_t max_listed_sources = 20;
constexpr std::size_t max_listed_subdomains = 100;

std::string next_step(const Readiness& r) {
  std::string advice;
  if (r.verdict == Verdict::not_ready) {
    advice = "align the sources listed (DKIM signing with the From: domain, or an aligned SPF envelope domain), "
             "then read the reports again";
  } else if (r.policy == "reject") {
    advice = r.testing ? "remove t=y: reject is applied as quarantine while testing" : "at reject: keep reading the reports";
  } else {
    std::string step = r.policy == "quarantine" ? "reject" : "quarantine";
    std::string tag = r.policy_tag == "sp" ? "sp" : "p";
    advice = "publish " + tag + "=" + step + " with t=y first (receivers apply one step less while testing), then without t=y; "
             "RFC 9989 removes pct=, so step none, quarantine, reject";
  }
  if (r.days < thin_evidence_days || r.reporters < thin_evidence_reporters) {
    advice += "; the evidence is thin (" + std::to_string(r.days) + " days, " + std::to_string(r.reporters) +
              " reporters): senders that mail weekly or monthly may not show yet";
  }
  return advice;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::ready_for_quarantine: return "ready for quarantine";
    case Verdict::ready_for_reject: return "ready for reject";
    case Verdict::not_ready: return "not ready";
  }
  return "not ready";
}

std::vector<Readiness> assess_readiness(const Aggregation& aggregation) {
  std::map<std::string, Readiness> out;
  for (const auto& [name, stats] : aggregation.domains()) {
    Readiness& r = out[name];
    r.domain = name;
    r.policy_domain = stats.policy_domain;
    r.counts = stats.counts;
    bool subdomain = name != stats.policy_domain;
    const PolicyPublished& p = stats.policy;
    r.policy_tag = subdomain && !p.sp.empty() ? "sp" : "p";
    r.policy = r.policy_tag == "sp" ? p.sp : p.p;
    if (r.policy.empty()) r.policy = "none";
    r.testing = p.testing == "y";
    r.first = stats.first;
    r.last = stats.last;
    r.days = (stats.last - stats.first + seconds_per_day - 1) / seconds_per_day;
    r.reporters = stats.reporters.size();
  }
  for (const SourceStats* source : aggregation.sources()) {
    Readiness& r = out[source->domain];
    const MessageCounts& c = source->counts;
    if (c.real_failures() == 0) continue;
    FailingSource failing{source->source_ip, c.real_failures(), c.authenticated_unaligned,
                          {source->unaligned_domains.begin(), source->unaligned_domains.end()}};
    bool looks_real = c.authenticated_unaligned > 0 || c.dmarc_pass > 0;
    auto& list = looks_real ? r.blocking : r.unauthenticated;
    list.push_back(std::move(failing));
  }
  // Each subdomain that inherits its policy (sp=, else p=) is listed under every parent domain seen,
  // found by walking up its labels (linear in the domains, however many a spoofer invents).
  for (const auto& [name, r] : out) {
    if (name == r.policy_domain) continue;
    for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
      auto parent = out.find(name.substr(dot + 1));
      if (parent != out.end() && parent->second.inheriting_subdomains.size() < max_listed_subdomains)
        parent->second.inheriting_subdomains.push_back(name);
    }
  }
  std::vector<Readiness> result;
  for (auto& [name, r] : out) {
    auto by_messages = [](const FailingSource& a, const FailingSource& b) { return a.messages > b.messages; };
    std::stable_sort(r.blocking.begin(), r.blocking.end(), by_messages);
    std::stable_sort(r.unauthenticated.begin(), r.unauthenticated.end(), by_messages);
    if (!r.blocking.empty()) {
      r.verdict = Verdict::not_ready;
      r.verdict_text = "not ready: these sources fail:";
      for (std::size_t i = 0; i < r.blocking.size() && i < max_listed_sources; ++i)
        r.verdict_text += (i ? ", " : " ") + r.blocking[i].source_ip;
      if (r.blocking.size() > max_listed_sources)
        r.verdict_text += " and " + std::to_string(r.blocking.size() - max_listed_sources) + " more";
    } else {
      r.verdict = r.policy == "none" ? Verdict::ready_for_quarantine : Verdict::ready_for_reject;
      r.verdict_text = std::string(to_string(r.verdict));
    }
    r.advice = next_step(r);
    result.push_back(std::move(r));
  }
  return result;
}

}  // namespace bimi::reports
