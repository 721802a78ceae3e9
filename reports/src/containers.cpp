#include "bimi/reports/containers.hpp"

#include <string>

#include "bimi/gzip.hpp"
#include "bimi/reports/rules.hpp"
#include "bimi/reports/xml_reader.hpp"
#include "nested.hpp"

namespace bimi::reports {
namespace detail {
namespace {

std::string_view skip_bom_and_space(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && (bytes.front() == ' ' || bytes.front() == '\t' || bytes.front() == '\r' || bytes.front() == '\n'))
    bytes.remove_prefix(1);
  return bytes;
}

bool looks_like_xml(std::string_view bytes) { return skip_bom_and_space(bytes).starts_with('<'); }

bool looks_like_zip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) || bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

// A header field name (printable ASCII but the colon) and a colon on the first line.
bool looks_like_email(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && i < 1000 && bytes[i] > 32 && bytes[i] < 127 && bytes[i] != ':') ++i;
  return i > 0 && i < bytes.size() && bytes[i] == ':';
}

}  // namespace

bool looks_like_report_payload(std::string_view bytes) {
  return is_gzip(bytes) || looks_like_zip(bytes) || looks_like_xml(bytes);
}

void fail(const ReportSink& sink, std::string_view origin, std::string_view rule, std::string message) {
  FoundReport found{std::string(origin), std::nullopt, {}};
  report(found.findings, rule, std::move(message));
  sink(std::move(found));
}

void read_nested(std::string_view origin, std::string_view bytes, const Limits& limits, std::size_t depth,
                 const ReportSink& sink) {
  if (depth > limits.max_container_depth) {
    fail(sink, origin, "container-too-deep",
         "containers nest deeper than " + std::to_string(limits.max_container_depth) + " levels");
    return;
  }
  if (is_gzip(bytes)) {
    std::string error;
    auto inflated = gunzip(bytes, limits.max_xml_bytes, error);
    if (!inflated) {
      fail(sink, origin, "container-gzip", "gzip: " + error);
      return;
    }
    read_nested(origin, *inflated, limits, depth + 1, sink);
  } else if (looks_like_zip(bytes)) {
    read_zip(origin, bytes, limits, depth + 1, sink);
  } else if (looks_like_xml(bytes)) {
    FoundReport found{std::string(origin), std::nullopt, {}};
    found.report = read_aggregate_report(bytes, limits, found.findings);
    sink(std::move(found));
  } else if (looks_like_mbox(bytes) || looks_like_email(bytes)) {
    // An mbox held in memory (inside a zip, say) is read as one message: its "From " line is a
    // header line no parser needs.
    if (looks_like_mbox(bytes)) bytes.remove_prefix(std::min(bytes.size(), bytes.find('\n') + 1));
    read_message(origin, bytes, limits, depth + 1, sink);
  } else {
    fail(sink, origin, "container-unknown", "not a DMARC aggregate report: neither XML, gzip, zip, an email nor an mbox");
  }
}

}  // namespace detail

bool looks_like_mbox(std::string_view head) { return head.starts_with("From "); }

void read_reports(std::string_view origin, std::string_view bytes, const Limits& limits, const ReportSink& sink) {
  detail::read_nested(origin, bytes, limits, 0, sink);
}

}  // namespace bimi::reports
