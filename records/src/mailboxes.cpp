#include "bimi/records/mailboxes.hpp"

#include <array>

namespace bimi::records {
namespace {

constexpr std::string_view not_published = "not published";
constexpr std::string_view read_on = "2026-12-01";

// The facts and their sources are explained in docs/mailboxes.md; keep both in step.
constexpr std::array<Mailbox, 7> table{{
    {"gmail", "Gmail", AvatarShape::circle, not_published, not_published, CertificatePolicy::vmc_or_cmc, true, "",
     "https://www.neowin.net/news/gmail-brings-blue-verification-checkmark-to-android-and-ios/ (quoting Google's "
     "announcement of 2024-09-24) ; https://bimi-checker.org/2024/09/26/a-hassle-free-way-to-display-your-logo-in-inboxes-googles-recent-bimi-updates",
     read_on},
    {"apple-mail", "Apple Mail (iCloud)", AvatarShape::circle, not_published, not_published, CertificatePolicy::vmc_only, false,
     "", "https://developer.apple.com/support/bimi/", read_on},
    {"yahoo", "Yahoo Mail and AOL", AvatarShape::circle, not_published, not_published, CertificatePolicy::optional, false,
     "bulk mail with sufficient reputation and engagement (no logo on personal mail)",
     "https://developer.verizonmedia.com/mail/bimi/", read_on},
    {"fastmail", "Fastmail", AvatarShape::unpublished, not_published, not_published, CertificatePolicy::optional, false, "",
     "https://www.spamresource.com/2024/01/bimi-mailbox-provider-support-in.html ; https://mailantis.eu/en/learn/setup-bimi.html",
     read_on},
    {"la-poste", "La Poste (laposte.net)", AvatarShape::unpublished, not_published, not_published, CertificatePolicy::optional,
     false, "approval of the domain by La Poste, on the sender's request",
     "https://www.dmarc.fr/blog/j-ai-configure-dmarc-en-mode-blocage-et-cree-un-enregistrement-bimi-et ; "
     "https://www.mindbaz.com/en/news/email-logo-inbox-bimi/",
     read_on},
    {"onet", "Onet Poczta", AvatarShape::unpublished, not_published, not_published, CertificatePolicy::optional, false,
     "whatever Onet requires beyond the BIMI draft (not published)",
     "https://www.spamresource.com/2024/01/bimi-mailbox-provider-support-in.html", read_on},
    {"zone", "Zone (zone.ee)", AvatarShape::unpublished, not_published, not_published, CertificatePolicy::optional, false,
     "whatever Zone requires beyond the BIMI draft (not published)",
     "https://www.spamresource.com/2024/01/bimi-mailbox-provider-support-in.html", read_on},
}};

MailboxVerdict refuse(const Mailbox& mailbox, std::string requirement, std::string reason) {
  return {&mailbox, false, Mark::none, std::move(requirement), std::move(reason)};
}

std::string certificate_label(const SenderFacts& facts) {
  std::string label(to_string(facts.certificate));
  if (!facts.mark_type.empty()) label += ", " + facts.mark_type;
  return label;
}

MailboxVerdict judge(const Mailbox& mailbox, const SenderFacts& facts) {
  const std::string name(mailbox.name);
  // BIMI draft §8.1 steps 7-9: every receiver that follows the draft.
  if (!facts.dmarc_enforced)
    return refuse(mailbox, "dmarc-enforcement",
                  "DMARC is not at enforcement (p=quarantine or p=reject at pct=100, no sp=none): BIMI draft §8.1");
  if (!facts.dmarc_pass) return refuse(mailbox, "dmarc-pass", "the message did not pass DMARC: BIMI draft §8.1");
  if (!facts.record_found) return refuse(mailbox, "bimi-record", "no BIMI assertion record with a logo location: BIMI draft §8.3");
  if (!facts.logo_valid) return refuse(mailbox, "logo-valid", "the logo is not a valid SVG Tiny P/S document: BIMI draft §8.6");
  const bool has_certificate = facts.certificate != CertificateKind::none;
  if (mailbox.certificates == CertificatePolicy::vmc_only && !has_certificate)
    return refuse(mailbox, "certificate-required", name + " needs a VMC");
  if (mailbox.certificates == CertificatePolicy::vmc_or_cmc && !has_certificate)
    return refuse(mailbox, "certificate-required", name + " needs a VMC or a CMC");
  if (facts.certificate == CertificateKind::unknown)
    return refuse(mailbox, "certificate-kind", "the certificate at a= is neither a VMC nor a CMC");
  if (mailbox.certificates == CertificatePolicy::vmc_only && facts.certificate == CertificateKind::cmc)
    return refuse(mailbox, "certificate-kind", name + " is only known to accept a VMC, and this is a CMC");
  if (has_certificate && !facts.certificate_verified)
    return refuse(mailbox, "certificate-verified", "the certificate (" + certificate_label(facts) + ") did not verify");

  MailboxVerdict verdict{&mailbox, true, Mark::logo_only, "", ""};
  if (facts.certificate == CertificateKind::vmc && mailbox.checkmark_for_vmc) {
    verdict.mark = Mark::checkmark;
    verdict.reason = "shown with the verification checkmark (" + certificate_label(facts) + ")";
  } else if (has_certificate) {
    verdict.reason = "shown without a checkmark (" + certificate_label(facts) + ")";
  } else {
    verdict.reason = "shown without a certificate";
  }
  if (!mailbox.unseen_requirements.empty()) verdict.reason += "; also needs " + std::string(mailbox.unseen_requirements);
  return verdict;
}

}  // namespace

std::string_view to_string(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::vmc: return "VMC";
    case CertificateKind::cmc: return "CMC";
    case CertificateKind::unknown: return "unknown";
    case CertificateKind::none: break;
  }
  return "none";
}

std::string_view to_string(AvatarShape shape) {
  switch (shape) {
    case AvatarShape::circle: return "circle";
    case AvatarShape::rounded_square: return "rounded-square";
    case AvatarShape::unpublished: break;
  }
  return "unpublished";
}

std::string_view to_string(Mark mark) {
  switch (mark) {
    case Mark::checkmark: return "checkmark";
    case Mark::logo_only: return "logo-only";
    case Mark::none: break;
  }
  return "none";
}

std::span<const Mailbox> mailboxes() { return table; }

std::vector<MailboxVerdict> judge_mailboxes(const SenderFacts& facts) {
  std::vector<MailboxVerdict> verdicts;
  verdicts.reserve(table.size());
  for (const auto& mailbox : table) verdicts.push_back(judge(mailbox, facts));
  return verdicts;
}

}  // namespace bimi::records
