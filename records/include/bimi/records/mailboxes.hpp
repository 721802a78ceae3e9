// What each major mailbox requires before it shows a BIMI logo, and how it presents it, as data
// with the published source of every fact; and, from what bimi knows about a sender, each
// mailbox's verdict: shown or not, with which mark, and the first requirement that is not met.
// docs/mailboxes.md is the prose form of the same table.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bimi::records {

// `unknown`: a certificate was presented whose kind (its mark type) could not be read.
enum class CertificateKind { none, vmc, cmc, unknown };
std::string_view to_string(CertificateKind kind);  // "none", "VMC", "CMC", "unknown"

// The crop a mailbox applies to the square logo. `unpublished`: the mailbox does not say; a
// preview shows every crop for it.
enum class AvatarShape { circle, rounded_square, unpublished };
std::string_view to_string(AvatarShape shape);  // "circle", "rounded-square", "unpublished"

// What a reader sees beside the message.
enum class Mark { checkmark, logo_only, none };
std::string_view to_string(Mark mark);  // "checkmark", "logo-only", "none"

// What a mailbox does with each kind of certificate.
enum class CertificatePolicy {
  vmc_only,         // only a VMC shows the logo
  vmc_or_cmc,       // a VMC or a CMC shows the logo
  optional,         // no certificate needed; one that is presented must verify
};

struct Mailbox {
  std::string_view id;    // stable, for JSON: "gmail", "apple-mail", ...
  std::string_view name;  // for people
  AvatarShape shape = AvatarShape::unpublished;
  std::string_view sizes;      // the sizes the mailbox shows the logo at, or "not published"
  std::string_view dark_mode;  // what it does on a dark theme, or "not published"
  CertificatePolicy certificates = CertificatePolicy::optional;
  bool checkmark_for_vmc = false;   // a verified VMC adds a verification checkmark
  // Requirements bimi cannot see (sender reputation, bulk volume, approval by the mailbox): the
  // verdict stays "shown" but names them. Empty when none is published.
  std::string_view unseen_requirements;
  std::string_view source;   // where the requirements are published (URL; several separated by " ; ")
  std::string_view read_on;  // the date the source was read (ISO 8601)
};

// Every mailbox bimi knows, in a fixed order.
std::span<const Mailbox> mailboxes();

// What bimi knows about a sender. A message check knows whether DMARC passed; a domain check or a
// bare logo does not and leaves `dmarc_pass` true.
struct SenderFacts {
  bool dmarc_enforced = false;  // p=quarantine or reject at pct=100, no sp=none, no t=y (BIMI draft §8.1 steps 7-9)
  bool dmarc_pass = true;       // the message passed DMARC (draft §8.1 steps 4-6)
  bool record_found = false;    // an assertion record with a logo location (draft §8.3)
  bool logo_valid = false;      // the logo is a valid SVG Tiny P/S document (draft §8.6)
  CertificateKind certificate = CertificateKind::none;  // the kind of the certificate at a=, when one was read
  bool certificate_verified = false;                    // it verified (chain, logo hash, domain, validity)
  std::string mark_type;  // the certificate's mark type, e.g. "Registered Mark"; empty when unknown
};

struct MailboxVerdict {
  const Mailbox* mailbox = nullptr;
  bool shown = false;
  Mark mark = Mark::none;
  std::string requirement;  // id of the first unmet requirement ("dmarc-enforcement", ...); empty when shown
  std::string reason;       // one sentence: why not, or with what it is shown and what it still needs
};

// One verdict per mailbox, in the order of mailboxes(). Requirements are checked in this order:
// dmarc-enforcement, dmarc-pass, bimi-record, logo-valid, certificate-required,
// certificate-kind, certificate-verified.
std::vector<MailboxVerdict> judge_mailboxes(const SenderFacts& facts);

}  // namespace bimi::records
