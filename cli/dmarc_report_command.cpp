// bimi dmarc report: reads DMARC aggregate reports where they are (files, folders, mbox exports),
// sums them per domain and source, and says what the next policy step would do.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <variant>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/net/reverse_names.hpp"
#include "bimi/records/public_suffix.hpp"
#include "bimi/reports/aggregation.hpp"
#include "bimi/reports/containers.hpp"
#include "bimi/reports/readiness.hpp"
#include "bimi/reports/rules.hpp"
#include "csv.hpp"
#include "commands.hpp"
#include "file_args.hpp"
#include "dmarc_report_html.hpp"
#include "terminal.hpp"
#include "utc_date.hpp"

namespace bimi::cli {
namespace {

namespace fs = std::filesystem;
using reports::Aggregation;
using reports::FoundReport;

constexpr std::size_t max_files = 1'000'000;  // files of one run, directories walked included
constexpr std::size_t max_warnings = 1000;    // warnings listed; the rest are counted

struct ReportOptions {
  std::vector<std::string> paths;
  std::string domain;
  std::string since, until;
  std::string format = "text";
  std::string html;
  bool rules = false;
  bool resolve = false;
  std::string dns_server;
  int timeout_ms = 3000;
};

struct FileError {
  std::string path;
  std::string reason;
};

struct Warning {
  std::string path;
  Diagnostic finding;
};

struct RunState {
  Aggregation aggregation;
  std::vector<FileError> errors;
  std::vector<Warning> warnings;
  std::size_t warnings_left_out = 0;
  std::size_t files = 0;
  std::map<std::string, net::ReverseName> names;  // --resolve: by source address
  bool resolved = false;
};

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// YYYY-MM-DD at 00:00 UTC, in seconds.
std::optional<std::int64_t> parse_date(const std::string& text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char rest = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &rest) != 3) return std::nullopt;
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return days_from_civil(y, m, d) * 86400;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << 100.0 * static_cast<double>(part) / static_cast<double>(whole) << "%";
  return out.str();
}

bool report_extension(const fs::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* suffix : {".xml", ".gz", ".zip", ".eml", ".mbox", ".msg"}) {
    if (name.ends_with(suffix)) return true;
  }
  return false;
}

void collect(RunState& state, FoundReport&& found, std::size_t& errors_of_file, const reports::Limits& limits) {
  if (found.report) {
    for (const auto& finding : found.findings.items()) {
      if (state.warnings.size() < max_warnings) state.warnings.push_back({found.origin, finding});
      else ++state.warnings_left_out;
    }
    state.aggregation.add(*found.report, found.origin);
    return;
  }
  ++errors_of_file;
  if (errors_of_file <= limits.max_errors_per_file) {
    std::string reason = found.findings.empty() ? "cannot be read" : found.findings.items().front().message;
    if (!found.findings.empty()) reason += " [" + found.findings.items().front().rule + "]";
    state.errors.push_back({found.origin, reason});
  }
}

// What one file held, read on a worker thread; an mbox is only recognized there and streamed later
// on the main thread, so that a file of a million messages is never held whole.
struct FileOutcome {
  bool mbox = false;
  std::optional<FileError> error;
  std::vector<FoundReport> found;
};

FileOutcome read_whole_file(const std::string& path, const reports::Limits& limits) {
  FileOutcome outcome;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    outcome.error = FileError{path, "not a regular file [file-unreadable]"};
    return outcome;
  }
  {
    std::ifstream in(path, std::ios::binary);
    char head[5] = {};
    in.read(head, sizeof head);
    if (reports::looks_like_mbox(std::string_view(head, static_cast<std::size_t>(in.gcount())))) {
      outcome.mbox = true;
      return outcome;
    }
  }
  auto bytes = read_file(path, limits.max_file_bytes);
  if (auto* error = std::get_if<IoError>(&bytes)) {
    outcome.error = FileError{path, error->message + " [file-unreadable]"};
    return outcome;
  }
  reports::read_reports(path, std::get<std::string>(bytes), limits,
                        [&](FoundReport&& found) { outcome.found.push_back(std::move(found)); });
  return outcome;
}

void add_outcome(RunState& state, const std::string& path, FileOutcome&& outcome, const reports::Limits& limits) {
  ++state.files;
  std::size_t errors_of_file = 0;
  auto sink = [&](FoundReport&& found) { collect(state, std::move(found), errors_of_file, limits); };
  if (outcome.error) {
    state.errors.push_back(std::move(*outcome.error));
  } else if (outcome.mbox) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      state.errors.push_back({path, "cannot be read [file-unreadable]"});
      return;
    }
    reports::read_mbox(path, in, limits, sink);
  } else {
    for (auto& found : outcome.found) sink(std::move(found));
  }
  if (errors_of_file > limits.max_errors_per_file) {
    state.errors.push_back({path, std::to_string(errors_of_file - limits.max_errors_per_file) +
                                      " more parts of this file could not be read"});
  }
}

// Files are read and parsed two at a time (the reports are independent), a few files per batch so
// that what is in flight stays bounded, and summed in command-line order so the output does not
// depend on which thread finished first.
void read_files(RunState& state, const std::vector<std::string>& files, const reports::Limits& limits) {
  constexpr std::size_t batch = 8;
  const unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
  for (std::size_t start = 0; start < files.size(); start += batch) {
    const std::size_t n = std::min(batch, files.size() - start);
    std::vector<FileOutcome> outcomes(n);
    std::atomic<std::size_t> next{0};
    auto work = [&] {
      for (std::size_t i = next++; i < n; i = next++) outcomes[i] = read_whole_file(files[start + i], limits);
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();
    for (std::size_t i = 0; i < n; ++i) add_outcome(state, files[start + i], std::move(outcomes[i]), limits);
  }
}

// Directories are walked recursively, in name order, for files named like reports; files named on
// the command line are read whatever their name.
std::optional<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && report_extension(it->path())) found.push_back(it->path().string());
      if (files.size() + found.size() > max_files) {
        std::cerr << "bimi: more than " << max_files << " report files; name fewer\n";
        return std::nullopt;
      }
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

nlohmann::ordered_json counts_json(const reports::MessageCounts& c) {
  return {{"messages", c.messages},
          {"spf_aligned_pass", c.spf_aligned_pass},
          {"dkim_aligned_pass", c.dkim_aligned_pass},
          {"dmarc_pass", c.dmarc_pass},
          {"would_fail", c.would_fail},
          {"overridden", c.overridden},
          {"real_failures", c.real_failures()}};
}

nlohmann::ordered_json name_json(const RunState& state, const std::string& address);

nlohmann::ordered_json failing_json(const RunState& state, const std::vector<reports::FailingSource>& sources) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& s : sources) {
    nlohmann::ordered_json entry{{"source_ip", s.source_ip}};
    if (state.resolved) entry.update(name_json(state, s.source_ip));
    entry["messages"] = s.messages;
    entry["authenticated_unaligned"] = s.authenticated;
    entry["unaligned_domains"] = s.unaligned_domains;
    out.push_back(std::move(entry));
  }
  return out;
}

// --resolve: the address's reverse name, whether it resolves back, and its organization.
nlohmann::ordered_json name_json(const RunState& state, const std::string& address) {
  auto found = state.names.find(address);
  if (found == state.names.end()) return {{"reverse_name", nullptr}, {"reverse_confirmed", false}, {"organization", nullptr}};
  const auto& n = found->second;
  return {{"reverse_name", n.name.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(n.name)},
          {"reverse_confirmed", n.confirmed},
          {"organization", n.organizational_domain.empty() ? nlohmann::ordered_json(nullptr)
                                                           : nlohmann::ordered_json(n.organizational_domain)}};
}

// The organization a source belongs to for grouping: its reverse name's organizational domain, or
// "(no reverse name)".
std::string organization_of(const RunState& state, const std::string& address) {
  auto found = state.names.find(address);
  if (found == state.names.end() || found->second.organizational_domain.empty()) return "(no reverse name)";
  return found->second.organizational_domain;
}

// Per From: domain, the sources summed by organization, most messages first.
std::vector<std::pair<std::string, std::vector<std::pair<std::string, reports::MessageCounts>>>> by_organization(
    const RunState& state) {
  std::map<std::string, std::map<std::string, reports::MessageCounts>> sums;
  for (const auto* s : state.aggregation.sources()) {
    auto& c = sums[s->domain][organization_of(state, s->source_ip)];
    c.messages += s->counts.messages;
    c.spf_aligned_pass += s->counts.spf_aligned_pass;
    c.dkim_aligned_pass += s->counts.dkim_aligned_pass;
    c.dmarc_pass += s->counts.dmarc_pass;
    c.would_fail += s->counts.would_fail;
    c.overridden += s->counts.overridden;
  }
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, reports::MessageCounts>>>> out;
  for (auto& [domain, organizations] : sums) {
    std::vector<std::pair<std::string, reports::MessageCounts>> list(organizations.begin(), organizations.end());
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.second.messages > b.second.messages; });
    out.emplace_back(domain, std::move(list));
  }
  return out;
}

std::string to_json(const RunState& state, const std::vector<reports::Readiness>& readiness) {
  nlohmann::ordered_json out;
  out["reports"] = nlohmann::ordered_json::array();
  for (const auto& r : state.aggregation.reports()) {
    out["reports"].push_back({{"path", r.origin},
                              {"schema", reports::to_string(r.schema)},
                              {"org_name", r.org_name},
                              {"report_id", r.report_id},
                              {"domain", r.domain},
                              {"begin", r.begin},
                              {"end", r.end},
                              {"messages", r.messages}});
  }
  out["sources"] = nlohmann::ordered_json::array();
  for (const auto* s : state.aggregation.sources()) {
    auto entry = nlohmann::ordered_json{{"domain", s->domain}, {"source_ip", s->source_ip}};
    if (state.resolved) entry.update(name_json(state, s->source_ip));
    entry.update(counts_json(s->counts));
    entry["dispositions"] = s->dispositions;
    entry["overrides"] = s->overrides;
    entry["unaligned_domains"] = s->unaligned_domains;
    out["sources"].push_back(std::move(entry));
  }
  if (state.resolved) {
    out["organizations"] = nlohmann::ordered_json::array();
    for (const auto& [domain, organizations] : by_organization(state)) {
      for (const auto& [organization, counts] : organizations) {
        auto entry = nlohmann::ordered_json{{"domain", domain}, {"organization", organization}};
        entry.update(counts_json(counts));
        out["organizations"].push_back(std::move(entry));
      }
    }
  }
  out["readiness"] = nlohmann::ordered_json::array();
  for (const auto& r : readiness) {
    out["readiness"].push_back({{"domain", r.domain},
                                {"policy_domain", r.policy_domain},
                                {"policy", r.policy},
                                {"policy_tag", r.policy_tag},
                                {"testing", r.testing},
                                {"messages", r.counts.messages},
                                {"dmarc_pass", r.counts.dmarc_pass},
                                {"would_fail", r.counts.would_fail},
                                {"overridden", r.counts.overridden},
                                {"real_failures", r.counts.real_failures()},
                                {"verdict", r.verdict_text},
                                {"advice", r.advice},
                                {"blocking_sources", failing_json(state, r.blocking)},
                                {"unauthenticated_sources", failing_json(state, r.unauthenticated)},
                                {"inheriting_subdomains", r.inheriting_subdomains},
                                {"first", r.first},
                                {"last", r.last},
                                {"days", r.days},
                                {"reporters", r.reporters}});
  }
  out["warnings"] = nlohmann::ordered_json::array();
  for (const auto& w : state.warnings) {
    out["warnings"].push_back({{"path", w.path}, {"rule", w.finding.rule}, {"message", w.finding.message}});
  }
  out["errors"] = nlohmann::ordered_json::array();
  for (const auto& e : state.errors) out["errors"].push_back({{"path", e.path}, {"reason", e.reason}});
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

// RFC 4180 fields; a cell that a spreadsheet would take for a formula gets a leading quote.
std::string to_csv(const RunState& state) {
  std::string out =
      "domain,source_ip,messages,spf_aligned_pass,dkim_aligned_pass,dmarc_pass,would_fail,overridden,real_failures,"
      "disposition_none,disposition_quarantine,disposition_reject,overrides" +
      std::string(state.resolved ? ",reverse_name,reverse_confirmed,organization" : "") + "\r\n";
  for (const auto* s : state.aggregation.sources()) {
    const auto& c = s->counts;
    auto disposition = [&](const char* name) {
      auto it = s->dispositions.find(name);
      return std::to_string(it == s->dispositions.end() ? 0 : it->second);
    };
    std::string overrides;
    for (const auto& [type, n] : s->overrides) overrides += (overrides.empty() ? "" : " ") + type + "=" + std::to_string(n);
    out += csv_field(s->domain) + "," + csv_field(s->source_ip) + "," + std::to_string(c.messages) + "," +
           std::to_string(c.spf_aligned_pass) + "," + std::to_string(c.dkim_aligned_pass) + "," +
           std::to_string(c.dmarc_pass) + "," + std::to_string(c.would_fail) + "," + std::to_string(c.overridden) + "," +
           std::to_string(c.real_failures()) + "," + disposition("none") + "," + disposition("quarantine") + "," +
           disposition("reject") + "," + csv_field(overrides);
    if (state.resolved) {
      auto found = state.names.find(s->source_ip);
      bool known = found != state.names.end();
      out += "," + csv_field(known ? found->second.name : "") + "," + (known && found->second.confirmed ? "yes" : "no") + "," +
             csv_field(known ? found->second.organizational_domain : "");
    }
    out += "\r\n";
  }
  return out;
}

std::string to_text(const RunState& state, const std::vector<reports::Readiness>& readiness) {
  std::ostringstream out;
  std::set<std::string> reporters;
  for (const auto& r : state.aggregation.reports()) reporters.insert(r.org_name);
  out << "Read " << state.aggregation.reports().size() << " reports from " << reporters.size() << " reporters in "
      << state.files << " files";
  if (state.aggregation.duplicates() > 0) out << " (" << state.aggregation.duplicates() << " duplicates counted once)";
  out << "\n";
  for (const auto& r : readiness) {
    const auto& c = r.counts;
    out << "\n" << printable(r.domain) << ": " << r.policy_tag << "=" << printable(r.policy) << (r.testing ? " (t=y)" : "");
    if (r.domain != r.policy_domain) out << " from " << printable(r.policy_domain);
    out << "\n  " << c.messages << " messages, DMARC pass " << percent(c.dmarc_pass, c.messages) << " (aligned SPF "
        << percent(c.spf_aligned_pass, c.messages) << ", aligned DKIM " << percent(c.dkim_aligned_pass, c.messages) << ")\n";
    out << "  would fail (aligned SPF and aligned DKIM both fail): " << c.would_fail << ", of which " << c.overridden
        << " overridden by receivers and " << c.real_failures() << " real\n";
    out << "  evidence: " << utc_date(r.first) << " to " << utc_date(r.last) << ", " << r.days << " days, " << r.reporters << " reporters\n";
    out << "  verdict: " << printable(r.verdict_text) << "\n  next: " << printable(r.advice) << "\n";
    auto list = [&](const char* title, const std::vector<reports::FailingSource>& sources) {
      if (sources.empty()) return;
      out << "  " << title << ":\n";
      for (std::size_t i = 0; i < sources.size() && i < 20; ++i) {
        const auto& s = sources[i];
        out << "    " << printable(s.source_ip);
        if (auto found = state.names.find(s.source_ip); found != state.names.end() && !found->second.name.empty()) {
          out << " (" << printable(found->second.name) << (found->second.confirmed ? "" : ", not confirmed") << ")";
        }
        out << "  " << s.messages << " messages";
        if (!s.unaligned_domains.empty()) {
          out << " (passes for";
          for (const auto& d : s.unaligned_domains) out << " " << printable(d);
          out << ", not aligned)";
        }
        out << "\n";
      }
      if (sources.size() > 20) out << "    and " << sources.size() - 20 << " more\n";
    };
    list("sources that would lose mail under quarantine and reject", r.blocking);
    list("unauthenticated sources (spoofing, or a sender nobody set up)", r.unauthenticated);
    if (!r.inheriting_subdomains.empty()) {
      out << "  subdomains that inherit the policy:";
      for (const auto& d : r.inheriting_subdomains) out << " " << printable(d);
      out << "\n";
    }
  }
  if (state.resolved) {
    for (const auto& [domain, organizations] : by_organization(state)) {
      out << "\n" << printable(domain) << " by sending organization (reverse DNS):\n";
      for (std::size_t i = 0; i < organizations.size() && i < 30; ++i) {
        const auto& [organization, c] = organizations[i];
        out << "  " << printable(organization) << "  " << c.messages << " messages, DMARC pass " << percent(c.dmarc_pass, c.messages)
            << ", would fail " << c.would_fail << "\n";
      }
      if (organizations.size() > 30) out << "  and " << organizations.size() - 30 << " more\n";
    }
  }
  if (!state.warnings.empty()) {
    out << "\nWarnings:\n";
    for (const auto& w : state.warnings) out << "  " << printable(w.path) << ": " << printable(w.finding.message) << " [" << w.finding.rule << "]\n";
    if (state.warnings_left_out > 0) out << "  and " << state.warnings_left_out << " more\n";
  }
  if (!state.errors.empty()) {
    out << "\nCould not read:\n";
    for (const auto& e : state.errors) out << "  " << printable(e.path) << ": " << printable(e.reason) << "\n";
  }
  return out.str();
}

ExitCode run_report(const ReportOptions& options) {
  if (options.rules) {
    std::cout << reports::rules_markdown();
    return ExitCode::ok;
  }
  if (options.paths.empty()) {
    std::cerr << "bimi: give the report files or directories to read\n";
    return ExitCode::usage;
  }
  reports::AggregationFilter filter;
  filter.domain = options.domain;
  std::transform(filter.domain.begin(), filter.domain.end(), filter.domain.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (auto [text, into, add] : {std::tuple{&options.since, &filter.since, std::int64_t{0}},
                                 std::tuple{&options.until, &filter.until, std::int64_t{86399}}}) {
    if (text->empty()) continue;
    auto date = parse_date(*text);
    if (!date) {
      std::cerr << "bimi: \"" << printable(*text) << "\" is not a date (YYYY-MM-DD)\n";
      return ExitCode::usage;
    }
    *into = *date + add;
  }
  auto files = expand_paths(options.paths);
  if (!files) return ExitCode::usage;
  if (files->empty()) {
    std::cerr << "bimi: no report files (.xml, .gz, .zip, .eml, .mbox) in the directories given\n";
    return ExitCode::usage;
  }
  RunState state{Aggregation(filter), {}, {}, 0, 0, {}, false};
  reports::Limits limits;
  read_files(state, *files, limits);
  if (options.resolve) {
    auto psl = records::PublicSuffixList::load();
    if (auto* why = std::get_if<std::string>(&psl)) {
      std::cerr << "bimi: the Public Suffix List: " << *why << "\n";
      return ExitCode::bad_input;
    }
    // The busiest sources first, so the bound on look-ups leaves out the smallest.
    std::vector<const reports::SourceStats*> sources = state.aggregation.sources();
    std::stable_sort(sources.begin(), sources.end(),
                     [](const auto* a, const auto* b) { return a->counts.messages > b->counts.messages; });
    std::vector<std::string> addresses;
    for (const auto* s : sources) {
      if (s->source_ip != reports::other_sources) addresses.push_back(s->source_ip);
    }
    net::ReverseOptions reverse;
    reverse.dns_server = options.dns_server;
    reverse.timeout_ms = options.timeout_ms;
    auto names = net::resolve_reverse_names(addresses, reverse, std::get<records::PublicSuffixList>(psl));
    if (auto* why = std::get_if<std::string>(&names)) {
      std::cerr << "bimi: --dns-server: " << *why << "\n";
      return ExitCode::usage;
    }
    state.names = std::move(std::get<0>(names));
    state.resolved = true;
  }
  auto readiness = reports::assess_readiness(state.aggregation);
  std::string text = options.format == "json" ? to_json(state, readiness)
                     : options.format == "csv" ? to_csv(state)
                                               : to_text(state, readiness);
  auto written = write_stream(1, "standard output", text);
  if (auto* error = std::get_if<IoError>(&written)) {
    std::cerr << "bimi: " << error->message << "\n";
    return ExitCode::output_failure;
  }
  if (!options.html.empty()) {
    auto page = write_output_file(options.html, dmarc_report_html(state.aggregation, readiness));
    if (auto* error = std::get_if<IoError>(&page)) {
      std::cerr << "bimi: " << error->message << "\n";
      return ExitCode::output_failure;
    }
  }
  return state.errors.empty() ? ExitCode::ok : ExitCode::bad_input;
}

}  // namespace

CLI::App* setup_dmarc_report(CLI::App& dmarc, ExitCode& result) {
  auto options = std::make_shared<ReportOptions>();
  auto* command = dmarc.add_subcommand(
      "report", "Read DMARC aggregate reports (XML, gzip, zip, .eml, mbox) and say when the next policy step is safe");
  command->add_option("PATH", options->paths, "report files and directories (read recursively)");
  command->add_option("--domain", options->domain, "only this From: domain and its subdomains");
  command->add_option("--since", options->since, "only reports that end on or after this date (YYYY-MM-DD, UTC)");
  command->add_option("--until", options->until, "only reports that begin on or before this date (YYYY-MM-DD, UTC)");
  command->add_option("--format", options->format, "text, json or csv (the per-source table)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  command->add_option("--html", options->html, "also write a self-contained HTML page (verdicts, sources, a chart)");
  command->add_flag("--rules", options->rules, "print the table of report findings as markdown and exit");
  command->add_flag("--resolve", options->resolve,
                    "look up each source's reverse DNS name (forward-confirmed) and group sources by its organizational domain");
  command->add_option("--dns-server", options->dns_server, "with --resolve: ask this DNS server (ADDRESS[:PORT]) instead of the system's");
  command->add_option("--timeout", options->timeout_ms, "with --resolve: milliseconds allowed for each look-up (default 3000)")
      ->check(CLI::Range(100, 60000));
  command->footer(exit_status_help({ExitCode::ok, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_report(*options); });
  return command;
}

}  // namespace bimi::cli
