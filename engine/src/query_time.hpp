// The times `ringdump query --after/--before` (and later the HTTP /pcap endpoint) accept, to nanoseconds
// since the epoch: RFC 3339 with a zone ("2026-12-04T09:15:00Z", "...+01:00"), the same without a zone as
// local time ("2026-12-04T10:15:00", a space for the T works too), fractions of a second in either, or epoch
// seconds with a fraction ("1796375700.25").
#pragma once

#include <cstdint>
#include <string>

#include "ringdump/result.hpp"

namespace ringdump {

// Nanoseconds since the epoch; an Error of kind kBadArgument saying what is accepted otherwise.
Result<int64_t> ParseQueryTime(const std::string& text);

// "2026-12-04T09:15:00.123456789Z" (UTC, nanoseconds; for messages and docs).
std::string FormatQueryTime(int64_t ns);

}  // namespace ringdump
