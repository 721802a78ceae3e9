// bimi csr: a private key and PKCS#10 request for a mark certificate, with the logo's hashes.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bimi/vmc/csr.hpp"
#include "bimi/vmc/logo_hash.hpp"
#include "commands.hpp"
#include "vmc_io.hpp"

namespace bimi::cli {
namespace {

struct CsrOptions {
  vmc::CsrRequest request;
  std::string key;
  std::string key_out;
  std::string output;
  std::string logo;
};

ExitCode run_csr(CsrOptions options) {
  if (options.key.empty() && options.key_out.empty()) {
    std::cerr << "bimi: a new key needs --key-out (or give an existing key with --key)\n";
    return ExitCode::usage;
  }
  if (!options.key.empty() && !options.key_out.empty()) {
    std::cerr << "bimi: --key-out is for a new key; with --key the given key is used\n";
    return ExitCode::usage;
  }
  for (const auto* input : {&options.key, &options.logo}) {
    if (vmc_io::clashes(options.output, *input) || vmc_io::clashes(options.key_out, *input)) return ExitCode::usage;
  }
  if (!options.key_out.empty() && vmc_io::clashes(options.key_out, options.output)) return ExitCode::usage;
  std::error_code ec;
  if (!options.key_out.empty() && std::filesystem::exists(std::filesystem::symlink_status(options.key_out, ec))) {
    std::cerr << "bimi: " << options.key_out << " already exists; refusing to overwrite a key\n";
    return ExitCode::output_failure;
  }
  std::optional<std::string> logo;
  if (!options.logo.empty()) {
    logo = vmc_io::read_input(options.logo, vmc::max_logo_bytes, "logo");
    if (!logo) return ExitCode::bad_input;
  }
  if (!options.key.empty()) {
    auto key = vmc_io::read_input(options.key, 1u << 20, "key");
    if (!key) return ExitCode::bad_input;
    options.request.key_pem = std::move(*key);
  }
  auto made = vmc::make_csr(options.request);
  if (auto* error = std::get_if<vmc::Error>(&made)) {
    std::cerr << "bimi: " << error->message << "\n";
    return options.request.key_pem ? ExitCode::bad_input : ExitCode::usage;
  }
  const auto& csr = std::get<vmc::CsrResult>(made);
  if (!options.key_out.empty()) {
    if (!vmc_io::write_output(options.key_out, csr.key_pem, {0600, true})) return ExitCode::output_failure;
  }
  if (!vmc_io::write_output(options.output, csr.csr_pem)) {
    // Leave nothing half done: a new key without its request is removed.
    if (!options.key_out.empty()) std::filesystem::remove(options.key_out, ec);
    return ExitCode::output_failure;
  }
  std::cout << "request:     " << options.output << " (PKCS#10, SHA-256)\n";
  if (!options.key_out.empty()) std::cout << "private key: " << options.key_out << " (mode 0600; keep it secret)\n";
  std::cout << "subject:     " << csr.subject_text << "\n";
  std::cout << "DNS names:  ";
  for (const auto& name : csr.dns_names) std::cout << " " << name;
  std::cout << "\n";
  if (logo) {
    auto hashes = vmc::hash_logo(*logo);
    std::cout << "logo:        " << options.logo << " (" << logo->size() << " bytes; give the CA this exact file)\n"
              << "  sha256:      " << hashes.sha256 << "\n"
              << "  sha1:        " << hashes.sha1 << "\n"
              << "  gzip+base64: " << hashes.gzip_base64 << "\n";
    for (const auto& w : hashes.warnings.items()) std::cerr << options.logo << ": warning[" << w.rule << "]: " << w.message << "\n";
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
  command->add_option("--org", r.organization, "organization name")->required();
  command->add_option("--country", r.country, "two-letter country code")->required();
  command->add_option("--state", r.state, "state or province");
  command->add_option("--locality", r.locality, "city or locality");
  command->add_option("--street", r.street, "street address");
  command->add_option("--mark-type", r.mark_type, "Registered Mark, Government Mark, Prior Use Mark or Modified Registered Mark");
  command->add_option("--trademark-country", r.trademark_country, "country or region of the trademark office");
  command->add_option("--trademark-id", r.trademark_id, "trademark registration number");
  auto* key = command->add_option("--key", options->key, "use this existing private key (PEM)");
  command->add_option("--key-type", r.key_type, "new key: rsa:2048 (default), rsa:3072, ec:P-256 or ec:P-384")
      ->check(CLI::IsMember({"rsa:2048", "rsa:3072", "ec:P-256", "ec:P-384"}))
      ->excludes(key);
  command->add_option("--key-out", options->key_out, "where to write the new private key (never overwritten)")
      ->excludes(key);
  command->add_option("-o,--output", options->output, "where to write the request (PEM)")->required();
  command->add_option("--logo", options->logo, "print this logo's hashes and blob beside the request");
  command->footer(exit_status_help({ExitCode::ok, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_csr(*options); });
}

}  // namespace bimi::cli
