#include "bimi/records/bimi_discovery.hpp"

#include <vector>

#include "bimi/records/rules.hpp"
#include "bimi/records/tag_list.hpp"

namespace bimi::records {
namespace {

enum class Outcome { found, none, stop };

// Steps 3-4 (or 6-7) of BIMI draft §7.2 at one name.
Outcome look_at(const std::string& name, const TxtLookupFunction& lookup, BimiDiscovery& result) {
  Diagnostics& out = result.diagnostics;
  TxtLookup answer = lookup(name);
  if (report_lookup_failure(name, answer, out)) return Outcome::stop;
  std::vector<std::string> records;
  for (const auto& record : answer.records) {
    if (starts_with_version(record, "BIMI1", LiteralCase::any)) records.push_back(record);
  }
  if (records.size() > 1) {
    report(out, "bimi-record-multiple", name + " holds " + std::to_string(records.size()) + " BIMI records; receivers use none");
    return Outcome::stop;
  }
  if (records.empty()) {
    for (const auto& record : answer.records) {
      if (!looks_like_version(record, "BIMI")) continue;
      Diagnostics findings;
      parse_bimi_record(record, findings);
      for (auto finding : findings.items()) {
        finding.message = name + " (ignored): " + finding.message;
        out.add(std::move(finding));
      }
    }
    return Outcome::none;
  }
  result.name = name;
  result.value = records.front();
  Diagnostics findings;
  result.record = parse_bimi_record(records.front(), findings);
  for (auto finding : findings.items()) {
    finding.message = name + ": " + finding.message;
    out.add(std::move(finding));
  }
  return Outcome::found;
}

// Names a record ends up at by mistake: no selector, no underscore, the zone name appended by a
// DNS panel, or the domain's own TXT records.
void probe_wrong_names(std::string_view domain, std::string_view selector, const TxtLookupFunction& lookup,
                       Diagnostics& out) {
  std::string d(domain), s(selector);
  const std::vector<std::string> names{"_bimi." + d, s + ".bimi." + d, s + "._bimi." + d + "." + d, d};
  for (const auto& name : names) {
    TxtLookup answer = lookup(name);
    if (answer.status != LookupStatus::found) continue;
    for (const auto& record : answer.records) {
      if (looks_like_version(record, "BIMI")) {
        report(out, "bimi-record-wrong-name", "a BIMI record is published at " + name + "; receivers look at " + s +
                                                  "._bimi." + d);
        return;
      }
    }
  }
}

}  // namespace

bool BimiDiscovery::has_logo() const {
  return record && !record->declination && record->logo_url && !record->logo_url->empty() &&
         !diagnostics.has_rule("bimi-logo-url") && !diagnostics.has_rule("bimi-version") &&
         !diagnostics.has_rule("tag-duplicate");
}

BimiDiscovery discover_bimi_record(std::string_view domain, std::string_view organizational_domain,
                                   std::string_view selector, const TxtLookupFunction& lookup) {
  BimiDiscovery result;
  std::string own_name = std::string(selector) + "._bimi." + std::string(domain);
  Outcome outcome = look_at(own_name, lookup, result);
  if (outcome == Outcome::stop) return result;
  if (outcome == Outcome::found) {
    result.record_domain = std::string(domain);
  } else if (domain != organizational_domain) {
    std::string org_name = std::string(selector) + "._bimi." + std::string(organizational_domain);
    outcome = look_at(org_name, lookup, result);
    if (outcome == Outcome::stop) return result;
    if (outcome == Outcome::found) {
      result.record_domain = std::string(organizational_domain);
      result.fallback = true;
      report(result.diagnostics, "bimi-record-fallback",
             own_name + " has no record: the organizational domain's " + org_name + " applies");
    }
  }
  if (outcome == Outcome::none) {
    report(result.diagnostics, "bimi-record-missing",
           "no BIMI record at " + own_name +
               (domain != organizational_domain ? " nor at " + std::string(selector) + "._bimi." + std::string(organizational_domain)
                                                : std::string()));
    probe_wrong_names(domain, selector, lookup, result.diagnostics);
    return result;
  }
  if (result.record->declination) {
    report(result.diagnostics, "bimi-declined", *result.name + " declines BIMI: no logo is shown");
  } else if (!result.record->evidence_url || result.record->evidence_url->empty()) {
    report(result.diagnostics, "bimi-no-evidence",
           *result.name + " has no a= certificate: Gmail, Apple Mail and others show no logo without a VMC or CMC");
  }
  return result;
}

}  // namespace bimi::records
