// bimi verify CERT.pem --logo LOGO --domain D: verify an issued mark certificate.
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/svgps/lint.hpp"
#include "bimi/vmc/checks.hpp"
#include "bimi/vmc/verify.hpp"
#include "commands.hpp"
#include "render_worker.hpp"
#include "vmc_io.hpp"

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

ExitCode run_verify(const VerifyCommandOptions& options) {
  vmc::VerifyOptions verify;
  verify.domain = options.domain;
  verify.selector = options.selector;
  if (options.at.empty()) {
    verify.at = static_cast<long long>(std::time(nullptr));
  } else if (auto at = vmc::parse_time(options.at)) {
    verify.at = *at;
  } else {
    std::cerr << "bimi: --at \"" << options.at << "\" is not an ISO-8601 time (e.g. 2025-06-01T00:00:00Z)\n";
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
    std::cerr << "bimi: " << error->message << "\n";
    return ExitCode::bad_input;
  }
  const auto& report = std::get<vmc::VerifyReport>(result);
  if (options.format == "json") {
    nlohmann::json out;
    out["certificate"] = options.certificate;
    out["logo"] = options.logo;
    out["domain"] = options.domain;
    out["selector"] = options.selector.empty() ? std::string("default") : options.selector;
    out["at"] = vmc::format_time(verify.at);
    out["valid"] = report.valid();
    out["mark_class"] = std::string(vmc::to_string(report.mark_class));
    out["mark_type"] = report.mark_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.mark_type);
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
    std::cout << options.certificate << " for " << options.domain << " at " << vmc::format_time(verify.at) << "\n";
    for (const auto& check : report.checks) {
      std::string verdict(vmc::to_string(check.verdict));
      for (std::size_t i = 0; i < check.messages.size(); ++i) {
        std::cout << "  " << (i == 0 ? verdict : std::string()) << std::string(9 - (i == 0 ? verdict.size() : 0), ' ')
                  << (i == 0 ? check.id : std::string()) << std::string(20 - (i == 0 ? check.id.size() : 0), ' ')
                  << check.messages[i] << "\n";
      }
    }
    std::cout << (report.valid() ? "valid" : "INVALID") << ": " << vmc::to_string(report.mark_class)
              << (report.mark_type.empty() ? "" : " (" + report.mark_type + ")") << "\n";
  }
  return report.valid() ? ExitCode::ok : ExitCode::findings;
}

}  // namespace

void setup_verify(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<VerifyCommandOptions>();
  auto* command = app.add_subcommand("verify", "Verify a mark certificate against trust anchors, a logo and a domain");
  command->add_option("CERT", options->certificate, "the certificate (PEM, leaf first, or DER)")->required();
  command->add_option("--logo", options->logo, "the logo as published (SVG, or gzip of it)")->required();
  command->add_option("--domain", options->domain, "the domain the logo is for (A-labels)")->required();
  command->add_option("--selector", options->selector, "the BIMI selector (default: \"default\")");
  command->add_option("--at", options->at, "verification time, ISO-8601 (default: now)");
  command->add_option("--roots", options->roots, "PEM trust anchors replacing the bundled BIMI roots");
  command->add_option("--crl", options->crl, "a CRL (PEM or DER) from the issuing CA");
  command->add_option("--ct-logs", options->ct_logs, "PEM public keys of the CT logs; verifies SCT signatures");
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->callback([options, &result] { result = run_verify(*options); });
}

}  // namespace bimi::cli
