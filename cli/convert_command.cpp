// bimi convert IN -o OUT | IN... --out-dir DIR: any SVG, PNG or JPEG logo into a faithful SVG Tiny P/S logo.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/svgps/convert.hpp"
#include "batch.hpp"
#include "commands.hpp"
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
  unsigned jobs = 0;
  std::string format = "text";
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
};

// Output paths for --out-dir: a file keeps its name (as .svg); files found under a directory keep
// their path relative to it.
std::optional<std::vector<Job>> plan_jobs(const ConvertCommandOptions& options, std::string& error) {
  std::vector<Job> jobs;
  if (!options.output.empty()) {
    if (options.inputs.size() != 1 || fs::is_directory(options.inputs.front())) {
      error = "-o takes one input file; use --out-dir for several";
      return std::nullopt;
    }
    jobs.push_back({options.inputs.front(), options.output});
    return jobs;
  }
  if (options.out_dir.empty()) {
    error = "say where to write: -o OUT for one file, or --out-dir DIR";
    return std::nullopt;
  }
  for (const auto& input : options.inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) {
      jobs.push_back({input, (fs::path(options.out_dir) / fs::path(input).filename()).replace_extension(".svg").string()});
      continue;
    }
    std::vector<fs::path> found = find_files(input, is_logo_name);
    for (const auto& path : found) {
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
  return jobs;
}

Outcome convert_one(const Job& job, const svgps::ConvertOptions& base, bool durable) {
  Outcome outcome;
  if (same_file(job.input, job.output)) {
    outcome.io_error = "the output is the input; the input is never overwritten";
    outcome.code = ExitCode::usage;
    return outcome;
  }
  auto bytes = read_file(job.input, base.limits.max_input_bytes);
  if (auto* error = std::get_if<IoError>(&bytes)) {
    outcome.io_error = error->message;
    outcome.code = ExitCode::bad_input;
    return outcome;
  }
  svgps::ConvertOptions options = base;
  options.fallback_title = fs::path(job.input).stem().string();
  outcome.result = svgps::convert_logo(std::get<std::string>(bytes), options);
  if (outcome.result.unreadable) {
    outcome.code = ExitCode::bad_input;
    return outcome;
  }
  if (!outcome.result.svg) {
    outcome.code = ExitCode::findings;
    return outcome;
  }
  std::error_code ec;
  fs::path parent = fs::path(job.output).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  // One flush per file would dominate a batch of thousands; a single file is flushed.
  WriteOptions write_options;
  write_options.durable = durable;
  auto written = write_file_atomic(job.output, *outcome.result.svg, write_options);
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

void print_outcome(const Job& job, const Outcome& outcome, bool color) {
  const char* bold = color ? "\033[1m" : "";
  const char* reset = color ? "\033[0m" : "";
  if (!outcome.io_error.empty()) {
    std::cout << bold << job.input << reset << ": " << outcome.io_error << "\n";
    return;
  }
  const auto& r = outcome.result;
  if (r.svg) {
    std::cout << bold << job.input << reset << " -> " << job.output << ": " << outcome.output_bytes << " bytes (was "
              << r.input_bytes << ")";
  } else {
    std::cout << bold << job.input << reset << ": " << (r.unreadable ? "unreadable" : "refused, nothing written");
  }
  if (r.fidelity) {
    char ssim[16];
    std::snprintf(ssim, sizeof ssim, "%.4f", r.fidelity->ssim);
    std::cout << "; fidelity SSIM " << ssim << ", " << percent(r.fidelity->differing_share) << " of pixels differ";
  }
  std::cout << "\n";
  for (const auto& d : r.changes.items()) {
    std::cout << "  " << job.input;
    if (d.location.line > 0) std::cout << ":" << d.location.line << (d.location.column > 0 ? ":" + std::to_string(d.location.column) : "");
    std::cout << ": " << to_string(d.severity) << ": " << d.message << " [" << d.rule << "]\n";
  }
  for (const auto& d : r.output_findings.items()) {
    std::cout << "  output: " << to_string(d.severity) << ": " << d.message << " [" << d.rule << "]\n";
  }
}

nlohmann::ordered_json outcome_json(const Job& job, const Outcome& outcome) {
  nlohmann::ordered_json j;
  j["input"] = job.input;
  const auto& r = outcome.result;
  j["status"] = !outcome.io_error.empty() && outcome.code == ExitCode::output_failure ? "write-failed"
                : !outcome.io_error.empty() || r.unreadable                           ? "unreadable"
                : r.svg                                                                ? "converted"
                                                                                       : "refused";
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
    nlohmann::ordered_json c{{"kind", d.rule}, {"severity", std::string(to_string(d.severity))}, {"message", d.message}};
    if (d.location.line > 0) c["line"] = d.location.line;
    if (d.location.column > 0) c["column"] = d.location.column;
    changes.push_back(std::move(c));
  }
  j["changes"] = std::move(changes);
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& d : r.output_findings.items()) {
    findings.push_back({{"rule", d.rule}, {"severity", std::string(to_string(d.severity))}, {"message", d.message}});
  }
  j["output_findings"] = std::move(findings);
  return j;
}

ExitCode run_convert(const ConvertCommandOptions& options) {
  std::string error;
  auto jobs = plan_jobs(options, error);
  if (!jobs) {
    std::cerr << "bimi convert: " << error << "\n";
    return ExitCode::usage;
  }
  svgps::ConvertOptions base;
  base.limits = sandboxed_limits();
  base.title = options.title;
  base.desc = options.desc;
  if (options.background == "auto") {
    base.background = svgps::ConvertOptions::Background::automatic;
  } else if (options.background == "none") {
    base.background = svgps::ConvertOptions::Background::none;
  } else {
    base.background = svgps::ConvertOptions::Background::color;
    base.background_color = options.background;
  }
  base.margin_percent = options.margin;
  base.fit = options.fit == "content" ? svgps::ConvertOptions::Fit::content : svgps::ConvertOptions::Fit::artboard;
  base.decimals = options.precision;
  base.colors = options.colors;
  base.max_bytes = options.max_bytes;
  base.force = options.force;

  std::vector<Outcome> outcomes(jobs->size());
  for_each_parallel(jobs->size(), options.jobs,
                    [&](std::size_t i) { outcomes[i] = convert_one((*jobs)[i], base, jobs->size() == 1); });

  bool color = use_color(stdout);
  ExitCode code = ExitCode::ok;
  std::size_t converted = 0;
  nlohmann::ordered_json report = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < jobs->size(); ++i) {
    if (options.format == "json") {
      report.push_back(outcome_json((*jobs)[i], outcomes[i]));
    } else {
      print_outcome((*jobs)[i], outcomes[i], color);
    }
    code = worst(code, outcomes[i].code);
    if (outcomes[i].code == ExitCode::ok) ++converted;
  }
  if (options.format == "json") {
    std::cout << nlohmann::ordered_json{{"files", report}, {"converted", converted}, {"total", jobs->size()}}.dump(2)
              << "\n";
  } else if (jobs->size() > 1) {
    std::cout << converted << " of " << jobs->size() << " converted\n";
  }
  return code;
}

}  // namespace

void setup_convert(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<ConvertCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "convert",
      "Convert an SVG logo, or trace a PNG or JPEG one, into SVG Tiny P/S that renders like the original, or say why "
      "it cannot");
  command->add_option("inputs", options->inputs, "SVG, SVGZ, PNG or JPEG files, or directories with --out-dir")
      ->required();
  command->add_option("-o,--output", options->output, "the converted logo (one input)");
  command->add_option("--out-dir", options->out_dir, "directory for converted logos (several inputs)");
  command->add_option("--title", options->title, "<title> (default: the file's own, else its name)");
  command->add_option("--desc", options->desc, "<desc> (default: the file's own, if any)");
  command->add_option("--background", options->background,
                      "auto (add white or black when the logo sits on transparency and that is safe), none, or a "
                      "CSS colour");
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
  command->add_option("-j,--jobs", options->jobs, "files converted at once (default: one per core)");
  command->add_option("--format", options->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  command->footer(
      "Exit status: 0 converted, 1 refused (nothing written), 2 usage error, 3 unreadable input, 4 output not "
      "written.\nThe same input and options always give the same bytes.");
  command->callback([options, &result] { result = run_convert(*options); });
}

}  // namespace bimi::cli
