#include "bimi/net/domain_check.hpp"

#include "bimi/auth/spf_limits.hpp"
#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "bimi/records/rules.hpp"
#include "bimi/vmc/certificate.hpp"

namespace bimi::net {
namespace {

void append(Diagnostics& to, const Diagnostics& from) {
  for (const auto& finding : from.items()) to.add(finding);
}

// The DMARC policy under the standard in use; under RFC 9989 it also settles the organizational
// domain the BIMI record falls back to.
Step dmarc_step(DomainReport& report, const records::PublicSuffixList* psl, const ChainSources& sources) {
  Step step{"dmarc", {}, {}, false};
  bool rfc9989 = report.dmarc_standard == records::DmarcStandard::rfc9989;
  if (!rfc9989) {
    report.organizational_domain = psl != nullptr ? psl->organizational_domain(report.domain) : report.domain;
    report.organizational_domain_from = "the Public Suffix List (RFC 7489 §3.2)";
  }
  records::DmarcEvaluation evaluation =
      rfc9989 ? records::evaluate_dmarc_tree_walk(report.domain, sources.txt)
              : records::evaluate_dmarc(report.domain, report.organizational_domain, sources.txt);
  if (rfc9989) {
    report.organizational_domain = evaluation.organizational_domain;
    report.organizational_domain_from = evaluation.organizational_domain_from;
  }
  // A name that does not exist explains every missing record after it: it comes first.
  if (!evaluation.domain_exists) step.facts.emplace_back(report.domain, "does not exist (NXDOMAIN)");
  step.facts.emplace_back("standard", std::string(records::name_of(report.dmarc_standard)));
  auto record_fact = [&](const std::string& name, const std::optional<records::DmarcSource>& source) {
    step.facts.emplace_back(name, source ? source->value : std::string("(no record)"));
  };
  record_fact("_dmarc." + report.domain, evaluation.own);
  if (report.domain != report.organizational_domain) record_fact("_dmarc." + report.organizational_domain, evaluation.organizational);
  if (evaluation.public_suffix) record_fact(evaluation.public_suffix->name, evaluation.public_suffix);
  if (evaluation.applied) {
    step.facts.emplace_back("applied policy",
                            std::string(records::to_string(*evaluation.applied)) + " (" + evaluation.applied_from +
                                (rfc9989 ? std::string(evaluation.test_mode ? ", t=y" : "")
                                         : ", pct=" + std::to_string(evaluation.applied_pct)) +
                                ")");
  }
  step.facts.emplace_back("eligible for BIMI", evaluation.eligible() ? "yes" : "no");
  if (evaluation.applied) report.dmarc_policy = std::string(records::to_string(*evaluation.applied));
  if (const auto* source = evaluation.applied_source()) report.dmarc_record = source->value;
  step.findings = std::move(evaluation.diagnostics);
  return step;
}

// The findings of one fetch; true when a body of the expected kind arrived.
bool check_fetch(const std::string& url, const FetchResult& fetched, bool is_logo, Step& step) {
  step.facts.emplace_back("url", url);
  if (fetched.redirects > 0) step.facts.emplace_back("final url", fetched.final_url);
  std::string where = url + ": ";
  switch (fetched.status) {
    case FetchStatus::ok: break;
    case FetchStatus::failure: records::report(step.findings, "https-failure", where + fetched.detail); return false;
    case FetchStatus::tls: records::report(step.findings, "https-tls", where + fetched.detail); return false;
    case FetchStatus::timeout: records::report(step.findings, "https-timeout", where + fetched.detail); return false;
    case FetchStatus::redirect: records::report(step.findings, "https-redirect", where + fetched.detail); return false;
    case FetchStatus::too_large: records::report(step.findings, "https-too-large", where + fetched.detail); return false;
    case FetchStatus::bad_host: records::report(step.findings, "https-host", where + fetched.detail); return false;
    case FetchStatus::private_address:
      records::report(step.findings, "https-private-address", where + fetched.detail);
      return false;
  }
  step.facts.emplace_back("status", std::to_string(fetched.http_status));
  step.facts.emplace_back("content type", fetched.content_type.empty() ? std::string("(none)") : fetched.content_type);
  if (fetched.http_status != 200) {
    records::report(step.findings, "https-status", where + "HTTP " + std::to_string(fetched.http_status));
    return false;
  }
  step.facts.emplace_back("bytes", std::to_string(fetched.body.size()));
  std::string type = media_type(fetched.content_type);
  if (is_logo && type != "image/svg+xml") {
    records::report(step.findings, "https-content-type",
                    where + "served as \"" + fetched.content_type + "\"; a logo must be image/svg+xml");
  } else if (!is_logo && type != "application/pem-certificate-chain") {
    records::report(step.findings, "https-certificate-type",
                    where + "served as \"" + fetched.content_type + "\", not application/pem-certificate-chain");
  }
  return true;
}

Step logo_step(const records::BimiDiscovery& discovery, const ChainSources& sources, std::optional<std::string>& logo) {
  Step step{"logo", {}, {}, false};
  if (!discovery.has_logo()) {
    step.skipped = true;
    return step;
  }
  const std::string& url = *discovery.record->logo_url;
  FetchResult fetched = sources.fetch(url, max_logo_download);
  if (!check_fetch(url, fetched, true, step)) return step;
  if (sources.lint_logo) append(step.findings, sources.lint_logo(fetched.body));
  logo = std::move(fetched.body);
  return step;
}

// A certificate valid now that ends within options.warn_days days needs renewing soon.
// Also keeps the leaf's fingerprint and end, which a saved state compares across runs.
void warn_if_expiring(const std::string& pem, const DomainCheckOptions& options, Step& step, DomainReport& report) {
  auto inspected = vmc::inspect_certificate(pem);
  auto* certificate = std::get_if<vmc::MarkCertificate>(&inspected);
  if (certificate == nullptr || certificate->certificates.empty()) return;
  long long not_after = certificate->certificates.front().not_after;
  report.certificate_sha256 = certificate->certificates.front().sha256_fingerprint;
  report.certificate_not_after = not_after;
  long long left = not_after - options.at;
  if (left <= 0 || left >= static_cast<long long>(options.warn_days) * 86400) return;
  long long days = left / 86400;
  records::report(step.findings, "certificate-expiring",
                  "the certificate expires in " + (days == 0 ? std::string("less than a day") : std::to_string(days) + (days == 1 ? " day" : " days")) +
                      " (within --warn-days " + std::to_string(options.warn_days) + "): renew it");
}

Step certificate_step(const DomainCheckOptions& options, const records::BimiDiscovery& discovery,
                      const ChainSources& sources, const std::optional<std::string>& logo, DomainReport& report_out) {
  std::optional<vmc::VerifyReport>& verified = report_out.certificate;
  Step step{"certificate", {}, {}, false};
  bool has_url = discovery.record && discovery.record->evidence_url && !discovery.record->evidence_url->empty() &&
                 !discovery.diagnostics.has_rule("bimi-evidence-url") && !discovery.record->declination;
  if (!has_url) {
    step.skipped = true;
    return step;
  }
  const std::string& url = *discovery.record->evidence_url;
  FetchResult fetched = sources.fetch(url, max_certificate_download);
  if (!check_fetch(url, fetched, false, step)) return step;

  // Without the published logo the certificate is still checked (chain, validity, SAN...) against
  // the logo it embeds, and the report says so.
  std::string compared = logo ? *logo : std::string();
  if (!logo) {
    auto inspected = vmc::inspect_certificate(fetched.body);
    if (auto* certificate = std::get_if<vmc::MarkCertificate>(&inspected); certificate != nullptr && certificate->logo) {
      compared = certificate->logo->svg;
    }
    step.facts.emplace_back("logo compared", "the certificate's own (the published logo is not available)");
  }
  // The certificate must cover the domain that sends, which inherited the record when discovery
  // fell back; a certificate for the organizational domain the record came from covers it too.
  vmc::VerifyOptions verify;
  verify.domain = options.domain;
  verify.selector = discovery.selector.empty() ? options.selector : discovery.selector;
  verify.at = options.at;
  verify.roots_pem = options.roots_pem;
  verify.logo_linter = sources.lint_logo;
  auto result = vmc::verify_certificate(fetched.body, compared, verify);
  if (auto* error = std::get_if<vmc::Error>(&result)) {
    records::report(step.findings, "certificate-unreadable", url + ": " + error->message);
    return step;
  }
  auto san_failed = [](const vmc::VerifyReport& r) {
    const vmc::CheckResult* san = r.find("san");
    return san != nullptr && san->verdict == vmc::Verdict::fail;
  };
  std::string verified_for = verify.selector + " at " + verify.domain;
  if (discovery.fallback && discovery.record_domain) {
    verified_for += ", which inherited the record of " + *discovery.record_domain;
    if (san_failed(std::get<vmc::VerifyReport>(result))) {
      vmc::VerifyOptions organizational = verify;
      organizational.domain = *discovery.record_domain;
      auto retry = vmc::verify_certificate(fetched.body, compared, organizational);
      if (auto* r = std::get_if<vmc::VerifyReport>(&retry); r != nullptr && !san_failed(*r)) {
        result = std::move(retry);
        verified_for += " (the certificate names " + organizational.domain + ")";
      }
    }
  }
  step.facts.emplace_back("verified for", verified_for);
  auto& report = std::get<vmc::VerifyReport>(result);
  warn_if_expiring(fetched.body, options, step, report_out);
  step.facts.emplace_back("mark", std::string(vmc::to_string(report.mark_class)) +
                                      (report.mark_type.empty() ? std::string() : " (" + report.mark_type + ")"));
  for (const auto& finding : report.diagnostics.items()) {
    if (finding.severity != Severity::note) step.findings.add(finding);
  }
  verified = std::move(report);
  return step;
}

// The sending domain's SPF record (RFC 7208): DMARC passes through SPF only when it is sound.
Step spf_step(const DomainReport& report, auth::DnsResolver& dns, std::optional<auth::SpfRecordCheck>& spf) {
  Step step{"spf", {}, {}, false};
  auth::SpfRecordCheck check = auth::check_spf_record(dns, report.domain, step.findings);
  step.facts.emplace_back(report.domain, check.record ? *check.record : std::string("(no SPF record)"));
  if (check.record) {
    step.facts.emplace_back("dns lookups", std::to_string(check.lookups) + " of " + std::to_string(auth::max_dns_terms));
    step.facts.emplace_back("void lookups", std::to_string(check.void_lookups) + " of " + std::to_string(auth::max_void_lookups));
  }
  step.facts.emplace_back("dmarc can pass through spf", check.usable ? "yes" : "no");
  spf = std::move(check);
  return step;
}

DomainReport start(const DomainCheckOptions& options) {
  DomainReport report;
  report.domain = options.domain;
  report.selector = options.selector;
  report.dmarc_standard = options.dmarc;
  report.organizational_domain = options.domain;
  return report;
}

}  // namespace

bool DomainReport::ready() const {
  for (const auto& step : steps) {
    if (step.findings.has_errors()) return false;
  }
  return !steps.empty();
}

DomainReport check_dmarc(const DomainCheckOptions& options, const records::PublicSuffixList* psl,
                         const ChainSources& sources) {
  DomainReport report = start(options);
  report.steps.push_back(dmarc_step(report, psl, sources));
  return report;
}

namespace {

// The steps after DMARC: the record, the logo, the certificate.
void add_bimi_steps(DomainReport& report, const DomainCheckOptions& options, const ChainSources& sources) {
  records::BimiDiscovery discovery = records::discover_bimi_record(
      report.domain, report.organizational_domain, report.selector, sources.txt, options.local_part);
  Step record{"bimi-record", {}, discovery.diagnostics, false};
  if (discovery.name) {
    record.facts.emplace_back(*discovery.name, *discovery.value);
    if (discovery.fallback) record.facts.emplace_back("found at", "the organizational domain " + *discovery.record_domain);
  }
  report.steps.push_back(std::move(record));

  report.steps.push_back(logo_step(discovery, sources, report.logo));
  report.steps.push_back(certificate_step(options, discovery, sources, report.logo, report));
  report.discovery = std::move(discovery);
}

}  // namespace

DomainReport check_domain(const DomainCheckOptions& options, const records::PublicSuffixList* psl,
                          const ChainSources& sources) {
  DomainReport report = start(options);
  report.steps.push_back(dmarc_step(report, psl, sources));
  add_bimi_steps(report, options, sources);
  if (sources.spf_dns) report.steps.push_back(spf_step(report, *sources.spf_dns, report.spf));
  return report;
}

DomainReport check_bimi_chain(const DomainCheckOptions& options, const std::string& organizational_domain,
                              const ChainSources& sources) {
  DomainReport report = start(options);
  report.organizational_domain = organizational_domain;
  add_bimi_steps(report, options, sources);
  return report;
}

}  // namespace bimi::net
