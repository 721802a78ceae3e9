// bimi check PATH...: lint SVG logos against SVG Tiny P/S and the BIMI logo rules.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/svgps/input.hpp"
#include "bimi/svgps/lint.hpp"
#include "batch.hpp"
#include "check_page_html.hpp"
#include "ci_reports.hpp"
#include "commands.hpp"
#include "file_args.hpp"
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
  bool count_renders = false;  // hidden, for bench/check_bench.sh: how many logos needed a render
  unsigned jobs = 0;           // 0: one per core
};

// Files named on the command line are checked whatever their name ("-" is standard input);
// directories contribute their *.svg and *.svgz files, recursively, in a stable order. A file named
// twice (directly, through its directory, or through a link) is checked once, where it first appears.
// A directory without logos is a usage error: it is named in `empty_dir`.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, std::string& empty_dir) {
  std::vector<std::string> files;
  std::set<FileIdentity> seen;
  bool stdin_seen = false;
  auto add = [&](const std::string& file) {
    if (is_standard_stream(file)) {
      if (!std::exchange(stdin_seen, true)) files.push_back(file);
      return;
    }
    // A file that cannot be looked up is kept: reading it gives the finding that says why.
    auto identity = file_identity(file);
    if (!identity || seen.insert(*identity).second) files.push_back(file);
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (is_standard_stream(path) || !std::filesystem::is_directory(path, ec)) {
      add(path);
      continue;
    }
    std::vector<std::filesystem::path> found = find_svg_files(path);
    if (found.empty()) {
      empty_dir = path;
      return {};
    }
    for (const auto& file : found) add(file.string());
  }
  return files;
}

std::vector<RuleMetadata> rule_metadata() {
  std::vector<RuleMetadata> out;
  for (const auto& rule : svgps::rules()) {
    out.push_back({std::string(rule.id), std::string(rule.summary), std::string(rule.citation)});
  }
  return out;
}

// With `checked_text`, the SVG text checked is kept there (SVGZ gunzipped) for the HTML page.
// `picture`: 0 when the document settled the rendered rules, 1 when a plain logo was drawn
// directly, 2 when librsvg rendered it.
FileFindings check_file(const std::string& path, const svgps::LintOptions& lint_options, char& picture,
                        std::string* checked_text) {
  FileFindings findings{path, {}, false};
  auto bytes = read_input_file(path, lint_options.limits.max_input_bytes);
  if (auto* error = std::get_if<IoError>(&bytes)) {
    std::string rule = error->kind == IoError::Kind::too_large ? "input-too-large" : "input-unreadable";
    // The message starts with the input's label and ": "; the report names the file already.
    std::string message = error->message.substr(std::min(error->message.size(), input_label(path).size() + 2));
    findings.diagnostics.add(rule, Severity::error, message);
    findings.unreadable = true;
    return findings;
  }
  const std::string& text = std::get<std::string>(bytes);
  svgps::LintReport report = svgps::lint(text, lint_options);
  if (checked_text) {
    Diagnostics ignored;
    bool gzipped = text.size() >= 2 && text[0] == '\x1f' && text[1] == '\x8b';
    *checked_text = gzipped ? svgps::decode_svg(text, lint_options.limits, ignored).value_or("") : text;
  }
  findings.diagnostics = std::move(report.diagnostics);
  findings.unreadable = report.fatal;
  picture = report.rendered ? 2 : report.drawn ? 1 : 0;
  return findings;
}

ExitCode run_check(const CheckOptions& options) {
  svgps::LintOptions lint_options;
  lint_options.limits = sandboxed_limits();
  lint_options.profile = *svgps::parse_profile(options.profile);
  lint_options.render_checks = !options.no_render;
  Format format = *parse_format(options.format);

  std::string empty_dir;
  std::vector<std::string> files = expand_paths(options.paths, empty_dir);
  if (!empty_dir.empty()) {
    std::cerr << "bimi: no *.svg or *.svgz files under " << printable(empty_dir) << "\n";
    return ExitCode::usage;
  }

  // Files are independent: check them on several threads, report them in input order.
  std::vector<FileFindings> results(files.size());
  std::vector<char> pictures(files.size(), 0);
  std::vector<CheckPageFile> pages(format == Format::html ? files.size() : 0);
  for_each_parallel(files.size(), options.jobs, [&](std::size_t i) {
    std::string text;
    results[i] = check_file(files[i], lint_options, pictures[i], format == Format::html ? &text : nullptr);
    if (format == Format::html) pages[i] = check_page_file(i, results[i], input_label(files[i]), text);
  });
  if (options.count_renders) {
    std::cerr << "bimi: " << std::count(pictures.begin(), pictures.end(), 2) << " of " << files.size()
              << " files rendered by librsvg, " << std::count(pictures.begin(), pictures.end(), 1)
              << " drawn directly\n";
  }

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
  std::error_code cwd_error;
  report_options.base_directory = std::filesystem::current_path(cwd_error);
  switch (format) {
    case Format::text: write_text(std::cout, results, report_options); break;
    case Format::json: write_json(std::cout, results, report_options); break;
    case Format::sarif:
      report_options.rules = rule_metadata();
      write_sarif(std::cout, results, report_options);
      break;
    case Format::junit: write_junit(std::cout, results); break;
    case Format::codeclimate: write_codeclimate(std::cout, results); break;
    case Format::html: std::cout << check_page_html(pages); break;
  }
  std::cout.flush();
  return code;
}

}  // namespace

void setup_check(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Lint SVG logos against SVG Tiny P/S and the BIMI logo rules (directories recurse)");
  command->add_option("paths", options->paths, "SVG or SVGZ files and directories (- for standard input)")->required();
  command->add_option("--profile", options->profile,
                      "strict: what Gmail and the BIMI Group accept (default); spec: the Tiny P/S draft and schema "
                      "as errors, provider guidance as warnings")
      ->check(CLI::IsMember({"strict", "spec"}));
  command->add_option("--format", options->format,
                      "text (default), json, sarif, junit (JUnit XML for CI test views), codeclimate (GitLab Code "
                      "Quality) or html (one page with each logo drawn and each finding's source lines)")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "codeclimate", "html"}));
  command->add_flag("--no-render", options->no_render,
                    "skip the checks measured on a render (colours, background, circle crop)");
  command->add_flag("--count-renders", options->count_renders, "print how many files needed a render or a drawing")->group("");
  command->add_option("-j,--jobs", options->jobs, "files checked at once (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  command->footer("Rules: `bimi rules` or docs/rules.md.\n\n" +
                  exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input}));
  command->callback([options, &result] { result = run_check(*options); });
}

}  // namespace bimi::cli
