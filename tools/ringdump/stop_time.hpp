// --stop-at TIME: when a capture must end, as an absolute time. A time of day means its next occurrence
// (today, or tomorrow when already past: the start-up line says which, so a cron job started a minute late
// is seen to run for a day); a date with it is that moment, and one in the past is an error. Formats:
//   HH:MM[:SS]                                   local time, next occurrence
//   YYYY-MM-DD HH:MM[:SS], YYYY-MM-DDTHH:MM[:SS]  local time
//   the same followed by Z or +HH:MM / -HH:MM     RFC 3339: UTC or that offset (fractional seconds allowed)
#pragma once

#include <ctime>
#include <string>

#include "ringdump/result.hpp"

namespace ringdump::cli {

struct StopTime {
  time_t at = 0;       // the resolved moment
  bool tomorrow = false;  // a time of day already past today
};

// The message names --stop-at and the accepted formats.
Result<StopTime> ResolveStopAt(const std::string& when, time_t now);

// "stopping at 2026-12-05 09:15:00 CET (in 23h59m)": the resolved time in local time, for stderr at start.
std::string DescribeStopTime(const StopTime& stop, time_t now);

}  // namespace ringdump::cli
