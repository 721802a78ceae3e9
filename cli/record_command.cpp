// bimi record: compose the BIMI TXT record for a domain, or parse published ones tag by tag.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/records/bimi_record.hpp"
#include "bimi/records/domain_name.hpp"
#include "bimi/records/txt.hpp"
#include "commands.hpp"
#include "dns_io.hpp"
#include "terminal.hpp"
#include "findings_json.hpp"
#include "option_checks.hpp"

namespace bimi::cli {
namespace {

struct RecordOptions {
  std::string domain;
  std::string selector = "default";
  std::string logo_url;
  std::string vmc_url;
  std::string parse;
  std::string format = "text";
};

ExitCode compose(const RecordOptions& options) {
  auto domain = records::normalize_domain(options.domain);
  auto selector = records::normalize_selector(options.selector);
  if (!domain || !selector || options.logo_url.empty()) {
    std::cerr << "bimi: " << printable(!domain ? "--domain \"" + options.domain + "\" is not a domain name"
                              : !selector ? "--selector \"" + options.selector + "\" is not a selector"
                                          : std::string("--logo-url is required with --domain"))
              << "\n";
    return ExitCode::usage;
  }
  Diagnostics findings;
  records::ComposedRecord record = records::compose_bimi_record({*domain, *selector, options.logo_url, options.vmc_url}, findings);
  std::string zone_line = record.name + ". 3600 IN TXT " + records::to_presentation(record.value);
  bool valid = !findings.has_errors();
  if (options.format == "json") {
    nlohmann::ordered_json out;
    out["name"] = record.name;
    out["value"] = record.value;
    out["zone"] = zone_line;
    out["valid"] = valid;
    out["findings"] = findings_json(findings);
    std::cout << out.dump(2) << "\n";
  } else {
    if (valid) {
      std::cout << "name:  " << printable(record.name) << "\nvalue: " << printable(record.value) << "\nzone:  " << printable(zone_line) << "\n";
    } else {
      std::cout << "no record: fix the findings below\n";
    }
    dns_io::print_findings_text(findings, std::cout, "  ");
  }
  if (!std::cout.flush()) return ExitCode::output_failure;
  return valid ? ExitCode::ok : ExitCode::findings;
}

ExitCode run_record(const RecordOptions& options) {
  if (!options.parse.empty() && !options.domain.empty()) {
    std::cerr << "bimi: give either --parse or --domain, not both\n";
    return ExitCode::usage;
  }
  if (options.parse.empty()) {
    if (options.domain.empty()) {
      std::cerr << "bimi: give --domain and --logo-url to compose a record, or --parse VALUE (- for standard input)\n";
      return ExitCode::usage;
    }
    return compose(options);
  }
  auto values = dns_io::read_values(options.parse);
  if (!values) return ExitCode::bad_input;
  auto parse = [](std::string_view value, Diagnostics& out) { return records::parse_bimi_record(value, out).tags; };
  return dns_io::print_parsed(*values, parse, options.format == "json", std::cout);
}

}  // namespace

void setup_record(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<RecordOptions>();
  auto* command = app.add_subcommand("record", "Compose a BIMI DNS record, or check published ones tag by tag");
  auto* domain = command->add_option("--domain", options->domain, "the domain the record is for")->check(domain_name());
  command->add_option("--selector", options->selector, "the BIMI selector (default: \"default\")")
      ->check(selector_name());
  command->add_option("--logo-url", options->logo_url, "HTTPS URL of the SVG logo (l=)");
  command->add_option("--vmc-url", options->vmc_url, "HTTPS URL of the mark certificate PEM (a=)");
  command->add_option("--parse", options->parse, "a record value to check; - reads one per line from standard input")
      ->excludes(domain);
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(exit_status_help(
      {ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_record(*options); });
}

}  // namespace bimi::cli
