// bimi inspect CERT.pem: what a mark certificate says, and its embedded logo.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bimi/vmc/certificate.hpp"
#include "commands.hpp"
#include "vmc_io.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

struct InspectOptions {
  std::string certificate;
  std::string extract_logo;
  std::string format = "text";
};

nlohmann::json to_json(const vmc::MarkCertificate& cert) {
  nlohmann::json out;
  const auto& leaf = cert.certificates.front();
  out["subject"] = nlohmann::json::array();
  for (const auto& field : leaf.subject) {
    out["subject"].push_back({{"name", field.name}, {"oid", field.oid}, {"value", field.value}});
  }
  out["dns_names"] = cert.dns_names;
  out["not_before"] = vmc::format_time(leaf.not_before);
  out["not_after"] = vmc::format_time(leaf.not_after);
  out["serial"] = leaf.serial_hex;
  out["mark_type"] = cert.mark.mark_type.empty() ? nlohmann::json(nullptr) : nlohmann::json(cert.mark.mark_type);
  out["mark_class"] = std::string(vmc::to_string(cert.mark.mark_class));
  out["mark_errors"] = cert.mark.errors;
  out["mark_warnings"] = cert.mark.warnings;
  out["extended_key_usages"] = cert.extended_key_usages;
  out["policies"] = cert.policies;
  out["crl_urls"] = cert.crl_urls;
  out["sct_count"] = cert.sct_count;
  if (cert.pilot_identifier) {
    out["pilot_identifier"] = {{"value", cert.pilot_identifier->value}, {"critical", cert.pilot_identifier->critical}};
  } else {
    out["pilot_identifier"] = nullptr;
  }
  out["der_errors"] = cert.der_errors;
  if (cert.logotype) {
    nlohmann::json images = nlohmann::json::array();
    for (const auto& image : cert.logotype->images) {
      nlohmann::json hashes = nlohmann::json::array();
      for (const auto& hash : image.hashes) {
        hashes.push_back({{"algorithm", hash.algorithm ? std::string(vmc::to_string(*hash.algorithm)) : hash.algorithm_oid},
                          {"value", vmc::to_hex(hash.value)}});
      }
      images.push_back({{"media_type", image.media_type}, {"hashes", hashes}, {"uri_count", image.uris.size()}});
    }
    out["logotype"] = {{"images", images}};
  } else {
    out["logotype"] = {{"error", cert.logotype_error}};
  }
  if (cert.logo) {
    out["logo"] = {{"bytes", cert.logo->svg.size()},
                   {"gzipped", cert.logo->gzipped},
                   {"sha256", vmc::hex_digest(vmc::HashAlgorithm::sha256, cert.logo->svg)},
                   {"sha1", vmc::hex_digest(vmc::HashAlgorithm::sha1, cert.logo->svg)}};
  } else {
    out["logo"] = {{"error", cert.logo_error}};
  }
  out["chain"] = nlohmann::json::array();
  for (const auto& c : cert.certificates) {
    out["chain"].push_back({{"subject", c.subject_text},
                            {"issuer", c.issuer_text},
                            {"not_before", vmc::format_time(c.not_before)},
                            {"not_after", vmc::format_time(c.not_after)},
                            {"sha256_fingerprint", c.sha256_fingerprint},
                            {"ca", c.is_ca},
                            {"self_signed", c.self_signed}});
  }
  return out;
}

void print_text(const vmc::MarkCertificate& cert) {
  const auto& leaf = cert.certificates.front();
  std::cout << "subject:\n";
  for (const auto& field : leaf.subject) std::cout << "  " << printable(field.name) << " = " << printable(field.value) << "\n";
  std::cout << "DNS names:  ";
  for (std::size_t i = 0; i < cert.dns_names.size(); ++i) std::cout << (i ? ", " : "") << printable(cert.dns_names[i]);
  std::cout << "\nvalidity:   " << vmc::format_time(leaf.not_before) << " to " << vmc::format_time(leaf.not_after) << "\n";
  std::cout << "mark type:  " << (cert.mark.mark_type.empty() ? "(none)" : printable(cert.mark.mark_type)) << " -> "
            << vmc::to_string(cert.mark.mark_class) << "\n";
  for (const auto& e : cert.mark.errors) std::cout << "  error: " << printable(e) << "\n";
  for (const auto& w : cert.mark.warnings) std::cout << "  warning: " << printable(w) << "\n";
  auto list = [](const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text.empty() ? std::string("(none)") : printable(text);
  };
  std::cout << "serial:     " << leaf.serial_hex << "\n";
  std::cout << "EKUs:       " << list(cert.extended_key_usages) << "\n";
  std::cout << "policies:   " << list(cert.policies) << "\n";
  std::cout << "CRL URLs:   " << list(cert.crl_urls) << "\n";
  std::cout << "SCTs:       " << cert.sct_count << "\n";
  std::cout << "pilot id:   "
            << (cert.pilot_identifier ? printable(cert.pilot_identifier->value) + " (extension " + std::string(vmc::pilot_identifier_oid) +
                                            (cert.pilot_identifier->critical ? ", critical)" : ", not critical)")
                                      : std::string("(no extension)"))
            << "\n";
  if (!cert.der_errors.empty()) {
    std::cout << "encoding:   not DER\n";
    for (const auto& e : cert.der_errors) std::cout << "  error: " << printable(e) << "\n";
  }
  if (cert.logotype) {
    for (const auto& image : cert.logotype->images) {
      std::cout << "logotype:   " << printable(image.media_type) << "\n";
      for (const auto& hash : image.hashes) {
        std::cout << "  " << (hash.algorithm ? std::string(vmc::to_string(*hash.algorithm)) : hash.algorithm_oid) << ": "
                  << vmc::to_hex(hash.value) << "\n";
      }
    }
  } else {
    std::cout << "logotype:   " << printable(cert.logotype_error) << "\n";
  }
  if (cert.logo) {
    std::cout << "logo:       " << cert.logo->svg.size() << " bytes" << (cert.logo->gzipped ? " (gzip in the URI)" : "")
              << ", sha256 " << vmc::hex_digest(vmc::HashAlgorithm::sha256, cert.logo->svg) << "\n";
  } else {
    std::cout << "logo:       " << printable(cert.logo_error) << "\n";
  }
  std::cout << "chain (as in the file):\n";
  for (std::size_t i = 0; i < cert.certificates.size(); ++i) {
    const auto& c = cert.certificates[i];
    std::cout << "  [" << i << "] " << printable(c.subject_text) << "\n      issuer: " << printable(c.issuer_text)
              << "\n      valid " << vmc::format_time(c.not_before) << " to " << vmc::format_time(c.not_after)
              << "\n      sha256 " << c.sha256_fingerprint << "\n";
  }
}

ExitCode run_inspect(const InspectOptions& options) {
  if (vmc_io::clashes(options.extract_logo, options.certificate)) return ExitCode::usage;
  if (is_standard_stream(options.extract_logo)) {
    std::cerr << "bimi: --extract-logo needs a file name: the report goes to standard output\n";
    return ExitCode::usage;
  }
  auto bytes = vmc_io::read_input(options.certificate, vmc::max_certificate_file_bytes, "certificate");
  if (!bytes) return ExitCode::bad_input;
  auto parsed = vmc::inspect_certificate(*bytes);
  if (auto* error = std::get_if<vmc::Error>(&parsed)) {
    std::cerr << "bimi: " << printable(options.certificate) << ": " << printable(error->message) << "\n";
    return ExitCode::bad_input;
  }
  const auto& cert = std::get<vmc::MarkCertificate>(parsed);
  if (options.format == "json") {
    std::cout << to_json(cert).dump(2) << "\n";
  } else {
    print_text(cert);
  }
  if (!options.extract_logo.empty()) {
    if (!cert.logo) {
      std::cerr << "bimi: " << printable(options.certificate) << ": no logo to extract: " << printable(cert.logo_error) << "\n";
      return ExitCode::findings;
    }
    if (!vmc_io::write_output(options.extract_logo, cert.logo->svg)) return ExitCode::output_failure;
    std::cerr << "wrote " << printable(options.extract_logo) << " (" << cert.logo->svg.size() << " bytes, exactly as embedded)\n";
  }
  return ExitCode::ok;
}

}  // namespace

void setup_inspect(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<InspectOptions>();
  auto* command = app.add_subcommand("inspect", "Summarize a mark certificate (VMC or CMC)");
  command->add_option("CERT", options->certificate, "the certificate (PEM, leaf first, or DER)")->required();
  command->add_option("--extract-logo", options->extract_logo, "write the embedded SVG, byte for byte");
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Shows the subject, names, validity, serial, mark type, EKUs, policies, CRL URLs, SCTs, the pilot identifier\n"
      "extension (and whether it is critical), the logotype and the certificates in the file; JSON has the same.\n\n" +
      exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_inspect(*options); });
}

}  // namespace bimi::cli
