#include "live_run.hpp"

#include <ctime>
#include <iostream>

#include "bimi/net/spf_resolver.hpp"
#include "bimi/vmc/certificate.hpp"
#include "file_args.hpp"
#include "option_checks.hpp"
#include "terminal.hpp"
#include "vmc_io.hpp"

namespace bimi::cli::live_run {
namespace {

constexpr std::size_t max_roots_bytes = 16u << 20;

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

}  // namespace

void add_network_options(CLI::App& command, NetworkOptions& options) {
  command.add_option("--dns-server", options.dns_server,
                     "ask this DNS server (ADDRESS[:PORT]) instead of the system's; it also resolves the l= and a= hosts");
  command.add_option("--ca-file", options.ca_file, "PEM roots for the HTTPS servers instead of the system's");
  command.add_option("--roots", options.roots, "PEM trust anchors for the certificate instead of the bundled BIMI roots");
  command.add_option("--at", options.at, "verification time, ISO-8601 (default: now)")->check(iso_time());
  command.add_option("--timeout", options.timeout_ms, "milliseconds allowed for each look-up and each fetch (default 5000)")
      ->check(CLI::Range(100, 60000));
  dns_io::add_dmarc_standard_option(command, options.dmarc);
  auto* record = command.add_option("--record-dns", options.record_dns,
                                    "write every DNS answer and HTTPS response this run used to FILE, to replay it with --dns-snapshot");
  command.add_option("--dns-snapshot", options.dns_snapshot,
                     "replay a file written by --record-dns instead of asking the network (the same report, offline)")
      ->excludes(record);
  command.add_flag("--allow-private", options.allow_private,
                   "fetch l= and a= from loopback, private and link-local addresses too (refused by default)");
}

std::optional<Run> prepare(const NetworkOptions& options, ExitCode& error) {
  Run run;
  run.dmarc = *records::parse_dmarc_standard(options.dmarc);
  error = ExitCode::usage;
  if (is_standard_stream(options.record_dns)) {
    std::cerr << "bimi: --record-dns needs a file name: the report goes to standard output\n";
    return std::nullopt;
  }
  error = ExitCode::bad_input;
  if (!options.dns_snapshot.empty()) {
    auto replay = load_snapshot(options.dns_snapshot);
    if (!replay) return std::nullopt;
    run.replay = std::make_unique<net::Snapshot>(std::move(*replay));
  }
  if (options.at.empty()) {
    // A replay judges at the time of the recorded run, so it gives the same report.
    run.at = run.replay && run.replay->time() ? *run.replay->time() : static_cast<long long>(std::time(nullptr));
  } else if (auto at = vmc::parse_time(options.at)) {
    run.at = *at;
  } else {
    std::cerr << "bimi: --at \"" << printable(options.at) << "\" is not an ISO-8601 time (e.g. 2025-06-01T00:00:00Z)\n";
    error = ExitCode::usage;
    return std::nullopt;
  }
  if (!options.roots.empty()) {
    auto roots = vmc_io::read_input(options.roots, max_roots_bytes, "trust anchors");
    if (!roots) return std::nullopt;
    run.roots_pem = std::move(*roots);
  }
  if (!options.ca_file.empty()) {
    // libcurl reads the file itself; make an unreadable one an input error, not a TLS finding.
    if (is_standard_stream(options.ca_file)) {
      std::cerr << "bimi: --ca-file needs a file name; libcurl reads it itself\n";
      error = ExitCode::usage;
      return std::nullopt;
    }
    if (!vmc_io::read_input(options.ca_file, max_roots_bytes, "TLS CA file")) return std::nullopt;
  }
  auto psl = dns_io::load_public_suffix_list(run.dmarc);
  if (!psl) return std::nullopt;
  run.psl = std::move(*psl);
  run.live = live_sources(options);
  if (!run.live) {
    error = ExitCode::usage;
    return std::nullopt;
  }
  auto& sources = run.live->sources;
  if (run.replay) {
    sources.txt = run.replay->replay_txt();
    sources.fetch = run.replay->replay_fetch();
    sources.spf_dns = run.replay->replay_resolver();
  } else if (!options.record_dns.empty()) {
    run.recording = std::make_unique<net::Snapshot>();
    sources.txt = run.recording->record_txt(sources.txt);
    sources.fetch = run.recording->record_fetch(sources.fetch);
    sources.spf_dns = run.recording->record_resolver(sources.spf_dns);
    run.recording->set_time(run.at);
  }
  error = ExitCode::ok;
  return run;
}

std::unique_ptr<dns_io::LiveSources> live_sources(const NetworkOptions& options) {
  auto live = dns_io::make_live_sources({options.dns_server, options.ca_file, options.timeout_ms, options.allow_private}, true);
  // SPF asks the same resolver (and so the same --dns-server) as the rest of the chain.
  if (live) live->sources.spf_dns = std::shared_ptr<auth::DnsResolver>(net::make_spf_resolver(live->dns));
  return live;
}

bool save_recording(const NetworkOptions& options, const Run& run) {
  if (options.record_dns.empty() || !run.recording) return true;
  return vmc_io::write_output(options.record_dns, run.recording->to_json());
}

}  // namespace bimi::cli::live_run
