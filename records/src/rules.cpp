#include "bimi/records/rules.hpp"

#include <array>

namespace bimi::records {
namespace {

constexpr std::string_view bimi_draft = "draft-brand-indicators-for-message-identification, revision of 2025-11-03";

// Sources are named by section; "BIMI draft" is the revision of 2025-11-03. DMARC rules cite RFC 9989
// (the default) and RFC 7489 (--dmarc rfc7489) where they differ.
constexpr std::array<RuleInfo, 69> table{{
    // Tag lists, shared by BIMI and DMARC records.
    {"record-too-long", Severity::error, "a TXT record is longer than bimi reads (4096 bytes)",
     "bimi's bound; RFC 1035 §3.3.14 (TXT is a list of strings of at most 255 bytes)"},
    {"record-characters", Severity::error, "a record holds a byte that is not printable ASCII or white space",
     "RFC 6376 §3.2 (VALCHAR is %x21-3A / %x3C-7E)"},
    {"tag-syntax", Severity::error, "a tag is not `name=value`, its name is not ALPHA *(ALPHA / DIGIT / \"_\"), or a tag is empty (`;;` anywhere, or `;` first; one `;` may end the record)",
     "RFC 6376 §3.2 (tag-list = tag-spec *( \";\" tag-spec ) [ \";\" ]), as used by the BIMI draft §5.3 (bimi-sep) and RFC 7489 §6.4 (dmarc-sep)"},
    {"tag-separator", Severity::error, "a tag value looks like it swallowed the next tag: tags are separated by `;`, not by a comma or space",
     "RFC 6376 §3.2; BIMI draft §5.3 (bimi-sep); RFC 7489 §6.4 (dmarc-sep)"},
    {"tag-duplicate", Severity::error, "a tag appears twice; the whole record is invalid",
     "RFC 6376 §3.2 (tags with duplicate names MUST NOT occur); tag names are quoted literals in the BIMI draft §5.3 and RFC 7489 §6.4 ABNF, so `P=` and `p=` are one tag (RFC 5234 §2.3)"},
    {"tag-unknown", Severity::warning, "a tag the record type does not define; receivers ignore it",
     "BIMI draft §5.3 (unknown tags MUST be ignored); RFC 7489 §6.3; known names match in any case (RFC 5234 §2.3)"},
    // BIMI assertion records.
    {"bimi-version", Severity::error, "`v=BIMI1` is missing, not the first tag, or its value is not `BIMI1` in any case; receivers ignore the record",
     "BIMI draft §5.3 (bimi-version = \"v\" *WSP \"=\" *WSP \"BIMI1\": quoted, any case per RFC 5234 §2.3) and §8.2 step 4"},
    {"bimi-version-case", Severity::warning, "`v=` is BIMI1 in another case (`v=bimi1`): the grammar accepts it, the prose asks for a precise match",
     "BIMI draft §5.3 (v=: \"MUST match precisely\"; receivers MUST NOT fix capitalization errors) against its ABNF (RFC 5234 §2.3)"},
    {"bimi-logo-missing", Severity::error, "the record has no `l=` tag (it is required; empty declines BIMI)",
     "BIMI draft §5.3 (l= REQUIRED)"},
    {"bimi-logo-url", Severity::error, "`l=` is not a single HTTPS URI with a fully qualified host name",
     "BIMI draft §5.3 (bimi-location = \"l\" *WSP \"=\" *WSP [bimi-uri]: HTTPS only, commas encoded; scheme and host in any case, RFC 3986 §3.1, §3.2.2) and §8.3 step 1"},
    {"bimi-logo-format", Severity::error, "`l=` ends with the suffix of an image format BIMI does not accept (only SVG and SVGZ)",
     "BIMI draft §5.3.2"},
    {"bimi-logo-extension", Severity::warning, "`l=` does not end with .svg or .svgz",
     "BIMI draft §5.3.2"},
    {"bimi-evidence-url", Severity::error, "`a=` is not a single HTTPS URI with a fully qualified host name",
     "BIMI draft §5.3 (bimi-evidence-location = \"a\" *WSP \"=\" *WSP [bimi-uri]: HTTPS, FQDN; scheme and host in any case, RFC 3986 §3.1, §3.2.2)"},
    {"bimi-evidence-extension", Severity::warning, "`a=` does not end with .pem (a mark certificate is served as a PEM chain)",
     "BIMI draft §5.3 (a=); draft-fetch-validation-vmc-wchuang (PEM evidence document)"},
    {"bimi-evidence-without-logo", Severity::error, "`a=` names a certificate but `l=` is empty or missing: receivers find no indicator",
     "BIMI draft §8.3 step 1 and §5.3.1"},
    {"bimi-declination", Severity::note, "`v=BIMI1; l=; a=;`: the domain explicitly declines BIMI",
     "BIMI draft §5.3.1 and §8.5"},
    {"bimi-tag-value", Severity::warning, "`lps=` is not a comma-separated list of local-part prefixes (1 to 63 letters, digits and `-`; empty is valid), or `avp=` is neither `personal` (exactly) nor `brand` (any case); receivers ignore the value",
     "BIMI draft §5.3 (local-part-selector = \"lps\" *WSP \"=\" *WSP *1local-part-prefix-list; bimi-logo-preference = \"avp\" *WSP \"=\" *WSP %s \"personal\"/\"brand\": %s binds to \"personal\" only, RFC 7405 §2.1, and the quoted \"brand\" matches in any case, RFC 5234 §2.3; other values MUST be ignored)"},
    // DMARC records.
    {"dmarc-version", Severity::error, "`v=DMARC1` is missing, not the first tag, or its value is not exactly `DMARC1` (upper case); receivers discard the record",
     "RFC 9989 §4.7 (v=) and §4.8 (dmarc-version = \"v\" equals %s\"DMARC1\": case-sensitive); RFC 7489 §6.3, §6.4 (%x44 %x4d %x41 %x52 %x43 %x31) and §6.6.3 step 2"},
    {"dmarc-policy-missing", Severity::error, "the record has no `p=` tag (RFC 7489: required; RFC 9989: read as `p=none` when `rua=` holds a valid URI, else the record is not applied), or the record that applies sets no usable policy",
     "RFC 9989 §4.7 (p= RECOMMENDED) and §4.10.1; RFC 7489 §6.3 (p= REQUIRED) and §6.6.3 step 6"},
    {"dmarc-policy-order", Severity::warning, "RFC 7489 only: `p=` is not the tag right after `v=` (RFC 9989's grammar takes tags in any order)",
     "RFC 7489 §6.4 (dmarc-record = dmarc-version dmarc-sep [dmarc-request] ...)"},
    {"dmarc-policy-value", Severity::error, "`p=`, `sp=` or `np=` is not none, quarantine or reject (in any case)",
     "RFC 7489 §6.3 (p=, sp=) and §6.4 (dmarc-request, dmarc-srequest: ( \"none\" / \"quarantine\" / \"reject\" ), any case per RFC 5234 §2.3); RFC 9989 §4.7 and §4.8 (np=, dmarc-request)"},
    {"dmarc-pct-value", Severity::error, "RFC 7489 only: `pct=` is not a whole number from 0 to 100",
     "RFC 7489 §6.3 (pct=) and §6.4 (dmarc-percent = \"pct\" *WSP \"=\" *WSP 1*3DIGIT)"},
    {"dmarc-alignment-value", Severity::error, "`adkim=` or `aspf=` is not r or s (in any case)",
     "RFC 9989 §4.8 (dmarc-rors); RFC 7489 §6.3 (adkim=, aspf=) and §6.4 (dmarc-adkim, dmarc-aspf: ( \"r\" / \"s\" ), any case per RFC 5234 §2.3)"},
    {"dmarc-report-uri", Severity::warning, "an `rua=` or `ruf=` entry is not a URI (mailto: needs an address); under RFC 9989 a `!` is not %21-encoded, under RFC 7489 its `!size` suffix is not a number within 64 bits with an optional unit k, m, g or t (any case); receivers skip it",
     "RFC 9989 §4.8 (dmarc-uri = URI, commas and '!' encoded; dmarc-urilist); RFC 7489 §6.2 and §6.4 (dmarc-auri, dmarc-furi: dmarc-uri *(*WSP \",\" *WSP dmarc-uri); dmarc-uri = URI [ \"!\" 1*DIGIT [ \"k\" / \"m\" / \"g\" / \"t\" ] ])"},
    {"dmarc-tag-value", Severity::warning, "`fo=` is not 0, 1, d, s, d:s or s:d (RFC 7489: a `:` list of them); RFC 7489: `rf=` is not a `:` list of registered formats (afrf) or `ri=` not a 32-bit number; `t=` is not y or n, `psd=` not y, n or u (letters in any case)",
     "RFC 9989 §4.8 (dmarc-fo = \"0\" / \"1\" / \"d\" / \"s\" / \"d:s\" / \"s:d\"; dmarc-yorn; dmarc-psd); RFC 7489 §6.3 and §6.4 (dmarc-fo: ( \"0\" / \"1\" / \"d\" / \"s\" ) *(*WSP \":\" *WSP ...); dmarc-rfmt: Keyword *(*WSP \":\" Keyword), registered formats only; dmarc-ainterval: 1*DIGIT, 32-bit per §6.3)"},
    {"dmarc-tag-obsolete", Severity::warning, "RFC 9989: `pct=`, `rf=` or `ri=` stands in the record; RFC 9989 removed them and its receivers ignore them (a `pct=` below 100 no longer limits the policy; RFC 7489 receivers still read it)",
     "RFC 9989 §4.7 (the tags it defines) and its IANA DMARC Tag Registry update (pct, rf and ri historic); BIMI draft §8.1 step 9 still asks pct=100 of RFC 7489 records"},
    // DMARC policy for BIMI.
    {"dmarc-missing", Severity::error, "neither the domain nor its organizational domain (RFC 9989: nor any name of the tree walk) publishes a DMARC record",
     "RFC 9989 §4.10.1 (no record: DMARC does not apply); RFC 7489 §6.6.3; BIMI draft §8.1 step 4"},
    {"dmarc-multiple", Severity::error, "a `_dmarc` name holds several DMARC records: receivers apply none",
     "RFC 9989 §4.10 steps 2 and 6 (several records are all discarded); RFC 7489 §6.6.3 step 5"},
    {"dmarc-applied-policy", Severity::note, "the policy receivers apply to the domain and where it comes from (own `p=`; else the organizational domain's, or under RFC 9989 a public suffix operator's, `np=` for a name that does not exist, `sp=`, then `p=`)",
     "RFC 9989 §4.10.1; RFC 7489 §6.6.3 and §3.2 (organizational domain from the Public Suffix List)"},
    {"dmarc-tree-walk", Severity::note, "RFC 9989: the organizational domain the DNS tree walk found, by which rule, and the names it queried (at most eight)",
     "RFC 9989 §4.10 (the DNS tree walk, at most eight queries) and §4.10.2 (psd=n, one label below psd=y, else the shortest name with a record)"},
    {"dmarc-test-mode", Severity::error, "RFC 9989: the record that applies has `t=y` (test mode): receivers apply the policy one level down (quarantine becomes none, reject becomes quarantine); not enforcement, so no BIMI",
     "RFC 9989 §4.7 (t=) and §3.2 (Enforcement); BIMI draft §8.1 steps 7-9"},
    {"dmarc-policy-none", Severity::error, "a policy of none applies to the domain or stands in its or its organizational domain's record: no BIMI",
     "BIMI draft §8.1 step 7 and §1 (quarantine or reject)"},
    {"dmarc-subdomain-policy-none", Severity::error, "the domain's or its organizational domain's record has `sp=none`: no BIMI",
     "BIMI draft §8.1 step 8"},
    {"dmarc-pct", Severity::error, "a quarantine policy with `pct=` below 100: no BIMI",
     "RFC 7489 only (pct=); BIMI draft §8.1 step 9 and §1 (quarantine with an effective percentage of 100 %)"},
    {"dmarc-pct-reject", Severity::warning, "a reject policy with `pct=` below 100: BIMI allows it (the rest is quarantined) but some mailbox providers ask for 100",
     "RFC 7489 only (pct=, §6.6.4); BIMI draft §1 (reject with any percentage)"},
    // DNS look-ups.
    {"domain-not-found", Severity::error, "the domain itself does not exist: the DNS answers NXDOMAIN for it, so nothing (no `_dmarc`, no `_bimi` record) exists below it",
     "RFC 1035 §4.1.1 (RCODE 3, name error); RFC 8020 §2 (NXDOMAIN: no names below exist)"},
    {"dns-timeout", Severity::error, "a DNS look-up got no answer in time; the chain cannot be evaluated",
     "BIMI draft §8.7 (temperror); bimi's bound (--timeout)"},
    {"dns-failure", Severity::error, "a DNS look-up failed (SERVFAIL, REFUSED, a malformed answer or no server)",
     "RFC 1035 §4.1.1 (RCODE); BIMI draft §8.7 (temperror)"},
    {"dns-answer-too-large", Severity::error, "a name holds more TXT records than bimi reads (32)",
     "bimi's bound"},
    // The sending domain's SPF record (RFC 7208), which DMARC can pass through when it aligns.
    {"spf-missing", Severity::warning, "the domain publishes no SPF record: its mail gets SPF none and passes DMARC only through DKIM",
     "RFC 7208 §4.5 (no record: none); RFC 7489 §4.2 (DMARC passes through aligned SPF or DKIM)"},
    {"spf-multiple", Severity::error, "a name holds more than one `v=spf1` record: receivers return permerror",
     "RFC 7208 §4.5 (more than one record: permerror) and §3.2"},
    {"spf-syntax", Severity::error, "an SPF record, the domain's or one it includes or redirects to, does not follow the grammar: permerror",
     "RFC 7208 §4.6 and §12 (ABNF); §7.1 (macro-string, domain-spec)"},
    {"spf-include-missing", Severity::error, "an `include:` or `redirect=` names a domain without an SPF record: permerror",
     "RFC 7208 §5.2 (include of none is permerror) and §6.1 (redirect to none is permerror)"},
    {"spf-too-many-lookups", Severity::error, "more than 10 DNS-querying terms (include, a, mx, ptr, exists, redirect), counted through includes and redirects: receivers return permerror at the 11th",
     "RFC 7208 §4.6.4"},
    {"spf-too-many-void-lookups", Severity::error, "more than 2 terms whose look-up answers NXDOMAIN or no records: receivers return permerror",
     "RFC 7208 §4.6.4 (void lookups, limit of two)"},
    {"spf-mx-too-many", Severity::error, "an `mx` term names a domain with more than 10 MX records: permerror",
     "RFC 7208 §4.6.4 (at most 10 MX names per mx term)"},
    {"spf-pass-all", Severity::error, "`+all` (or a bare `all`) authorizes every host on the Internet: any sender passes SPF, and passes DMARC through it",
     "RFC 7208 §5.1 and §10.1 (the domain owner is responsible for what its record authorizes); M3AAWG Email Authentication Recommended Best Practices §3.4 (end with -all or ~all)"},
    {"spf-neutral-all", Severity::warning, "`?all` gives every other host neutral: the record asserts nothing about them",
     "RFC 7208 §2.6.2 (neutral is treated as none) and §8.2"},
    {"spf-ptr", Severity::warning, "the `ptr` mechanism is slow, unreliable and discouraged",
     "RFC 7208 §5.5 (ptr SHOULD NOT be used)"},
    {"spf-dmarc-unusable", Severity::warning, "the domain's SPF gives none, permerror or temperror for every message: its mail cannot pass DMARC through SPF, only through DKIM",
     "RFC 7489 §3.1.2 and §4.2 (aligned SPF pass); RFC 7208 §2.6"},
    // BIMI record discovery.
    {"bimi-record-missing", Severity::error, "no BIMI record at `<selector>._bimi.<domain>` nor at the organizational domain",
     "BIMI draft §8.2 steps 3 and 6, and the second step 8 (no record: no BIMI)"},
    {"bimi-record-multiple", Severity::error, "several BIMI records at the name: receivers use none",
     "BIMI draft §8.2, the second step 8 (several records: no BIMI processing)"},
    {"bimi-record-fallback", Severity::note, "the domain has no record of its own: the organizational domain's record applies",
     "BIMI draft §8.2 step 6 (the same selector at the organizational domain, found by the DMARC standard in use)"},
    {"bimi-record-wrong-name", Severity::error, "a BIMI record is published at a name receivers never query (e.g. without the selector, without the underscore, or with the zone name twice)",
     "BIMI draft §5.3 and §8.2 step 3"},
    {"bimi-declined", Severity::error, "the record that applies is a declination: no logo is shown",
     "BIMI draft §5.3.1 and §8.5"},
    {"bimi-no-evidence", Severity::warning, "the record has no `a=` certificate: mailbox providers that require a VMC or CMC show no logo",
     "BIMI draft §8.3 and §8.4; mailbox provider requirements"},
    {"bimi-local-part-selector", Severity::note, "the record has `lps=` and a local part was given: its normalized form, whether a prefix matches, and which record applies",
     "BIMI draft §5.5 (normalization: subaddress removed, `_` and `.` runs become `-`, edge dashes dropped, at most 63 letters, digits and `-`) and §8.2 steps 5 and 8"},
    // HTTPS fetches of l= and a=.
    {"https-failure", Severity::error, "the host could not be resolved or connected to, or the transfer broke",
     "BIMI draft §8.5 step 1"},
    {"https-tls", Severity::error, "the TLS certificate of the server does not verify (chain or host name)",
     "BIMI draft §8.5 step 2; RFC 9110 §4.3.4"},
    {"https-timeout", Severity::error, "the fetch took longer than allowed",
     "bimi's bound (--timeout)"},
    {"https-status", Severity::error, "the server answered with a status other than 200",
     "RFC 9110 §15; BIMI draft §8.6 step 2 (a missing indicator fails)"},
    {"https-redirect", Severity::error, "too many redirects (more than 5), a redirect loop, or a redirect away from HTTPS",
     "BIMI draft §5.3 (HTTPS only); RFC 9110 §15.4; bimi's bound"},
    {"https-host", Severity::error, "the URL, or a redirect on the way, names its host by IP address, carries user information, or has a host that is not a fully qualified domain name",
     "BIMI draft §5.3 (l= and a= host rules, applied to every hop); RFC 9110 §15.4"},
    {"https-private-address", Severity::error, "the host resolves only to special-purpose addresses (loopback, private-use, link-local, shared, multicast...); such connections are refused unless --allow-private",
     "RFC 6890 §2.2.2 and §2.2.3 (IANA special-purpose address registries); RFC 1918; RFC 4193; RFC 4291 §2.5"},
    {"https-too-large", Severity::error, "the body is larger than bimi reads (logo 64 KiB, certificate 1 MiB)",
     "BIMI draft §8.6 step 1 (receivers MAY limit retrieval); draft-svg-tiny-ps-abrotman (32 KiB)"},
    {"https-content-type", Severity::error, "the logo is not served as image/svg+xml",
     "BIMI draft §5.3.2 (any other format is a permanent error); RFC 6170 §5.2"},
    {"https-certificate-type", Severity::warning, "the certificate is not served as application/pem-certificate-chain",
     "RFC 8555 §9.1 (application/pem-certificate-chain); draft-fetch-validation-vmc-wchuang"},
    // The fetched certificate.
    {"certificate-expiring", Severity::warning, "the mark certificate is valid now but expires within --warn-days days (default 30)",
     "RFC 5280 §4.1.2.5 (notAfter); bimi's renewal warning"},
    {"certificate-unreadable", Severity::error, "the document at `a=` is not a certificate bimi can read (PEM or DER)",
     "BIMI draft §8.4; draft-fetch-validation-vmc-wchuang"},
}};

}  // namespace

std::span<const RuleInfo> rule_table() { return table; }

const RuleInfo* find_rule(std::string_view id) { return bimi::find_rule(table, id); }

void report(Diagnostics& out, std::string_view id, std::string message, Location location) {
  report_rule(table, out, id, std::move(message), location);
}

std::string rules_markdown() {
  return bimi::rules_markdown(table,
      "# DNS, DMARC and fetch checks\n\n"
      "Every finding `bimi record`, `bimi dmarc` and `bimi domain` report, with its severity and source.\n"
      "\"BIMI draft\" is " + std::string(bimi_draft) + ". Findings on the fetched logo and certificate keep\n"
      "their own ids from [rules.md](rules.md) and [vmc-checks.md](vmc-checks.md). The table is generated\n"
      "from `records/src/rules.cpp`; a test keeps this page in step with it.\n\n");
}

}  // namespace bimi::records
