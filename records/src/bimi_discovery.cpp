#include "bimi/records/bimi_discovery.hpp"

#include <vector>

#include "bimi/records/local_part.hpp"
#include "bimi/records/rules.hpp"
#include "bimi/records/tag_list.hpp"

namespace bimi::records {
namespace {

enum class Outcome { found, none, stop };

// The BIMI records among a name's TXT records (BIMI draft §8.2 steps 4 and 7).
std::vector<std::string> bimi_records(const TxtLookup& answer) {
  std::vector<std::string> records;
  for (const auto& record : answer.records) {
    if (starts_with_version(record, "BIMI1", LiteralCase::any)) records.push_back(record);
  }
  return records;
}

// Makes the record at `name` the one that applies; its findings, named, go to `pending` until
// discovery knows it is the last one (lps= may replace it).
void take_record(const std::string& name, const std::string& value, BimiDiscovery& result, Diagnostics& pending) {
  result.name = name;
  result.value = value;
  Diagnostics findings;
  result.record = parse_bimi_record(value, findings);
  pending = Diagnostics();
  for (auto finding : findings.items()) {
    finding.message = name + ": " + finding.message;
    pending.add(std::move(finding));
  }
}

// BIMI draft §8.2 steps 5 and 8 (§5.5): with lps= and a local part, the record of the local part's
// selector at the same domain replaces the one found, when there is exactly one.
void follow_local_part(std::string_view domain, std::string_view local_part, const TxtLookupFunction& lookup,
                       BimiDiscovery& result, Diagnostics& pending) {
  if (local_part.empty() || !result.record || !result.record->local_part_selector) return;
  Diagnostics& out = result.diagnostics;
  std::string found_at = *result.name;
  auto selector = normalize_local_part(local_part);
  if (!selector) {
    report(out, "bimi-local-part-selector", "the local part \"" + std::string(local_part) +
                                                "\" normalizes to no selector: the record at " + found_at + " applies");
    return;
  }
  if (!matches_local_part_prefixes(*selector, result.record->local_part_prefixes)) {
    report(out, "bimi-local-part-selector",
           "the local part's selector " + *selector + " matches no lps= prefix: the record at " + found_at + " applies");
    return;
  }
  if (*selector == result.selector) return;  // that name was just queried
  std::string name = *selector + "._bimi." + std::string(domain);
  TxtLookup answer = lookup(name);
  if (report_lookup_failure(name, answer, out)) return;
  std::vector<std::string> records = bimi_records(answer);
  if (records.size() != 1) {
    report(out, "bimi-local-part-selector",
           "lps= names selector " + *selector + ", but " + name + " holds " + std::to_string(records.size()) +
               " BIMI records: the record at " + found_at + " applies");
    return;
  }
  report(out, "bimi-local-part-selector",
         "lps= at " + found_at + " names selector " + *selector + ": the record at " + name + " applies");
  result.selector = *selector;
  take_record(name, records.front(), result, pending);
}

// Steps 3-4 (or 6-7) of BIMI draft §8.2 at one name.
Outcome look_at(const std::string& name, const TxtLookupFunction& lookup, BimiDiscovery& result, Diagnostics& pending) {
  Diagnostics& out = result.diagnostics;
  TxtLookup answer = lookup(name);
  if (report_lookup_failure(name, answer, out)) return Outcome::stop;
  std::vector<std::string> records = bimi_records(answer);
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
  take_record(name, records.front(), result, pending);
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
                                   std::string_view selector, const TxtLookupFunction& lookup,
                                   std::string_view local_part) {
  BimiDiscovery result;
  result.selector = selector;
  Diagnostics pending;  // the findings of the record that applies, once it is known
  std::string own_name = std::string(selector) + "._bimi." + std::string(domain);
  Outcome outcome = look_at(own_name, lookup, result, pending);
  if (outcome == Outcome::stop) return result;
  if (outcome == Outcome::found) {
    result.record_domain = std::string(domain);
    follow_local_part(domain, local_part, lookup, result, pending);
  } else if (domain != organizational_domain) {
    std::string org_name = std::string(selector) + "._bimi." + std::string(organizational_domain);
    outcome = look_at(org_name, lookup, result, pending);
    if (outcome == Outcome::stop) return result;
    if (outcome == Outcome::found) {
      result.record_domain = std::string(organizational_domain);
      result.fallback = true;
      report(result.diagnostics, "bimi-record-fallback",
             own_name + " has no record: the organizational domain's " + org_name + " applies");
      follow_local_part(organizational_domain, local_part, lookup, result, pending);
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
  for (const auto& finding : pending.items()) result.diagnostics.add(finding);
  if (result.record->declination) {
    report(result.diagnostics, "bimi-declined", *result.name + " declines BIMI: no logo is shown");
  } else if (!result.record->evidence_url || result.record->evidence_url->empty()) {
    report(result.diagnostics, "bimi-no-evidence",
           *result.name + " has no a= certificate: Gmail, Apple Mail and others show no logo without a VMC or CMC");
  }
  return result;
}

}  // namespace bimi::records
