// bimi csr: a private key and PKCS#10 request for a mark certificate, with the logo's hashes.
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bimi/records/domain_name.hpp"
#include "bimi/vmc/csr.hpp"
#include "bimi/vmc/logo_hash.hpp"
#include "commands.hpp"
#include "vmc_io.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

struct CsrOptions {
  vmc::CsrRequest request;
  std::string key;
  std::string key_out;
  std::string output;
  std::string logo;
  bool allow_invalid = false;
};

// The names `bimi verify` and `bimi domain` accept (records::normalize_*), checked before any work.
bool names_usable(const vmc::CsrRequest& request) {
  for (const auto& domain : request.domains) {
    if (!records::normalize_domain(domain)) {
      std::cerr << "bimi: --domain \"" << printable(domain) << "\" is not a domain name (A-labels, e.g. example.com)\n";
      return false;
    }
  }
  if (!request.selector.empty() && !records::normalize_selector(request.selector)) {
    std::cerr << "bimi: --selector \"" << printable(request.selector) << "\" is not a selector\n";
    return false;
  }
  return true;
}

ExitCode run_csr(CsrOptions options) {
  if (options.key.empty() && options.key_out.empty()) {
    std::cerr << "bimi: a new key needs --key-out (or give an existing key with --key)\n";
    return ExitCode::usage;
  }
  if (!options.key.empty() && !options.key_out.empty()) {
    std::cerr << "bimi: --key-out is for a new key; with --key the given key is used\n";
    return ExitCode::usage;
  }
  // Every bad value is a usage error, whichever way the key is given.
  options.request.requested_at = static_cast<long long>(std::time(nullptr));
  if (!names_usable(options.request)) return ExitCode::usage;
  if (auto bad = vmc::check_csr_request(options.request)) {
    std::cerr << "bimi: " << printable(bad->message) << "\n";
    return ExitCode::usage;
  }
  for (const auto* input : {&options.key, &options.logo}) {
    if (vmc_io::clashes(options.output, *input) || vmc_io::clashes(options.key_out, *input)) return ExitCode::usage;
  }
  if (!options.key_out.empty() && vmc_io::clashes(options.key_out, options.output)) return ExitCode::usage;
  if (is_standard_stream(options.output) || is_standard_stream(options.key_out)) {
    std::cerr << "bimi: the request and the key are written to files; - (standard output) is not accepted\n";
    return ExitCode::usage;
  }
  if (vmc_io::reads_stdin_twice({options.key, options.logo})) return ExitCode::usage;
  std::error_code ec;
  if (!options.key_out.empty() && std::filesystem::exists(std::filesystem::symlink_status(options.key_out, ec))) {
    std::cerr << "bimi: " << printable(options.key_out) << " already exists; refusing to overwrite a key\n";
    return ExitCode::output_failure;
  }
  std::optional<std::string> logo;
  if (!options.logo.empty()) {
    logo = vmc_io::read_input(options.logo, vmc::max_logo_bytes, "logo");
    if (!logo) return ExitCode::bad_input;
    if (!vmc_io::logo_fit_for_ca(options.logo, *logo, options.allow_invalid)) return ExitCode::findings;
  }
  if (!options.key.empty()) {
    auto key = vmc_io::read_input(options.key, 1u << 20, "key");
    if (!key) return ExitCode::bad_input;
    options.request.key_pem = std::move(*key);
  }
  auto made = vmc::make_csr(options.request);
  if (auto* error = std::get_if<vmc::Error>(&made)) {
    // The request itself was checked above: what is left is the key.
    std::cerr << "bimi: " << (options.request.key_pem ? printable(options.key) + ": " : std::string()) << printable(error->message) << "\n";
    return options.request.key_pem ? ExitCode::bad_input : ExitCode::findings;
  }
  const auto& csr = std::get<vmc::CsrResult>(made);
  if (!options.key_out.empty()) {
    if (!vmc_io::write_output(options.key_out, csr.key_pem, {.private_file = true, .exclusive = true})) return ExitCode::output_failure;
  }
  if (!vmc_io::write_output(options.output, csr.csr_pem)) {
    // Leave nothing half done: a new key without its request is removed.
    if (!options.key_out.empty()) std::filesystem::remove(options.key_out, ec);
    return ExitCode::output_failure;
  }
  std::cout << "request:     " << printable(options.output) << " (PKCS#10, SHA-256)\n";
  if (!options.key_out.empty()) std::cout << "private key: " << printable(options.key_out) << " (mode 0600; keep it secret)\n";
  std::cout << "subject:     " << printable(csr.subject_text) << "\n";
  std::cout << "DNS names:  ";
  for (const auto& name : csr.dns_names) std::cout << " " << printable(name);
  std::cout << "\n";
  if (logo) {
    auto hashes = vmc::hash_logo(*logo);
    std::cout << "logo:        " << printable(options.logo) << " (" << logo->size() << " bytes; give the CA this exact file)\n"
              << "  sha256:      " << hashes.sha256 << "\n"
              << "  sha1:        " << hashes.sha1 << "\n"
              << "  gzip+base64: " << hashes.gzip_base64 << "\n";
    for (const auto& w : hashes.warnings.items()) std::cerr << printable(options.logo) << ": warning[" << w.rule << "]: " << printable(w.message) << "\n";
  }
  return ExitCode::ok;
}

}  // namespace

void setup_csr(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<CsrOptions>();
  auto& r = options->request;
  auto* command = app.add_subcommand("csr", "A key and PKCS#10 request for a mark certificate");
  command->add_option("--domain", r.domains, "a domain the certificate covers (repeatable)")->required();
  command->add_option("--selector", r.selector, "request <selector>._bimi.<domain> names instead of the bare domains");
  command->add_option("--org", r.organization, "organization name (at most 64 characters)")->required();
  command->add_option("--cn", r.common_name, "common name (default: the organization name, as CAs issue it)");
  command->add_option("--country", r.country, "two-letter country code in capitals")->required();
  command->add_option("--state", r.state, "state or province (at most 128 characters)");
  command->add_option("--locality", r.locality, "city or locality (at most 128 characters)");
  command->add_option("--street", r.street, "street address (at most 128 characters)");
  command->add_option("--mark-type", r.mark_type, "Registered Mark, Government Mark, Prior Use Mark or Modified Registered Mark");
  command->add_option("--trademark-country", r.trademark_country,
                      "registered marks: country or region of the trademark office (two letters)");
  command->add_option("--trademark-id", r.trademark_id, "registered marks: trademark registration number");
  command->add_option("--statute-country", r.statute_country, "Government Mark: country of the statute (two letters)");
  command->add_option("--statute-citation", r.statute_citation, "Government Mark: citation of the statute");
  command->add_option("--statute-url", r.statute_url, "Government Mark: URL of the statute (optional)");
  command->add_option("--prior-use-url", r.prior_use_url, "Prior Use Mark: URL of the evidence of prior use");
  auto* key = command->add_option("--key", options->key, "use this existing private key (PEM)");
  command->add_option("--key-type", r.key_type, "new key: rsa:2048 (default), rsa:3072, ec:P-256 or ec:P-384")
      ->check(CLI::IsMember({"rsa:2048", "rsa:3072", "ec:P-256", "ec:P-384"}))
      ->excludes(key);
  command->add_option("--key-out", options->key_out, "where to write the new private key (never overwritten)")
      ->excludes(key);
  command->add_option("-o,--output", options->output, "where to write the request (PEM)")->required();
  command->add_option("--logo", options->logo,
                      "print this logo's hashes and blob beside the request (it must pass bimi check)");
  command->add_flag("--allow-invalid", options->allow_invalid, "take a --logo that fails bimi check (not a PNG or JPEG)");
  command->footer(
      "The subject must be one bimi verify accepts for the mark type: Registered and Modified Registered Mark\n"
      "need --trademark-country and --trademark-id; Government Mark --statute-country and --statute-citation;\n"
      "Prior Use Mark --prior-use-url and no trademark fields. Every value is checked before the key is read\n"
      "or made.\n\n" +
      exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_csr(*options); });
}

}  // namespace bimi::cli
