// Times as users type them (ISO 8601 / RFC 3339) and as bimi prints them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bimi::vmc {

// "2022-07-09T08:30:14Z".
std::string format_time(long long unix_seconds);

// What usage errors name as the accepted forms of a time.
inline constexpr std::string_view accepted_time_forms =
    "YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS[.fff] (T or a space), followed by Z, an offset "
    "(+HH:MM, +HHMM or +HH) or nothing (UTC); the basic forms YYYYMMDD and YYYYMMDDTHHMM[SS] too";

struct ParsedTime {
  long long seconds = 0;      // since the epoch, UTC
  bool zone_assumed = false;  // no Z or offset was given: the time was taken as UTC
};

// ISO 8601 calendar dates and times in the forms of accepted_time_forms; impossible dates and times
// (February 30, 24:00, an offset past 23:59) are refused.
std::optional<ParsedTime> parse_time_text(std::string_view text);

// parse_time_text's seconds.
std::optional<long long> parse_time(std::string_view text);

}  // namespace bimi::vmc
