// What `bimi record`, `bimi dmarc` and `bimi domain` share: reading record values, printing parsed
// records and domain reports in text or JSON, and wiring the live look-ups and fetches.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bimi/diagnostic.hpp"
#include "bimi/net/dns.hpp"
#include "bimi/net/domain_check.hpp"
#include "bimi/records/dmarc_standard.hpp"
#include "bimi/records/mailboxes.hpp"
#include "bimi/records/public_suffix.hpp"
#include "bimi/records/tag_list.hpp"
#include "exit_codes.hpp"

namespace bimi::cli::dns_io {

// Standard input beyond this is refused (exit 3).
inline constexpr std::size_t max_stdin_bytes = 1u << 20;

// One value to parse. A line of standard input bimi cannot read (broken zone-file quoting) keeps
// why, so the other lines are still parsed and reported.
struct InputValue {
  std::string value;
  int line = 0;       // 1-based line of standard input; 0 for a value given on the command line
  std::string error;  // empty when `value` can be parsed
};

// The values to parse: `value` itself, or with "-" one value per non-empty line of standard input
// (a line starting with '"' is zone-file text whose strings are joined). Nullopt after printing
// why when there is nothing to parse (standard input empty or too large): the caller exits 3.
std::optional<std::vector<InputValue>> read_values(const std::string& value);

using RecordParser = std::function<records::TagList(std::string_view value, Diagnostics& out)>;

// Parses each value and prints it tag by tag with its findings, every line even after a bad one.
// The exit code is the worst line's: 3 for a line that could not be read, else 1 on any error
// finding.
// `standard`, when not empty, names the specification the values were checked against (text: a
// first line; JSON: "standard").
ExitCode print_parsed(const std::vector<InputValue>& values, const RecordParser& parse, bool json, std::ostream& out,
                      std::string_view standard = {});

void print_findings_text(const Diagnostics& findings, std::ostream& out, std::string_view indent);

// The live sources for the domain check: c-ares look-ups and libcurl fetches, host names resolved
// through `dns` when a server was given (so a test zone controls every name).
struct LiveOptions {
  std::string dns_server;
  std::string ca_file;
  int timeout_ms = 5000;
  bool allow_private = false;  // fetch from loopback, private and other special-purpose addresses
};

struct LiveSources {
  net::DnsResolver dns;
  net::ChainSources sources;
};

// Nullptr after printing why (a bad --dns-server: exit 2).
std::unique_ptr<LiveSources> make_live_sources(const LiveOptions& options, bool lint_logo);

// --dmarc rfc9989|rfc7489 (default rfc9989) on `bimi dmarc` and `bimi domain`.
void add_dmarc_standard_option(CLI::App& command, std::string& value);

// The Public Suffix List when `standard` needs it (RFC 7489), else a null pointer: RFC 9989 walks
// the DNS instead. Nullopt after printing why the list could not be read (exit 3).
std::optional<std::unique_ptr<records::PublicSuffixList>> load_public_suffix_list(records::DmarcStandard standard);

// One step of a domain report: {"name", "skipped", "facts", "findings"}; in text its name and
// facts (the caller prints its findings).
nlohmann::ordered_json step_json(const net::Step& step);
void print_step_text(const net::Step& step, std::ostream& out);

// The JSON object of one domain report (bimi domain --format json, and each line of jsonl).
nlohmann::ordered_json domain_report_json(const net::DomainReport& report);

// `mailboxes`, when given (bimi domain), adds each mailbox's verdict: JSON "mailboxes", and a
// text section before the verdict line.
ExitCode print_domain_report(const net::DomainReport& report, bool json, std::ostream& out,
                             const std::vector<records::MailboxVerdict>* mailboxes = nullptr);

}  // namespace bimi::cli::dns_io
