#include "dns_io.hpp"

#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bimi/records/txt.hpp"
#include "bimi/svgps/lint.hpp"
#include "terminal.hpp"
#include "findings_json.hpp"
#include "mailbox_output.hpp"
#include "spf_report.hpp"
#include "render_worker.hpp"

namespace bimi::cli::dns_io {
namespace {

using nlohmann::ordered_json;

// Record findings also carry their column at the top level: a deprecated spelling of
// location.column, kept for one release (README).
ordered_json record_findings_json(const Diagnostics& findings) {
  ordered_json list = findings_json(findings);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (findings.items()[i].location.column > 0) list[i]["column"] = findings.items()[i].location.column;
  }
  return list;
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

std::optional<std::vector<InputValue>> read_values(const std::string& value) {
  if (value != "-") return std::vector<InputValue>{{value, 0, {}}};
  std::string input;
  char buffer[4096];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    input.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (input.size() > max_stdin_bytes) {
      std::cerr << "bimi: standard input is larger than " << max_stdin_bytes << " bytes\n";
      return std::nullopt;
    }
  }
  std::vector<InputValue> values;
  std::istringstream lines(input);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::size_t start = line.find_first_not_of(" \t");
    if (line[start] == '"') {
      auto joined = records::join_presentation(line);
      if (joined) {
        values.push_back({std::move(*joined), number, {}});
      } else {
        values.push_back({line, number, "line " + std::to_string(number) + " of standard input: broken quoting in zone-file text"});
      }
    } else {
      values.push_back({line, number, {}});
    }
  }
  if (values.empty()) {
    std::cerr << "bimi: no record on standard input\n";
    return std::nullopt;
  }
  return values;
}

void print_findings_text(const Diagnostics& findings, std::ostream& out, std::string_view indent) {
  for (const auto& d : findings.items()) {
    out << indent;
    if (d.location.column > 0) out << "col " << d.location.column << ": ";
    out << to_string(d.severity) << ": " << printable(d.message) << " [" << d.rule << "]\n";
  }
}

ExitCode print_parsed(const std::vector<InputValue>& values, const RecordParser& parse, bool json, std::ostream& out,
                      std::string_view standard) {
  std::size_t errors = 0, warnings = 0, unreadable = 0;
  ordered_json root;
  if (!standard.empty()) root["standard"] = standard;
  root["records"] = ordered_json::array();
  if (!json && !standard.empty()) out << "checked against " << standard << "\n";
  for (const auto& [value, line, error] : values) {
    if (!error.empty()) {
      // Reported in its place; the lines after it are still parsed.
      ++unreadable;
      if (json) {
        root["records"].push_back({{"line", line}, {"value", value}, {"valid", false}, {"error", error}});
      } else {
        out << printable(value) << "\n  error: " << printable(error) << "\n  UNREADABLE\n";
      }
      continue;
    }
    Diagnostics findings;
    records::TagList tags = parse(value, findings);
    findings.sort_by_location();
    errors += findings.count(Severity::error);
    warnings += findings.count(Severity::warning);
    if (json) {
      ordered_json record;
      if (line > 0) record["line"] = line;
      record["value"] = value;
      record["valid"] = !findings.has_errors();
      record["tags"] = ordered_json::array();
      for (const auto& tag : tags.tags) record["tags"].push_back({{"name", tag.name}, {"value", tag.value}, {"column", tag.column}});
      record["findings"] = record_findings_json(findings);
      root["records"].push_back(std::move(record));
      continue;
    }
    out << printable(value) << "\n";
    std::size_t width = 1;
    for (const auto& tag : tags.tags) width = std::max(width, printable(tag.name).size());
    for (const auto& tag : tags.tags) {
      std::string name = printable(tag.name);
      out << "  " << name << std::string(width - name.size() + 2, ' ') << printable(tag.value) << "\n";
    }
    print_findings_text(findings, out, "  ");
    out << (findings.has_errors() ? "  INVALID\n" : "  valid\n");
  }
  if (json) {
    root["summary"] = {{"records", values.size()}, {"errors", errors}, {"warnings", warnings}, {"unreadable", unreadable}};
    out << root.dump(2) << "\n";
  } else if (values.size() > 1) {
    out << plural(values.size(), "record") << ": " << plural(errors, "error") << ", " << plural(warnings, "warning")
        << (unreadable > 0 ? ", " + std::to_string(unreadable) + " unreadable" : std::string()) << "\n";
  }
  if (!out.flush()) return ExitCode::output_failure;
  if (unreadable > 0) return ExitCode::bad_input;
  return errors > 0 ? ExitCode::findings : ExitCode::ok;
}

std::unique_ptr<LiveSources> make_live_sources(const LiveOptions& options, bool lint_logo) {
  auto dns = net::DnsResolver::create({options.dns_server, options.timeout_ms, 2});
  if (auto* why = std::get_if<std::string>(&dns)) {
    std::cerr << "bimi: --dns-server: " << *why << "\n";
    return nullptr;
  }
  auto live = std::make_unique<LiveSources>(LiveSources{std::get<net::DnsResolver>(std::move(dns)), {}});
  LiveSources* self = live.get();
  self->sources.txt = [self](const std::string& name) { return self->dns.txt(name); };
  bool pin = !options.dns_server.empty();
  self->sources.fetch = [self, options, pin](const std::string& url, std::size_t max_bytes) {
    net::FetchOptions fetch;
    fetch.ca_file = options.ca_file;
    fetch.timeout_ms = options.timeout_ms;
    fetch.connect_timeout_ms = options.timeout_ms;
    fetch.max_bytes = max_bytes;
    fetch.allow_private = options.allow_private;
    if (pin) fetch.resolve = [self](const std::string& host) { return self->dns.addresses(host).addresses; };
    return net::fetch_https(url, fetch);
  };
  if (lint_logo) {
    self->sources.lint_logo = [](std::string_view svg) {
      svgps::LintOptions lint;
      lint.limits = sandboxed_limits();
      lint.profile = svgps::Profile::strict;
      return svgps::lint(svg, lint).diagnostics;
    };
  }
  return live;
}

void add_dmarc_standard_option(CLI::App& command, std::string& value) {
  command
      .add_option("--dmarc", value,
                  "the DMARC standard: rfc9989 (default: DNS tree walk, np=, psd=, t=) or rfc7489 (Public Suffix List, pct=)")
      ->check(CLI::IsMember({"rfc9989", "rfc7489"}));
}

std::optional<std::unique_ptr<records::PublicSuffixList>> load_public_suffix_list(records::DmarcStandard standard) {
  if (standard != records::DmarcStandard::rfc7489) return std::unique_ptr<records::PublicSuffixList>();
  auto psl = records::PublicSuffixList::load();
  if (auto* why = std::get_if<std::string>(&psl)) {
    std::cerr << "bimi: " << printable(*why) << "\n";
    return std::nullopt;
  }
  return std::make_unique<records::PublicSuffixList>(std::get<records::PublicSuffixList>(std::move(psl)));
}

ordered_json step_json(const net::Step& step) {
  ordered_json s;
  s["name"] = step.name;
  s["skipped"] = step.skipped;
  s["facts"] = ordered_json::object();
  for (const auto& [key, value] : step.facts) s["facts"][key] = value;
  s["findings"] = findings_json(step.findings);
  return s;
}

void print_step_text(const net::Step& step, std::ostream& out) {
  out << "\n" << step.name << (step.skipped ? ": skipped, nothing to check" : "") << "\n";
  for (const auto& [key, value] : step.facts) out << "  " << printable(key) << ": " << printable(value) << "\n";
}

ordered_json domain_report_json(const net::DomainReport& report) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& step : report.steps) {
    errors += step.findings.count(Severity::error);
    warnings += step.findings.count(Severity::warning);
  }
  ordered_json root;
  root["domain"] = report.domain;
  root["selector"] = report.selector;
  root["dmarc_standard"] = records::id_of(report.dmarc_standard);
  root["organizational_domain"] = report.organizational_domain;
  root["organizational_domain_from"] = report.organizational_domain_from;
  root["ready"] = report.ready();
  root["steps"] = ordered_json::array();
  for (const auto& step : report.steps) root["steps"].push_back(step_json(step));
  if (report.spf) root["spf"] = spf_json(*report.spf);
  if (report.certificate) {
    root["certificate_checks"] = ordered_json::array();
    for (const auto& check : report.certificate->checks) {
      root["certificate_checks"].push_back(
          {{"id", check.id}, {"verdict", std::string(vmc::to_string(check.verdict))}, {"messages", check.messages}});
    }
  }
  root["summary"] = {{"errors", errors}, {"warnings", warnings}};
  return root;
}

ExitCode print_domain_report(const net::DomainReport& report, bool json, std::ostream& out,
                             const std::vector<records::MailboxVerdict>* mailboxes) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& step : report.steps) {
    errors += step.findings.count(Severity::error);
    warnings += step.findings.count(Severity::warning);
  }
  if (json) {
    ordered_json root = domain_report_json(report);
    if (mailboxes) root["mailboxes"] = mailboxes_json(*mailboxes);
    out << root.dump(2) << "\n";
  } else {
    out << printable(report.domain) << ", selector " << printable(report.selector) << " (organizational domain "
        << printable(report.organizational_domain) << "; DMARC by " << records::name_of(report.dmarc_standard) << ")\n";
    for (const auto& step : report.steps) {
      print_step_text(step, out);
      if (step.name == "spf" && report.spf) print_spf_tree_text(*report.spf, out, "  ");
      print_findings_text(step.findings, out, "  ");
    }
    if (mailboxes) {
      out << "mailboxes\n";
      print_mailboxes_text(*mailboxes, out, "  ");
    }
    out << "\n" << (report.ready() ? "ready" : "NOT READY") << ": " << plural(errors, "error") << ", "
        << plural(warnings, "warning") << "\n";
  }
  if (!out.flush()) return ExitCode::output_failure;
  return report.ready() ? ExitCode::ok : ExitCode::findings;
}

}  // namespace bimi::cli::dns_io
