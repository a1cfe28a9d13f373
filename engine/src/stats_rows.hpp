// Periodic statistics rows (--stats-interval / --stats-file): one row per queue plus a total row per
// interval, as CSV or as JSON lines, from two snapshots of CaptureStats. Also the CSV reader the HTML report
// uses, so the writer and the reader of the format live side by side and are tested together
// (docs/statistics.md).
//
// Pure functions: the caller takes the snapshots (once per interval, off the capture threads) and writes the
// text wherever it wants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ringdump/result.hpp"
#include "ringdump/stats.hpp"

namespace ringdump {

enum class StatsFormat { kCsv, kJson };

// One snapshot of a running capture.
struct StatsSnapshot {
  int64_t sec = 0;  // wall-clock time it was taken (UTC)
  uint32_t nsec = 0;
  double elapsed = 0;  // seconds since the capture started (monotonic)
  CaptureStats stats;
  uint64_t files = 0;  // output files opened so far (1 without rotation)
};

// The CSV header line (ends in '\n'). The columns, in order:
// time,queue,interval_s,packets,bytes,kernel_received,kernel_drops,freezes,writer_stalls,sink_drops,
// packets_per_s,mbit_per_s,packets_total,bytes_total,kernel_received_total,kernel_drops_total,
// freezes_total,writer_stalls_total,sink_drops_total,files_total
std::string StatsCsvHeader();

// The rows for the interval from `previous` to `current`: one per queue (queue = 0, 1, ...) then the total
// (queue = "total"), each ending in '\n'. For the first row pass a `previous` with elapsed 0 and empty stats.
// Counters are differences (a counter that went backwards counts as 0); *_total columns are cumulative.
std::string FormatStatsRows(StatsFormat format, const StatsSnapshot& previous, const StatsSnapshot& current);

// The live status line (without the terminal's carriage return): totals and the rates over the interval,
// "Packets: 1,234,567  45,110 pkt/s  361.2 Mbit/s  drops 0  files 1  1.2 GB written".
std::string FormatStatusLine(const StatsSnapshot& previous, const StatsSnapshot& current);

// The Prometheus text exposition (version 0.0.4) of a snapshot, for --metrics-listen: one counter family per
// QueueStats field with a queue label per queue (ringdump_packets_total{queue="0"} ...), plus
// ringdump_files_total and ringdump_uptime_seconds. Totals over queues are left to the query (sum()).
// `queue_interfaces`, when given, names the interface of each queue: an interface label follows the queue
// label (ringdump_packets_total{queue="0",interface="eth0"}). docs/statistics.md lists every family.
std::string FormatPrometheusMetrics(const StatsSnapshot& snapshot,
                                    const std::vector<std::string>& queue_interfaces = {});

// The label set of queue `queue` as FormatPrometheusMetrics writes it: `queue="0"` or
// `queue="0",interface="eth0"` (the name escaped as the exposition format wants), without braces.
std::string PrometheusQueueLabels(size_t queue, const std::vector<std::string>& queue_interfaces);

// "2026-11-22T06:23:39.123Z": ISO 8601, UTC, milliseconds.
std::string FormatIsoTime(int64_t sec, uint32_t nsec);

// One row read back from a CSV stats file (the columns the report plots).
struct StatsRow {
  std::string time;
  std::string queue;  // "0", "1", ... or "total"
  double interval_s = 0;
  double packets_per_s = 0;
  double mbit_per_s = 0;
  uint64_t packets = 0;
  uint64_t kernel_drops = 0;
  uint64_t packets_total = 0;
  uint64_t kernel_drops_total = 0;
  uint64_t freezes_total = 0;
  uint64_t writer_stalls_total = 0;
  uint64_t files_total = 0;
};

// Parses a CSV stats file written by FormatStatsRows (columns found by header name, so added columns do not
// break old reports). The error names the line.
Result<std::vector<StatsRow>> ParseStatsCsv(std::string_view text);

// The same from JSON lines written with --stats-format json.
Result<std::vector<StatsRow>> ParseStatsJsonLines(std::string_view text);

// CSV or JSON lines, whichever `text` is (JSON lines start with '{').
Result<std::vector<StatsRow>> ParseStatsText(std::string_view text);

}  // namespace ringdump
