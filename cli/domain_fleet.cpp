#include "domain_fleet.hpp"

#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "bimi/net/domain_list.hpp"
#include "bimi/net/domain_state.hpp"
#include "bimi/net/fleet.hpp"
#include "bimi/records/domain_name.hpp"
#include "dns_io.hpp"
#include "csv.hpp"
#include "domain_dashboard.hpp"
#include "in_order.hpp"
#include "file_args.hpp"
#include "terminal.hpp"
#include "vmc_io.hpp"

namespace bimi::cli {
namespace {

using nlohmann::ordered_json;

// SPF's look-ups wait for the run's rate limit like the TXT look-ups do.
class LimitedResolver : public auth::DnsResolver {
 public:
  LimitedResolver(std::shared_ptr<auth::DnsResolver> inner, net::RateLimiter& limiter)
      : inner_(std::move(inner)), limiter_(limiter) {}
  auth::DnsAnswer lookup(auth::DnsType type, const std::string& name) override {
    limiter_.acquire();
    return inner_->lookup(type, name);
  }

 private:
  std::shared_ptr<auth::DnsResolver> inner_;
  net::RateLimiter& limiter_;
};

// One line of at most `max` bytes; a longer line is consumed to its end and flagged. False at the
// end of the input.
bool read_line(std::istream& in, std::string& line, std::size_t max, bool& too_long) {
  line.clear();
  too_long = false;
  int c = 0;
  bool any = false;
  while ((c = in.get()) != EOF) {
    any = true;
    if (c == '\n') return true;
    if (line.size() < max) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
  return any;
}

// The domains of the command line, then those of the list file, one (domain, selector) at a time,
// each once.
class WorkList {
 public:
  WorkList(const DomainRequest& request, std::istream* list, std::string list_label)
      : request_(request), list_(list), label_(std::move(list_label)) {}

  std::optional<net::FleetWork> next(const net::DomainCheckOptions& base) {
    for (;;) {
      while (!pending_.empty()) {
        auto [domain, selector] = pending_.front();
        pending_.erase(pending_.begin());
        if (!seen_.insert(domain + " " + selector).second) {
          ++duplicates_;
          continue;
        }
        net::FleetWork work{index_++, base};
        work.options.domain = domain;
        work.options.selector = selector;
        return work;
      }
      if (!refill()) return std::nullopt;
    }
  }
  std::size_t invalid() const { return invalid_; }
  std::size_t duplicates() const { return duplicates_; }

 private:
  bool refill() {
    std::string error;
    std::optional<net::DomainListEntry> entry;
    if (argument_ < request_.domains.size()) {
      entry = net::parse_domain_list_line(request_.domains[argument_], 0, error);
      ++argument_;
      if (!entry) {
        // Arguments were checked by the option validator; a list line may still fail.
        std::cerr << "bimi: \"" << printable(request_.domains[argument_ - 1]) << "\": " << printable(error) << "\n";
        ++invalid_;
      }
    } else if (list_ != nullptr) {
      std::string line;
      bool too_long = false;
      if (!read_line(*list_, line, net::max_domain_list_line, too_long)) return false;
      ++line_number_;
      entry = too_long ? std::nullopt : net::parse_domain_list_line(line, line_number_, error);
      if (too_long) error = "the line is longer than " + std::to_string(net::max_domain_list_line) + " bytes";
      if (!entry && !error.empty()) {
        std::cerr << "bimi: " << printable(label_) << ":" << line_number_ << ": " << printable(error) << "\n";
        ++invalid_;
      }
    } else {
      return false;
    }
    if (entry) {
      const auto& selectors = entry->selectors.empty() ? request_.selectors : entry->selectors;
      for (const auto& selector : selectors) pending_.emplace_back(entry->domain, selector);
    }
    return true;
  }

  const DomainRequest& request_;
  std::istream* list_;
  std::string label_;
  std::size_t argument_ = 0;
  int line_number_ = 0;
  std::vector<std::pair<std::string, std::string>> pending_;
  std::set<std::string> seen_;
  std::size_t index_ = 0, invalid_ = 0, duplicates_ = 0;
};

std::string first_error(const net::DomainReport& report) {
  for (const auto& step : report.steps) {
    for (const auto& finding : step.findings.items()) {
      if (finding.severity == Severity::error) return finding.rule;
    }
  }
  return {};
}

ordered_json drift_json(const net::Drift& drift) {
  return {{"what", drift.what}, {"before", drift.before}, {"after", drift.after}, {"worse", drift.worse}};
}

}  // namespace

bool is_single_domain(const DomainRequest& request) {
  return request.domains.size() == 1 && request.selectors.size() == 1 && request.domains_file.empty() &&
         request.baseline.empty() && request.save.empty() && request.html.empty() &&
         (request.format == "text" || request.format == "json");
}

ExitCode run_domain_fleet(const DomainRequest& request) {
  net::DomainCheckOptions base;
  base.local_part = request.local_part;
  base.warn_days = request.warn_days;

  std::unique_ptr<std::ifstream> file;
  std::istream* list = nullptr;
  std::string list_label;
  if (!request.domains_file.empty()) {
    list_label = input_label(request.domains_file);
    if (is_standard_stream(request.domains_file)) {
      list = &std::cin;
    } else {
      file = std::make_unique<std::ifstream>(request.domains_file, std::ios::binary);
      if (!*file) {
        std::cerr << "bimi: cannot read the domain list: " << printable(request.domains_file) << "\n";
        return ExitCode::bad_input;
      }
      list = file.get();
    }
  }
  std::map<std::string, net::DomainState> baseline;
  if (!request.baseline.empty()) {
    auto text = vmc_io::read_input(request.baseline, net::max_state_bytes, "baseline");
    if (!text) return ExitCode::bad_input;
    std::string error;
    auto states = net::states_from_json(*text, error);
    if (!states) {
      std::cerr << "bimi: " << printable(input_label(request.baseline)) << ": " << error << "\n";
      return ExitCode::bad_input;
    }
    for (auto& state : *states) baseline[state.domain + " " + state.selector] = std::move(state);
  }

  ExitCode error = ExitCode::ok;
  auto run = live_run::prepare(request.network, error);
  if (!run) return error;
  base.dmarc = run->dmarc;
  base.at = run->at;
  base.roots_pem = run->roots_pem;

  // A recording keeps answers in one map: one worker. A replay only reads.
  unsigned concurrency = run->recording ? 1u : request.concurrency;
  net::RateLimiter limiter(request.rate);
  net::SharedResults shared;
  bool first_sources = true;
  std::vector<std::unique_ptr<dns_io::LiveSources>> extra;
  auto make_sources = [&]() {
    net::ChainSources sources;
    if (first_sources || run->recording || run->replay) {
      first_sources = false;
      sources = run->live->sources;
    } else {
      auto live = live_run::live_sources(request.network);
      sources = live->sources;
      extra.push_back(std::move(live));
    }
    auto txt = sources.txt;
    sources.txt = [txt, &limiter](const std::string& name) {
      limiter.acquire();
      return txt(name);
    };
    if (sources.spf_dns) sources.spf_dns = std::make_shared<LimitedResolver>(sources.spf_dns, limiter);
    sources.fetch = shared.share_fetch(sources.fetch);
    sources.lint_logo = shared.share_lint(sources.lint_logo);
    return net::WorkerSources{nullptr, std::move(sources)};
  };

  WorkList work(request, list, list_label);
  Dashboard dashboard;
  // A report that completes early waits, as its finished text, for those before it.
  InOrder<std::string> output([](std::string& text) { std::cout << text; });
  std::vector<net::DomainState> states;
  std::size_t checked = 0, ready = 0, worse = 0, drifted = 0;
  ordered_json all = ordered_json::array();  // --format json only
  bool json = request.format == "json", jsonl = request.format == "jsonl", csv_out = request.format == "csv";
  if (csv_out) {
    std::cout << "domain,selector,ready,dmarc_policy,first_error,errors,logo_sha256,certificate_sha256,certificate_not_after,drift\n";
  }
  InOrder<ordered_json> json_output([&all](ordered_json& object) { all.push_back(std::move(object)); });

  auto next = [&]() { return work.next(base); };
  auto done = [&](const net::FleetWork& item, net::DomainReport report) {
    net::DomainState state = net::state_of(report);
    std::optional<net::DomainState> before;
    if (auto found = baseline.find(state.domain + " " + state.selector); found != baseline.end()) before = found->second;
    std::vector<net::Drift> drift;
    if (!request.baseline.empty()) drift = net::compare_states(before, state, run->at, request.warn_days);
    ++checked;
    if (state.ready) ++ready;
    for (const auto& d : drift) {
      ++drifted;
      if (d.worse) ++worse;
    }
    if (json || jsonl) {
      ordered_json object = dns_io::domain_report_json(report);
      object["drift"] = ordered_json::array();
      for (const auto& d : drift) object["drift"].push_back(drift_json(d));
      if (jsonl) {
        output.put(item.index, object.dump() + "\n");
      } else {
        json_output.put(item.index, std::move(object));
      }
    } else if (csv_out) {
      std::string errors, drifts;
      for (const auto& rule : state.errors) errors += (errors.empty() ? "" : " ") + rule;
      for (const auto& d : drift) drifts += (drifts.empty() ? "" : " ") + d.what;
      output.put(item.index, csv_field(state.domain) + "," + csv_field(state.selector) + "," + (state.ready ? "yes" : "no") + "," +
                                 csv_field(state.dmarc_policy) + "," + csv_field(first_error(report)) + "," + csv_field(errors) + "," +
                                 state.logo_sha256 + "," + state.certificate_sha256 + "," +
                                 std::to_string(state.certificate_not_after) + "," + csv_field(drifts) + "\n");
    } else {
      std::string line = printable(state.domain) + "  " + printable(state.selector) + "  " + (state.ready ? "ready" : "NOT READY");
      if (!state.ready) {
        line += "  " + first_error(report);
        if (state.errors.size() > 1) line += " (+" + std::to_string(state.errors.size() - 1) + ")";
      }
      line += "\n";
      for (const auto& d : drift) {
        line += std::string("    ") + (d.worse ? "worse: " : "changed: ") + d.what + ": " + printable(d.before) + " -> " +
                printable(d.after) + "\n";
      }
      output.put(item.index, line);
    }
    if (!request.html.empty()) dashboard.add(item.index, report, drift);
    if (!request.save.empty()) states.push_back(std::move(state));
  };
  net::run_fleet({concurrency}, next, make_sources, run->psl.get(), done);

  ordered_json summary = {{"domains", checked},         {"ready", ready},
                          {"not_ready", checked - ready}, {"drift", drifted},
                          {"worse", worse},             {"invalid_lines", work.invalid()},
                          {"duplicates", work.duplicates()}, {"fetches", shared.fetches()}};
  if (json) {
    std::cout << ordered_json{{"domains", all}, {"summary", summary}}.dump(2) << "\n";
  } else if (jsonl) {
    std::cout << ordered_json{{"summary", summary}}.dump() << "\n";
  } else if (!csv_out) {
    std::cout << "\n" << checked << " checked: " << ready << " ready, " << (checked - ready) << " not ready";
    if (!request.baseline.empty()) std::cout << "; " << drifted << " changes since the baseline, " << worse << " worse";
    if (work.invalid() > 0) std::cout << "; " << work.invalid() << " lines not read";
    if (work.duplicates() > 0) std::cout << "; " << work.duplicates() << " duplicates skipped";
    std::cout << "\n";
  }
  if (!live_run::save_recording(request.network, *run)) return ExitCode::output_failure;
  if (!request.save.empty() && !vmc_io::write_output(request.save, net::states_to_json(std::move(states)))) {
    return ExitCode::output_failure;
  }
  if (!request.html.empty() &&
      !vmc_io::write_output(request.html, dashboard.html(run->at, request.warn_days, !request.baseline.empty()))) {
    return ExitCode::output_failure;
  }
  if (!std::cout.flush()) return ExitCode::output_failure;
  if (checked == 0 && work.invalid() > 0) return ExitCode::bad_input;
  // With a baseline, what matters is drift for the worse; without, a domain that is not ready.
  bool bad = !request.baseline.empty() ? worse > 0 : ready < checked;
  return bad || work.invalid() > 0 ? ExitCode::findings : ExitCode::ok;
}

}  // namespace bimi::cli
