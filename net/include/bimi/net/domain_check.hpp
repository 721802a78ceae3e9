// The whole BIMI chain for a domain and selector, in one report: the DMARC policy that applies,
// the assertion record, the logo at l= and the certificate at a=, each with its findings. The
// look-ups, fetches and logo lint are given by the caller, so the chain runs on any source.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bimi/auth/dns_resolver.hpp"
#include "bimi/auth/spf_record_check.hpp"
#include "bimi/diagnostic.hpp"
#include "bimi/net/https.hpp"
#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/dmarc_standard.hpp"
#include "bimi/records/lookup.hpp"
#include "bimi/records/public_suffix.hpp"
#include "bimi/vmc/verify.hpp"

namespace bimi::net {

// Bodies larger than these are refused while they arrive: a logo's 32 KiB limit with slack for
// what providers tolerate, and a certificate chain with room for long chains.
inline constexpr std::size_t max_logo_download = 64u << 10;
inline constexpr std::size_t max_certificate_download = 1u << 20;

struct ChainSources {
  records::TxtLookupFunction txt;
  std::function<FetchResult(const std::string& url, std::size_t max_bytes)> fetch;
  // Findings about the logo's bytes (e.g. bimi::svgps::lint); empty: the logo is not linted.
  std::function<Diagnostics(std::string_view svg)> lint_logo;
  // The look-ups of the SPF step (TXT, A, AAAA, MX); null: the report has no SPF step.
  std::shared_ptr<auth::DnsResolver> spf_dns;
};

struct DomainCheckOptions {
  std::string domain;                    // normalized
  std::string selector = "default";      // normalized
  std::string local_part;                // the sender's local part, for lps= (BIMI draft §5.5); may be empty
  records::DmarcStandard dmarc = records::DmarcStandard::rfc9989;
  int warn_days = 30;                    // certificate-expiring when the certificate ends sooner
  long long at = 0;                      // certificate verification time (seconds since the epoch)
  std::optional<std::string> roots_pem;  // trust anchors replacing the bundled BIMI roots
};

struct Step {
  std::string name;  // "dmarc", "bimi-record", "logo", "certificate"
  std::vector<std::pair<std::string, std::string>> facts;
  Diagnostics findings;
  bool skipped = false;  // an earlier step left nothing to check
};

struct DomainReport {
  std::string domain;
  records::DmarcStandard dmarc_standard = records::DmarcStandard::rfc9989;
  std::string organizational_domain;       // by the DNS tree walk (RFC 9989) or the Public Suffix List (RFC 7489)
  std::string organizational_domain_from;  // how it was found
  std::string selector;
  std::vector<Step> steps;
  std::optional<vmc::VerifyReport> certificate;  // when a certificate was verified
  std::optional<auth::SpfRecordCheck> spf;       // the SPF step's include tree, when it ran
  std::optional<records::BimiDiscovery> discovery;  // the assertion record's discovery, when it ran
  std::optional<std::string> logo;                  // the logo's bytes, when they were fetched

  // No error finding in any step: receivers that follow the BIMI draft would show the logo.
  bool ready() const;
};

// The DMARC step alone (bimi dmarc DOMAIN). `psl` is needed for RFC 7489 only (may be null
// otherwise): RFC 9989 finds the organizational domain by the DNS tree walk.
DomainReport check_dmarc(const DomainCheckOptions& options, const records::PublicSuffixList* psl,
                         const ChainSources& sources);

// Every step (bimi domain DOMAIN). Later steps run even when earlier ones fail, so one report
// lists every problem.
DomainReport check_domain(const DomainCheckOptions& options, const records::PublicSuffixList* psl,
                          const ChainSources& sources);

// The assertion record, the logo and the certificate for a sender whose DMARC the caller has
// already judged (bimi message): the steps after DMARC, with `organizational_domain` as the record's
// fallback.
DomainReport check_bimi_chain(const DomainCheckOptions& options, const std::string& organizational_domain,
                              const ChainSources& sources);

}  // namespace bimi::net
