// A Unix time as the day it falls on in UTC ("2026-12-01"), as reports and dashboards print dates.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace bimi::cli {

inline std::string utc_date(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
  return buffer;
}

}  // namespace bimi::cli
