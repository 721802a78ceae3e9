// bimi message MSG.eml: would a mailbox show this message's logo? SPF, DKIM, ARC, DMARC alignment and
// policy, then the BIMI record, logo and certificate, with the verdict and the first broken link.
#include <algorithm>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "bimi/auth/ip_address.hpp"
#include "bimi/auth/message.hpp"
#include "bimi/file_io.hpp"
#include "bimi/net/mailbox_facts.hpp"
#include "bimi/net/message_check.hpp"
#include "bimi/records/domain_name.hpp"
#include "commands.hpp"
#include "dns_io.hpp"
#include "file_args.hpp"
#include "findings_json.hpp"
#include "in_order.hpp"
#include "json_writer.hpp"
#include "live_run.hpp"
#include "mailbox_output.hpp"
#include "option_checks.hpp"
#include "terminal.hpp"
#include "vmc_io.hpp"

namespace bimi::cli {
namespace {

using nlohmann::ordered_json;

struct MessageOptions {
  std::vector<std::string> paths;
  std::string ip;
  std::string helo;
  std::string mail_from;
  bool mail_from_given = false;
  std::vector<std::string> trusted_arc_sealers;
  std::string authserv_id = "bimi.invalid";
  bool headers = false;
  std::string format = "text";
  int warn_days = 30;
  unsigned jobs = 0;  // 0: one per core
  live_run::NetworkOptions network;
};

std::string_view facts_source(net::FactsSource source) {
  switch (source) {
    case net::FactsSource::options: return "options";
    case net::FactsSource::received: return "received";
    case net::FactsSource::none: return "none";
  }
  return "none";
}

// What the shared BIMI steps of a sender add to every report of its messages, written once per run:
// the "steps" array and the steps' findings (the tail of the "findings" array).
struct ChainJson {
  std::string steps;
  std::string findings;  // comma-separated elements, no brackets; empty when there are none
};
// What a worker writes once and repeats: each sender's steps, and the mailbox verdicts of each
// distinct set of facts (a handful per run, however many messages).
struct ChainsJson {
  std::map<const net::DomainReport*, ChainJson> chains;
  std::map<std::string, std::string> mailboxes;
};

const ChainJson& chain_json(const net::DomainReport& chain, ChainsJson& written) {
  auto [kept, added] = written.chains.try_emplace(&chain);
  if (added) {
    ordered_json steps = ordered_json::array();
    for (const auto& step : chain.steps) steps.push_back(dns_io::step_json(step));
    kept->second.steps = steps.dump();
    std::string list;
    JsonWriter findings(list);
    findings.begin_array();
    for (const auto& step : chain.steps) {
      for (const auto& finding : step.findings.items()) write_finding(findings, finding);
    }
    findings.end_array();
    kept->second.findings = list.substr(1, list.size() - 2);
  }
  return kept->second;
}

// The JSON report of one message, one line of compact JSON (docs/message.md has its keys). Every key
// of the report is written here, in this order; --format json re-reads the line to indent it.
std::string report_json(const std::string& path, const net::MessageReport& report,
                        const std::vector<std::string>& header_fields, bool with_headers, ChainsJson& chains) {
  std::string out;
  out.reserve(4096);
  JsonWriter json(out);
  json.begin_object();
  json.member("message", path);
  json.member("shown", report.shown);
  json.member("verdict", report.verdict);
  json.key("first_broken");
  if (report.first_broken) {
    json.begin_object()
        .member("step", report.first_broken->step)
        .member("rule", report.first_broken->rule)
        .member("message", report.first_broken->message)
        .end_object();
  } else {
    json.null();
  }
  json.key("author");
  if (report.author) {
    json.begin_object()
        .member("address", report.author->display)
        .member("local_part", report.author->local_part)
        .member("domain", report.author->domain)
        .end_object();
  } else {
    json.null();
  }
  json.key("smtp")
      .begin_object()
      .member("ip", report.ip)
      .member("helo", report.helo)
      .member("mail_from", report.mail_from)
      .member("source", facts_source(report.facts_source))
      .end_object();
  const auto& spf = report.spf;
  json.key("spf")
      .begin_object()
      .member("result", spf.result)
      .member("identity", spf.identity)
      .member("domain", spf.domain)
      .member("aligned", spf.aligned)
      .member("reason", spf.reason)
      .member("dns_lookups", spf.outcome ? spf.outcome->dns_terms : 0)
      .member("void_lookups", spf.outcome ? spf.outcome->void_lookups : 0)
      .end_object();
  json.key("dkim").begin_array();
  for (const auto& part : report.dkim) {
    const auto& v = part.verification;
    json.begin_object()
        .member("result", auth::to_string(v.result))
        .member("reason", v.reason)
        .member("message", v.message)
        .member("domain", v.domain)
        .member("selector", v.selector)
        .member("aligned", part.aligned)
        .member("line", v.line)
        .key("body_length");
    v.body_length ? json.value(*v.body_length) : json.null();
    json.member("key_bits", v.key_bits).member("changed_header", v.changed_header).end_object();
  }
  json.end_array();
  const auto& dmarc = report.dmarc;
  json.key("dmarc").begin_object().member("result", dmarc.result).key("policy");
  dmarc.policy ? json.value(records::to_string(*dmarc.policy)) : json.null();
  json.member("applied_from", dmarc.applied_from)
      .member("domain", dmarc.domain)
      .member("organizational_domain", dmarc.organizational_domain)
      .member("standard", records::id_of(dmarc.standard))
      .member("adkim", std::string_view(&dmarc.adkim, 1))
      .member("aspf", std::string_view(&dmarc.aspf, 1))
      .member("enforcing", dmarc.enforcing)
      .member("arc_override", dmarc.arc_override)
      .end_object();
  const auto& arc = report.arc;
  json.key("arc")
      .begin_object()
      .member("result", auth::to_string(arc.validation.result))
      .member("reason", arc.validation.reason)
      .member("hops", arc.validation.hops.size())
      .member("trusted_sealer", arc.trusted_sealer)
      .key("recorded_dmarc");
  arc.recorded_dmarc.empty() ? json.null() : json.value(arc.recorded_dmarc);
  json.end_object();
  const auto& bimi = report.bimi;
  json.key("bimi")
      .begin_object()
      .member("result", bimi.result)
      .member("comment", bimi.comment)
      .member("selector", bimi.selector)
      .member("selector_from", bimi.selector_from)
      .member("domain", bimi.record_domain)
      .member("record", bimi.record)
      .member("location", bimi.location)
      .member("authority", bimi.authority)
      .member("authority_uri", bimi.authority_uri)
      .end_object();
  // Every finding of the run: the message's own, then the BIMI steps'.
  const ChainJson* chain = report.chain ? &chain_json(*report.chain, chains) : nullptr;
  json.key("steps");
  chain != nullptr ? json.raw(chain->steps) : json.begin_array().end_array();
  json.key("findings").begin_array();
  for (const auto& finding : report.findings.items()) write_finding(json, finding);
  if (chain != nullptr && !chain->findings.empty()) json.raw(chain->findings);
  json.end_array();
  // Each mailbox's verdict: a function of this message's facts alone, written once per set of facts.
  const records::SenderFacts facts = net::sender_facts(report);
  const std::string facts_key = std::string{char('0' + facts.dmarc_enforced), char('0' + facts.dmarc_pass),
                                            char('0' + facts.record_found), char('0' + facts.logo_valid),
                                            char('0' + static_cast<int>(facts.certificate)),
                                            char('0' + facts.certificate_verified)} +
                                facts.mark_type;
  auto [mailboxes, added] = chains.mailboxes.try_emplace(facts_key);
  if (added) mailboxes->second = mailboxes_json(records::judge_mailboxes(facts)).dump();
  json.key("mailboxes").raw(mailboxes->second);
  if (with_headers) {
    json.key("headers").begin_array();
    for (const auto& field : header_fields) json.value(field);
    json.end_array();
  }
  json.end_object();
  return out;
}

void print_text(const std::string& path, const net::MessageReport& report, std::ostream& out) {
  out << printable(report.verdict) << "\n\n";
  out << "message " << printable(input_label(path)) << "\n";
  if (report.author) out << "  author: " << printable(report.author->display) << " (domain " << printable(report.author->domain) << ")\n";
  std::string source = report.facts_source == net::FactsSource::options    ? "given"
                       : report.facts_source == net::FactsSource::received ? "from the Received: field"
                                                                            : "unknown";
  out << "  smtp: client " << printable(report.ip.empty() ? "(none)" : report.ip) << ", helo "
      << printable(report.helo.empty() ? "(none)" : report.helo) << ", mail from <" << printable(report.mail_from) << "> ("
      << source << ")\n";
  const auto& spf = report.spf;
  out << "\nspf: " << spf.result;
  if (!spf.domain.empty()) out << " for " << spf.identity << " " << printable(spf.domain) << (spf.aligned ? ", aligned" : ", not aligned");
  if (!spf.reason.empty()) out << " (" << printable(spf.reason) << ")";
  out << "\n";
  out << "\ndkim: " << (report.dkim.empty() ? "no signature" : std::to_string(report.dkim.size()) + " signature(s)") << "\n";
  for (const auto& part : report.dkim) {
    const auto& v = part.verification;
    out << "  " << auth::to_string(v.result) << " d=" << printable(v.domain) << " s=" << printable(v.selector)
        << (part.aligned ? ", aligned" : ", not aligned") << (v.body_length ? ", l=" + std::to_string(*v.body_length) : "");
    if (v.result != auth::DkimResult::pass) out << ": " << v.reason << ": " << printable(v.message);
    out << "\n";
  }
  const auto& arc = report.arc;
  out << "\narc: " << auth::to_string(arc.validation.result);
  if (!arc.validation.hops.empty()) out << " (" << arc.validation.hops.size() << " hop(s))";
  if (arc.trusted_sealer) out << ", first hop sealed by the trusted " << printable(*arc.trusted_sealer) << ", which recorded dmarc=" << printable(arc.recorded_dmarc);
  out << "\n";
  const auto& dmarc = report.dmarc;
  out << "\ndmarc: " << dmarc.result << (dmarc.arc_override ? " (passed by the trusted ARC chain)" : "") << "\n";
  if (!dmarc.domain.empty()) {
    out << "  policy: " << (dmarc.policy ? std::string(records::to_string(*dmarc.policy)) : std::string("(none applies)"));
    if (!dmarc.applied_from.empty()) out << " (" << printable(dmarc.applied_from) << ")";
    out << ", " << (dmarc.enforcing ? "at enforcement" : "not at enforcement") << "\n";
    out << "  organizational domain: " << printable(dmarc.organizational_domain) << " (" << records::name_of(dmarc.standard)
        << "), adkim=" << dmarc.adkim << ", aspf=" << dmarc.aspf << "\n";
  }
  const auto& bimi = report.bimi;
  out << "\nbimi: " << bimi.result << (bimi.comment.empty() ? "" : " (" + printable(bimi.comment) + ")") << "\n";
  if (report.chain) {
    out << "  selector: " << printable(bimi.selector) << " (" << bimi.selector_from << ")\n";
    for (const auto& step : report.chain->steps) {
      dns_io::print_step_text(step, out);
      dns_io::print_findings_text(step.findings, out, "  ");
    }
  }
  if (!report.findings.empty()) {
    out << "\nfindings\n";
    dns_io::print_findings_text(report.findings, out, "  ");
  }
  out << "\nmailboxes\n";
  print_mailboxes_text(records::judge_mailboxes(net::sender_facts(report)), out, "  ");
  out << "\n" << (report.shown ? "SHOWN" : "NOT SHOWN");
  if (report.first_broken) out << ": first broken link: " << report.first_broken->step << " (" << report.first_broken->rule << ")";
  out << "\n";
}

ExitCode run_message(const MessageOptions& options) {
  net::MessageCheckOptions check;
  if (!options.ip.empty()) {
    auto ip = auth::IpAddress::parse(options.ip);
    if (!ip) {
      std::cerr << "bimi: --ip \"" << printable(options.ip) << "\" is not an IPv4 or IPv6 address\n";
      return ExitCode::usage;
    }
    check.ip = ip->to_string();
  }
  check.helo = options.helo;
  if (options.mail_from_given) {
    std::string mail_from = options.mail_from;
    if (mail_from.size() >= 2 && mail_from.front() == '<' && mail_from.back() == '>') mail_from = mail_from.substr(1, mail_from.size() - 2);
    check.mail_from = mail_from;
  }
  for (const auto& sealer : options.trusted_arc_sealers) {
    auto domain = records::normalize_domain(sealer);
    if (!domain) {
      std::cerr << "bimi: --trusted-arc-sealer \"" << printable(sealer) << "\" is not a domain name\n";
      return ExitCode::usage;
    }
    check.trusted_arc_sealers.push_back(*domain);
  }
  check.warn_days = options.warn_days;
  check.receiver = options.authserv_id;

  ExitCode error = ExitCode::ok;
  auto run = live_run::prepare(options.network, error);
  if (!run) return error;
  check.dmarc = run->dmarc;
  check.at = run->at;
  check.roots_pem = run->roots_pem;

  // Several messages are judged on worker threads, each with its own DNS channel and decoded keys;
  // the BIMI steps of a sender are checked once for the run. A recording keeps answers in one map,
  // so it uses one worker. Output is in the order given, whatever the order messages finish in.
  unsigned jobs = options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, options.paths.size()));
  if (run->recording) jobs = 1;
  bool json = options.format == "json";
  struct Judged {
    ExitCode code = ExitCode::ok;
    std::string text;   // what goes to standard output for it (text, headers or a JSON line)
    std::string error;  // a one-line error for standard error
    std::optional<ordered_json> object;  // --format json
  };
  auto judge = [&](std::size_t i, net::RunCache& cache, ChainsJson& chains_json, const net::ChainSources& sources) {
    Judged out;
    const std::string& path = options.paths[i];
    auth::MessageLimits limits;
    std::string why;
    auto bytes = read_input_file(path, limits.max_bytes);
    if (auto* problem = std::get_if<IoError>(&bytes)) {
      out.code = ExitCode::bad_input;
      out.error = "bimi: cannot read message: " + printable(problem->message) + "\n";
      return out;
    }
    Diagnostics problems;
    auto message = auth::parse_message(std::get<std::string>(bytes), problems, limits);
    if (!message) {
      const auto& first = problems.items().front();
      out.code = ExitCode::bad_input;
      out.error = "bimi: " + printable(input_label(path)) + ": " + printable(first.message) + " [" + first.rule + "]\n";
      return out;
    }
    net::MessageReport report = net::check_message(*message, check, run->psl.get(), sources, &cache);
    out.code = report.shown ? ExitCode::ok : ExitCode::findings;
    std::vector<std::string> fields;
    if (options.headers) fields = net::receiver_fields(report, options.authserv_id);
    if (options.format == "jsonl") {
      out.text = report_json(path, report, fields, options.headers, chains_json) + "\n";
    } else if (json) {
      out.object = ordered_json::parse(report_json(path, report, fields, options.headers, chains_json));
    } else if (options.headers) {
      // The block as a receiver would prepend it; folded lines end with LF here, CRLF on the wire.
      if (options.paths.size() > 1) out.text = (i > 0 ? "\n# " : "# ") + printable(input_label(path)) + "\n";
      for (const auto& field : fields) {
        std::string text = field;
        for (std::size_t at = text.find("\r\n"); at != std::string::npos; at = text.find("\r\n", at)) text.erase(at, 1);
        out.text += text + "\n";
      }
    } else {
      std::ostringstream text;
      if (i > 0) text << "\n" << std::string(72, '-') << "\n\n";
      print_text(path, report, text);
      out.text = text.str();
    }
    return out;
  };

  std::mutex mutex;
  std::size_t next = 0;
  ExitCode outcome = ExitCode::ok;
  ordered_json reports = ordered_json::array();
  InOrder<Judged> emit([&](Judged& ready) {  // called under the mutex
    outcome = worst(outcome, ready.code);
    // Standard error is tied to standard output: writing to it flushes the reports before it.
    if (!ready.error.empty()) std::cerr << ready.error;
    std::cout << ready.text;
    if (ready.object) reports.push_back(std::move(*ready.object));
  });
  std::vector<std::unique_ptr<dns_io::LiveSources>> extra;
  auto chains = std::make_shared<net::ChainReports>();
  auto worker = [&](const net::ChainSources* sources) {
    net::RunCache cache(chains);
    ChainsJson chains_json;
    for (;;) {
      std::size_t i;
      {
        std::lock_guard lock(mutex);
        if (next == options.paths.size()) return;
        i = next++;
      }
      Judged judged;
      try {
        judged = judge(i, cache, chains_json, *sources);
      } catch (const std::exception& e) {
        // A report that cannot be written (a file name that is not UTF-8, for JSON) is that
        // message's one-line error, on whichever thread met it; the others go on.
        judged = Judged{};
        judged.code = ExitCode::bad_input;
        judged.error = "bimi: " + printable(input_label(options.paths[i])) + ": cannot write the report: " +
                       printable(e.what()) + "\n";
      }
      std::lock_guard lock(mutex);
      emit.put(i, std::move(judged));
    }
  };
  std::vector<const net::ChainSources*> sources{&run->live->sources};
  for (unsigned j = 1; j < jobs; ++j) {
    if (run->replay) {
      sources.push_back(&run->live->sources);  // a replay only reads the snapshot
      continue;
    }
    auto live = live_run::live_sources(options.network);
    if (!live) return ExitCode::usage;
    sources.push_back(&live->sources);
    extra.push_back(std::move(live));
  }
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker, sources[j]);
  worker(sources[0]);
  for (auto& thread : threads) thread.join();

  if (!live_run::save_recording(options.network, *run)) return ExitCode::output_failure;
  // One message: one object; several: an array of them, in the order given.
  if (json && !reports.empty()) std::cout << (options.paths.size() == 1 ? reports.front() : reports).dump(2) << "\n";
  if (!std::cout.flush()) return ExitCode::output_failure;
  return outcome;
}

}  // namespace

void setup_message(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<MessageOptions>();
  auto* command = app.add_subcommand(
      "message", "Would a mailbox show this message's logo? SPF, DKIM, ARC, DMARC, then the BIMI record, logo and certificate");
  command->add_option("MSG", options->paths,
                      "the message as received (.eml, RFC 5322; \"-\" for standard input); several are judged in one run")
      ->required();
  command->add_option("--ip", options->ip, "the SMTP client's IP address (default: from the newest Received: field)");
  command->add_option("--helo", options->helo, "the HELO/EHLO name (default: from the newest Received: field)");
  command->add_option_function<std::string>(
      "--mail-from",
      [options](const std::string& value) {
        options->mail_from = value;
        options->mail_from_given = true;
      },
      "the MAIL FROM address, \"<>\" for a bounce (default: from Return-Path:)");
  command->add_option("--trusted-arc-sealer", options->trusted_arc_sealers,
                      "trust this ARC sealer's recorded DMARC result when DMARC fails here (repeatable)")
      ->allow_extra_args(false);
  command->add_option("--authserv-id", options->authserv_id,
                      "the receiver's name in Authentication-Results and SPF's %{r} (default: bimi.invalid)")
      ->check(domain_name());
  command->add_flag("--headers", options->headers,
                    "print the header fields a receiver would add (Authentication-Results, BIMI-Location, BIMI-Indicator)");
  command->add_option("--format", options->format,
                      "text, json (an array with several messages) or jsonl (one object per line, as each message is judged)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  command->add_option("--warn-days", options->warn_days, "warn when the certificate expires within this many days (default 30)")
      ->check(CLI::Range(0, 3650));
  command->add_option("-j,--jobs", options->jobs, "messages judged at once (default: one per core)")
      ->check(CLI::Range(1, 256));
  live_run::add_network_options(*command, options->network);
  command->footer(
      "The verdict leads the report: exit 0 when a mailbox that follows the BIMI draft would show the logo, 1 when it\n"
      "would not (the report names the first broken link). With several messages, JSON is an array and the exit status\n"
      "is the worst one's. --record-dns FILE keeps every answer of the run;\n"
      "--dns-snapshot FILE replays it offline to the same report.\n\n" +
      exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_message(*options); });
}

}  // namespace bimi::cli
