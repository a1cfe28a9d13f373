// The statistics reporter of a live capture: a thread of its own that, once per interval, takes one snapshot
// of the capture's counters and writes the rows to --stats-file (CSV or JSON lines) and/or refreshes the live
// status line on the terminal. The capture threads never wait for it: it only calls read_stats (a read of
// the engine's counters) once per tick.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "live_status.hpp"
#include "metrics_server.hpp"
#include "options.hpp"
#include "ringdump/result.hpp"
#include "ringdump/stats.hpp"
#include "stats_rows.hpp"

namespace ringdump::cli {

class StatsReporter {
 public:
  // `read_stats` and `files_written` are called from the reporter's thread; they must stay valid until
  // Stop().
  StatsReporter(const CliOptions& options, std::function<CaptureStats()> read_stats,
                std::function<uint64_t()> files_written);
  ~StatsReporter();
  StatsReporter(const StatsReporter&) = delete;
  StatsReporter& operator=(const StatsReporter&) = delete;

  // Opens the stats file for appending (the CSV header only into a new or empty file; a CSV file with other
  // columns is moved to PATH.old first), binds --metrics-listen, and starts the thread. Does nothing when no
  // rows, status line or metrics are wanted. The error names the file or the address.
  Status Start();

  // Writes the final rows (the interval up to now), erases the status line, closes the file, joins the
  // thread. Safe to call twice.
  void Stop();

  // What /metrics answers for a snapshot (default: FormatPrometheusMetrics). Set before Start(); called on
  // the listener's thread, so it must be quick and stay valid until Stop().
  void SetMetricsRenderer(std::function<std::string(const StatsSnapshot&)> render) {
    render_ = std::move(render);
  }

  // The capture runs (true) or stops (false): what /readyz answers.
  void SetCapturing(bool capturing) {
    if (metrics_) metrics_->SetReady(capturing);
  }
  // The --metrics-listen listener, for more routes (nullptr without the option); valid until Stop().
  HttpServer* http() { return metrics_ ? &metrics_->http() : nullptr; }

  // Whether Start() found anything to do (for tests and for the caller's messages).
  bool active() const { return thread_.joinable() || metrics_ != nullptr; }
  // The port --metrics-listen is bound to (0 without it); useful with port 0.
  uint16_t metrics_port() const { return metrics_ ? metrics_->port() : 0; }

 private:
  void Loop();
  StatsSnapshot Take();
  void WriteRows(const StatsSnapshot& previous, const StatsSnapshot& current);

  std::function<CaptureStats()> read_stats_;
  std::function<uint64_t()> files_written_;
  std::function<std::string(const StatsSnapshot&)> render_;
  double row_interval_ = 0;  // seconds between stats rows; 0: no rows
  std::string stats_path_;   // "-": standard output
  StatsFormat format_ = StatsFormat::kCsv;
  bool want_status_ = false;
  std::string metrics_listen_;
  std::string api_token_file_;

  FILE* file_ = nullptr;
  bool owns_file_ = false;
  std::unique_ptr<LiveStatus> status_;
  std::unique_ptr<MetricsServer> metrics_;  // serves from its own thread; Take() is safe to call there
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  int64_t start_ns_ = 0;  // steady clock at Start()
  StatsSnapshot last_row_;
};

}  // namespace ringdump::cli
