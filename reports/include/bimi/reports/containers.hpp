// Finds the aggregate reports in whatever carries them: bare XML, gzip, zip, an email with the
// report attached (nested multiparts, base64 or quoted-printable, a wrong Content-Type), or an mbox
// of such emails. The container is recognized by its bytes, never by the file name, because
// reporters name and label their attachments freely. Nothing is written to disk.
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/reports/aggregate_report.hpp"
#include "bimi/reports/limits.hpp"

namespace bimi::reports {

// One report found, or one thing that could not be read. `origin` names where it came from:
// "file.zip:entry.xml", "report.eml:part 2", "export.mbox:message 17".
struct FoundReport {
  std::string origin;
  std::optional<AggregateReport> report;
  Diagnostics findings;  // warnings (quirks) for a report; one error when report is nullopt
};

using ReportSink = std::function<void(FoundReport&&)>;

// Every report in `bytes`, each handed to `sink` as soon as it is read (so a caller that only
// aggregates holds one report at a time).
void read_reports(std::string_view origin, std::string_view bytes, const Limits& limits, const ReportSink& sink);

// True when the data starts as an mbox file does ("From " on the first line, RFC 4155).
bool looks_like_mbox(std::string_view head);

// Every report of every message of an mbox, streamed: one message in memory at a time.
void read_mbox(std::string_view origin, std::istream& in, const Limits& limits, const ReportSink& sink);

}  // namespace bimi::reports
