#include "bimi/reports/aggregate_report.hpp"

namespace bimi::reports {

std::string_view to_string(Schema schema) {
  switch (schema) {
    case Schema::draft: return "draft";
    case Schema::rfc7489: return "rfc7489";
    case Schema::rfc9990: return "rfc9990";
  }
  return "rfc7489";
}

std::uint64_t AggregateReport::messages() const {
  std::uint64_t total = 0;
  for (const auto& record : records) total = saturating_add(total, record.count);
  return total;
}

}  // namespace bimi::reports
