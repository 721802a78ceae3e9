// bimi check PATH...: lint SVG logos against SVG Tiny P/S and the BIMI logo rules.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/svgps/lint.hpp"
#include "batch.hpp"
#include "commands.hpp"
#include "render_worker.hpp"
#include "report.hpp"
#include "terminal.hpp"
#include "version.hpp"

namespace bimi::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string profile = "strict";
  std::string format = "text";
  bool no_render = false;
  unsigned jobs = 0;  // 0: one per core
};

// Files named on the command line are checked whatever their name; directories contribute their
// *.svg and *.svgz files, recursively, in a stable order.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::vector<std::string>& empty_dirs) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& file : find_svg_files(path)) found.push_back(file.string());
    if (found.empty()) empty_dirs.push_back(path);
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::vector<RuleMetadata> rule_metadata() {
  std::vector<RuleMetadata> out;
  for (const auto& rule : svgps::rules()) {
    out.push_back({std::string(rule.id), std::string(rule.summary), std::string(rule.source)});
  }
  return out;
}

FileFindings check_file(const std::string& path, const svgps::LintOptions& lint_options) {
  FileFindings findings{path, {}, false};
  auto bytes = read_file(path, lint_options.limits.max_input_bytes);
  if (auto* error = std::get_if<IoError>(&bytes)) {
    std::string rule = error->kind == IoError::Kind::too_large ? "input-too-large" : "input-unreadable";
    std::string message = error->message.substr(std::min(error->message.size(), path.size() + 2));
    findings.diagnostics.add(rule, Severity::error, message);
    findings.unreadable = true;
    return findings;
  }
  svgps::LintReport report = svgps::lint(std::get<std::string>(bytes), lint_options);
  findings.diagnostics = std::move(report.diagnostics);
  findings.unreadable = report.fatal;
  return findings;
}

ExitCode run_check(const CheckOptions& options) {
  svgps::LintOptions lint_options;
  lint_options.limits = sandboxed_limits();
  lint_options.profile = *svgps::parse_profile(options.profile);
  lint_options.render_checks = !options.no_render;
  Format format = *parse_format(options.format);

  std::vector<std::string> empty_dirs;
  std::vector<std::string> files = expand_paths(options.paths, empty_dirs);
  for (const auto& dir : empty_dirs) std::cerr << "bimi: no .svg or .svgz files under " << dir << "\n";

  // Files are independent: check them on several threads, report them in input order.
  std::vector<FileFindings> results(files.size());
  for_each_parallel(files.size(), options.jobs, [&](std::size_t i) { results[i] = check_file(files[i], lint_options); });

  ExitCode code = ExitCode::ok;
  for (const auto& findings : results) {
    if (findings.unreadable) {
      code = worst(code, ExitCode::bad_input);
    } else if (findings.diagnostics.has_errors()) {
      code = worst(code, ExitCode::findings);
    }
  }


  ReportOptions report_options;
  report_options.color = format == Format::text && use_color(stdout);
  report_options.tool_version = version;
  switch (format) {
    case Format::text: write_text(std::cout, results, report_options); break;
    case Format::json: write_json(std::cout, results, report_options); break;
    case Format::sarif:
      report_options.rules = rule_metadata();
      write_sarif(std::cout, results, report_options);
      break;
  }
  std::cout.flush();
  return code;
}

}  // namespace

void setup_check(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Lint SVG logos against SVG Tiny P/S and the BIMI logo rules (directories recurse)");
  command->add_option("paths", options->paths, "SVG or SVGZ files and directories")->required();
  command->add_option("--profile", options->profile,
                      "strict: what Gmail and the BIMI Group accept (default); spec: the Tiny P/S draft and schema "
                      "as errors, provider guidance as warnings")
      ->check(CLI::IsMember({"strict", "spec"}));
  command->add_option("--format", options->format, "text (default), json or sarif")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  command->add_flag("--no-render", options->no_render,
                    "skip the checks measured on a render (colours, background, circle crop)");
  command->add_option("-j,--jobs", options->jobs, "files checked at once (default: one per core)");
  command->footer(
      "Exit status: 0 no error finding, 1 an error finding, 2 usage error, 3 an input could not be read or "
      "parsed.\nRules: `bimi rules` or docs/rules.md.");
  command->callback([options, &result] { result = run_check(*options); });
}

}  // namespace bimi::cli
