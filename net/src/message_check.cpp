#include "bimi/net/message_check.hpp"

#include <algorithm>
#include <map>

#include "bimi/auth/bimi_selector_header.hpp"
#include "bimi/auth/ip_address.hpp"
#include "bimi/auth/receiver_headers.hpp"
#include "bimi/auth/rules.hpp"
#include "bimi/auth/smtp_facts.hpp"

namespace bimi::net {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool signs(const auth::DkimVerification& signature, std::string_view field) {
  for (const auto& name : signature.signed_headers) {
    if (lower(name) == field) return true;
  }
  return false;
}

void append(Diagnostics& to, const Diagnostics& from) {
  for (const auto& finding : from.items()) to.add(finding);
}

// The first error finding, if any.
const Diagnostic* first_error(const Diagnostics& findings) {
  for (const auto& finding : findings.items()) {
    if (finding.severity == Severity::error) return &finding;
  }
  return nullptr;
}

// A reason id from the DKIM and ARC verifiers, as a finding of the message table.
void report_reason(Diagnostics& out, const std::string& reason, std::string message, int line) {
  if (auth::find_rule(reason) != nullptr) auth::report(out, reason, std::move(message), {line, 0});
}

void read_smtp_facts(const auth::Message& message, const MessageCheckOptions& options, MessageReport& report) {
  auth::SmtpFacts headers = auth::smtp_facts_from_headers(message);
  report.ip = options.ip;
  report.helo = options.helo;
  std::vector<std::string> read;
  if (report.ip.empty() && !headers.ip.empty()) {
    report.ip = headers.ip;
    read.push_back("client address " + headers.ip);
    if (report.helo.empty() && !headers.helo.empty()) {
      report.helo = headers.helo;
      read.push_back("HELO name " + headers.helo);
    }
  }
  if (options.mail_from) {
    report.mail_from = *options.mail_from;
  } else if (headers.mail_from_known) {
    report.mail_from = headers.mail_from;
    read.push_back("MAIL FROM <" + headers.mail_from + "> from Return-Path:");
  }
  report.facts_source = !options.ip.empty() ? FactsSource::options
                        : !report.ip.empty() ? FactsSource::received
                                             : FactsSource::none;
  if (!read.empty()) {
    std::string text;
    for (const auto& part : read) text += (text.empty() ? "" : ", ") + part;
    std::string where = headers.received_line > 0 ? " (Received: on line " + std::to_string(headers.received_line) + ")" : "";
    auth::report(report.findings, "smtp-facts-received",
                 "the SMTP facts were read from the message" + where + ": " + text + "; give --ip, --helo and --mail-from to set them",
                 {headers.received_line, 0});
  }
  if (report.ip.empty()) {
    auth::report(report.findings, "smtp-facts-missing",
                 "no client IP address: give --ip (and --helo, --mail-from); the message has no Received: field bimi can read");
  }
}

// The result kept under `key` in a run's map, computed and kept on first use while the map has room;
// computed every time without a map.
template <typename Value, typename Compute>
Value shared_result(std::map<std::string, Value>* kept, const std::string& key, Compute compute) {
  if (kept == nullptr) return compute();
  if (auto found = kept->find(key); found != kept->end()) return found->second;
  Value value = compute();
  if (kept->size() < RunCache::max_entries) kept->emplace(key, value);
  return value;
}

void evaluate_spf(const MessageCheckOptions& options, const ChainSources& sources, RunCache* cache, MessageReport& report) {
  SpfPart& spf = report.spf;
  spf.identity = report.mail_from.empty() ? "helo" : "mailfrom";
  auto ip = auth::IpAddress::parse(report.ip);
  if (report.ip.empty()) {
    spf.reason = "no client IP address";
    return;
  }
  if (!ip) {
    spf.reason = "\"" + report.ip + "\" is not an IP address";
    return;
  }
  if (!sources.spf_dns) {
    spf.reason = "no DNS for SPF";
    return;
  }
  if (report.mail_from.empty() && report.helo.empty()) {
    spf.reason = "a null MAIL FROM and no HELO name: nothing to check";
    return;
  }
  auth::SpfRequest request;
  request.ip = *ip;
  request.mail_from = report.mail_from;
  request.helo = report.helo;
  request.receiver = options.receiver;
  request.timestamp = options.at;
  // check_host() depends on nothing else (RFC 7208 §4.1: the IP, the domain, the sender and, for
  // macros, the HELO name, the receiver and the time).
  std::string key = report.ip + '\0' + request.mail_from + '\0' + request.helo + '\0' + request.receiver + '\0' +
                    std::to_string(request.timestamp);
  auth::SpfOutcome outcome = shared_result(cache != nullptr ? &cache->spf : nullptr, key,
                                           [&] { return auth::check_mail_from(*sources.spf_dns, request); });
  spf.result = std::string(auth::to_string(outcome.result));
  spf.domain = outcome.domain;
  spf.reason = outcome.reason;
  spf.outcome = std::move(outcome);
}

// The organizational domain of any name, as the standard in use finds it, each asked once (per
// message, or per run with a cache); the author's comes from the message's own DMARC evaluation.
class OrganizationalDomains {
 public:
  OrganizationalDomains(const MessageCheckOptions& options, const records::PublicSuffixList* psl, const ChainSources& sources,
                        RunCache* cache)
      : options_(options), psl_(psl), sources_(sources), found_(cache != nullptr ? cache->organizational : own_) {}
  void know(const std::string& domain, const std::string& organizational) { known_[domain] = organizational; }
  std::string operator()(const std::string& domain) {
    std::string name = lower(domain);
    if (auto found = known_.find(name); found != known_.end()) return found->second;
    std::string key = std::string(records::id_of(options_.dmarc)) + '\0' + name;
    if (auto found = found_.find(key); found != found_.end()) return found->second;
    std::string organizational =
        options_.dmarc == records::DmarcStandard::rfc7489
            ? (psl_ != nullptr ? psl_->organizational_domain(name) : name)
            : records::evaluate_dmarc_tree_walk(name, sources_.txt).organizational_domain;
    if (organizational.empty()) organizational = name;
    if (found_.size() < RunCache::max_entries) found_[key] = organizational;
    return organizational;
  }

 private:
  const MessageCheckOptions& options_;
  const records::PublicSuffixList* psl_;
  const ChainSources& sources_;
  std::map<std::string, std::string> known_;
  std::map<std::string, std::string> own_;
  std::map<std::string, std::string>& found_;
};

// The DMARC evaluation of the author's domain: the policy that applies and where it was found.
records::DmarcEvaluation evaluate_author_domain(const std::string& author, const MessageCheckOptions& options,
                                                const records::PublicSuffixList* psl, const ChainSources& sources) {
  return options.dmarc == records::DmarcStandard::rfc9989
             ? records::evaluate_dmarc_tree_walk(author, sources.txt)
             : records::evaluate_dmarc(author, psl != nullptr ? psl->organizational_domain(author) : author, sources.txt);
}

char alignment_mode(const records::DmarcSource* source, std::string_view tag) {
  if (source == nullptr) return 'r';
  const records::Tag* found = source->record.tags.find(tag);
  return found != nullptr && lower(found->value) == "s" ? 's' : 'r';
}

auth::AlignmentMode mode(char c) { return c == 's' ? auth::AlignmentMode::strict : auth::AlignmentMode::relaxed; }

bool dns_failed(const Diagnostics& findings) {
  return findings.has_rule("dns-timeout") || findings.has_rule("dns-failure") || findings.has_rule("dns-answer-too-large");
}

// DMARC for the author's domain: the policy that applies, then alignment (RFC 7489 §4.2, RFC 9989).
// Returns whether DMARC passed only through signatures with l=.
bool evaluate_dmarc(const MessageCheckOptions& options, const records::PublicSuffixList* psl, const ChainSources& sources,
                    RunCache* cache, MessageReport& report) {
  DmarcPart& dmarc = report.dmarc;
  const std::string& author = report.author->domain;
  dmarc.domain = author;
  dmarc.standard = options.dmarc;
  std::string key = std::string(records::id_of(options.dmarc)) + '\0' + author;
  records::DmarcEvaluation evaluation = shared_result(cache != nullptr ? &cache->dmarc : nullptr, key,
                                                      [&] { return evaluate_author_domain(author, options, psl, sources); });
  dmarc.organizational_domain = evaluation.organizational_domain.empty() ? author : evaluation.organizational_domain;
  dmarc.applied_from = evaluation.applied_from;
  dmarc.policy = evaluation.applied;
  const records::DmarcSource* record = evaluation.applied_source();
  dmarc.adkim = alignment_mode(record, "adkim");
  dmarc.aspf = alignment_mode(record, "aspf");
  dmarc.enforcing = evaluation.applied && evaluation.eligible();

  OrganizationalDomains organizational(options, psl, sources, cache);
  organizational.know(author, dmarc.organizational_domain);
  auto org = [&](const std::string& domain) { return organizational(domain); };

  SpfPart& spf = report.spf;
  bool spf_domain_aligns = !spf.domain.empty() && auth::aligned(spf.domain, author, mode(dmarc.aspf), org);
  spf.aligned = spf.result == "pass" && spf_domain_aligns;
  std::vector<auth::AuthenticatedIdentifier> signatures, whole_body_signatures;
  for (auto& part : report.dkim) {
    const auto& v = part.verification;
    part.aligned = !v.domain.empty() && auth::aligned(v.domain, author, mode(dmarc.adkim), org);
    bool passed = v.result == auth::DkimResult::pass;
    signatures.push_back({v.domain, passed});
    whole_body_signatures.push_back({v.domain, passed && !v.body_length});
  }
  auth::AuthenticatedIdentifier spf_identifier{spf.domain, spf.result == "pass"};
  auth::AlignmentResult alignment =
      auth::evaluate_alignment(author, spf_identifier, signatures, mode(dmarc.aspf), mode(dmarc.adkim), org);
  bool partial_body = false;
  if (!evaluation.applied) {
    dmarc.result = dns_failed(evaluation.diagnostics) ? "temperror" : "none";
  } else if (alignment.pass()) {
    dmarc.result = "pass";
    partial_body = !auth::evaluate_alignment(author, spf_identifier, whole_body_signatures, mode(dmarc.aspf),
                                             mode(dmarc.adkim), org)
                        .pass();
  } else {
    bool temporary = spf.result == "temperror" && spf_domain_aligns;
    for (const auto& part : report.dkim) {
      temporary = temporary || (part.aligned && part.verification.result == auth::DkimResult::temperror);
    }
    dmarc.result = temporary ? "temperror" : "fail";
  }
  append(report.findings, evaluation.diagnostics);
  dmarc.evaluation = std::move(evaluation);
  return partial_body;
}

void report_signatures(MessageReport& report) {
  for (const auto& part : report.dkim) {
    const auto& v = part.verification;
    std::string who = "DKIM-Signature d=" + (v.domain.empty() ? std::string("?") : v.domain) +
                      " s=" + (v.selector.empty() ? std::string("?") : v.selector) + ": ";
    if (v.result != auth::DkimResult::pass) {
      report_reason(report.findings, v.reason, who + v.message, v.line);
    } else if (!part.aligned && report.author) {
      auth::report(report.findings, "dkim-not-aligned",
                   who + "passes, but " + v.domain + " does not align with " + report.author->domain +
                       (report.dmarc.adkim == 's' ? " (adkim=s: strict)" : "") + ": it does not count for DMARC",
                   {v.line, 0});
    }
    for (std::string_view field : {"bimi-location", "bimi-indicator", "bimi-logo-preference"}) {
      if (v.result == auth::DkimResult::pass && signs(v, field)) {
        auth::report(report.findings, "bimi-headers-signed", who + "signs " + std::string(field) + ", which a sender must not sign",
                     {v.line, 0});
        break;
      }
    }
  }
}

void report_spf(MessageReport& report) {
  const SpfPart& spf = report.spf;
  if (!spf.outcome) return;
  std::string who = "SPF for " + spf.identity + " " + spf.domain + ": ";
  if (spf.result != "pass") {
    auth::report(report.findings, "spf-not-pass", who + spf.result + (spf.reason.empty() ? "" : " (" + spf.reason + ")"));
  } else if (report.author && !spf.aligned) {
    auth::report(report.findings, "spf-not-aligned",
                 who + "pass, but " + spf.domain + " does not align with the From: domain " + report.author->domain +
                     (report.dmarc.aspf == 's' ? " (aspf=s: strict)" : ""));
  }
}

// RFC 8617 §7.2 and the BIMI draft §8.1 step 5: the first hop of a valid chain, sealed by a domain the
// receiver trusts, recorded what DMARC said before the message was forwarded.
void evaluate_arc(const auth::Message& message, const MessageCheckOptions& options, const ChainSources& sources,
                  const auth::DkimVerifyOptions& dkim_options, MessageReport& report) {
  report.arc.validation = auth::validate_arc(message, sources.txt, dkim_options);
  const auto& validation = report.arc.validation;
  if (validation.result == auth::ArcResult::fail) {
    report_reason(report.findings, validation.reason, "ARC: " + validation.message, 0);
  }
  if (validation.result != auth::ArcResult::pass || validation.hops.empty()) return;
  const auth::ArcHop& first = validation.hops.front();
  std::string sealer = lower(first.sealer);
  if (std::find(options.trusted_arc_sealers.begin(), options.trusted_arc_sealers.end(), sealer) ==
      options.trusted_arc_sealers.end()) {
    return;
  }
  report.arc.trusted_sealer = sealer;
  // The dmarc= result of the recorded Authentication-Results (RFC 8601 §2.2: method=result).
  std::string recorded = lower(first.authentication_results);
  for (std::size_t at = recorded.find("dmarc="); at != std::string::npos; at = recorded.find("dmarc=", at + 1)) {
    if (at > 0 && (std::isalnum(static_cast<unsigned char>(recorded[at - 1])) || recorded[at - 1] == '.')) continue;
    std::size_t end = recorded.find_first_of(" \t\r\n;()", at + 6);
    report.arc.recorded_dmarc = recorded.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
    break;
  }
  if (report.dmarc.result != "pass" && report.arc.recorded_dmarc == "pass") {
    report.dmarc.arc_override = true;
    auth::report(report.findings, "arc-trusted-override",
                 "DMARC " + report.dmarc.result + " here, but the ARC chain is valid and its first hop, sealed by the trusted " + sealer +
                     ", recorded dmarc=pass: the message is treated as passing DMARC");
  }
}

// BIMI draft §6.5: the selector header counts only when a DMARC-aligned passing signature covers it.
std::optional<std::string> choose_selector(const auth::Message& message, MessageReport& report) {
  auto fields = message.fields("BIMI-Selector");
  if (fields.empty()) return std::nullopt;
  if (fields.size() > 1) {
    auth::report(report.findings, "bimi-selector-multiple",
                 std::to_string(fields.size()) + " BIMI-Selector fields: all are ignored and the selector is default",
                 {fields[1]->line, 0});
    return std::nullopt;
  }
  auto parsed = auth::parse_bimi_selector_header(auth::Message::unfolded_value(*fields.front()));
  if (!parsed.selector) {
    auth::report(report.findings, "bimi-selector-invalid",
                 "BIMI-Selector is ignored: " + parsed.problem + "; the selector is default", {fields.front()->line, 0});
    return std::nullopt;
  }
  for (const auto& part : report.dkim) {
    if (part.aligned && part.verification.result == auth::DkimResult::pass && signs(part.verification, "bimi-selector")) {
      report.bimi.selector = *parsed.selector;
      report.bimi.selector_from = "BIMI-Selector header";
      return std::nullopt;
    }
  }
  auth::report(report.findings, "bimi-selector-unsigned",
               "BIMI-Selector asks for selector " + *parsed.selector +
                   ", but no DMARC-aligned passing DKIM signature covers the field: it is ignored and the selector is default",
               {fields.front()->line, 0});
  return parsed.selector;
}

void report_received_bimi_fields(const auth::Message& message, MessageReport& report) {
  for (std::string_view name : {"BIMI-Location", "BIMI-Indicator", "BIMI-Logo-Preference"}) {
    auto fields = message.fields(name);
    if (fields.empty()) continue;
    auth::report(report.findings, "bimi-headers-received",
                 "the message arrived with a " + std::string(name) + " field: it is ignored (a receiver removes it)",
                 {fields.front()->line, 0});
  }
}

bool has_errors(const Step& step) { return step.findings.has_errors(); }

// The BIMI result words of the draft's §8.7 from the record, logo and certificate steps.
void judge_chain(const DomainReport& chain, BimiPart& bimi) {
  const records::BimiDiscovery& discovery = *chain.discovery;
  if (discovery.name) bimi.record = discovery.value;
  bimi.record_domain = discovery.record_domain.value_or(chain.domain);
  if (!discovery.selector.empty()) bimi.selector = discovery.selector;
  if (discovery.record) {
    if (discovery.record->logo_url && !discovery.record->logo_url->empty()) bimi.location = discovery.record->logo_url;
    if (discovery.record->evidence_url && !discovery.record->evidence_url->empty())
      bimi.authority_uri = discovery.record->evidence_url;
    // avp= only when the record says it (the draft's §8.11: not when the value was invalid).
    if (discovery.record->tags.find("avp") != nullptr && !discovery.diagnostics.has_rule("bimi-tag-value"))
      bimi.avatar_preference = discovery.record->avatar_preference;
  }
  const Step* certificate = nullptr;
  for (const auto& step : chain.steps) {
    if (step.name == "certificate") certificate = &step;
  }
  if (certificate != nullptr && !certificate->skipped) bimi.authority = has_errors(*certificate) ? "fail" : "pass";

  const Step& record = chain.steps.front();
  if (dns_failed(record.findings)) {
    bimi.result = "temperror";
    bimi.comment = "DNS look-up failed";
  } else if (discovery.record && discovery.record->declination) {
    bimi.result = "declined";
    bimi.comment = "the domain declines BIMI";
  } else if (!discovery.name) {
    bimi.result = "none";
    bimi.comment = "no BIMI record";
  } else {
    for (const auto& step : chain.steps) {
      if (const Diagnostic* error = first_error(step.findings)) {
        bimi.result = "fail";
        bimi.comment = step.name + ": " + error->rule;
        return;
      }
    }
    bimi.result = "pass";
  }
}

std::optional<BrokenLink> broken(std::string step, const Diagnostic& finding) {
  return BrokenLink{std::move(step), finding.rule, finding.message};
}

std::optional<BrokenLink> find_first_broken(const MessageReport& report, bool partial_body,
                                            const std::optional<std::string>& ignored_selector) {
  auto by_rule = [&](const std::string& step, std::string_view rule) -> std::optional<BrokenLink> {
    for (const auto& finding : report.findings.items()) {
      if (finding.rule == rule) return broken(step, finding);
    }
    return std::nullopt;
  };
  if (!report.author) {
    for (const auto& finding : report.findings.items()) {
      if (finding.severity == Severity::error) return broken("message", finding);
    }
    return BrokenLink{"message", "from-missing", "the message has no author"};
  }
  const DmarcPart& dmarc = report.dmarc;
  bool dmarc_ok = dmarc.result == "pass" || dmarc.arc_override;
  if (!dmarc_ok) {
    if (dmarc.result == "fail" || dmarc.result == "temperror") {
      // An aligned signature that failed says more than "nothing aligned".
      for (const auto& part : report.dkim) {
        const auto& v = part.verification;
        if (part.aligned && v.result != auth::DkimResult::pass && v.result != auth::DkimResult::neutral) {
          return BrokenLink{"dkim", v.reason, "DKIM-Signature d=" + v.domain + " s=" + v.selector + ": " + v.message};
        }
      }
    }
    if (dmarc.result == "temperror" && dmarc.evaluation) {
      for (const auto& finding : dmarc.evaluation->diagnostics.items()) {
        if (finding.rule.rfind("dns-", 0) == 0) return broken("dmarc", finding);
      }
    }
    for (std::string_view rule : {"dmarc-not-aligned", "dmarc-temperror", "dmarc-no-policy"}) {
      if (auto link = by_rule("dmarc", rule)) return link;
    }
  }
  if (!dmarc.enforcing && dmarc.evaluation) {
    if (const Diagnostic* error = first_error(dmarc.evaluation->diagnostics)) return broken("dmarc", *error);
  }
  if (partial_body) {
    if (auto link = by_rule("dkim", "bimi-partial-body")) return link;
  }
  if (report.chain) {
    if (report.bimi.result == "none" && ignored_selector) {
      if (auto link = by_rule("bimi-record", "bimi-selector-unsigned")) return link;
    }
    for (const auto& step : report.chain->steps) {
      if (const Diagnostic* error = first_error(step.findings)) return broken(step.name, *error);
    }
  }
  return std::nullopt;
}

std::string verdict(const MessageReport& report) {
  if (report.shown) {
    std::string how = report.bimi.authority == "pass" ? "its certificate verified" : "no certificate checked";
    return "A mailbox that follows the BIMI draft would show the logo of " + report.author->domain + " for this message (selector " +
           report.bimi.selector + ", " + how + (report.dmarc.arc_override ? ", DMARC passed by the trusted ARC chain" : "") + ").";
  }
  if (!report.first_broken) return "No logo.";
  return "No logo: " + report.first_broken->message + " [" + report.first_broken->rule + "]";
}

}  // namespace

std::vector<std::string> receiver_fields(const MessageReport& report, std::string_view authserv_id) {
  std::vector<auth::MethodResult> results;
  auth::MethodResult spf{"spf", report.spf.result, report.spf.reason, {}};
  if (!report.mail_from.empty()) {
    spf.properties.emplace_back("smtp.mailfrom", report.mail_from);
  } else if (!report.helo.empty()) {
    spf.properties.emplace_back("smtp.helo", report.helo);
  }
  results.push_back(std::move(spf));
  if (report.dkim.empty()) results.push_back({"dkim", "none", "no signature", {}});
  for (const auto& part : report.dkim) {
    const auto& v = part.verification;
    auth::MethodResult dkim{"dkim", std::string(auth::to_string(v.result)), v.result == auth::DkimResult::pass ? "" : v.reason, {}};
    if (!v.domain.empty()) dkim.properties.emplace_back("header.d", v.domain);
    if (!v.selector.empty()) dkim.properties.emplace_back("header.s", v.selector);
    results.push_back(std::move(dkim));
  }
  if (report.arc.validation.result != auth::ArcResult::none) {
    results.push_back({"arc", std::string(auth::to_string(report.arc.validation.result)), "", {}});
  }
  auth::MethodResult dmarc{"dmarc", report.dmarc.result, "", {}};
  if (report.dmarc.policy) dmarc.comment = "p=" + std::string(records::to_string(*report.dmarc.policy));
  if (report.dmarc.arc_override) dmarc.comment += (dmarc.comment.empty() ? "" : "; ") + std::string("passed by trusted ARC");
  if (report.author) dmarc.properties.emplace_back("header.from", report.author->domain);
  results.push_back(std::move(dmarc));
  // BIMI draft §8.7: header.d and header.selector are required with pass; policy.authority when
  // the evidence was checked.
  const BimiPart& bimi = report.bimi;
  auth::MethodResult method{"bimi", bimi.result, bimi.result == "pass" ? "" : bimi.comment, {}};
  if (bimi.result != "skipped") {
    if (!bimi.record_domain.empty()) method.properties.emplace_back("header.d", bimi.record_domain);
    method.properties.emplace_back("header.selector", bimi.selector);
  }
  if (bimi.result == "pass") {
    method.properties.emplace_back("policy.authority", bimi.authority);
    if (bimi.authority_uri) method.properties.emplace_back("policy.authority-uri", *bimi.authority_uri);
    if (bimi.location) method.properties.emplace_back("policy.indicator-uri", *bimi.location);
    if (report.chain && report.chain->logo) method.properties.emplace_back("policy.indicator-hash", auth::indicator_hash(*report.chain->logo));
    if (!bimi.avatar_preference.empty()) method.properties.emplace_back("policy.logo-preference", bimi.avatar_preference);
  }
  results.push_back(std::move(method));

  std::vector<std::string> fields{auth::authentication_results_field(authserv_id, results)};
  if (report.shown && bimi.location) {
    fields.push_back(auth::bimi_location_field(*bimi.location, bimi.authority == "pass" && bimi.authority_uri ? *bimi.authority_uri : ""));
    if (report.chain && report.chain->logo) fields.push_back(auth::bimi_indicator_field(*report.chain->logo));
    if (!bimi.avatar_preference.empty()) fields.push_back(auth::bimi_logo_preference_field(bimi.avatar_preference));
  }
  return fields;
}

std::string RunCache::chain_key(const DomainCheckOptions& options, const std::string& organizational_domain) {
  // Names and selectors hold no NUL; the local part matters only to records with lps=, and is kept.
  return options.domain + '\0' + options.selector + '\0' + options.local_part + '\0' + organizational_domain + '\0' +
         std::to_string(static_cast<int>(options.dmarc)) + '\0' + std::to_string(options.at) + '\0' +
         std::to_string(options.warn_days);
}

MessageReport check_message(const auth::Message& message, const MessageCheckOptions& options,
                            const records::PublicSuffixList* psl, const ChainSources& sources, RunCache* cache) {
  MessageReport report;
  auth::AuthorResult author = auth::find_author(message);
  if (author.author) {
    report.author = std::move(author.author);
  } else {
    auth::report(report.findings, author.reason, author.message);
  }
  read_smtp_facts(message, options, report);
  evaluate_spf(options, sources, cache, report);

  auth::DkimVerifyOptions dkim_options;
  dkim_options.now = options.at;
  if (cache != nullptr) dkim_options.keys = &cache->keys;
  for (auto& verification : auth::verify_dkim(message, sources.txt, dkim_options)) {
    report.dkim.push_back({std::move(verification), false});
  }

  bool partial_body = false;
  if (report.author) {
    partial_body = evaluate_dmarc(options, psl, sources, cache, report);
  } else {
    report.dmarc.result = "none";
  }
  report_spf(report);
  report_signatures(report);
  evaluate_arc(message, options, sources, dkim_options, report);
  report_received_bimi_fields(message, report);

  const DmarcPart& dmarc = report.dmarc;
  if (report.author) {
    if (dmarc.result == "fail" && !dmarc.arc_override) {
      std::string spf_words = report.spf.result == "pass" ? "SPF passed for " + report.spf.domain + ", which is not aligned"
                              : report.spf.domain.empty() ? "SPF was " + report.spf.result
                                                          : "SPF was " + report.spf.result + " for " + report.spf.domain;
      std::string dkim_words = report.dkim.empty() ? "the message has no DKIM signature" : "no DKIM signature passed with an aligned d=";
      auth::report(report.findings, "dmarc-not-aligned",
                   "DMARC fails for " + report.author->domain + ": " + spf_words + ", and " + dkim_words);
    } else if (dmarc.result == "temperror" && !dmarc.arc_override) {
      auth::report(report.findings, "dmarc-temperror", "DMARC could not be evaluated for " + report.author->domain + ": a DNS look-up failed");
    } else if (dmarc.result == "none") {
      auth::report(report.findings, "dmarc-no-policy", "no DMARC record applies to " + report.author->domain + ": BIMI is not performed");
    }
    if (partial_body && !dmarc.arc_override) {
      auth::report(report.findings, "bimi-partial-body",
                   "DMARC passes only through a DKIM signature with l=, which lets content be appended after signing: no logo");
    }
  }

  std::optional<std::string> ignored_selector;
  bool dmarc_ok = dmarc.result == "pass" || dmarc.arc_override;
  BimiPart& bimi = report.bimi;
  if (!report.author) {
    bimi.comment = "not exactly one From: address";
  } else if (!dmarc_ok) {
    bimi.comment = "message failed DMARC";
  } else if (!dmarc.enforcing) {
    bimi.comment = "DMARC policy is not at enforcement";
  } else if (partial_body && !dmarc.arc_override) {
    bimi.comment = "DMARC passed only through a signature with l=";
  } else {
    ignored_selector = choose_selector(message, report);
    DomainCheckOptions chain;
    chain.domain = report.author->domain;
    chain.selector = bimi.selector;
    chain.local_part = report.author->local_part;
    chain.dmarc = options.dmarc;
    chain.warn_days = options.warn_days;
    chain.at = options.at;
    chain.roots_pem = options.roots_pem;
    auto check = [&] { return check_bimi_chain(chain, dmarc.organizational_domain, sources); };
    report.chain = cache != nullptr ? cache->chains->get(RunCache::chain_key(chain, dmarc.organizational_domain), check)
                                    : std::make_shared<const DomainReport>(check());
    judge_chain(*report.chain, bimi);
  }
  if (bimi.result == "skipped") auth::report(report.findings, "bimi-skipped", "BIMI skipped: " + bimi.comment);

  report.shown = bimi.result == "pass";
  if (!report.shown) report.first_broken = find_first_broken(report, partial_body, ignored_selector);
  report.verdict = verdict(report);
  return report;
}

}  // namespace bimi::net
