// bimi compare A B: do two logos render alike? The fidelity figure convert uses, for any pair.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "bimi/svgps/fidelity.hpp"
#include "bimi/svgps/render.hpp"
#include "batch.hpp"
#include "commands.hpp"
#include "terminal.hpp"
#include "file_args.hpp"
#include "render_worker.hpp"

namespace bimi::cli {
namespace {

struct CompareOptions {
  std::string first;
  std::string second;
  int size = 256;
  std::string format = "text";
  double min_ssim = 0.93;
  double max_differing = 0.02;
  std::vector<std::string> font_dirs;
};

ExitCode run_compare(const CompareOptions& options) {
  if (reads_standard_input_twice({options.first, options.second})) {
    std::cerr << "bimi compare: standard input (-) can be read only once\n";
    return ExitCode::usage;
  }
  std::string error, not_a_directory;
  const auto fonts = font_directories(options.font_dirs, not_a_directory);
  if (!fonts) {
    std::cerr << "bimi compare: --fonts " << printable(not_a_directory) << " is not a directory\n";
    return ExitCode::usage;
  }
  // As convert judges its outputs: a filter reaching past the page drawn whole, as browsers draw it.
  auto a = load_and_render(options.first, options.size, error, *fonts, Drawn::as_judged);
  auto b = a ? load_and_render(options.second, options.size, error, *fonts, Drawn::as_judged) : std::nullopt;
  if (!a || !b) {
    std::cerr << "bimi compare: " << printable(error) << "\n";
    return ExitCode::bad_input;
  }
  auto fidelity = svgps::compare_images(*a, *b);
  bool alike = fidelity->ssim >= options.min_ssim && fidelity->differing_share <= options.max_differing;
  if (options.format == "json") {
    nlohmann::ordered_json j;
    j["first"] = options.first;
    j["second"] = options.second;
    j["size"] = options.size;
    j["ssim"] = fidelity->ssim;
    j["differing_share"] = fidelity->differing_share;
    j["alike"] = alike;
    std::cout << j.dump(2) << "\n";
  } else {
    char line[128];
    std::snprintf(line, sizeof line, "SSIM %.4f, %.2f%% of pixels differ at %d px: %s", fidelity->ssim,
                  fidelity->differing_share * 100, options.size, alike ? "alike" : "different");
    std::cout << line << "\n";
  }
  return alike ? ExitCode::ok : ExitCode::findings;
}

}  // namespace

void setup_compare(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand("compare", "Render two logos on the same square and say how alike they look");
  command->add_option("first", options->first, "SVG or SVGZ, or a PNG or JPEG bitmap")->required();
  command->add_option("second", options->second, "SVG or SVGZ, or a PNG or JPEG bitmap")->required();
  command->add_option("--size", options->size, "render size in pixels (default 256)")->check(CLI::Range(8, 4096));
  command->add_option("--format", options->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  command->add_option("--min-ssim", options->min_ssim, "structural similarity needed to count as alike (default 0.93)")
      ->check(CLI::Range(-1.0, 1.0));
  command->add_option("--max-differing", options->max_differing,
                      "share of visibly differing pixels allowed (default 0.02)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--fonts", options->font_dirs,
                      "a directory of font files both logos' text is drawn with (repeatable; this run only), as convert --fonts");
  command->footer(exit_status_help({ExitCode::ok, ExitCode::findings, ExitCode::usage, ExitCode::bad_input}));
  command->callback([options, &result] { result = run_compare(*options); });
}

}  // namespace bimi::cli
