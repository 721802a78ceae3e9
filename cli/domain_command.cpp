// bimi domain DOMAIN: the whole BIMI chain, live — DMARC, SPF, the assertion record, the logo and
// the certificate — in one report with a verdict.
#include <iostream>
#include <string>
#include <variant>

#include "bimi/records/domain_name.hpp"
#include "commands.hpp"
#include "option_checks.hpp"
#include "dns_io.hpp"
#include "live_run.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

struct DomainOptions {
  std::string domain;
  std::string selector = "default";
  std::string format = "text";
  std::string local_part;
  int warn_days = 30;
  live_run::NetworkOptions network;
};

ExitCode run_domain(const DomainOptions& options) {
  net::DomainCheckOptions check;
  auto domain = records::normalize_domain(options.domain);
  auto selector = records::normalize_selector(options.selector);
  if (!domain || !selector) {
    std::cerr << "bimi: "
              << printable(!domain ? "\"" + options.domain + "\" is not a domain name" : "--selector \"" + options.selector + "\" is not a selector")
              << "\n";
    return ExitCode::usage;
  }
  check.domain = *domain;
  check.selector = *selector;
  // A local part is at most 64 octets (RFC 5321 §4.5.3.1.1).
  if (options.local_part.size() > 64 || options.local_part.find('@') != std::string::npos) {
    std::cerr << "bimi: --local-part \"" << printable(options.local_part)
              << "\" is not a local part (at most 64 characters, without the @ and the domain)\n";
    return ExitCode::usage;
  }
  check.local_part = options.local_part;
  check.warn_days = options.warn_days;
  ExitCode error = ExitCode::ok;
  auto run = live_run::prepare(options.network, error);
  if (!run) return error;
  check.dmarc = run->dmarc;
  check.at = run->at;
  check.roots_pem = run->roots_pem;
  auto report = net::check_domain(check, run->psl.get(), run->live->sources);
  if (!live_run::save_recording(options.network, *run)) return ExitCode::output_failure;
  return dns_io::print_domain_report(report, options.format == "json", std::cout);
}

}  // namespace

void setup_domain(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<DomainOptions>();
  auto* command = app.add_subcommand("domain", "Check a domain's whole BIMI chain live: DMARC, SPF, record, logo and certificate");
  command->add_option("DOMAIN", options->domain, "the sending domain")->required()->check(domain_name());
  command->add_option("--selector", options->selector, "the BIMI selector (default: \"default\")")
      ->check(selector_name());
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  live_run::add_network_options(*command, options->network);
  command->add_option("--local-part", options->local_part,
                      "the sender's local part (before the @), for records with lps= (local-part selectors)");
  command->add_option("--warn-days", options->warn_days,
                      "warn when the certificate expires within this many days (default 30)")
      ->check(CLI::Range(0, 3650));
  command->footer(exit_status_help(
      {ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_domain(*options); });
}

}  // namespace bimi::cli
