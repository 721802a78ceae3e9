#include "bimi/net/mailbox_facts.hpp"

namespace bimi::net {
namespace {

const Step* find_step(const DomainReport& report, std::string_view name) {
  for (const auto& step : report.steps) {
    if (step.name == name) return &step;
  }
  return nullptr;
}

bool ran_cleanly(const Step* step) { return step != nullptr && !step->skipped && !step->findings.has_errors(); }

records::CertificateKind kind_of(vmc::MarkClass mark_class) {
  switch (mark_class) {
    case vmc::MarkClass::vmc: return records::CertificateKind::vmc;
    case vmc::MarkClass::cmc: return records::CertificateKind::cmc;
    case vmc::MarkClass::unknown: break;
  }
  return records::CertificateKind::unknown;
}

// The record, logo and certificate steps, shared by both checks.
void add_chain_facts(const DomainReport& report, records::SenderFacts& facts) {
  facts.record_found = ran_cleanly(find_step(report, "bimi-record")) && report.discovery && report.discovery->has_logo();
  facts.logo_valid = ran_cleanly(find_step(report, "logo")) && report.logo.has_value();
  const Step* certificate = find_step(report, "certificate");
  if (certificate == nullptr || certificate->skipped) return;
  // A certificate was published at a=: what it is, and whether it verified.
  facts.certificate = report.certificate ? kind_of(report.certificate->mark_class) : records::CertificateKind::unknown;
  facts.certificate_verified = ran_cleanly(certificate) && report.certificate && report.certificate->valid();
  if (report.certificate) facts.mark_type = report.certificate->mark_type;
}

}  // namespace

records::SenderFacts sender_facts(const DomainReport& report) {
  records::SenderFacts facts;
  facts.dmarc_enforced = ran_cleanly(find_step(report, "dmarc")) &&
                         (report.dmarc_policy == "quarantine" || report.dmarc_policy == "reject");
  add_chain_facts(report, facts);
  return facts;
}

records::SenderFacts sender_facts(const MessageReport& report) {
  records::SenderFacts facts;
  facts.dmarc_enforced = report.dmarc.enforcing;
  facts.dmarc_pass = report.dmarc.result == "pass" || report.dmarc.arc_override;
  if (report.chain) add_chain_facts(*report.chain, facts);
  return facts;
}

}  // namespace bimi::net
