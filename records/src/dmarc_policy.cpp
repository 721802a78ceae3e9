#include "bimi/records/dmarc_policy.hpp"

#include "bimi/records/rules.hpp"
#include "bimi/records/tag_list.hpp"

namespace bimi::records {
namespace {

// Parses a record's findings into `out` with the record's name in front of each message.
DmarcRecord parse_named(const std::string& name, const std::string& value, Diagnostics& out) {
  Diagnostics findings;
  DmarcRecord record = parse_dmarc_record(value, findings);
  for (auto finding : findings.items()) {
    finding.message = name + ": " + finding.message;
    out.add(std::move(finding));
  }
  return record;
}

// RFC 7489 §6.6.3 steps 1-5 at one name: the single DMARC record there, if any. Sets `failed`
// when the look-up failed or the name holds several records, and `status` to the look-up's.
std::optional<DmarcSource> discover_at(const std::string& name, const TxtLookupFunction& lookup, Diagnostics& out,
                                       bool& failed, LookupStatus& status) {
  TxtLookup answer = lookup(name);
  status = answer.status;
  if (report_lookup_failure(name, answer, out)) {
    failed = true;
    return std::nullopt;
  }
  std::vector<std::string> records;
  for (const auto& record : answer.records) {
    if (starts_with_version(record, "DMARC1", LiteralCase::exact)) records.push_back(record);
  }
  if (records.size() > 1) {
    report(out, "dmarc-multiple", name + " holds " + std::to_string(records.size()) + " DMARC records; receivers apply none");
    failed = true;
    return std::nullopt;
  }
  if (records.empty()) {
    // A record meant as DMARC but discarded for its first tag: say why, so the fix is obvious.
    for (const auto& record : answer.records) {
      if (looks_like_version(record, "DMARC")) parse_named(name + " (ignored)", record, out);
    }
    return std::nullopt;
  }
  DmarcSource source;
  source.name = name;
  source.value = records.front();
  source.record = parse_named(name, source.value, out);
  return source;
}

}  // namespace

void check_record_for_bimi(std::string_view name, const DmarcRecord& record, Diagnostics& out) {
  std::string who(name);
  if (record.p == DmarcPolicy::none) {
    report(out, "dmarc-policy-none", who + " has p=none: BIMI needs quarantine or reject");
  }
  if (record.sp == DmarcPolicy::none) {
    report(out, "dmarc-subdomain-policy-none", who + " has sp=none: BIMI needs no subdomain policy of none");
  }
  if (record.pct < 100 && record.p == DmarcPolicy::quarantine) {
    report(out, "dmarc-pct", who + " has p=quarantine with pct=" + std::to_string(record.pct) +
                                 ": BIMI needs quarantine to cover 100 %");
  } else if (record.pct < 100 && record.p == DmarcPolicy::reject) {
    report(out, "dmarc-pct-reject", who + " has p=reject with pct=" + std::to_string(record.pct) +
                                        ": the rest is quarantined, which BIMI allows; some mailbox providers ask for 100");
  }
}

DmarcEvaluation evaluate_dmarc(std::string_view domain, std::string_view organizational_domain,
                               const TxtLookupFunction& lookup) {
  DmarcEvaluation result;
  result.domain = domain;
  result.organizational_domain = organizational_domain;
  Diagnostics& out = result.diagnostics;
  bool failed = false;
  LookupStatus own_status = LookupStatus::found;
  result.own = discover_at("_dmarc." + result.domain, lookup, out, failed, own_status);
  if (failed) return result;
  // _dmarc.<domain> is NXDOMAIN whenever the domain is (RFC 8020 §2); only then can the domain
  // itself be missing, which is the first thing to say (and np= may apply to it).
  if (own_status == LookupStatus::no_name) {
    result.domain_exists = lookup(result.domain).status != LookupStatus::no_name;
    if (!result.domain_exists) {
      report(out, "domain-not-found", result.domain + " does not exist: the DNS answers NXDOMAIN (no such name)");
    }
  }
  bool subdomain = result.domain != result.organizational_domain;
  if (subdomain) {
    LookupStatus organizational_status = LookupStatus::found;
    result.organizational =
        discover_at("_dmarc." + result.organizational_domain, lookup, out, failed, organizational_status);
    if (failed) return result;
  }
  if (!result.own && !result.organizational) {
    // For a name that does not exist, domain-not-found already says why there is no record.
    if (result.domain_exists) {
      report(out, "dmarc-missing", "no DMARC record at _dmarc." + result.domain +
                                       (subdomain ? " nor at _dmarc." + result.organizational_domain : std::string()));
    }
    return result;
  }

  // The policy receivers apply (RFC 7489 §6.6.3; DMARCbis np= for names that do not exist).
  const DmarcSource& source = result.own ? *result.own : *result.organizational;
  const DmarcRecord& record = source.record;
  if (!record.usable()) {
    // Parse errors are already findings; without a valid record no policy applies.
    if (!out.has_errors()) report(out, "dmarc-policy-missing", source.name + ": the record sets no usable policy");
    return result;
  }
  if (result.own) {
    result.applied = record.p;
    result.applied_from = "p= of " + source.name;
  } else {
    if (!result.domain_exists && record.np) {
      result.applied = record.np;
      result.applied_from = "np= of " + source.name + " (" + result.domain + " does not exist)";
    } else if (record.sp) {
      result.applied = record.sp;
      result.applied_from = "sp= of " + source.name + " (inherited)";
    } else {
      result.applied = record.p;
      result.applied_from = "p= of " + source.name + " (inherited)";
    }
  }
  result.applied_pct = record.pct;
  report(out, "dmarc-applied-policy", "mail from " + result.domain + " gets " + std::string(to_string(*result.applied)) +
                                          " (" + result.applied_from + "), pct=" + std::to_string(record.pct));

  // BIMI looks at the domain's record and at the organizational domain's (BIMI draft §7.1).
  if (result.own) check_record_for_bimi(result.own->name, result.own->record, out);
  if (result.organizational) check_record_for_bimi(result.organizational->name, result.organizational->record, out);
  // What the checks above cannot see: an inherited sp=/np= of quarantine below 100 %, or np=none.
  if (!result.own) {
    bool from_p = result.applied_from.rfind("p=", 0) == 0;
    if (*result.applied == DmarcPolicy::none && !from_p && result.applied_from.rfind("np=", 0) == 0) {
      report(out, "dmarc-policy-none", "mail from " + result.domain + " gets none from " + result.applied_from);
    }
    if (*result.applied == DmarcPolicy::quarantine && record.pct < 100 && !from_p) {
      report(out, "dmarc-pct", "mail from " + result.domain + " gets quarantine (" + result.applied_from + ") with pct=" +
                                   std::to_string(record.pct) + ": BIMI needs quarantine to cover 100 %");
    }
  }
  return result;
}

}  // namespace bimi::records
