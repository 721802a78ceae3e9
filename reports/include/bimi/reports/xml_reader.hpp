// Reads the XML of one DMARC aggregate report, in any of the three schemas, with a streaming parser
// (expat): no tree is built, a DOCTYPE or entity declaration is refused before anything is
// expanded, and depth, text, record counts and size are bounded by Limits.
#pragma once

#include <optional>
#include <string_view>

#include "bimi/diagnostic.hpp"
#include "bimi/reports/aggregate_report.hpp"
#include "bimi/reports/limits.hpp"

namespace bimi::reports {

// The report, with known reporter quirks read leniently as `report-quirk` warnings; or nullopt and
// one error finding when the XML is not a report bimi can read.
std::optional<AggregateReport> read_aggregate_report(std::string_view xml, const Limits& limits,
                                                     Diagnostics& out);

}  // namespace bimi::reports
