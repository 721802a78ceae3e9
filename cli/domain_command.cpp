// bimi domain DOMAIN: the whole BIMI chain, live — DMARC, SPF, the assertion record, the logo and
// the certificate — in one report with a verdict.
#include <ctime>
#include <iostream>
#include <string>
#include <variant>

#include "bimi/net/snapshot.hpp"
#include "bimi/net/spf_resolver.hpp"
#include "bimi/records/domain_name.hpp"
#include "bimi/vmc/certificate.hpp"
#include "commands.hpp"
#include "option_checks.hpp"
#include "dns_io.hpp"
#include "file_args.hpp"
#include "vmc_io.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

struct DomainOptions {
  std::string domain;
  std::string selector = "default";
  std::string dns_server;
  std::string ca_file;
  std::string roots;
  std::string at;
  int timeout_ms = 5000;
  bool allow_private = false;
  std::string format = "text";
  std::string dmarc = "rfc9989";
  std::string local_part;
  int warn_days = 30;
  std::string record_dns;    // write every DNS answer and HTTPS response the run used
  std::string dns_snapshot;  // replay such a file instead of the network
};

constexpr std::size_t max_roots_bytes = 16u << 20;

// The SPF step asks the same resolver (and so the same --dns-server) as the rest of the chain.
void add_spf_lookups(dns_io::LiveSources& live) {
  live.sources.spf_dns = std::shared_ptr<auth::DnsResolver>(net::make_spf_resolver(live.dns));
}

// --dns-snapshot: every answer from the file, none from the network; nullopt after printing why
// the file cannot be read (exit 3).
std::optional<net::Snapshot> load_snapshot(const std::string& path) {
  auto text = vmc_io::read_input(path, net::max_snapshot_bytes, "snapshot");
  if (!text) return std::nullopt;
  std::string error;
  auto snapshot = net::Snapshot::from_json(*text, error);
  if (!snapshot) std::cerr << "bimi: " << printable(input_label(path)) << ": " << error << "\n";
  return snapshot;
}

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
  check.dmarc = *records::parse_dmarc_standard(options.dmarc);
  // A local part is at most 64 octets (RFC 5321 §4.5.3.1.1).
  if (options.local_part.size() > 64 || options.local_part.find('@') != std::string::npos) {
    std::cerr << "bimi: --local-part \"" << printable(options.local_part)
              << "\" is not a local part (at most 64 characters, without the @ and the domain)\n";
    return ExitCode::usage;
  }
  check.local_part = options.local_part;
  check.warn_days = options.warn_days;
  if (is_standard_stream(options.record_dns)) {
    std::cerr << "bimi: --record-dns needs a file name: the report goes to standard output\n";
    return ExitCode::usage;
  }
  std::optional<net::Snapshot> replay;
  if (!options.dns_snapshot.empty()) {
    replay = load_snapshot(options.dns_snapshot);
    if (!replay) return ExitCode::bad_input;
  }
  if (options.at.empty()) {
    // A replay judges the certificate at the time of the recorded run, so it gives the same report.
    check.at = replay && replay->time() ? *replay->time() : static_cast<long long>(std::time(nullptr));
  } else if (auto at = vmc::parse_time(options.at)) {
    check.at = *at;
  } else {
    std::cerr << "bimi: --at \"" << printable(options.at) << "\" is not an ISO-8601 time (e.g. 2025-06-01T00:00:00Z)\n";
    return ExitCode::usage;
  }
  if (!options.roots.empty()) {
    auto roots = vmc_io::read_input(options.roots, max_roots_bytes, "trust anchors");
    if (!roots) return ExitCode::bad_input;
    check.roots_pem = std::move(*roots);
  }
  if (!options.ca_file.empty()) {
    // libcurl reads the file itself; make an unreadable one an input error, not a TLS finding.
    if (is_standard_stream(options.ca_file)) {
      std::cerr << "bimi: --ca-file needs a file name; libcurl reads it itself\n";
      return ExitCode::usage;
    }
    if (!vmc_io::read_input(options.ca_file, max_roots_bytes, "TLS CA file")) return ExitCode::bad_input;
  }
  auto psl = dns_io::load_public_suffix_list(check.dmarc);
  if (!psl) return ExitCode::bad_input;
  auto live = dns_io::make_live_sources({options.dns_server, options.ca_file, options.timeout_ms, options.allow_private}, true);
  if (!live) return ExitCode::usage;
  add_spf_lookups(*live);
  net::Snapshot recording;
  if (replay) {
    live->sources.txt = replay->replay_txt();
    live->sources.fetch = replay->replay_fetch();
    live->sources.spf_dns = replay->replay_resolver();
  } else if (!options.record_dns.empty()) {
    live->sources.txt = recording.record_txt(live->sources.txt);
    live->sources.fetch = recording.record_fetch(live->sources.fetch);
    live->sources.spf_dns = recording.record_resolver(live->sources.spf_dns);
    recording.set_time(check.at);
  }
  auto report = net::check_domain(check, psl->get(), live->sources);
  if (!options.record_dns.empty() && !vmc_io::write_output(options.record_dns, recording.to_json()))
    return ExitCode::output_failure;
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
  command->add_option("--dns-server", options->dns_server,
                      "ask this DNS server (ADDRESS[:PORT]) instead of the system's; it also resolves the l= and a= hosts");
  command->add_option("--ca-file", options->ca_file, "PEM roots for the HTTPS servers instead of the system's");
  command->add_option("--roots", options->roots, "PEM trust anchors for the certificate instead of the bundled BIMI roots");
  command->add_option("--at", options->at, "certificate verification time, ISO-8601 (default: now)")->check(iso_time());
  command->add_option("--timeout", options->timeout_ms, "milliseconds allowed for each look-up and each fetch (default 5000)")
      ->check(CLI::Range(100, 60000));
  dns_io::add_dmarc_standard_option(*command, options->dmarc);
  command->add_option("--local-part", options->local_part,
                      "the sender's local part (before the @), for records with lps= (local-part selectors)");
  command->add_option("--warn-days", options->warn_days,
                      "warn when the certificate expires within this many days (default 30)")
      ->check(CLI::Range(0, 3650));
  auto* record = command->add_option("--record-dns", options->record_dns,
                                     "write every DNS answer and HTTPS response this run used to FILE, to replay it with --dns-snapshot");
  command->add_option("--dns-snapshot", options->dns_snapshot,
                      "replay a file written by --record-dns instead of asking the network (the same report, offline)")
      ->excludes(record);
  command->add_flag("--allow-private", options->allow_private,
                    "fetch l= and a= from loopback, private and link-local addresses too (refused by default)");
  command->footer(exit_status_help(
      {ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_domain(*options); });
}

}  // namespace bimi::cli
