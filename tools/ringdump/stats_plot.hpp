// `ringdump stats plot STATS.csv -o REPORT.html`: turns a --stats-file CSV (or JSON lines) into one
// self-contained HTML page with charts over time of packets/s, Mbit/s and kernel drops per queue
// (stats_plot_page.hpp).
#pragma once

#include <string>
#include <vector>

#include "ringdump/result.hpp"
#include "stats_rows.hpp"

namespace ringdump::cli {

// The page for `rows` read from `source` (shown on the page). Rows are grouped by queue in file order.
Result<std::string> BuildStatsReportHtml(const std::vector<StatsRow>& rows, const std::string& source);

// argv starts at "stats": `stats plot FILE.csv [-o REPORT.html]` (default: FILE with .html). Returns the exit
// code; errors are printed as "ringdump: ...".
int RunStatsCommand(int argc, char** argv);

}  // namespace ringdump::cli
