// bimi dmarc: check DMARC records tag by tag, or the policy a live domain gets and whether it
// allows BIMI.
#include <ctime>
#include <iostream>
#include <string>
#include <variant>

#include "bimi/records/dmarc_policy.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "bimi/records/domain_name.hpp"
#include "commands.hpp"
#include "option_checks.hpp"
#include "dns_io.hpp"
#include "terminal.hpp"

namespace bimi::cli {

// dmarc_report_command.cpp: `bimi dmarc report`.
CLI::App* setup_dmarc_report(CLI::App& dmarc, ExitCode& result);

namespace {

struct DmarcOptions {
  std::string domain;
  std::string parse;
  std::string dns_server;
  int timeout_ms = 5000;
  std::string format = "text";
  std::string dmarc = "rfc9989";
};

ExitCode run_live(const DmarcOptions& options) {
  auto domain = records::normalize_domain(options.domain);
  if (!domain) {
    std::cerr << "bimi: \"" << printable(options.domain) << "\" is not a domain name\n";
    return ExitCode::usage;
  }
  net::DomainCheckOptions check;
  check.domain = *domain;
  check.dmarc = *records::parse_dmarc_standard(options.dmarc);
  auto psl = dns_io::load_public_suffix_list(check.dmarc);
  if (!psl) return ExitCode::bad_input;
  auto live = dns_io::make_live_sources({options.dns_server, "", options.timeout_ms}, false);
  if (!live) return ExitCode::usage;
  auto report = net::check_dmarc(check, psl->get(), live->sources);
  return dns_io::print_domain_report(report, options.format == "json", std::cout);
}

ExitCode run_dmarc(const DmarcOptions& options) {
  if (options.parse.empty() == options.domain.empty()) {
    std::cerr << "bimi: give a DOMAIN to evaluate, or --parse VALUE (- for standard input)\n";
    return ExitCode::usage;
  }
  if (!options.domain.empty()) return run_live(options);
  auto values = dns_io::read_values(options.parse);
  if (!values) return ExitCode::bad_input;
  // The syntax, and what the record means for BIMI if it is the one that applies.
  records::DmarcStandard standard = *records::parse_dmarc_standard(options.dmarc);
  auto parse = [standard](std::string_view value, Diagnostics& out) {
    records::DmarcRecord record = records::parse_dmarc_record(value, out, standard);
    records::check_record_for_bimi("the record", record, out);
    records::check_test_mode_for_bimi("the record", record, out);
    return record.tags;
  };
  return dns_io::print_parsed(*values, parse, options.format == "json", std::cout,
                              options.format == "json" ? records::id_of(standard) : records::name_of(standard));
}

}  // namespace

void setup_dmarc(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<DmarcOptions>();
  auto* command = app.add_subcommand("dmarc", "Check DMARC records, or the DMARC policy a domain gets and whether it allows BIMI");
  auto* domain =
      command->add_option("DOMAIN", options->domain, "the sending domain to evaluate live")->check(domain_name());
  command->add_option("--parse", options->parse, "a record value to check; - reads one per line from standard input")
      ->excludes(domain);
  command->add_option("--dns-server", options->dns_server, "ask this DNS server (ADDRESS[:PORT]) instead of the system's");
  command->add_option("--timeout", options->timeout_ms, "milliseconds allowed for each look-up (default 5000)")
      ->check(CLI::Range(100, 60000));
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  dns_io::add_dmarc_standard_option(*command, options->dmarc);
  command->footer(exit_status_help(
      {ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  auto* report = setup_dmarc_report(*command, result);
  command->callback([options, report, &result] {
    if (!report->parsed()) result = run_dmarc(*options);
  });
}

}  // namespace bimi::cli
