// bimi domain DOMAIN: the whole BIMI chain, live — DMARC, SPF, the assertion record, the logo and
// the certificate — in one report with a verdict.
#include <iostream>
#include <string>
#include <variant>

#include "bimi/net/mailbox_facts.hpp"
#include "bimi/records/domain_name.hpp"
#include "commands.hpp"
#include "option_checks.hpp"
#include "dns_io.hpp"
#include "domain_fleet.hpp"
#include "live_run.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

ExitCode run_domain(const DomainRequest& options) {
  // A local part is at most 64 octets (RFC 5321 §4.5.3.1.1).
  if (options.local_part.size() > 64 || options.local_part.find('@') != std::string::npos) {
    std::cerr << "bimi: --local-part \"" << printable(options.local_part)
              << "\" is not a local part (at most 64 characters, without the @ and the domain)\n";
    return ExitCode::usage;
  }
  if (options.domains.empty() && options.domains_file.empty()) {
    std::cerr << "bimi: give a DOMAIN or --domains-file\n";
    return ExitCode::usage;
  }
  if (!is_single_domain(options)) return run_domain_fleet(options);
  net::DomainCheckOptions check;
  auto domain = records::normalize_domain(options.domains.front());
  auto selector = records::normalize_selector(options.selectors.front());
  if (!domain || !selector) {
    std::cerr << "bimi: "
              << printable(!domain ? "\"" + options.domains.front() + "\" is not a domain name"
                                   : "--selector \"" + options.selectors.front() + "\" is not a selector")
              << "\n";
    return ExitCode::usage;
  }
  check.domain = *domain;
  check.selector = *selector;
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
  auto mailboxes = records::judge_mailboxes(net::sender_facts(report));
  return dns_io::print_domain_report(report, options.format == "json", std::cout, &mailboxes);
}

}  // namespace

void setup_domain(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<DomainRequest>();
  auto* command = app.add_subcommand("domain", "Check a domain's whole BIMI chain live: DMARC, SPF, record, logo and certificate");
  command->add_option("DOMAIN", options->domains, "the sending domains (one: the full report; several: one line each)")
      ->check(domain_name());
  command->add_option("--domains-file", options->domains_file,
                      "more domains, one per line (\"domain [selector...]\", # comments; \"-\" for standard input)");
  command->add_option("--selector", options->selectors, "the BIMI selectors to check (default: \"default\"; repeatable)")
      ->check(selector_name())
      ->allow_extra_args(false);
  command->add_option("--format", options->format, "text, json, jsonl (one line per domain as it completes, in list order) or csv")
      ->check(CLI::IsMember({"text", "json", "jsonl", "csv"}));
  command->add_option("--concurrency", options->concurrency, "domains checked at once, each on its own DNS channel (default 8)")
      ->check(CLI::Range(1, 256));
  command->add_option("--rate", options->rate, "at most this many DNS queries per second (default: no limit)")
      ->check(CLI::Range(0.0, 1000000.0));
  command->add_option("--save", options->save, "write the state of every domain (records, policies, hashes, expiry, verdict) to FILE");
  command->add_option("--html", options->html,
                      "also write a self-contained page: verdicts, first broken links, logos, certificate ends, drift");
  command->add_option("--baseline", options->baseline,
                      "compare with a state written by --save and report what changed; exit 1 only when something got worse");
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
