// The one place the CLI prints errors and the end-of-capture summary (tcpdump's wording).
#pragma once

#include <cstdint>

#include "ringdump/result.hpp"
#include "ringdump/stats.hpp"

namespace ringdump::cli {

// tcpdump's exit status when the printed output cannot be written (S_ERR_ND_WRITE_FILE): `| head -1`.
inline constexpr int kExitOutputFailed = 14;

// Prints "ringdump: MESSAGE" on stderr and returns tcpdump's exit code for errors: 1, or 14 for kOutput.
int ReportError(const Error& error);

// tcpdump's three lines ("N packets captured", "N packets received by filter", "N packets dropped by kernel");
// with `per_queue`, a table of every queue's counters after them.
void PrintSummary(const CaptureStats& stats, bool per_queue, uint64_t lost_after_accept);

}  // namespace ringdump::cli
