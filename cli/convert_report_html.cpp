#include "convert_report_html.hpp"

#include <algorithm>
#include <cstdio>

#include "bimi/svgps/input.hpp"
#include "bimi/svgps/raster.hpp"

namespace bimi::cli {
namespace {

std::string ssim_text(double ssim) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", ssim);
  return buffer;
}

std::string percent_text(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", share * 100);
  return buffer;
}

// The gate's difference map in colour: red where a pixel counts as differing, orange where it
// differs visibly but the comparison's shift matched it, pale yellow below the visible threshold.
std::string heat_map_png(const svgps::DifferenceMap& map) {
  svgps::Image image;
  image.width = map.width;
  image.height = map.height;
  image.rgba.assign(map.magnitude.size() * 4, 0);
  for (std::size_t i = 0; i < map.magnitude.size(); ++i) {
    std::uint8_t* p = image.rgba.data() + i * 4;
    int magnitude = map.magnitude[i];
    if (magnitude == 0) continue;
    if (map.counted[i]) {
      p[0] = 215, p[1] = 25, p[2] = 28, p[3] = 255;
    } else if (magnitude > 16) {
      p[0] = 245, p[1] = 140, p[2] = 40, p[3] = 220;
    } else {
      p[0] = 230, p[1] = 200, p[2] = 40, p[3] = static_cast<std::uint8_t>(60 + magnitude * 8);
    }
  }
  std::string error;
  return svgps::encode_png(image, error).value_or("");
}

constexpr std::string_view style =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:2em}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
    ".converted{color:#1a7f37;font-weight:600}.refused,.unreadable,.write-failed{color:#cf222e;font-weight:600}"
    ".logos{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-end;margin:12px 0}"
    ".logos figure{margin:0;text-align:center}.logos figcaption{font-size:12px;color:#57606a}"
    "img.inbox{width:40px;height:40px;border-radius:50%;background:#fff;border:1px solid #ccc;object-fit:contain}"
    "img.large{width:256px;height:256px;border:1px solid #ccc;object-fit:contain;background:#fff}"
    ".heat{position:relative;width:256px;height:256px;border:1px solid #ccc;background:#fff}"
    ".heat img{position:absolute;left:0;top:0;width:256px;height:256px;object-fit:contain}"
    ".heat img.under{opacity:.25}.heat img.map{image-rendering:pixelated}"
    ".missing{display:flex;align-items:center;justify-content:center;width:256px;height:120px;border:1px dashed #ccc;"
    "color:#57606a;font-size:12px;text-align:center}"
    "code{font-size:12px}";

std::string too_large(const char* what) { return "<div class=\"missing\">" + std::string(what) + "</div>"; }

std::string image(ImageBudget& budget, const std::string& mime, std::string_view bytes, const char* css_class,
                  const std::string& alt) {
  if (mime.empty()) return too_large("too large to show");
  if (!budget.take(bytes.size())) return too_large("not shown: the page's image budget is spent");
  return "<img class=\"" + std::string(css_class) + "\" alt=\"" + escape_html(alt) + "\" src=\"" + data_uri(mime, bytes) + "\">";
}

std::string logos(const ConvertPageFile& file, ImageBudget& budget) {
  const std::string svg = "image/svg+xml";
  const std::string converted_mime = file.converted.empty() ? "" : svg;
  std::string out = "<div class=\"logos\">";
  auto add = [&](const std::string& caption, const std::string& body) {
    out += "<figure>" + body + "<figcaption>" + caption + "</figcaption></figure>";
  };
  add("original, inbox", image(budget, file.original_mime, file.original, "inbox", "original at inbox size"));
  if (!file.converted.empty()) add("converted, inbox", image(budget, svg, file.converted, "inbox", "converted at inbox size"));
  add("original, 256 px", image(budget, file.original_mime, file.original, "large", "original at 256 px"));
  if (!file.converted.empty()) add("converted, 256 px", image(budget, svg, file.converted, "large", "converted at 256 px"));
  if (!file.heat_map_png.empty()) {
    std::string body = "<div class=\"heat\">" +
                       image(budget, file.original_mime, file.original, "under", "original, faded") +
                       image(budget, "image/png", file.heat_map_png, "map", "where the renders differ") + "</div>";
    add("difference (red: counted, orange: matched within a pixel, yellow: below 1/16)", body);
  } else if (file.fidelity) {
    add("difference", too_large("the renders are identical"));
  }
  return out + "</div>\n";
}

std::string figures(const ConvertPageFile& file) {
  std::string out = "<table class=\"figures\"><tr><th>input</th><td>" + std::to_string(file.input_bytes) + " bytes</td></tr>";
  if (!file.converted.empty()) out += "<tr><th>output</th><td>" + std::to_string(file.output_bytes) + " bytes</td></tr>";
  if (file.fidelity) {
    out += "<tr><th>SSIM</th><td>" + ssim_text(file.fidelity->ssim) + "</td></tr><tr><th>pixels differing</th><td>" +
           percent_text(file.fidelity->differing_share) + "</td></tr>";
  }
  return out + "</table>\n";
}

}  // namespace

ConvertPageFile convert_page_file(std::size_t index, std::string input_label, std::string output_label, std::string status, std::string io_error,
                                  std::string_view input_bytes, const svgps::ConvertResult& result) {
  ConvertPageFile file;
  file.input = std::move(input_label);
  file.output = std::move(output_label);
  file.status = std::move(status);
  file.reason = std::move(io_error);
  for (const auto& d : result.changes.items()) {
    if (file.reason.empty() && d.severity == Severity::error) file.reason = d.message + " [" + d.rule + "]";
  }
  file.input_bytes = result.input_bytes > 0 ? result.input_bytes : input_bytes.size();
  file.output_bytes = result.svg ? result.svg->size() : 0;
  if (result.fidelity) {
    file.fidelity = result.fidelity;
    file.fidelity->difference = {};
  }
  if (index >= max_page_files) return file;
  if (result.svg && file.status == "converted") file.converted = *result.svg;
  if (file.converted.size() > max_shown_logo_bytes) file.converted.clear();

  // The original as a browser shows it: bitmaps as they are, SVGZ gunzipped. The notes' lines are
  // lines of the SVG text.
  std::string text;
  switch (svgps::sniff_raster(input_bytes)) {
    case svgps::RasterFormat::png: file.original_mime = "image/png"; break;
    case svgps::RasterFormat::jpeg: file.original_mime = "image/jpeg"; break;
    default: {
      Diagnostics ignored;
      if (auto decoded = svgps::decode_svg(input_bytes, svgps::Limits{}, ignored)) text = std::move(*decoded);
      if (!text.empty()) file.original_mime = "image/svg+xml";
    }
  }
  if (file.original_mime == "image/svg+xml") {
    file.original = text;
  } else if (!file.original_mime.empty()) {
    file.original = std::string(input_bytes);
  }
  if (file.original.size() > max_shown_logo_bytes) {
    file.original_mime.clear();
    file.original.clear();
  }

  if (result.fidelity && !result.fidelity->difference.counted.empty()) {
    file.heat_map_png = heat_map_png(result.fidelity->difference);
  }
  file.notes = page_findings(result.changes, text, max_page_findings, file.notes_left_out);
  file.output_findings = page_findings(result.output_findings, file.converted, max_page_findings, file.output_findings_left_out);
  return file;
}

std::string convert_report_html(const std::vector<ConvertPageFile>& files) {
  std::size_t converted = 0;
  for (const auto& file : files) converted += file.status == "converted" ? 1 : 0;
  std::string out = html_page_start("bimi convert", std::string(style) + std::string(findings_style));
  out += "<h1>bimi convert</h1>\n<p class=\"summary\">" + std::to_string(converted) + " of " + std::to_string(files.size()) +
         " converted.</p>\n";
  if (files.size() > 1) {
    out += "<table id=\"summary\"><thead><tr><th>input</th><th>result</th><th>bytes</th><th>SSIM</th><th>differing</th>"
           "<th>why not converted</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto& file = files[i];
      out += "<tr><td><a href=\"#file-" + std::to_string(i + 1) + "\">" + escape_html(file.input) + "</a></td><td class=\"" +
             file.status + "\">" + file.status + "</td><td>" + std::to_string(file.input_bytes) +
             (file.status == "converted" ? " → " + std::to_string(file.output_bytes) : "") + "</td><td>" +
             (file.fidelity ? ssim_text(file.fidelity->ssim) : "") + "</td><td>" +
             (file.fidelity ? percent_text(file.fidelity->differing_share) : "") + "</td><td>" +
             escape_html(file.reason) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  ImageBudget budget(max_page_image_bytes);
  for (std::size_t i = 0; i < std::min(files.size(), max_page_files); ++i) {
    const auto& file = files[i];
    out += "<section id=\"file-" + std::to_string(i + 1) + "\"><h2>" + escape_html(file.input) +
           (file.status == "converted" ? " → " + escape_html(file.output) : "") + " <span class=\"" + file.status + "\">" +
           file.status + "</span></h2>\n";
    if (!file.reason.empty()) out += "<p class=\"reason\">" + escape_html(file.reason) + "</p>\n";
    out += logos(file, budget) + figures(file);
    if (!file.notes.empty()) out += "<h3>What the conversion did</h3>\n" + findings_html(file.notes, file.input);
    if (file.notes_left_out > 0) out += "<p>" + std::to_string(file.notes_left_out) + " more notes not shown.</p>\n";
    if (!file.output_findings.empty()) out += "<h3>The output, checked</h3>\n" + findings_html(file.output_findings, "output");
    if (file.output_findings_left_out > 0) {
      out += "<p>" + std::to_string(file.output_findings_left_out) + " more findings not shown.</p>\n";
    }
    out += "</section>\n";
  }
  if (files.size() > max_page_files) {
    out += "<p>" + std::to_string(files.size() - max_page_files) + " more files are in the table only.</p>\n";
  }
  return out + std::string(html_page_end);
}

}  // namespace bimi::cli
