// bimi preview LOGO: how inboxes present the logo — circle and rounded-square crops at inbox sizes on light
// and dark themes, beside a mock inbox row — as a PNG sheet, a self-contained HTML page and figures (content
// cut by each crop, contrast of the logo's edge), with each mailbox's verdict.
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "bimi/records/mailboxes.hpp"
#include "bimi/svgps/input.hpp"
#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/raster.hpp"
#include "bimi/svgps/render.hpp"
#include "commands.hpp"
#include "file_args.hpp"
#include "mailbox_output.hpp"
#include "preview_html.hpp"
#include "preview_sheet.hpp"
#include "render_worker.hpp"
#include "terminal.hpp"

namespace bimi::cli {
namespace {

// The page embeds the logo once per view: its text is bounded so the page stays small (BIMI's own limit is 32
// KiB; larger exports can still be previewed).
constexpr std::size_t max_preview_svg_bytes = 512u << 10;
constexpr std::size_t max_sizes = 8;
constexpr int min_size = 16, max_size = 512;

struct PreviewOptions {
  std::string input;
  std::string png;
  std::string html;
  bool dark = false;
  std::vector<int> sizes{24, 32, 40, 64, 96};
  std::string format = "text";
};

struct Failure {
  ExitCode code;
  std::string message;  // one line, already printable
};

std::string percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", 100 * share);
  return buffer;
}

std::string ratio(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f:1", value);
  return buffer;
}

// Reads, parses and checks the logo, renders it at every size and measures each view.
std::variant<PreviewResult, Failure> build_preview(const PreviewOptions &options) {
  const svgps::Limits limits = sandboxed_limits();
  const std::string label = input_label(options.input);
  auto bytes = read_input_file(options.input, limits.max_input_bytes);
  if (auto *io = std::get_if<IoError>(&bytes)) return Failure{ExitCode::bad_input, printable(io->message)};
  const std::string &data = std::get<std::string>(bytes);
  if (svgps::sniff_raster(data) != svgps::RasterFormat::none)
    return Failure{ExitCode::bad_input, printable(label) +
                                            ": a bitmap; bimi preview shows SVG "
                                            "logos (bimi convert makes one)"};
  Diagnostics decoding;
  auto svg = svgps::decode_svg(data, limits, decoding);
  if (!svg) return Failure{ExitCode::bad_input, printable(label + ": " + decoding.items().front().message)};
  if (svg->size() > max_preview_svg_bytes)
    return Failure{ExitCode::bad_input, printable(label) + ": " + std::to_string(svg->size()) +
                                            " bytes of SVG; bimi preview takes logos up to 512 KiB "
                                            "(BIMI allows 32 KiB)"};
  // Only a document bimi itself could parse goes into the page.
  svgps::LintOptions lint_options;
  lint_options.profile = svgps::Profile::spec;
  lint_options.limits = limits;
  svgps::LintReport lint = svgps::lint(data, lint_options);
  if (lint.fatal) {
    const Diagnostic *first = &lint.diagnostics.items().front();
    for (const auto &item : lint.diagnostics.items()) {
      if (item.severity == Severity::error) {
        first = &item;
        break;
      }
    }
    return Failure{ExitCode::bad_input, printable(label + ":" + std::to_string(first->location.line) + ":" +
                                                  std::to_string(first->location.column) + ": " + first->message)};
  }

  PreviewResult result;
  result.label = label;
  result.svg = *svg;
  result.errors = lint.diagnostics.count(Severity::error);
  result.valid = result.errors == 0;
  result.sizes = options.sizes;
  if (!options.dark) result.themes.push_back(preview::light_theme);
  result.themes.push_back(preview::dark_theme);

  std::map<int, svgps::Image> renders;
  std::set<int> wanted(options.sizes.begin(), options.sizes.end());
  wanted.insert(preview::inbox_avatar_size);
  for (int size : wanted) {
    svgps::RenderFailure failure;
    auto image = svgps::render_logo(*svg, size, limits, failure);
    if (!image) return Failure{ExitCode::bad_input, printable(label + ": " + failure.message)};
    renders.emplace(size, std::move(*image));
  }
  auto layout = preview::layout_sheet(options.sizes, result.themes);
  for (const auto &slot : layout.views)
    result.views.push_back({slot, preview::measure_view(renders.at(slot.size), slot.crop, slot.theme)});

  records::SenderFacts facts;
  facts.dmarc_enforced = true;
  facts.record_found = true;
  facts.logo_valid = result.valid;
  result.without_certificate = records::judge_mailboxes(facts);
  facts.certificate = records::CertificateKind::vmc;
  facts.certificate_verified = true;
  result.with_vmc = records::judge_mailboxes(facts);

  std::string error;
  auto png = svgps::encode_png(preview::compose_sheet(layout, renders), error);
  if (!png) return Failure{ExitCode::output_failure, printable(error)};
  result.sheet_png = std::move(*png);
  return result;
}

nlohmann::ordered_json result_json(const PreviewResult &result, const PreviewOptions &options) {
  nlohmann::ordered_json root;
  root["logo"] = result.label;
  root["svg_bytes"] = result.svg.size();
  root["valid"] = result.valid;
  root["errors"] = result.errors;
  root["sizes"] = result.sizes;
  root["themes"] = nlohmann::ordered_json::array();
  for (const auto &theme : result.themes) root["themes"].push_back(theme.name);
  root["views"] = nlohmann::ordered_json::array();
  for (const auto &view : result.views) {
    auto shown_as = nlohmann::ordered_json::array();
    for (const auto *mailbox : preview::mailboxes_shown_as(view.slot.crop)) shown_as.push_back(mailbox->id);
    root["views"].push_back({{"theme", view.slot.theme.name},
                             {"crop", preview::crop_name(view.slot.crop)},
                             {"size", view.slot.size},
                             {"content_cut", view.figures.content_cut},
                             {"edge_contrast", view.figures.edge_contrast},
                             {"mailboxes", shown_as}});
  }
  root["mailboxes"] = mailboxes_json(result.with_vmc);
  root["mailboxes_without_certificate"] = mailboxes_json(result.without_certificate);
  root["png"] = options.png.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(options.png);
  root["html"] = options.html.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(options.html);
  return root;
}

void print_text(const PreviewResult &result, const PreviewOptions &options, std::ostream &out) {
  out << printable(result.label) << ": "
      << (result.valid ? "valid SVG Tiny P/S" : std::to_string(result.errors) + " error(s) (bimi check --profile spec)") << "\n";
  if (!options.png.empty()) out << "  sheet: " << printable(output_label(options.png)) << "\n";
  if (!options.html.empty()) out << "  page: " << printable(output_label(options.html)) << "\n";
  out << "\nviews (content cut by the crop, contrast of the logo's edge with "
         "the inbox)\n";
  for (const auto &view : result.views) {
    out << "  " << view.slot.theme.name << " " << preview::crop_name(view.slot.crop) << " " << view.slot.size << " px: cut "
        << percent(view.figures.content_cut) << ", edge " << ratio(view.figures.edge_contrast) << "\n";
  }
  out << "\nmailboxes, given DMARC at enforcement and a verified VMC\n";
  print_mailboxes_text(result.with_vmc, out, "  ");
  out << "\nmailboxes without a certificate\n";
  print_mailboxes_text(result.without_certificate, out, "  ");
}

ExitCode run_preview(const PreviewOptions &options) {
  if (options.png.empty() && options.html.empty() && options.format != "json") {
    std::cerr << "bimi preview: give -o PREVIEW.png, --html PREVIEW.html or "
                 "--format json\n";
    return ExitCode::usage;
  }
  if (options.sizes.empty() || options.sizes.size() > max_sizes) {
    std::cerr << "bimi preview: --sizes takes 1 to " << max_sizes << " sizes\n";
    return ExitCode::usage;
  }
  for (const auto *output : {&options.png, &options.html}) {
    if (!output->empty() && output_is_input(*output, options.input)) {
      std::cerr << "bimi preview: the output " << printable(*output) << " is the input; choose another path\n";
      return ExitCode::usage;
    }
  }
  if (!options.png.empty() && options.png == options.html) {
    std::cerr << "bimi preview: -o and --html name the same file\n";
    return ExitCode::usage;
  }
  auto built = build_preview(options);
  if (auto *failure = std::get_if<Failure>(&built)) {
    std::cerr << "bimi preview: " << failure->message << "\n";
    return failure->code;
  }
  const auto &result = std::get<PreviewResult>(built);
  // Both files are complete before either is written: a failure leaves no partial output.
  std::vector<std::pair<std::string, std::string>> writes;
  if (!options.png.empty()) writes.emplace_back(options.png, result.sheet_png);
  if (!options.html.empty()) writes.emplace_back(options.html, preview_html(result));
  for (const auto &[path, bytes] : writes) {
    auto written = write_output_file(path, bytes);
    if (auto *io = std::get_if<IoError>(&written)) {
      std::cerr << "bimi preview: " << printable(io->message) << "\n";
      return ExitCode::output_failure;
    }
  }
  // With an output on standard output, the report goes to standard error.
  bool stdout_taken = is_standard_stream(options.png) || is_standard_stream(options.html);
  std::ostream &out = stdout_taken ? std::cerr : std::cout;
  if (options.format == "json") {
    out << result_json(result, options).dump(2) << "\n";
  } else {
    print_text(result, options, out);
  }
  if (!out.flush()) return ExitCode::output_failure;
  return ExitCode::ok;
}

}  // namespace

void setup_preview(CLI::App &app, ExitCode &result) {
  auto options = std::make_shared<PreviewOptions>();
  CLI::App *command = app.add_subcommand("preview",
                                         "Show a logo as inboxes present it: circle and rounded-square "
                                         "crops at inbox sizes, light and dark");
  command->add_option("input", options->input, "SVG or SVGZ logo (- for standard input)")->required();
  command->add_option("-o,--output", options->png, "the preview sheet as PNG (- for standard output)");
  command->add_option("--html", options->html,
                      "a self-contained page with the views, their figures and "
                      "each mailbox's verdict");
  command->add_flag("--dark", options->dark, "the dark theme only (default: light and dark)");
  command
      ->add_option("--sizes", options->sizes,
                   "sizes in pixels, comma-separated (default 24,32,40,64,96; "
                   "16 to 512, at most 8)")
      ->delimiter(',')
      ->check(CLI::Range(min_size, max_size))
      ->allow_extra_args(false);
  command->add_option("--format", options->format, "text or json (the figures and each mailbox's verdict)")
      ->check(CLI::IsMember({"text", "json"}));
  command->footer(exit_status_help({ExitCode::ok, ExitCode::usage, ExitCode::bad_input, ExitCode::output_failure}));
  command->callback([options, &result] { result = run_preview(*options); });
}

}  // namespace bimi::cli
