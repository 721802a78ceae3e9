#include "bimi/auth/rules.hpp"

#include <array>

namespace bimi::auth {
namespace {


// "BIMI draft" is draft-brand-indicators-for-message-identification, revision of 2025-11-03.
// DKIM and ARC failures are warnings: one failing signature does not keep the logo away when another
// aligned one passes; the verdict names the one that mattered.
constexpr std::array<RuleInfo, 51> table{{
    // The message and its author.
    {"message-syntax", Severity::error, "the header block breaks RFC 5322: a field line without a colon, a continuation line first, no header field at all",
     "RFC 5322 §2.2 and §3.6"},
    {"message-limit", Severity::error, "the message, one header field or the number of header fields is past bimi's bounds (64 MiB, 64 KiB, 1000)",
     "bimi's bounds (docs/limits.md); RFC 5322 §2.1.1 (998-octet lines)"},
    {"from-missing", Severity::error, "the message has no From: field: no DMARC, no BIMI",
     "RFC 5322 §3.6 (From: required); BIMI draft §8.1 step 1"},
    {"from-multiple-fields", Severity::error, "the message has more than one From: field: BIMI is not performed",
     "BIMI draft §8.1 step 1; RFC 7489 §6.6.1"},
    {"from-multiple-addresses", Severity::error, "the From: field holds more than one address: BIMI is not performed",
     "BIMI draft §8.1 step 1; RFC 7489 §6.6.1"},
    {"from-syntax", Severity::error, "the From: field is not an address list bimi can read",
     "RFC 5322 §3.4 and §3.6.2"},
    {"from-domain", Severity::error, "the From: address's domain is not a domain name (or an internationalized name that does not convert to A-labels)",
     "RFC 5322 §3.4.1; RFC 5890 §2.3.2.1 (A-labels, libidn2)"},
    // The SMTP facts SPF needs.
    {"smtp-facts-received", Severity::note, "the client address and HELO name were read from the newest Received: field, MAIL FROM from Return-Path:",
     "RFC 5321 §4.4 (trace fields); RFC 7208 §2.2, §2.4"},
    {"smtp-facts-missing", Severity::warning, "no client IP address was given nor found in a Received: field: SPF cannot be evaluated and is none",
     "RFC 7208 §4.1 (check_host() needs <ip>)"},
    // SPF as the message met it.
    {"spf-not-pass", Severity::warning, "SPF did not pass for the MAIL FROM (or HELO) domain: DMARC can pass only through DKIM",
     "RFC 7208 §2.6; RFC 7489 §4.2"},
    {"spf-not-aligned", Severity::warning, "SPF passed for a domain that does not align with the From: domain (a bounce domain): it does not count for DMARC",
     "RFC 7489 §3.1.2 (aspf=, kept by RFC 9989)"},
    // Each DKIM signature.
    {"dkim-syntax", Severity::warning, "the signature breaks the tag-list grammar or a value does", "RFC 6376 §3.2, §3.5"},
    {"dkim-missing-tag", Severity::warning, "one of `v a b bh d h s` is missing", "RFC 6376 §6.1.1"},
    {"dkim-version", Severity::warning, "`v=` is not `1`", "RFC 6376 §3.5"},
    {"dkim-algorithm", Severity::warning, "`a=` is none of `rsa-sha256`, `ed25519-sha256`, `rsa-sha1`", "RFC 6376 §3.5; RFC 8463 §3"},
    {"dkim-from-unsigned", Severity::warning, "`h=` does not name From", "RFC 6376 §5.4"},
    {"dkim-identity", Severity::warning, "the domain of `i=` is neither `d=` nor a subdomain of it", "RFC 6376 §3.5"},
    {"dkim-limit", Severity::warning, "`h=` names over 256 fields, or the signature is past the 16th and not evaluated", "RFC 6376 §6.1 (verifiers MAY limit)"},
    {"dkim-rsa-sha1", Severity::warning, "`a=rsa-sha1`: fails", "RFC 8301 §3.1"},
    {"dkim-expired", Severity::warning, "`x=` is before the verification time", "RFC 6376 §3.5 (x=)"},
    {"dkim-future", Severity::warning, "`t=` is more than 10 hours after the verification time", "RFC 6376 §3.5 (t=)"},
    {"dkim-key-missing", Severity::warning, "no key record at `<s>._domainkey.<d>`", "RFC 6376 §6.1.2"},
    {"dkim-key-dns", Severity::warning, "the key look-up timed out or failed (temperror)", "RFC 6376 §6.1.2"},
    {"dkim-key-syntax", Severity::warning, "the key record breaks the grammar or holds no usable key", "RFC 6376 §3.6.1"},
    {"dkim-key-revoked", Severity::warning, "the key record's `p=` is empty: the key is revoked", "RFC 6376 §3.6.1"},
    {"dkim-key-type", Severity::warning, "the key's `k=` is unknown or not the type `a=` needs", "RFC 6376 §3.6.1; RFC 8463 §4"},
    {"dkim-key-hash", Severity::warning, "the key's `h=` does not allow sha256", "RFC 6376 §3.6.1"},
    {"dkim-key-service", Severity::warning, "the key's `s=` is neither `*` nor `email`", "RFC 6376 §3.6.1"},
    {"dkim-key-strict-identity", Severity::warning, "the key has `t=s` and `i=` is in a subdomain of `d=`", "RFC 6376 §3.6.1"},
    {"dkim-key-small", Severity::warning, "an RSA key under 1024 bits", "RFC 8301 §3.2"},
    {"dkim-body-length", Severity::warning, "`l=` is longer than the canonical body", "RFC 6376 §3.5 (l=)"},
    {"dkim-body-hash", Severity::warning, "the body changed after signing", "RFC 6376 §6.1.3"},
    {"dkim-signature", Severity::warning, "a signed header field changed after signing (named from `z=` when it can be)", "RFC 6376 §6.1.3; §3.5 (z=)"},
    {"dkim-not-aligned", Severity::warning, "the signature passes, but its `d=` does not align with the From: domain: it does not count for DMARC",
     "RFC 7489 §3.1.1 (adkim=, kept by RFC 9989)"},
    // The ARC chain of a forwarded message.
    {"arc-structure", Severity::warning, "over 50 ARC sets, a set missing a field or holding two, or instances not 1…N", "RFC 8617 §4.2.1; §5.2 step 3"},
    {"arc-instance", Severity::warning, "an `i=` outside 1–50, or an ARC-Authentication-Results not opening with `i=N;`", "RFC 8617 §4.1.1, §4.2.1"},
    {"arc-syntax", Severity::warning, "a seal or message signature breaks its grammar", "RFC 8617 §4.1.2, §4.1.3; RFC 8301"},
    {"arc-cv", Severity::warning, "a seal's `cv=` breaks the chain (fail, or not none on the first / pass on later ones)", "RFC 8617 §5.2 steps 2–3"},
    {"arc-message-signature", Severity::warning, "the newest ARC message signature does not verify", "RFC 8617 §5.2 step 4"},
    {"arc-seal", Severity::warning, "an ARC seal does not verify", "RFC 8617 §5.2 step 8"},
    {"arc-trusted-override", Severity::note, "DMARC failed, but a trusted sealer's valid ARC chain recorded dmarc=pass at the first hop: the message is treated as passing",
     "BIMI draft §8.1 step 5 (a trusted ARC chain MAY stand for DMARC pass); RFC 8617 §7.2"},
    // DMARC for the message.
    {"dmarc-not-aligned", Severity::error, "DMARC fails: neither SPF nor any DKIM signature passed with a domain aligned with the From: domain",
     "RFC 7489 §3.1 and §4.2 (kept by RFC 9989); BIMI draft §8.1 step 6"},
    {"dmarc-temperror", Severity::error, "DMARC could not be evaluated: a DNS look-up it needed failed (temperror)",
     "RFC 8601 §2.7.1 (temperror); BIMI draft §8.1 step 6"},
    {"dmarc-no-policy", Severity::error, "no DMARC record applies to the From: domain: DMARC is none and BIMI is not performed",
     "RFC 9989 §4.10.1; BIMI draft §1 and §8.1 step 6"},
    // BIMI steps that depend on the message.
    {"bimi-partial-body", Severity::error, "DMARC passes only through a DKIM signature with `l=`: content may have been appended after signing, so no logo is shown",
     "RFC 6376 §8.2 (misuse of body length limits); BIMI draft §8.1 (the message must be authenticated)"},
    {"bimi-selector-unsigned", Severity::warning, "a BIMI-Selector field is not covered by a DMARC-aligned DKIM signature: it is ignored and `default` is used",
     "BIMI draft §6.5 (Header Signing: the header SHOULD be ignored) and §9.6"},
    {"bimi-selector-invalid", Severity::warning, "a BIMI-Selector field breaks its grammar (`v=BIMI1; s=<selector>;`): it is ignored",
     "BIMI draft §6.1 (BIMI-Selector Header)"},
    {"bimi-selector-multiple", Severity::warning, "the message has several BIMI-Selector fields: all are ignored and `default` is used",
     "BIMI draft §6.1 (BIMI-Selector Header) and §8.2 step 2"},
    {"bimi-headers-received", Severity::warning, "the message arrived with BIMI-Location, BIMI-Indicator or BIMI-Logo-Preference fields: a receiver removes them and ignores what they say",
     "BIMI draft §6.6 (Header Removal) and §8.8 (Handle Existing BIMI-Location and BIMI-Indicator Headers)"},
    {"bimi-headers-signed", Severity::warning, "a DKIM signature covers BIMI-Location, BIMI-Indicator or BIMI-Logo-Preference: those fields MUST NOT be signed",
     "BIMI draft §6.5 (Header Signing)"},
    {"bimi-skipped", Severity::note, "BIMI was not performed for the message (the reason is in the message)",
     "BIMI draft §8.1 and §8.7 (bimi=skipped)"},
}};

}  // namespace

std::span<const RuleInfo> rule_table() { return table; }

const RuleInfo* find_rule(std::string_view id) { return bimi::find_rule(table, id); }

void report(Diagnostics& out, std::string_view id, std::string message, Location location) {
  report_rule(table, out, id, std::move(message), location);
}

std::string rules_markdown() {
  return bimi::rules_markdown(table,
      "# Message checks\n\n"
      "Every finding `bimi message` reports about the message itself, SPF, DKIM, ARC and DMARC as the\n"
      "message met them, and the BIMI steps that depend on the message, with its severity and source.\n"
      "\"BIMI draft\" is draft-brand-indicators-for-message-identification, revision of 2025-11-03.\n"
      "Findings about records, discovery, fetches, the logo and the certificate keep their ids from\n"
      "[dns-checks.md](dns-checks.md), [rules.md](rules.md) and [vmc-checks.md](vmc-checks.md). The\n"
      "table is generated from `auth/src/rules.cpp`; a test keeps this page in step with it.\n\n");
}

}  // namespace bimi::auth
