// Would a mailbox show this message's logo? The receiver's whole chain on one message: the author,
// SPF for the SMTP facts, every DKIM signature, the ARC chain, DMARC alignment and policy, then the
// BIMI record, logo and certificate for the author's domain (BIMI draft §8). Every look-up and
// fetch goes through the caller's sources, so the same message judges the same offline.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/auth/alignment.hpp"
#include "bimi/auth/arc_verify.hpp"
#include "bimi/auth/author.hpp"
#include "bimi/auth/dkim_verify.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/auth/spf_evaluator.hpp"
#include "bimi/diagnostic.hpp"
#include "bimi/net/chain_reports.hpp"
#include "bimi/net/domain_check.hpp"
#include "bimi/records/dmarc_policy.hpp"

namespace bimi::net {

struct MessageCheckOptions {
  // The SMTP facts; empty members are read from the message's newest Received: field and its
  // Return-Path: (the report says so).
  std::string ip;
  std::string helo;
  std::optional<std::string> mail_from;  // "" is the null reverse-path <>
  std::vector<std::string> trusted_arc_sealers;  // lower case
  records::DmarcStandard dmarc = records::DmarcStandard::rfc9989;
  long long at = 0;  // verification time: DKIM x=/t=, the certificate (seconds since the epoch)
  int warn_days = 30;
  std::optional<std::string> roots_pem;
  std::string receiver = "bimi.invalid";  // SPF's %{r}, and the authserv-id of Authentication-Results
};

// Where the SMTP facts came from.
enum class FactsSource { options, received, none };

struct SpfPart {
  std::string result = "none";  // RFC 8601 words
  std::string identity;         // "mailfrom" or "helo"
  std::string domain;           // the domain check_host() evaluated
  bool aligned = false;         // a pass whose domain aligns with the author's
  std::string reason;
  std::optional<auth::SpfOutcome> outcome;
};

struct DkimPart {
  auth::DkimVerification verification;
  bool aligned = false;  // d= aligns with the author's domain (whatever the result)
};

struct DmarcPart {
  std::string result = "none";  // pass, fail, none, temperror, permerror
  records::DmarcStandard standard = records::DmarcStandard::rfc9989;
  std::optional<records::DmarcPolicy> policy;
  std::string domain;
  std::string organizational_domain;
  std::string applied_from;
  char adkim = 'r';
  char aspf = 'r';
  bool enforcing = false;       // quarantine or reject, in full (BIMI draft §8.1 steps 7-9)
  bool arc_override = false;    // failed, but a trusted ARC sealer recorded dmarc=pass
  std::optional<records::DmarcEvaluation> evaluation;
};

struct ArcPart {
  auth::ArcValidation validation;
  std::optional<std::string> trusted_sealer;   // the first hop's sealer, when it is trusted
  std::string recorded_dmarc;                  // what that hop recorded (dmarc=...), when read
};

struct BimiPart {
  std::string result = "skipped";  // pass, fail, none, declined, skipped, temperror (BIMI draft §8.7)
  std::string comment;             // why, for people and for Authentication-Results
  std::string selector = "default";
  std::string selector_from = "default";  // "default" or "BIMI-Selector header"
  std::string record_domain;              // header.d: where the record applying was found
  std::optional<std::string> record;
  std::optional<std::string> location;    // l=
  std::optional<std::string> authority_uri;  // a=
  std::string authority = "none";            // policy.authority: pass, fail, none
  std::string avatar_preference;             // avp=, when the record has a valid one
};

struct BrokenLink {
  std::string step;  // message, spf, dkim, dmarc, arc, bimi-record, logo, certificate
  std::string rule;
  std::string message;
};

struct MessageReport {
  std::optional<auth::Author> author;
  FactsSource facts_source = FactsSource::none;
  std::string ip, helo, mail_from;
  SpfPart spf;
  std::vector<DkimPart> dkim;
  DmarcPart dmarc;
  ArcPart arc;
  BimiPart bimi;
  Diagnostics findings;                // about the message, SPF, DKIM, ARC, DMARC alignment, selector
  std::shared_ptr<const DomainReport> chain;  // the BIMI record, logo and certificate steps, when they ran
  bool shown = false;
  std::optional<BrokenLink> first_broken;
  std::string verdict;  // one sentence
};

// What the messages of one run share: the BIMI steps' report per domain, selector and local part
// (messages from one sender share one record discovery, logo fetch and certificate verification;
// `chains` may be shared by every thread of the run), the DKIM keys already decoded, the DMARC
// evaluation per author domain, the organizational domain per name, and the SPF outcome per client
// address, MAIL FROM and HELO name. Only for sources that give the same answer to the same question
// within the run (a snapshot, or a live run of a few seconds). One per thread.
class RunCache {
 public:
  RunCache() : chains(std::make_shared<ChainReports>()) {}
  explicit RunCache(std::shared_ptr<ChainReports> shared_chains) : chains(std::move(shared_chains)) {}
  static std::string chain_key(const DomainCheckOptions& options, const std::string& organizational_domain);
  std::shared_ptr<ChainReports> chains;
  auth::DkimKeyCache keys;
  // Each map keeps at most this many entries; past it, results are computed per message.
  static constexpr std::size_t max_entries = 4096;
  std::map<std::string, records::DmarcEvaluation> dmarc;  // by the standard's id and the author domain
  std::map<std::string, std::string> organizational;      // by the standard's id and the name (lower case)
  std::map<std::string, auth::SpfOutcome> spf;            // by SpfRequest's members
};

// `psl` is needed for RFC 7489 only. `sources.spf_dns` answers SPF's look-ups; without it SPF is
// none. `cache`, when given, keeps the BIMI steps for the next messages of the run.
MessageReport check_message(const auth::Message& message, const MessageCheckOptions& options,
                            const records::PublicSuffixList* psl, const ChainSources& sources,
                            RunCache* cache = nullptr);

// The header fields a receiver adds once it has judged the message: Authentication-Results
// (RFC 8601: spf, dkim, arc, dmarc and bimi with the draft's properties), and when the logo is shown
// BIMI-Location, BIMI-Indicator and BIMI-Logo-Preference (BIMI draft §8.9-§8.11). Folded, no final
// CRLF.
std::vector<std::string> receiver_fields(const MessageReport& report, std::string_view authserv_id);

}  // namespace bimi::net
