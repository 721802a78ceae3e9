// One DMARC aggregate report as its reporter sent it: who, when, the policy it saw published and
// one record per (source, identifiers, results) row. The same model holds the three schemas.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::reports {

enum class Schema {
  draft,    // the pre-RFC schema some reporters still send: no <version>, <identities>
  rfc7489,  // RFC 7489 Appendix C
  rfc9990,  // RFC 9990, namespace urn:ietf:params:xml:ns:dmarc-2.0
};
std::string_view to_string(Schema schema);

struct PolicyPublished {
  std::string domain;
  std::string adkim, aspf;  // "r" or "s"; empty when absent
  std::string p, sp, np;    // none, quarantine, reject; empty when absent
  std::string pct;          // RFC 7489 and the draft only
  std::string testing;      // RFC 9990 t=: "y" or "n"
};

// Why a receiver applied another disposition than the policy asked (RFC 7489 Appendix C
// PolicyOverrideType; RFC 9990 adds policy_test_mode; some reporters send "arc").
struct PolicyOverride {
  std::string type;
  std::string comment;
};

struct AuthResult {
  std::string domain;
  std::string selector;  // DKIM only
  std::string result;    // lower case
};

struct ReportRecord {
  std::string source_ip;
  std::uint64_t count = 0;
  std::string disposition;      // none, quarantine, reject (RFC 9990 also pass)
  bool dkim_aligned_pass = false;  // policy_evaluated/dkim: the DMARC-aligned DKIM result
  bool spf_aligned_pass = false;   // policy_evaluated/spf: the DMARC-aligned SPF result
  std::vector<PolicyOverride> overrides;
  std::string header_from, envelope_from, envelope_to;
  std::vector<AuthResult> dkim;  // auth_results/dkim, aligned or not
  std::vector<AuthResult> spf;   // auth_results/spf

  // DMARC passes when either aligned result passes; the message fails only when both fail.
  bool dmarc_pass() const { return dkim_aligned_pass || spf_aligned_pass; }
};

struct AggregateReport {
  Schema schema = Schema::rfc7489;
  std::string org_name, email, report_id;
  std::int64_t begin = 0, end = 0;  // seconds since the epoch, UTC
  PolicyPublished policy;
  std::vector<ReportRecord> records;

  // The sum of the record counts, saturating (the counts are each within 64 bits).
  std::uint64_t messages() const;
};

// a + b, or the largest value when the sum would not fit.
inline std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return a + b < a ? ~std::uint64_t{0} : a + b;
}

}  // namespace bimi::reports
