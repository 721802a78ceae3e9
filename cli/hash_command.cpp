// bimi hash LOGO: the hashes, gzip blob and data: URI of a logo's exact bytes.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/svgps/file_format.hpp"
#include "bimi/vmc/logo_hash.hpp"
#include "commands.hpp"
#include "findings_json.hpp"
#include "vmc_io.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

struct HashOptions {
  std::string logo;
  std::string format = "text";
  bool allow_invalid = false;
};

ExitCode run_hash(const HashOptions& options) {
  auto bytes = vmc_io::read_input(options.logo, vmc::max_logo_bytes, "logo");
  if (!bytes) return ExitCode::bad_input;
  // A PNG or JPEG is pointed to bimi convert (exit 1, below); other formats cannot be logos at all.
  if (auto format = svgps::sniff_format(*bytes);
      svgps::is_foreign_format(format) && format != svgps::FileFormat::png && format != svgps::FileFormat::jpeg) {
    std::cerr << "bimi: cannot hash " << printable(options.logo) << ": " << svgps::foreign_format_message(format) << "\n";
    return ExitCode::bad_input;
  }
  if (!vmc_io::logo_fit_for_ca(options.logo, *bytes, options.allow_invalid)) return ExitCode::findings;
  auto hashes = vmc::hash_logo(*bytes);
  if (options.format == "json") {
    nlohmann::ordered_json out;
    out["file"] = options.logo;
    out["bytes"] = bytes->size();
    out["sha256"] = hashes.sha256;
    out["sha1"] = hashes.sha1;
    out["gzip_base64"] = hashes.gzip_base64;
    out["data_uri"] = hashes.data_uri;
    out["warnings"] = findings_json(hashes.warnings);
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "file:        " << printable(options.logo) << " (" << bytes->size() << " bytes)\n"
              << "sha256:      " << hashes.sha256 << "\n"
              << "sha1:        " << hashes.sha1 << "\n"
              << "gzip+base64: " << hashes.gzip_base64 << "\n"
              << "data URI:    " << hashes.data_uri << "\n";
    for (const auto& w : hashes.warnings.items()) std::cerr << printable(options.logo) << ": warning[" << w.rule << "]: " << printable(w.message) << "\n";
  }
  return ExitCode::ok;
}

}  // namespace

void setup_hash(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<HashOptions>();
  auto* command = app.add_subcommand(
      "hash", "SHA-256 and SHA-1 of a logo's exact bytes, the base64(gzip(svg)) blob CAs take and the data: URI");
  command->add_option("LOGO", options->logo, "the SVG exactly as it will be published")->required();
  command->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  command->add_flag("--allow-invalid", options->allow_invalid,
                    "hash a logo that fails bimi check (a PNG or JPEG is refused regardless)");
  command->footer(
      "The logo must be an SVG that passes bimi check --profile strict (exit 1 otherwise, with its errors).\n"
      "Warnings (stderr, or \"warnings\" in JSON) name bytes tools tend to change: CRLF line ends, a byte order\n"
      "mark, final line breaks other than the single LF bimi convert writes, gzip input.\n\n" +
      exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input}));
  command->callback([options, &result] { result = run_hash(*options); });
}

}  // namespace bimi::cli
