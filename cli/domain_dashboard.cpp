#include "domain_dashboard.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "bimi/base64.hpp"
#include "bimi/vmc/logo_hash.hpp"
#include "html.hpp"
#include "utc_date.hpp"

namespace bimi::cli {
namespace {

std::string escape(std::string_view text) { return escape_html(text); }

constexpr const char* style =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}"
    "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:middle}"
    ".ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.worse{color:#cf222e}.changed{color:#7a5b00}"
    "img.logo{width:40px;height:40px;border-radius:50%;background:#fff;border:1px solid #ccc}"
    "code{font-size:12px}.summary span{margin-right:16px}";

}  // namespace

void Dashboard::add(std::size_t index, const net::DomainReport& report, const std::vector<net::Drift>& drift) {
  if (rows_.size() >= max_rows) {
    ++left_out_;
    return;
  }
  Row row;
  row.domain = report.domain;
  row.selector = report.selector;
  row.ready = report.ready();
  for (const auto& step : report.steps) {
    for (const auto& finding : step.findings.items()) {
      if (finding.severity == Severity::error && row.rule.empty()) {
        row.step = step.name;
        row.rule = finding.rule;
        row.message = finding.message;
      }
    }
  }
  if (report.logo) {
    row.logo = vmc::hex_digest(vmc::HashAlgorithm::sha256, *report.logo);
    if (logos_.size() < max_logos && !logos_.count(row.logo)) logos_.emplace(row.logo, *report.logo);
  }
  row.not_after = report.certificate_not_after;
  row.drift = drift;
  rows_.emplace(index, std::move(row));
}

std::string Dashboard::html(long long now, int warn_days, bool with_baseline) const {
  std::size_t ready = 0, worse = 0;
  for (const auto& [index, row] : rows_) {
    ready += row.ready ? 1 : 0;
    for (const auto& d : row.drift) worse += d.worse ? 1 : 0;
  }
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
      "<title>BIMI domains</title><style>" + std::string(style) + "</style></head><body>\n<h1>BIMI domains, checked " +
      utc_date(now) + "</h1>\n<p class=\"summary\"><span>" + std::to_string(rows_.size()) + " checked</span><span class=\"ok\">" +
      std::to_string(ready) + " ready</span><span class=\"bad\">" + std::to_string(rows_.size() - ready) + " not ready</span>";
  if (with_baseline) out += "<span class=\"worse\">" + std::to_string(worse) + " changes for the worse since the baseline</span>";
  if (left_out_ > 0) out += "<span>" + std::to_string(left_out_) + " more not shown</span>";
  out += "</p>\n<table id=\"domains\"><thead><tr><th>logo</th><th>domain</th><th>selector</th><th>verdict</th><th>first broken link</th>"
         "<th>certificate ends</th>" + std::string(with_baseline ? "<th>since the baseline</th>" : "") + "</tr></thead><tbody>\n";
  for (const auto& [index, row] : rows_) {
    out += "<tr><td>";
    if (auto logo = logos_.find(row.logo); logo != logos_.end()) {
      out += "<img class=\"logo\" alt=\"logo of " + escape(row.domain) + "\" src=\"data:image/svg+xml;base64," + base64_encode(logo->second) + "\">";
    }
    out += "</td><td>" + escape(row.domain) + "</td><td>" + escape(row.selector) + "</td><td class=\"" +
           (row.ready ? "ok\">ready" : "bad\">not ready") + "</td><td>";
    if (!row.rule.empty()) out += escape(row.step) + ": <code>" + escape(row.rule) + "</code> " + escape(row.message);
    out += "</td><td>";
    if (row.not_after != 0) {
      long long days = (row.not_after - now) / 86400;
      bool soon = row.not_after - now < static_cast<long long>(warn_days) * 86400;
      out += "<span class=\"" + std::string(soon ? "bad" : "") + "\">" + utc_date(row.not_after) + " (" +
             (row.not_after <= now ? "expired" : std::to_string(days) + " days") + ")</span>";
    }
    out += "</td>";
    if (with_baseline) {
      out += "<td>";
      for (const auto& d : row.drift) {
        out += "<div class=\"" + std::string(d.worse ? "worse" : "changed") + "\">" + escape(d.what) +
               (d.after.empty() ? "" : ": " + escape(d.after)) + "</div>";
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";

  // The timeline: every certificate's end, from today to the latest (at most two years ahead), with
  // the --warn-days window shaded.
  std::vector<std::pair<long long, std::string>> ends;
  for (const auto& [index, row] : rows_) {
    if (row.not_after != 0) ends.emplace_back(row.not_after, row.domain + " " + row.selector);
  }
  if (!ends.empty()) {
    std::sort(ends.begin(), ends.end());
    if (ends.size() > 500) ends.resize(500);
    long long first = std::min(now, ends.front().first), last = std::min(std::max(ends.back().first, now + 86400), now + 730 * 86400);
    double span = static_cast<double>(std::max(last - first, 1LL));
    auto x = [&](long long t) { return 20.0 + 880.0 * static_cast<double>(std::clamp(t, first, last) - first) / span; };
    int height = 40 + 14 * static_cast<int>(ends.size());
    char buffer[96];
    out += "<h2>Certificates end</h2>\n<svg id=\"timeline\" viewBox=\"0 0 920 " + std::to_string(height) + "\" width=\"920\" height=\"" +
           std::to_string(height) + "\" role=\"img\" aria-label=\"certificate end dates\">";
    std::snprintf(buffer, sizeof buffer, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"#fde7e9\"/>", x(now),
                  x(now + static_cast<long long>(warn_days) * 86400) - x(now), height);
    out += buffer;
    std::snprintf(buffer, sizeof buffer, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\"/>", x(now), x(now), height);
    out += buffer;
    int y = 24;
    for (const auto& [end, label] : ends) {
      std::snprintf(buffer, sizeof buffer, "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\"/>", x(end), y,
                    end - now < static_cast<long long>(warn_days) * 86400 ? "#cf222e" : "#1a7f37");
      out += buffer;
      std::snprintf(buffer, sizeof buffer, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">", std::min(x(end) + 8, 760.0), y + 4);
      out += buffer + escape(label) + " " + utc_date(end) + "</text>";
      y += 14;
    }
    out += "</svg>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace bimi::cli
