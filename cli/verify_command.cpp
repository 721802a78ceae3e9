// bimi verify CERT.pem --logo LOGO --domain D: verify an issued mark certificate.
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/records/domain_name.hpp"
#include "bimi/svgps/lint.hpp"
#include "bimi/vmc/checks.hpp"
#include "bimi/vmc/verify.hpp"
#include "commands.hpp"
#include "option_checks.hpp"
#include "render_worker.hpp"
#include "vmc_io.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

struct VerifyCommandOptions {
  std::string certificate;
  std::string logo;
  std::string domain;
  std::string selector;
  std::string at;
  std::string roots;
  std::string crl;
  std::string ct_logs;
  std::string format = "text";
};

constexpr std::size_t max_side_file_bytes = 16u << 20;

// Reads --at: every ISO 8601 form users type; a time without a zone is UTC, with a note.
std::optional<long long> read_at(const std::string& text) {
  if (text.empty()) return static_cast<long long>(std::time(nullptr));
  auto at = vmc::parse_time_text(text);
  if (!at) {
    std::cerr << "bimi: --at \"" << printable(text) << "\" is not an ISO 8601 time; accepted: " << vmc::accepted_time_forms
              << " (e.g. 2025-06-01T00:00:00Z)\n";
    return std::nullopt;
  }
  if (at->zone_assumed) std::cerr << "bimi: note: --at " << printable(text) << " has no zone; taken as UTC\n";
  return at->seconds;
}

ExitCode run_verify(const VerifyCommandOptions& options) {
  // The same names `bimi csr` requests and `bimi domain` looks up.
  auto domain = records::normalize_domain(options.domain);
  if (!domain) {
    std::cerr << "bimi: --domain \"" << printable(options.domain) << "\" is not a domain name (A-labels, e.g. example.com)\n";
    return ExitCode::usage;
  }
  auto selector = records::normalize_selector(options.selector.empty() ? "default" : options.selector);
  if (!selector) {
    std::cerr << "bimi: --selector \"" << printable(options.selector) << "\" is not a selector\n";
    return ExitCode::usage;
  }
  vmc::VerifyOptions verify;
  verify.domain = *domain;
  verify.selector = *selector;
  auto at = read_at(options.at);
  if (!at) return ExitCode::usage;
  verify.at = *at;
  if (vmc_io::reads_stdin_twice({options.certificate, options.logo, options.roots, options.crl, options.ct_logs})) {
    return ExitCode::usage;
  }
  auto certificate = vmc_io::read_input(options.certificate, vmc::max_certificate_file_bytes, "certificate");
  if (!certificate) return ExitCode::bad_input;
  auto logo = vmc_io::read_input(options.logo, vmc::max_logo_bytes, "logo");
  if (!logo) return ExitCode::bad_input;
  if (!options.roots.empty()) {
    auto roots = vmc_io::read_input(options.roots, max_side_file_bytes, "trust anchors");
    if (!roots) return ExitCode::bad_input;
    verify.roots_pem = std::move(*roots);
  }
  if (!options.crl.empty()) {
    auto crl = vmc_io::read_input(options.crl, max_side_file_bytes, "CRL");
    if (!crl) return ExitCode::bad_input;
    verify.crl = std::move(*crl);
  }
  if (!options.ct_logs.empty()) {
    auto logs = vmc_io::read_input(options.ct_logs, max_side_file_bytes, "CT log keys");
    if (!logs) return ExitCode::bad_input;
    verify.ct_log_keys = std::move(*logs);
  }
  verify.logo_linter = [](std::string_view svg) {
    svgps::LintOptions lint_options;
    lint_options.limits = sandboxed_limits();
    lint_options.profile = svgps::Profile::strict;
    return svgps::lint(svg, lint_options).diagnostics;
  };

  auto result = vmc::verify_certificate(*certificate, *logo, verify);
  if (auto* error = std::get_if<vmc::Error>(&result)) {
    constexpr std::string_view about_certificate = "certificate: ";
    if (error->message.starts_with(about_certificate)) {
      // Name the file: with CERT and --logo swapped, this is the logo.
      bool swapped = vmc::inspect_certificate(*logo).index() == 0;
      std::cerr << "bimi: cannot read " << printable(options.certificate) << " as a certificate: "
                << printable(error->message.substr(about_certificate.size()))
                << (swapped ? "; " + printable(options.logo) + " is one: the certificate comes first, the logo after --logo" : "")
                << "\n";
    } else {
      std::cerr << "bimi: " << printable(error->message) << "\n";
    }
    return ExitCode::bad_input;
  }
  const auto& report = std::get<vmc::VerifyReport>(result);
  if (options.format == "json") {
    nlohmann::json out;
    out["certificate"] = options.certificate;
    out["logo"] = options.logo;
    out["domain"] = verify.domain;
    out["selector"] = verify.selector;
    out["at"] = vmc::format_time(verify.at);
    out["valid"] = report.valid();
    out["mark_class"] = std::string(vmc::to_string(report.mark_class));
    out["mark_type"] = report.mark_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.mark_type);
    out["not_a_mark_certificate"] =
        report.not_a_mark_certificate.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.not_a_mark_certificate);
    out["chain"] = report.chain;
    out["checks"] = nlohmann::json::array();
    for (const auto& check : report.checks) {
      const auto* info = vmc::find_check(check.id);
      out["checks"].push_back({{"id", check.id},
                               {"verdict", std::string(vmc::to_string(check.verdict))},
                               {"messages", check.messages},
                               {"citation", info != nullptr ? std::string(info->citation) : std::string()}});
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << printable(options.certificate) << " for " << verify.domain << " at " << vmc::format_time(verify.at) << "\n";
    for (const auto& check : report.checks) {
      std::string verdict(vmc::to_string(check.verdict));
      for (std::size_t i = 0; i < check.messages.size(); ++i) {
        std::cout << "  " << (i == 0 ? verdict : std::string()) << std::string(9 - (i == 0 ? verdict.size() : 0), ' ')
                  << (i == 0 ? check.id : std::string()) << std::string(20 - (i == 0 ? check.id.size() : 0), ' ')
                  << printable(check.messages[i]) << "\n";
      }
    }
    if (!report.not_a_mark_certificate.empty()) {
      std::cout << "INVALID: " << printable(report.not_a_mark_certificate) << "\n";
    } else {
      std::cout << (report.valid() ? "valid" : "INVALID") << ": " << vmc::to_string(report.mark_class)
                << printable(report.mark_type.empty() ? "" : " (" + report.mark_type + ")") << "\n";
    }
  }
  return report.valid() ? ExitCode::ok : ExitCode::findings;
}

}  // namespace

void setup_verify(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<VerifyCommandOptions>();
  auto* command = app.add_subcommand("verify", "Verify a mark certificate against trust anchors, a logo and a domain");
  command->add_option("CERT", options->certificate, "the certificate (PEM, leaf first, or DER)")->required();
  command->add_option("--logo", options->logo, "the logo as published (SVG, or gzip of it)")->required();
  command->add_option("--domain", options->domain, "the domain the logo is for (A-labels, e.g. example.com)")
      ->required()
      ->check(domain_name());
  command->add_option("--selector", options->selector, "the BIMI selector (default: \"default\")")
      ->check(selector_name());
  command->add_option("--at", options->at,
                      "verification time (default: now): 2025-06-01, 2025-06-01T12:00, 2025-06-01T12:00:00Z, "
                      "2025-06-01T14:00:00+02:00 ...; no zone means UTC")
      ->check(iso_time());
  command->add_option("--roots", options->roots, "PEM trust anchors replacing the bundled BIMI roots");
  command->add_option("--crl", options->crl, "a CRL (PEM or DER) from the issuing CA");
  command->add_option("--ct-logs", options->ct_logs, "PEM public keys of the CT logs; verifies SCT signatures");
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "A logo that differs from the embedded one is explained: CRLF against LF, a byte order mark, an added or\n"
      "removed final newline, or the first differing line and column. A certificate that is not a mark\n"
      "certificate at all (e.g. a TLS certificate) is INVALID and named as such.\n\n" +
      exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input}));
  command->callback([options, &result] { result = run_verify(*options); });
}

}  // namespace bimi::cli
