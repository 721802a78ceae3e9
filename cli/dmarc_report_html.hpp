// The --html page of `bimi dmarc report`: one self-contained file (no script, no network) with the
// readiness verdicts, the per-source table and a chart of aligned pass rates per day.
#pragma once

#include <string>
#include <vector>

#include "bimi/reports/aggregation.hpp"
#include "bimi/reports/readiness.hpp"

namespace bimi::cli {

std::string dmarc_report_html(const reports::Aggregation& aggregation, const std::vector<reports::Readiness>& readiness);

}  // namespace bimi::cli
