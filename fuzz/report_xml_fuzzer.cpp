// The aggregate report XML reader on arbitrary bytes: every schema, quirk and bound must end in a
// report or one error finding, never a crash, a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bimi/reports/aggregation.hpp"
#include "bimi/reports/readiness.hpp"
#include "bimi/reports/xml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  bimi::Diagnostics findings;
  bimi::reports::Limits limits;
  limits.max_records = 1000;
  auto report = bimi::reports::read_aggregate_report(input, limits, findings);
  if (!report && !findings.has_errors()) __builtin_trap();  // a refusal always says why
  if (report) {
    bimi::reports::Aggregation aggregation;
    aggregation.add(*report, "fuzz");
    (void)bimi::reports::assess_readiness(aggregation);
  }
  return 0;
}
