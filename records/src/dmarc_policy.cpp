#include "bimi/records/dmarc_policy.hpp"

#include "bimi/records/rules.hpp"
#include "bimi/records/tag_list.hpp"

namespace bimi::records {
namespace {

// Parses a record's findings into `out` with the record's name in front of each message.
DmarcRecord parse_named(const std::string& name, const std::string& value, DmarcStandard standard, Diagnostics& out) {
  Diagnostics findings;
  DmarcRecord record = parse_dmarc_record(value, findings, standard);
  for (auto finding : findings.items()) {
    finding.message = name + ": " + finding.message;
    out.add(std::move(finding));
  }
  return record;
}

struct Discovered {
  std::optional<DmarcSource> source;
  LookupStatus status = LookupStatus::found;
  bool failed = false;    // the look-up failed: no verdict can be given
  bool multiple = false;  // several DMARC records: all are discarded
};

// RFC 7489 §6.6.3 steps 1-5, RFC 9989 §4.10 steps 1-2 (and 5-6) at one domain: the single DMARC
// record there, if any.
Discovered discover_at(const std::string& domain, DmarcStandard standard, const TxtLookupFunction& lookup,
                       DmarcEvaluation& result) {
  Diagnostics& out = result.diagnostics;
  std::string name = "_dmarc." + domain;
  result.queried.push_back(name);
  Discovered found;
  TxtLookup answer = lookup(name);
  found.status = answer.status;
  if (report_lookup_failure(name, answer, out)) {
    found.failed = true;
    return found;
  }
  std::vector<std::string> records;
  for (const auto& record : answer.records) {
    if (starts_with_version(record, "DMARC1", LiteralCase::exact)) records.push_back(record);
  }
  if (records.size() > 1) {
    report(out, "dmarc-multiple", name + " holds " + std::to_string(records.size()) + " DMARC records; receivers apply none");
    found.multiple = true;
    return found;
  }
  if (records.empty()) {
    // A record meant as DMARC but discarded for its first tag: say why, so the fix is obvious.
    for (const auto& record : answer.records) {
      if (looks_like_version(record, "DMARC")) parse_named(name + " (ignored)", record, standard, out);
    }
    return found;
  }
  found.source = DmarcSource{domain, name, records.front(), {}};
  found.source->record = parse_named(name, records.front(), standard, out);
  return found;
}

// _dmarc.<domain> is NXDOMAIN whenever the domain is (RFC 8020 §2); only then can the domain
// itself be missing, which is the first thing to say (and np= may apply to it).
void check_existence(LookupStatus own_status, const TxtLookupFunction& lookup, DmarcEvaluation& result) {
  if (own_status != LookupStatus::no_name) return;
  result.domain_exists = lookup(result.domain).status != LookupStatus::no_name;
  if (!result.domain_exists) {
    report(result.diagnostics, "domain-not-found",
           result.domain + " does not exist: the DNS answers NXDOMAIN (no such name)");
  }
}

std::string_view one_level_below(DmarcPolicy policy) {
  return policy == DmarcPolicy::reject ? "quarantine" : "none";
}

// The policy receivers apply once the records are known (RFC 7489 §6.6.3; RFC 9989 §4.10.1), and
// what BIMI makes of it (BIMI draft §8.1 steps 7-9).
void apply_policy(DmarcEvaluation& result) {
  Diagnostics& out = result.diagnostics;
  bool rfc9989 = result.standard == DmarcStandard::rfc9989;
  const DmarcSource* source = result.own                ? &*result.own
                              : result.organizational   ? &*result.organizational
                              : result.public_suffix    ? &*result.public_suffix
                                                        : nullptr;
  if (source == nullptr) {
    // For a name that does not exist, domain-not-found already says why there is no record.
    if (result.domain_exists) {
      std::string where = "_dmarc." + result.domain;
      if (rfc9989) {
        if (result.queried.size() > 1) where += " nor at any parent the tree walk queried (" + std::to_string(result.queried.size()) + " names)";
      } else if (result.domain != result.organizational_domain) {
        where += " nor at _dmarc." + result.organizational_domain;
      }
      report(out, "dmarc-missing", "no DMARC record at " + where);
    }
    return;
  }
  const DmarcRecord& record = source->record;
  if (!record.usable()) {
    // Parse errors are already findings; without a valid record no policy applies.
    if (!out.has_errors()) report(out, "dmarc-policy-missing", source->name + ": the record sets no usable policy");
    return;
  }
  bool inherited = !result.own;  // the domain's own record applies whenever there is one
  bool from_public_suffix = result.public_suffix && source == &*result.public_suffix;
  std::string suffix = !inherited ? "" : from_public_suffix ? " (a public suffix operator's policy, inherited)" : " (inherited)";
  if (record.implies_none()) {
    result.applied = DmarcPolicy::none;
    result.applied_from = "no valid policy in " + source->name + ", read as p=none for its valid rua=" + suffix;
  } else if (!inherited) {
    result.applied = record.p;
    result.applied_from = "p= of " + source->name;
  } else if (!result.domain_exists && record.np) {
    result.applied = record.np;
    result.applied_from = "np= of " + source->name + " (" + result.domain + " does not exist)";
  } else if (record.sp) {
    result.applied = record.sp;
    result.applied_from = "sp= of " + source->name + suffix;
  } else {
    result.applied = record.p;
    result.applied_from = "p= of " + source->name + suffix;
  }
  result.applied_pct = rfc9989 ? 100 : record.pct;
  result.test_mode = rfc9989 && record.test_mode;
  std::string applied(to_string(*result.applied));
  report(out, "dmarc-applied-policy",
         "mail from " + result.domain + " gets " + applied + " (" + result.applied_from + ")" +
             (rfc9989 ? std::string(", by RFC 9989") : ", pct=" + std::to_string(record.pct)));

  // BIMI looks at the domain's record and at the organizational domain's (BIMI draft §8.1).
  if (result.own) check_record_for_bimi(result.own->name, result.own->record, out);
  if (result.organizational) check_record_for_bimi(result.organizational->name, result.organizational->record, out);
  if (from_public_suffix) check_record_for_bimi(source->name, record, out);
  // What the checks above cannot see: a policy of none read from a broken p=, an inherited np=none,
  // an inherited quarantine below 100 %, and test mode on the record that applies.
  if (inherited && *result.applied == DmarcPolicy::none && result.applied_from.rfind("np=", 0) == 0) {
    report(out, "dmarc-policy-none", "mail from " + result.domain + " gets none from " + result.applied_from);
  }
  bool from_p = result.applied_from.rfind("p=", 0) == 0;
  if (!rfc9989 && inherited && *result.applied == DmarcPolicy::quarantine && record.pct < 100 && !from_p) {
    report(out, "dmarc-pct", "mail from " + result.domain + " gets quarantine (" + result.applied_from + ") with pct=" +
                                 std::to_string(record.pct) + ": BIMI needs quarantine to cover 100 %");
  }
  if (result.test_mode && *result.applied != DmarcPolicy::none) {
    report(out, "dmarc-test-mode", source->name + " has t=y (test mode): receivers apply " +
                                       std::string(one_level_below(*result.applied)) + " instead of " + applied +
                                       " to mail from " + result.domain + ", which is not enforcement: no BIMI");
  }
}

std::size_t label_count(const std::string& domain) {
  std::size_t labels = 1;
  for (char c : domain) labels += c == '.' ? 1 : 0;
  return labels;
}

// RFC 9989 §4.10 steps 3-4 and 7: the next name to query above `domain`; at most seven labels.
std::optional<std::string> next_target(const std::string& domain) {
  std::size_t labels = label_count(domain);
  if (labels <= 1) return std::nullopt;
  std::size_t keep = labels >= 8 ? 7 : labels - 1;
  std::size_t drop = labels - keep;
  std::size_t at = 0;
  for (std::size_t i = 0; i < drop; ++i) at = domain.find('.', at) + 1;
  return domain.substr(at);
}

// The last `labels` labels of `domain`.
std::string last_labels(const std::string& domain, std::size_t labels) {
  std::size_t total = label_count(domain);
  std::size_t at = 0;
  for (std::size_t i = labels; i < total; ++i) at = domain.find('.', at) + 1;
  return domain.substr(at);
}

}  // namespace

void check_record_for_bimi(std::string_view name, const DmarcRecord& record, Diagnostics& out) {
  std::string who(name);
  bool rfc9989 = record.standard == DmarcStandard::rfc9989;
  if (record.p == DmarcPolicy::none) {
    report(out, "dmarc-policy-none", who + " has p=none: BIMI needs quarantine or reject");
  } else if (record.implies_none()) {
    report(out, "dmarc-policy-none", who + " has no valid p=, sp= or np= but a valid rua=: RFC 9989 reads it as p=none; BIMI needs quarantine or reject");
  }
  if (record.sp == DmarcPolicy::none) {
    report(out, "dmarc-subdomain-policy-none", who + " has sp=none: BIMI needs no subdomain policy of none");
  }
  if (rfc9989) return;  // pct= is obsolete: dmarc-tag-obsolete says so
  if (record.pct < 100 && record.p == DmarcPolicy::quarantine) {
    report(out, "dmarc-pct", who + " has p=quarantine with pct=" + std::to_string(record.pct) +
                                 ": BIMI needs quarantine to cover 100 %");
  } else if (record.pct < 100 && record.p == DmarcPolicy::reject) {
    report(out, "dmarc-pct-reject", who + " has p=reject with pct=" + std::to_string(record.pct) +
                                        ": the rest is quarantined, which BIMI allows; some mailbox providers ask for 100");
  }
}

void check_test_mode_for_bimi(std::string_view name, const DmarcRecord& record, Diagnostics& out) {
  if (record.standard != DmarcStandard::rfc9989 || !record.test_mode || !record.p || *record.p == DmarcPolicy::none) return;
  report(out, "dmarc-test-mode", std::string(name) + " has t=y (test mode): receivers apply " +
                                     std::string(one_level_below(*record.p)) + " instead of " +
                                     std::string(to_string(*record.p)) + ", which is not enforcement: no BIMI");
}

DmarcEvaluation evaluate_dmarc(std::string_view domain, std::string_view organizational_domain,
                               const TxtLookupFunction& lookup) {
  DmarcEvaluation result;
  result.standard = DmarcStandard::rfc7489;
  result.domain = domain;
  result.organizational_domain = organizational_domain;
  result.organizational_domain_from = "the Public Suffix List (RFC 7489 §3.2)";
  Discovered own = discover_at(result.domain, result.standard, lookup, result);
  if (own.failed || own.multiple) return result;
  result.own = std::move(own.source);
  check_existence(own.status, lookup, result);
  if (result.domain != result.organizational_domain) {
    Discovered organizational = discover_at(result.organizational_domain, result.standard, lookup, result);
    if (organizational.failed || organizational.multiple) return result;
    result.organizational = std::move(organizational.source);
  }
  apply_policy(result);
  return result;
}

DmarcEvaluation evaluate_dmarc_tree_walk(std::string_view domain, const TxtLookupFunction& lookup) {
  DmarcEvaluation result;
  result.standard = DmarcStandard::rfc9989;
  result.domain = domain;
  // §4.10 steps 1-2 at the domain, then steps 3-7 up to the root or the first psd=y or psd=n.
  // Several records at one name are discarded and the walk goes on (§4.10 step 6).
  std::vector<DmarcSource> found;  // longest name first
  Discovered own = discover_at(result.domain, result.standard, lookup, result);
  if (own.failed) return result;
  bool stop = own.source && own.source->record.psd != 'u';
  if (own.source) found.push_back(*own.source);
  result.own = std::move(own.source);
  check_existence(own.status, lookup, result);
  for (auto target = next_target(result.domain); target && !stop; target = next_target(*target)) {
    if (result.queried.size() >= max_tree_walk_queries) break;  // cannot happen: seven labels at most after the first
    Discovered at = discover_at(*target, result.standard, lookup, result);
    if (at.failed) return result;
    if (!at.source) continue;
    stop = at.source->record.psd != 'u';
    found.push_back(std::move(*at.source));
  }

  // §4.10.2: the organizational domain, from the longest name to the shortest.
  result.organizational_domain = result.domain;
  result.organizational_domain_from = "no DMARC record above it (RFC 9989 §4.10.2)";
  const DmarcSource* psd_record = nullptr;
  bool chosen = false;
  for (const auto& source : found) {
    if (source.record.psd == 'n') {
      result.organizational_domain = source.domain;
      result.organizational_domain_from = "psd=n at " + source.name + " (RFC 9989 §4.10.2 rule 1)";
      chosen = true;
      break;
    }
    if (source.record.psd == 'y' && source.domain != result.domain) {
      result.organizational_domain = last_labels(result.domain, label_count(source.domain) + 1);
      result.organizational_domain_from = "one label below psd=y at " + source.name + " (RFC 9989 §4.10.2 rule 2)";
      psd_record = &source;
      chosen = true;
      break;
    }
  }
  if (!chosen && !found.empty()) {
    result.organizational_domain = found.back().domain;
    result.organizational_domain_from = "the shortest name with a DMARC record, " + found.back().name + " (RFC 9989 §4.10.2 rule 3)";
  }
  std::string walked;
  for (const auto& name : result.queried) walked += (walked.empty() ? "" : ", ") + name;
  report(result.diagnostics, "dmarc-tree-walk",
         "organizational domain of " + result.domain + ": " + result.organizational_domain + ", from " +
             result.organizational_domain_from + "; " + std::to_string(result.queried.size()) + " queries: " + walked);

  // §4.10.1: the domain's own record, else its organizational domain's, else the public suffix's.
  if (result.organizational_domain != result.domain) {
    for (const auto& source : found) {
      if (source.domain == result.organizational_domain) result.organizational = source;
    }
    if (!result.organizational && psd_record != nullptr) result.public_suffix = *psd_record;
  }
  apply_policy(result);
  return result;
}

const DmarcSource* DmarcEvaluation::applied_source() const {
  for (const auto* source : {&own, &organizational, &public_suffix}) {
    if (*source && (*source)->record.usable()) return &**source;
  }
  return nullptr;
}

}  // namespace bimi::records
