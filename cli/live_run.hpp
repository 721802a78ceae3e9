// What `bimi domain` and `bimi message` share to judge something on the network: the DNS server,
// TLS and trust options, the verification time, and recording or replaying a snapshot of every
// answer (--record-dns / --dns-snapshot).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "bimi/net/snapshot.hpp"
#include "bimi/records/dmarc_standard.hpp"
#include "bimi/records/public_suffix.hpp"
#include "dns_io.hpp"
#include "exit_codes.hpp"

namespace bimi::cli::live_run {

struct NetworkOptions {
  std::string dns_server;
  std::string ca_file;
  std::string roots;
  std::string at;
  int timeout_ms = 5000;
  bool allow_private = false;
  std::string dmarc = "rfc9989";
  std::string record_dns;    // write every DNS answer and HTTPS response the run used
  std::string dns_snapshot;  // replay such a file instead of the network
};

// --dns-server, --ca-file, --roots, --at, --timeout, --dmarc, --record-dns, --dns-snapshot,
// --allow-private.
void add_network_options(CLI::App& command, NetworkOptions& options);

// The sources a run reads, live, recorded or replayed, and what it judges certificates with.
struct Run {
  std::unique_ptr<dns_io::LiveSources> live;
  std::unique_ptr<net::Snapshot> recording;  // when --record-dns; the sources point into it
  std::unique_ptr<net::Snapshot> replay;     // when --dns-snapshot; the sources point into it
  records::DmarcStandard dmarc = records::DmarcStandard::rfc9989;
  std::unique_ptr<records::PublicSuffixList> psl;  // RFC 7489 only
  long long at = 0;
  std::optional<std::string> roots_pem;
};

// Nullopt after printing why, with the exit code in `error` (usage or bad input).
std::optional<Run> prepare(const NetworkOptions& options, ExitCode& error);

// Live sources of their own (a DNS channel is not shared between threads), with SPF's resolver on
// the same channel; for each further worker of a run that is neither recorded nor replayed.
// Nullptr after printing why (a bad --dns-server).
std::unique_ptr<dns_io::LiveSources> live_sources(const NetworkOptions& options);

// Writes the recorded snapshot when --record-dns was given; false after printing why.
bool save_recording(const NetworkOptions& options, const Run& run);

}  // namespace bimi::cli::live_run
