// The reporter thread (see stats_reporter.hpp). Two schedules share one thread: status refreshes every
// second, rows every --stats-interval; deadlines are fixed multiples of the period from Start(), so rows do
// not drift by the time it takes to write them.
#include "stats_reporter.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <string>

namespace ringdump::cli {
namespace {

using Clock = std::chrono::steady_clock;

int64_t SteadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

constexpr double kStatusPeriod = 1.0;        // seconds between live status refreshes
constexpr double kDefaultRowInterval = 1.0;  // --stats-file without --stats-interval

Error StatsFileError(const std::string& what, const std::string& path) {
  const int err = errno;
  return Error(what + std::strerror(err) + " <- " + path + " <- --stats-file",
               err == ENOSPC ? Error::Kind::kNoSpace : Error::Kind::kIo);
}

// The stats file is opened for appending: a service restarted by systemd (Restart=on-failure) must not wipe
// the rows of the run that failed, which are the ones worth reading. A CSV file whose first line is not this
// version's header (other columns, or JSON lines) would become unreadable with our rows under it: it is
// moved aside to PATH.old, with a warning, and a new file is started.
Result<FILE*> OpenStatsFile(const std::string& path, StatsFormat format) {
  if (format == StatsFormat::kCsv) {
    if (FILE* existing = std::fopen(path.c_str(), "r")) {
      std::string header = StatsCsvHeader();
      std::string first(header.size() + 1, '\0');
      const size_t n = std::fread(first.data(), 1, first.size(), existing);
      std::fclose(existing);
      first.resize(n);
      const bool same = first.compare(0, header.size(), header) == 0;
      if (n != 0 && !same) {
        const std::string aside = path + ".old";
        if (std::rename(path.c_str(), aside.c_str()) != 0) return StatsFileError("cannot move aside: ", path);
        std::fprintf(stderr, "ringdump: warning: --stats-file %s has other columns: moved to %s\n", path.c_str(),
                     aside.c_str());
      }
    }
  }
  FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) return StatsFileError("", path);
  std::fseek(file, 0, SEEK_END);  // ftell() is the size from here on: 0 for a new or empty file
  return file;
}

}  // namespace

StatsReporter::StatsReporter(const CliOptions& options, std::function<CaptureStats()> read_stats,
                             std::function<uint64_t()> files_written)
    : read_stats_(std::move(read_stats)), files_written_(std::move(files_written)) {
  format_ = options.stats_format == "json" ? StatsFormat::kJson : StatsFormat::kCsv;
  stats_path_ = options.stats_file;
  if (options.stats_interval > 0 || !stats_path_.empty())
    row_interval_ = options.stats_interval > 0 ? options.stats_interval : kDefaultRowInterval;
  // Rows without a file go to stderr; a status line there would interleave with them, so it stays off.
  const bool rows_on_stderr = row_interval_ > 0 && stats_path_.empty();
  const bool quiet = options.quiet_status || options.quiet;
  metrics_listen_ = options.metrics_listen;
  api_token_file_ = options.api_token_file;
  want_status_ = !rows_on_stderr && LiveStatus::Wanted(stderr, quiet, !options.write_file.empty()) &&
                 options.write_file != "-";
}

StatsReporter::~StatsReporter() { Stop(); }

Status StatsReporter::Start() {
  start_ns_ = SteadyNs();
  if (!metrics_listen_.empty()) {
    auto server = MetricsServer::Listen(metrics_listen_, api_token_file_,
                                        [this] {
                                          const StatsSnapshot now = Take();
                                          return render_ ? render_(now) : FormatPrometheusMetrics(now);
                                        });
    if (!server.ok()) return server.error();
    metrics_ = std::move(server).value();
  }
  if (row_interval_ <= 0 && !want_status_) return Ok();
  if (row_interval_ > 0) {
    if (stats_path_.empty()) {
      file_ = stderr;
    } else if (stats_path_ == "-") {
      file_ = stdout;
    } else {
      auto opened = OpenStatsFile(stats_path_, format_);
      if (!opened.ok()) return std::move(opened).error();
      file_ = opened.value();
      owns_file_ = true;
    }
    // A header starts a file; rows appended to an existing one (a restarted service) follow its header.
    if (format_ == StatsFormat::kCsv && (!owns_file_ || std::ftell(file_) == 0))
      std::fputs(StatsCsvHeader().c_str(), file_);
    std::fflush(file_);
  }
  if (want_status_) status_ = std::make_unique<LiveStatus>(stderr);
  last_row_ = Take();
  last_row_.elapsed = 0;
  last_row_.stats.queues.clear();  // the first row counts from zero, not from the first snapshot
  thread_ = std::thread(&StatsReporter::Loop, this);
  return Ok();
}

void StatsReporter::Stop() {
  SetCapturing(false);
  metrics_.reset();
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (status_) status_->Clear();
  if (file_ != nullptr) {
    const StatsSnapshot now = Take();
    WriteRows(last_row_, now);  // the last, usually shorter, interval: totals end equal to the summary's
    last_row_ = now;
    if (owns_file_)
      std::fclose(file_);
    else
      std::fflush(file_);
    file_ = nullptr;
  }
}

StatsSnapshot StatsReporter::Take() {
  StatsSnapshot s;
  struct timespec wall {};
  clock_gettime(CLOCK_REALTIME, &wall);
  s.sec = wall.tv_sec;
  s.nsec = static_cast<uint32_t>(wall.tv_nsec);
  s.elapsed = static_cast<double>(SteadyNs() - start_ns_) / 1e9;
  s.stats = read_stats_();
  s.files = files_written_ ? files_written_() : 0;
  return s;
}

void StatsReporter::WriteRows(const StatsSnapshot& previous, const StatsSnapshot& current) {
  const std::string rows = FormatStatsRows(format_, previous, current);
  std::fwrite(rows.data(), 1, rows.size(), file_);
  std::fflush(file_);  // whole rows at once, so `tail -f` and a crash both see complete lines
}

void StatsReporter::Loop() {
  const auto start = Clock::time_point(std::chrono::nanoseconds(start_ns_));
  auto at = [&](double seconds) {
    return start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  };
  uint64_t row_ticks = 1, status_ticks = 1;
  StatsSnapshot last_status = last_row_;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const double next_row = file_ ? row_ticks * row_interval_ : 1e300;
    const double next_status = status_ ? status_ticks * kStatusPeriod : 1e300;
    const double next = std::min(next_row, next_status);
    if (wake_.wait_until(lock, at(next), [&] { return stopping_; })) break;
    lock.unlock();
    const StatsSnapshot now = Take();  // one read of the counters serves both outputs
    if (file_ && now.elapsed + 1e-6 >= next_row) {
      WriteRows(last_row_, now);
      last_row_ = now;
      // After a long stall, skip the missed deadlines instead of writing a burst of empty rows.
      while (row_ticks * row_interval_ <= now.elapsed) ++row_ticks;
    }
    if (status_ && now.elapsed + 1e-6 >= next_status) {
      status_->Update(last_status, now);
      last_status = now;
      while (status_ticks * kStatusPeriod <= now.elapsed) ++status_ticks;
    }
    lock.lock();
  }
}

}  // namespace ringdump::cli
