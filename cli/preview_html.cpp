#include "preview_html.hpp"

#include <cstdio>

#include "bimi/base64.hpp"
#include "html.hpp"

namespace bimi::cli {
namespace {

// A figure with `decimals` places after the point.
std::string number(int decimals, double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string mailbox_names(preview::Crop crop) {
  std::string names;
  for (const auto *mailbox : preview::mailboxes_shown_as(crop)) names += (names.empty() ? "" : ", ") + std::string(mailbox->name);
  return names;
}

std::string crop_class(preview::Crop crop) { return crop == preview::Crop::circle ? "circle" : "squircle"; }

// The logo as an <img>: a browser never runs scripts nor fetches anything for an image document.
std::string logo_img(const std::string &data_uri, preview::Crop crop, int size) {
  std::string side = std::to_string(size);
  return "<img class=\"" + crop_class(crop) + "\" src=\"" + data_uri + "\" width=\"" + side + "\" height=\"" + side +
         "\" alt=\"\">";
}

std::string verdict_cell(const records::MailboxVerdict &verdict) {
  std::string mark = verdict.mark == records::Mark::checkmark ? "shown, checkmark" : verdict.shown ? "shown" : "not shown";
  return "<td class=\"" + std::string(verdict.shown ? "shown" : "hidden") + "\">" + mark + ": " + escape_html(verdict.reason) +
         "</td>";
}

}  // namespace

std::string preview_html(const PreviewResult &result) {
  const std::string data_uri = "data:image/svg+xml;base64," + base64_encode(result.svg);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; img-src data:; style-src 'unsafe-inline'\">"
      "<title>Inbox preview: " +
      escape_html(result.label) +
      "</title><style>"
      "body{font-family:sans-serif;margin:2em;color:#222}section{padding:1em;"
      "margin:1em 0;border-radius:8px}"
      ".light{background:#ffffff;color:#202124;border:1px solid "
      "#ddd}.dark{background:#202124;color:#e8eaed}"
      ".circle{border-radius:50%}.squircle{border-radius:20%}"
      ".inbox{display:flex;align-items:center;gap:12px;margin:.5em 0 "
      "1em}.inbox b{display:block;font-size:14px}"
      ".inbox "
      "span{font-size:12px;opacity:.75}.views{display:flex;flex-wrap:wrap;"
      "align-items:flex-end;gap:16px}"
      "figure{margin:0;text-align:center}figcaption{font-size:11px;line-height:"
      "1.3}.warn{color:#e53935}"
      "table{border-collapse:collapse}td,th{border:1px solid "
      "#ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
      ".shown{color:#176b2c}.hidden{color:#a4161a}</style></head><body>\n";
  out += "<h1>Inbox preview of " + escape_html(result.label) + "</h1>\n<p>" +
         (result.valid ? std::string("The logo is a valid SVG Tiny P/S document.")
                       : "The logo has " + std::to_string(result.errors) +
                             " error(s) under <code>bimi check --profile "
                             "spec</code>: mailboxes would not show it.") +
         " Each view is the logo as the browser draws it from the bytes bimi "
         "checked, cropped the way mailboxes crop it. "
         "Figures: <em>cut</em> is the share of the logo's content the crop "
         "removes; <em>edge</em> is the contrast between "
         "the logo's outermost ring and the inbox background (near 1:1 the "
         "avatar's edge vanishes).</p>\n";
  for (const auto &theme : result.themes) {
    out += "<section class=\"" + std::string(theme.name) + "\" id=\"theme-" + std::string(theme.name) + "\"><h2>" +
           (theme.name == preview::dark_theme.name ? "Dark theme" : "Light theme") + "</h2>\n";
    for (auto crop : {preview::Crop::circle, preview::Crop::rounded_square}) {
      out += "<h3>" + std::string(crop == preview::Crop::circle ? "Circle" : "Rounded square") + ": " +
             escape_html(mailbox_names(crop)) + (crop == preview::Crop::circle ? "" : " (shape not published)") + "</h3>\n";
      out += "<div class=\"inbox\">" + logo_img(data_uri, crop, preview::inbox_avatar_size) + "<div><b>" +
             escape_html(result.label) +
             "</b><span>Subject line: how the logo looks at inbox "
             "size</span></div></div>\n";
      out += "<div class=\"views\">";
      for (const auto &view : result.views) {
        if (view.slot.theme.name != theme.name || view.slot.crop != crop) continue;
        bool cut = view.figures.content_cut >= 0.005, faint = view.figures.edge_contrast < 1.5;
        out += "<figure>" + logo_img(data_uri, crop, view.slot.size) + "<figcaption>" + std::to_string(view.slot.size) +
               " px<br><span" + (cut ? " class=\"warn\"" : "") + ">cut " + number(1, 100 * view.figures.content_cut) +
               " %</span><br><span" + (faint ? " class=\"warn\"" : "") + ">edge " + number(2, view.figures.edge_contrast) +
               ":1</span></figcaption></figure>";
      }
      out += "</div>\n";
    }
    out += "</section>\n";
  }
  out +=
      "<h2>Mailboxes</h2>\n<p>Given DMARC at enforcement and an assertion "
      "record for this logo.</p>\n"
      "<table id=\"mailboxes\"><tr><th>mailbox</th><th>shape</th><th>with a "
      "verified VMC</th><th>without a certificate</th>"
      "<th>source (read on)</th></tr>\n";
  for (std::size_t i = 0; i < result.with_vmc.size() && i < result.without_certificate.size(); ++i) {
    const auto &mailbox = *result.with_vmc[i].mailbox;
    out += "<tr><td>" + escape_html(mailbox.name) + "</td><td>" + std::string(records::to_string(mailbox.shape)) + "</td>" +
           verdict_cell(result.with_vmc[i]) + verdict_cell(result.without_certificate[i]) + "<td>" + escape_html(mailbox.source) +
           " (" + std::string(mailbox.read_on) + ")</td></tr>\n";
  }
  out += "</table>\n";
  if (!result.sheet_png.empty()) {
    out +=
        "<h2>As librsvg draws it</h2>\n<p>The same views rendered by "
        "librsvg; red marks the crop's edge where it cuts "
        "the logo's content.</p>\n<img id=\"sheet\" "
        "src=\"data:image/png;base64," +
        base64_encode(result.sheet_png) + "\" alt=\"the preview sheet\">\n";
  }
  return out + "</body></html>\n";
}

}  // namespace bimi::cli
