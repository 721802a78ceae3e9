#include "dmarc_report_html.hpp"

#include <cstdio>
#include <string_view>

#include "html.hpp"

namespace bimi::cli {
namespace {

std::string escape(std::string_view text) { return escape_html(text); }

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string rate(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? "-" : number(100.0 * static_cast<double>(part) / static_cast<double>(whole)) + "%";
}

// Aligned SPF, aligned DKIM and DMARC pass rates per day as SVG polylines, 0-100 % on the y axis.
std::string chart(const reports::DomainStats& stats) {
  constexpr double width = 720, height = 200;
  const auto& daily = stats.daily;
  std::string out = "<svg class=\"chart\" viewBox=\"0 0 720 220\" width=\"720\" height=\"220\" role=\"img\" aria-label=\"aligned pass rates of " +
                    escape(stats.domain) + " per day\"><rect x=\"0\" y=\"0\" width=\"720\" height=\"200\" fill=\"#f6f6f6\"/>";
  if (daily.empty()) return out + "</svg>";
  std::int64_t first = daily.begin()->first, last = daily.rbegin()->first;
  double span = last > first ? static_cast<double>(last - first) : 1;
  struct Series {
    const char* name;
    const char* colour;
    std::uint64_t reports::MessageCounts::*field;
  };
  const Series series[] = {{"aligned SPF", "#1f77b4", &reports::MessageCounts::spf_aligned_pass},
                           {"aligned DKIM", "#2ca02c", &reports::MessageCounts::dkim_aligned_pass},
                           {"DMARC pass", "#d62728", &reports::MessageCounts::dmarc_pass}};
  int legend = 0;
  for (const auto& s : series) {
    std::string points;
    for (const auto& [day, counts] : daily) {
      if (counts.messages == 0) continue;
      double x = daily.size() == 1 ? width / 2 : static_cast<double>(day - first) / span * (width - 20) + 10;
      double y = height - 10 - static_cast<double>(counts.*s.field) / static_cast<double>(counts.messages) * (height - 20);
      points += number(x) + "," + number(y) + " ";
    }
    out += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + std::string(s.colour) + "\" points=\"" + points + "\"/>";
    out += "<text x=\"" + std::to_string(10 + legend * 150) + "\" y=\"215\" font-size=\"12\" fill=\"" + s.colour + "\">" + s.name + "</text>";
    ++legend;
  }
  return out + "</svg>";
}

}  // namespace

std::string dmarc_report_html(const reports::Aggregation& aggregation, const std::vector<reports::Readiness>& readiness) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
      "<title>DMARC aggregate reports</title><style>"
      "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
      "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:first-child,td:nth-child(2),th{text-align:left}"
      ".ready{color:#176b2c}.notready{color:#a4161a}</style></head><body>\n<h1>DMARC aggregate reports</h1>\n";
  out += "<p>" + std::to_string(aggregation.reports().size()) + " reports read.</p>\n<h2>Readiness</h2>\n";
  out += "<table id=\"readiness\"><tr><th>domain</th><th>policy</th><th>messages</th><th>DMARC pass</th><th>would fail</th>"
         "<th>overridden</th><th>verdict</th><th>next step</th></tr>\n";
  for (const auto& r : readiness) {
    bool ready = r.verdict != reports::Verdict::not_ready;
    out += "<tr><td>" + escape(r.domain) + "</td><td>" + escape(r.policy_tag + "=" + r.policy) + "</td><td>" +
           std::to_string(r.counts.messages) + "</td><td>" + rate(r.counts.dmarc_pass, r.counts.messages) + "</td><td>" +
           std::to_string(r.counts.would_fail) + "</td><td>" + std::to_string(r.counts.overridden) + "</td><td class=\"" +
           (ready ? "ready" : "notready") + "\">" + escape(r.verdict_text) + "</td><td>" + escape(r.advice) + "</td></tr>\n";
  }
  out += "</table>\n<h2>Aligned pass rates per day</h2>\n";
  for (const auto& [name, stats] : aggregation.domains()) out += "<h3>" + escape(name) + "</h3>\n" + chart(stats) + "\n";
  out += "<h2>Sources</h2>\n<table id=\"sources\"><tr><th>domain</th><th>source</th><th>messages</th><th>aligned SPF</th>"
         "<th>aligned DKIM</th><th>DMARC pass</th><th>would fail</th><th>overridden</th></tr>\n";
  for (const auto* s : aggregation.sources()) {
    const auto& c = s->counts;
    out += "<tr><td>" + escape(s->domain) + "</td><td>" + escape(s->source_ip) + "</td><td>" + std::to_string(c.messages) +
           "</td><td>" + rate(c.spf_aligned_pass, c.messages) + "</td><td>" + rate(c.dkim_aligned_pass, c.messages) +
           "</td><td>" + rate(c.dmarc_pass, c.messages) + "</td><td>" + std::to_string(c.would_fail) + "</td><td>" +
           std::to_string(c.overridden) + "</td></tr>\n";
  }
  return out + "</table>\n</body></html>\n";
}

}  // namespace bimi::cli
