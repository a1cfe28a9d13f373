// The statistics reporter thread: rows at the interval into a CSV or JSON file, a final row at Stop() whose
// totals equal the last counters, nothing without options, and a clear error for an unwritable file.
// The tool's sources are not in a library, so the two files under test are compiled into this test directly.
#include "../../tools/ringdump/stats_reporter.cpp"  // NOLINT(bugprone-suspicious-include)

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "../../tools/ringdump/live_status.cpp"  // NOLINT(bugprone-suspicious-include)
#include "stats_rows.hpp"

namespace ringdump::cli {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct TempPath {
  std::string path;
  TempPath() {
    char name[] = "/tmp/ringdump_stats_XXXXXX";
    int fd = mkstemp(name);
    close(fd);
    path = name;
  }
  ~TempPath() { unlink(path.c_str()); }
};

// Counters that grow by 100 packets per read, on two queues.
struct FakeCapture {
  std::atomic<uint64_t> reads{0};
  CaptureStats Read() {
    const uint64_t n = ++reads;
    CaptureStats s;
    s.queues.resize(2);
    s.queues[0].packets_seen = n * 100;
    s.queues[0].bytes_written = n * 100000;
    s.queues[0].kernel_received = n * 101;
    s.queues[0].kernel_dropped = n;
    s.queues[1].packets_seen = n;
    return s;
  }
};

TEST(StatsReporter, CsvRowsEveryIntervalAndAFinalRow) {
  TempPath file;
  CliOptions options;
  options.write_file = "/dev/null";
  options.stats_interval = 0.2;
  options.stats_file = file.path;
  FakeCapture capture;
  StatsReporter reporter(
      options, [&] { return capture.Read(); }, [] { return uint64_t{3}; });
  ASSERT_TRUE(reporter.Start().ok());
  ASSERT_TRUE(reporter.active());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  reporter.Stop();
  reporter.Stop();  // twice is fine
  const uint64_t reads = capture.reads.load();
  auto rows = ParseStatsCsv(Slurp(file.path));
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  // Start() reads once; about 5 interval rows and the final one, 3 rows each (two queues and the total).
  ASSERT_EQ(rows->size() % 3, 0u);
  const size_t intervals = rows->size() / 3;
  EXPECT_GE(intervals, 5u);
  EXPECT_LE(intervals, 7u);
  EXPECT_EQ(reads, intervals + 1) << "one read per row, plus the one at Start()";
  const StatsRow& last_total = rows->back();
  EXPECT_EQ(last_total.queue, "total");
  EXPECT_EQ(last_total.packets_total, reads * 101) << "the final row carries the last counters";
  EXPECT_EQ(last_total.kernel_drops_total, reads);
  EXPECT_EQ(last_total.files_total, 3u);
  EXPECT_EQ((*rows)[0].queue, "0");
  EXPECT_EQ((*rows)[0].packets_total, 200u) << "the first row counts from zero";
  EXPECT_NEAR((*rows)[3].interval_s, 0.2, 0.05);
  EXPECT_NEAR((*rows)[3].packets_per_s, 100 / (*rows)[3].interval_s, 0.02 * 100 / (*rows)[3].interval_s);
}

TEST(StatsReporter, JsonLines) {
  TempPath file;
  CliOptions options;
  options.stats_interval = 0.1;
  options.stats_file = file.path;
  options.stats_format = "json";
  FakeCapture capture;
  StatsReporter reporter(
      options, [&] { return capture.Read(); }, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  reporter.Stop();
  const std::string text = Slurp(file.path);
  EXPECT_EQ(text.find("time,"), std::string::npos) << "no CSV header in JSON lines";
  EXPECT_EQ(text.front(), '{');
  EXPECT_NE(text.find("\"queue\":\"total\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"queue\":1,"), std::string::npos) << text;
}

TEST(StatsReporter, InactiveWithoutOptions) {
  CliOptions options;  // no rows; stderr is not a terminal under ctest, or there is no -w
  FakeCapture capture;
  StatsReporter reporter(
      options, [&] { return capture.Read(); }, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  EXPECT_FALSE(reporter.active());
  reporter.Stop();
  EXPECT_EQ(capture.reads.load(), 0u);
}

TEST(StatsReporter, UnwritableFileIsNamed) {
  CliOptions options;
  options.stats_interval = 1;
  options.stats_file = "/nonexistent-dir/stats.csv";
  StatsReporter reporter(
      options, [] { return CaptureStats{}; }, nullptr);
  Status started = reporter.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_NE(started.error().message().find("/nonexistent-dir/stats.csv <- --stats-file"), std::string::npos)
      << started.error().message();
}

TEST(LiveStatus, NotWantedOffATerminalOrWhenQuiet) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(LiveStatus::Wanted(f, false, true)) << "a regular file is not a terminal";
  std::fclose(f);
  EXPECT_FALSE(LiveStatus::Wanted(stderr, true, true)) << "-q";
  EXPECT_FALSE(LiveStatus::Wanted(stderr, false, false)) << "printing packets, not writing a file";
}

TEST(LiveStatus, RewritesOneLineInPlace) {
  FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  LiveStatus status(f);
  StatsSnapshot a, b;
  b.elapsed = 1;
  b.stats.queues.resize(1);
  b.stats.queues[0].packets_seen = 5;
  b.files = 1;
  status.Update(a, b);
  status.Update(b, b);
  status.Clear();
  std::rewind(f);
  char buf[512] = {};
  const size_t n = std::fread(buf, 1, sizeof(buf) - 1, f);
  std::fclose(f);
  const std::string text(buf, n);
  EXPECT_EQ(text.find('\n'), std::string::npos) << "never a newline: the line is rewritten";
  EXPECT_EQ(text.rfind("\r\033[K"), text.size() - 4) << "cleared at the end";
  EXPECT_NE(text.find("\r\033[KPackets: 5  5 pkt/s"), std::string::npos) << text;
}

}  // namespace
}  // namespace ringdump::cli
