// bimi convert IN -o OUT | IN... --out-dir DIR: any SVG, PNG or JPEG logo into a faithful SVG Tiny P/S logo,
// optionally with a --report page that shows each logo before and after.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/svgps/convert.hpp"
#include "batch.hpp"
#include "commands.hpp"
#include "convert_report_html.hpp"
#include "file_args.hpp"
#include "findings_json.hpp"
#include "option_checks.hpp"
#include "reader_languages.hpp"
#include "render_worker.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

namespace fs = std::filesystem;

struct ConvertCommandOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string out_dir;
  std::string title;
  std::string desc;
  std::string background = "auto";
  double margin = 0;
  std::string fit = "artboard";
  int precision = -1;
  int colors = 0;
  std::size_t max_bytes = 32 * 1024;
  bool force = false;
  bool no_trace_effects = false;
  unsigned jobs = 0;
  std::string format = "text";
  std::string report;  // the HTML page, if asked for
  std::vector<std::string> font_dirs;
  std::string lang;
};

struct Job {
  std::string input;
  std::string output;
};

struct Outcome {
  svgps::ConvertResult result;
  std::string io_error;
  ExitCode code = ExitCode::ok;
  std::size_t output_bytes = 0;
  std::optional<ConvertPageFile> page;  // with --report
};

std::string status_of(const Outcome& outcome) {
  const auto& r = outcome.result;
  return !outcome.io_error.empty() && outcome.code == ExitCode::output_failure ? "write-failed"
         : !outcome.io_error.empty() || r.unreadable                           ? "unreadable"
         : r.svg                                                                ? "converted"
                                                                                : "refused";
}

// No output may overwrite an input of the same run: it would be replaced before (or after) it is read.
bool outputs_overwrite_inputs(const std::vector<Job>& jobs, std::string& error) {
  std::set<FileIdentity> inputs;
  for (const auto& job : jobs) {
    if (auto identity = is_standard_stream(job.input) ? std::nullopt : file_identity(job.input)) inputs.insert(*identity);
  }
  for (const auto& job : jobs) {
    if (is_standard_stream(job.output)) continue;
    auto identity = file_identity(job.output);
    if (identity && inputs.count(*identity)) {
      error = job.output == job.input ? "the output " + job.output + " is the input; the input is never overwritten"
                                      : job.input + " would be written to " + job.output + ", which is also an input";
      return true;
    }
  }
  return false;
}

// Output paths for --out-dir: a file keeps its name (as .svg); files found under a directory keep
// their path relative to it. A file named twice (directly and through its directory) is converted
// once; the output directory is never searched for inputs.
std::optional<std::vector<Job>> plan_jobs(const ConvertCommandOptions& options, std::string& error) {
  std::vector<Job> jobs;
  if (reads_standard_input_twice(options.inputs)) {
    error = "standard input (-) can be read only once";
    return std::nullopt;
  }
  if (!options.output.empty()) {
    if (options.inputs.size() != 1 || fs::is_directory(options.inputs.front())) {
      error = "-o takes one input file; use --out-dir for several";
      return std::nullopt;
    }
    jobs.push_back({options.inputs.front(), options.output});
    if (outputs_overwrite_inputs(jobs, error)) return std::nullopt;
    return jobs;
  }
  if (options.out_dir.empty()) {
    error = "say where to write: -o OUT for one file, or --out-dir DIR";
    return std::nullopt;
  }
  std::set<FileIdentity> seen;
  auto first_time = [&seen](const fs::path& path) {
    auto identity = file_identity(path);
    return !identity || seen.insert(*identity).second;
  };
  for (const auto& input : options.inputs) {
    if (is_standard_stream(input)) {
      error = "standard input (-) has no name to write under --out-dir; use -o OUT";
      return std::nullopt;
    }
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      if (first_time(input)) {
        jobs.push_back({input, (fs::path(options.out_dir) / fs::path(input).filename()).replace_extension(".svg").string()});
      }
      continue;
    }
    std::vector<fs::path> found = find_files(input, is_logo_name, options.out_dir);
    if (found.empty()) {
      error = "no *.svg, *.svgz, *.png, *.jpg, *.jpeg, *.webp or *.gif files under " + input;
      return std::nullopt;
    }
    for (const auto& path : found) {
      if (!first_time(path)) continue;
      // The walk yields input/…, so the relative name is lexical (no per-file path resolution).
      fs::path relative = path.lexically_relative(input);
      jobs.push_back({path.string(), (fs::path(options.out_dir) / relative).replace_extension(".svg").string()});
    }
  }
  std::vector<std::string> outputs;
  for (const auto& job : jobs) outputs.push_back(job.output);
  std::sort(outputs.begin(), outputs.end());
  if (auto dup = std::adjacent_find(outputs.begin(), outputs.end()); dup != outputs.end()) {
    error = "two inputs would both be written to " + *dup;
    return std::nullopt;
  }
  if (outputs_overwrite_inputs(jobs, error)) return std::nullopt;
  return jobs;
}

Outcome convert_one(const Job& job, const svgps::ConvertOptions& base, bool durable, std::string* kept_bytes);

// The conversion, then its part of the --report page made while its bytes are at hand; the
// difference map is kept only for the page.
Outcome convert_for_report(std::size_t index, const Job& job, const svgps::ConvertOptions& base, bool durable, bool report) {
  std::string bytes;
  Outcome outcome = convert_one(job, base, durable, report ? &bytes : nullptr);
  if (report) {
    outcome.page = convert_page_file(index, input_label(job.input), output_label(job.output), status_of(outcome), outcome.io_error,
                                     bytes, outcome.result);
  }
  if (outcome.result.fidelity) outcome.result.fidelity->difference = {};
  return outcome;
}

Outcome convert_one(const Job& job, const svgps::ConvertOptions& base, bool durable, std::string* kept_bytes) {
  Outcome outcome;
  if (output_is_input(job.output, job.input)) {
    outcome.io_error = "the output is the input; the input is never overwritten";
    outcome.code = ExitCode::usage;
    return outcome;
  }
  auto bytes = read_input_file(job.input, base.limits.max_input_bytes);
  if (auto* error = std::get_if<IoError>(&bytes)) {
    outcome.io_error = error->message;
    outcome.code = ExitCode::bad_input;
    return outcome;
  }
  svgps::ConvertOptions options = base;
  if (!is_standard_stream(job.input)) options.fallback_title = fs::path(job.input).stem().string();
  outcome.result = svgps::convert_logo(std::get<std::string>(bytes), options);
  if (kept_bytes) *kept_bytes = std::move(std::get<std::string>(bytes));
  if (outcome.result.unreadable) {
    outcome.code = ExitCode::bad_input;
    return outcome;
  }
  if (!outcome.result.svg) {
    outcome.code = ExitCode::findings;
    return outcome;
  }
  // One flush per file would dominate a batch of thousands; a single file is flushed.
  WriteOptions write_options;
  write_options.durable = durable;
  auto written = write_output_file(job.output, *outcome.result.svg, write_options);
  if (auto* error = std::get_if<IoError>(&written)) {
    outcome.io_error = error->message;
    outcome.code = ExitCode::output_failure;
    return outcome;
  }
  outcome.output_bytes = outcome.result.svg->size();
  return outcome;
}

std::string percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", share * 100);
  return buffer;
}

void print_outcome(std::ostream& out, const Job& job, const Outcome& outcome, bool color) {
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  const std::string input = printable(input_label(job.input));
  if (!outcome.io_error.empty()) {
    out << bold << input << reset << ": " << printable(outcome.io_error) << "\n";
    return;
  }
  const auto& r = outcome.result;
  if (r.svg) {
    out << bold << input << reset << " -> " << printable(output_label(job.output)) << ": " << outcome.output_bytes << " bytes (was "
        << r.input_bytes << ")";
  } else {
    out << bold << input << reset << ": " << (r.unreadable ? "unreadable" : "refused, nothing written");
  }
  if (r.fidelity) {
    char ssim[16];
    std::snprintf(ssim, sizeof ssim, "%.4f", r.fidelity->ssim);
    out << "; fidelity SSIM " << ssim << ", " << percent(r.fidelity->differing_share) << " of pixels differ";
  }
  out << "\n";
  for (const auto& d : r.changes.items()) {
    out << "  " << input;
    if (d.location.line > 0) out << ":" << d.location.line << (d.location.column > 0 ? ":" + std::to_string(d.location.column) : "");
    out << ": " << to_string(d.severity) << ": " << printable(d.message) << " [" << d.rule << "]\n";
  }
  for (const auto& d : r.output_findings.items()) {
    out << "  output: " << to_string(d.severity) << ": " << printable(d.message) << " [" << d.rule << "]\n";
  }
}

nlohmann::ordered_json outcome_json(const Job& job, const Outcome& outcome) {
  nlohmann::ordered_json j;
  j["input"] = job.input;
  const auto& r = outcome.result;
  j["status"] = status_of(outcome);
  if (r.svg) j["output"] = job.output;
  if (!outcome.io_error.empty()) j["error"] = outcome.io_error;
  j["input_bytes"] = r.input_bytes;
  if (r.svg) j["output_bytes"] = outcome.output_bytes;
  if (r.fidelity) j["fidelity"] = {{"ssim", r.fidelity->ssim}, {"differing_share", r.fidelity->differing_share}};
  if (r.svg) j["decimals"] = r.decimals;
  if (r.trace) {
    j["trace"] = {{"colors", r.trace->colors},       {"despeckle", r.trace->despeckle},
                  {"smoothing", r.trace->smoothing}, {"tolerance", r.trace->tolerance},
                  {"width", r.trace->width},         {"height", r.trace->height}};
  }
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const auto& d : r.changes.items()) {
    nlohmann::ordered_json c = finding_json(d);
    // Deprecated spellings of `rule` and `location`, kept for one release (README).
    c["kind"] = d.rule;
    if (d.location.line > 0) c["line"] = d.location.line;
    if (d.location.column > 0) c["column"] = d.location.column;
    changes.push_back(std::move(c));
  }
  j["changes"] = std::move(changes);
  j["output_findings"] = findings_json(r.output_findings);
  return j;
}

ExitCode run_convert(const ConvertCommandOptions& options) {
  std::string error;
  auto jobs = plan_jobs(options, error);
  if (!jobs) {
    std::cerr << "bimi convert: " << printable(error) << "\n";
    return ExitCode::usage;
  }
  if (!options.report.empty()) {
    if (is_standard_stream(options.report)) {
      std::cerr << "bimi convert: --report takes a file name; the page is not written to standard output\n";
      return ExitCode::usage;
    }
    auto report_identity = file_identity(options.report);
    for (const auto& job : *jobs) {
      const bool is_input = report_identity && report_identity == file_identity(job.input);
      if (is_input || options.report == job.output) {
        std::cerr << "bimi convert: the --report page would replace " << printable(is_input ? job.input : job.output) << "\n";
        return ExitCode::usage;
      }
    }
  }
  svgps::ConvertOptions base;
  std::string not_a_directory;
  const auto resolved_fonts = font_directories(options.font_dirs, not_a_directory);
  if (!resolved_fonts) {
    std::cerr << "bimi convert: --fonts " << printable(not_a_directory) << " is not a directory\n";
    return ExitCode::usage;
  }
  const std::vector<std::string>& font_dirs = *resolved_fonts;
  std::optional<ReaderLanguages> languages = languages_from_environment();
  if (!options.lang.empty()) {
    languages = languages_from_tag(options.lang);
    if (!languages) {
      std::cerr << "bimi convert: --lang " << printable(options.lang) << " is not a language tag (such as en, de-CH)\n";
      return ExitCode::usage;
    }
  }
  base.font_directories = font_dirs;
  base.languages = languages->tags;
  // The reference render must read the same fonts and languages as the conversion.
  base.limits = sandboxed_limits(font_dirs, options.lang.empty() ? std::string() : languages->posix);
  base.title = options.title;
  base.desc = options.desc;
  if (options.background == "auto") {
    base.background = svgps::ConvertOptions::Background::automatic;
  } else if (options.background == "none") {
    base.background = svgps::ConvertOptions::Background::none;
  } else if (auto color = svgps::parse_opaque_color(options.background)) {
    base.background = svgps::ConvertOptions::Background::color;
    base.background_color = *color;
  } else {
    std::cerr << "bimi convert: --background \"" << options.background << "\" is not a colour\n";
    return ExitCode::usage;
  }
  base.margin_percent = options.margin;
  base.fit = options.fit == "content" ? svgps::ConvertOptions::Fit::content : svgps::ConvertOptions::Fit::artboard;
  base.decimals = options.precision;
  base.colors = options.colors;
  base.max_bytes = options.max_bytes;
  base.force = options.force;
  base.trace_effects = !options.no_trace_effects;

  std::vector<Outcome> outcomes(jobs->size());
  for_each_parallel(jobs->size(), options.jobs,
                    [&](std::size_t i) {
                      outcomes[i] = convert_for_report(i, (*jobs)[i], base, jobs->size() == 1, !options.report.empty());
                    });

  // The logo itself may be going to standard output; then the report goes to standard error.
  const bool logo_on_stdout = is_standard_stream(options.output);
  std::ostream& report_stream = logo_on_stdout ? std::cerr : std::cout;
  bool color = use_color(logo_on_stdout ? stderr : stdout);
  ExitCode code = ExitCode::ok;
  std::size_t converted = 0;
  nlohmann::ordered_json report = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < jobs->size(); ++i) {
    if (options.format == "json") {
      report.push_back(outcome_json((*jobs)[i], outcomes[i]));
    } else {
      print_outcome(report_stream, (*jobs)[i], outcomes[i], color);
    }
    code = worst(code, outcomes[i].code);
    if (outcomes[i].code == ExitCode::ok) ++converted;
  }
  if (options.format == "json") {
    report_stream << nlohmann::ordered_json{{"files", report}, {"converted", converted}, {"total", jobs->size()}}.dump(2)
                  << "\n";
  } else if (jobs->size() > 1) {
    report_stream << converted << " of " << jobs->size() << " converted\n";
  }
  if (!options.report.empty()) {
    std::vector<ConvertPageFile> pages;
    for (auto& outcome : outcomes) pages.push_back(std::move(*outcome.page));
    auto written = write_output_file(options.report, convert_report_html(pages), WriteOptions{});
    if (auto* failure = std::get_if<IoError>(&written)) {
      std::cerr << "bimi convert: " << printable(failure->message) << "\n";
      code = worst(code, ExitCode::output_failure);
    }
  }
  return code;
}

}  // namespace

void setup_convert(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<ConvertCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "convert",
      "Convert an SVG logo, or trace a PNG, JPEG, WebP or GIF one, into SVG Tiny P/S that renders like the original, or say why "
      "it cannot");
  command->add_option("inputs", options->inputs,
                      "SVG, SVGZ, PNG, JPEG, WebP or GIF files (- for standard input), or directories with --out-dir")
      ->required();
  auto* output = command->add_option("-o,--output", options->output, "the converted logo (one input; - for standard output)");
  command->add_option("--out-dir", options->out_dir, "directory for converted logos (several inputs)")
      ->excludes(output);
  command->add_option("--title", options->title, "<title> (default: the file's own, else its name)");
  command->add_option("--desc", options->desc, "<desc> (default: the file's own, if any)");
  command->add_option("--background", options->background,
                      "auto (add white or black when the logo sits on transparency and that is safe), none, or a "
                      "opaque CSS colour")
      ->check(background_value());
  command->add_option("--margin", options->margin, "space added on every side, in % of the logo (default 0)")
      ->check(CLI::Range(0.0, 100.0));
  command->add_option("--fit", options->fit, "artboard (keep the artboard, default) or content (crop to what is drawn)")
      ->check(CLI::IsMember({"artboard", "content"}));
  command->add_option("--precision", options->precision, "decimals in coordinates (default: from the logo's size)")
      ->check(CLI::Range(0, 6));
  command->add_option("--colors", options->colors, "bitmaps: colours to trace (default: chosen automatically)")
      ->check(CLI::Range(1, 64));
  command->add_option("--max-bytes", options->max_bytes, "size budget of the output (default and most 32768)")
      ->check(CLI::Range(1024, 32768));
  command->add_flag("--force", options->force,
                    "drop filters, masks and external images, and write even when the render differs from the original");
  command->add_flag("--no-trace-effects", options->no_trace_effects,
                    "refuse blurs, drop shadows and other filters instead of rendering and tracing them in place, and a "
                    "drawing over the budget instead of tracing its render");
  command->add_option("-j,--jobs", options->jobs, "files converted at once (default: one per core)")
      ->check(CLI::Range(1u, 1024u));
  command->add_option("--fonts", options->font_dirs,
                      "a directory of the brand's font files to outline text with (repeatable; this run only)");
  command->add_option("--lang", options->lang,
                      "the reader's language for <switch systemLanguage> (default: the environment's, as librsvg)");
  command->add_option("--format", options->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  command->add_option("--report", options->report,
                      "also write an HTML page: each logo before and after, where the renders differ, and every note");
  command->footer("The same input and options always give the same bytes.\n\n" +
                  exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input,
                                    ExitCode::output_failure}));
  command->callback([options, &result] { result = run_convert(*options); });
}

}  // namespace bimi::cli
