// bimi render IN -o OUT.png: what a mailbox would draw, optionally cropped to the circle.
#include <iostream>
#include <string>

#include "bimi/file_io.hpp"
#include "bimi/svgps/render.hpp"
#include "batch.hpp"
#include "commands.hpp"
#include "terminal.hpp"
#include "file_args.hpp"

namespace bimi::cli {
namespace {

struct RenderOptions {
  std::string input;
  std::string output;
  int size = 512;
  bool circle = false;
};

ExitCode run_render(const RenderOptions& options) {
  if (output_is_input(options.output, options.input)) {
    std::cerr << "bimi render: the output " << printable(options.output) << " is the input; choose another path\n";
    return ExitCode::usage;
  }
  std::string error;
  auto image = load_and_render(options.input, options.size, error);
  if (!image) {
    std::cerr << "bimi render: " << printable(error) << "\n";
    return ExitCode::bad_input;
  }
  if (options.circle) svgps::crop_to_circle(*image);
  auto png = svgps::encode_png(*image, error);
  if (!png) {
    std::cerr << "bimi render: " << printable(error) << "\n";
    return ExitCode::output_failure;
  }
  auto written = write_output_file(options.output, *png);
  if (auto* io = std::get_if<IoError>(&written)) {
    std::cerr << "bimi render: " << printable(io->message) << "\n";
    return ExitCode::output_failure;
  }
  // With the PNG on standard output, the summary goes to standard error.
  (is_standard_stream(options.output) ? std::cerr : std::cout) << printable(output_label(options.output)) << ": " << options.size << "×" << options.size << " PNG"
            << (options.circle ? ", cropped to the circle inboxes show" : "") << "\n";
  return ExitCode::ok;
}

}  // namespace

void setup_render(CLI::App& app, ExitCode& result) {
  auto options = std::make_shared<RenderOptions>();
  CLI::App* command = app.add_subcommand("render", "Render a logo to PNG with librsvg, as a mailbox would draw it");
  command->add_option("input", options->input, "SVG or SVGZ logo (- for standard input)")->required();
  command->add_option("-o,--output", options->output, "PNG file to write (- for standard output; a missing directory is created)")->required();
  command->add_option("--size", options->size, "pixels per side (default 512)")->check(CLI::Range(1, 8192));
  command->add_flag("--circle", options->circle, "crop to the circle that inboxes show");
  command->footer(exit_status_help({ExitCode::ok, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_render(*options); });
}

}  // namespace bimi::cli
