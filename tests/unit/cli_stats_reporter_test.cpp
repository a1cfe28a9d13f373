// The statistics reporter thread: rows at the interval into a CSV or JSON file, a final row at Stop() whose
// totals equal the last counters, nothing without options, and a clear error for an unwritable file.
// Also the --metrics-listen endpoint (loopback only).
// The tool's sources are not in a library, so the files under test are compiled into this test directly.
#include "stats_reporter.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "live_status.hpp"
#include "metrics_server.hpp"
#include "stats_rows.hpp"
#include "sys/unique_fd.hpp"

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
  // Start() reads once; then one read per interval row (about 5 here, fewer on a loaded machine: missed
  // deadlines are skipped, not written as a burst) and one for the final row. 3 rows each: two queues, total.
  ASSERT_EQ(rows->size() % 3, 0u);
  const size_t intervals = rows->size() / 3;
  EXPECT_GE(intervals, 2u);
  EXPECT_LE(intervals, 7u);
  EXPECT_EQ(reads, intervals + 1) << "one read per row, plus the one at Start()";
  const StatsRow& last_total = rows->back();
  EXPECT_EQ(last_total.queue, "total");
  EXPECT_EQ(last_total.packets_total, reads * 101) << "the final row carries the last counters";
  EXPECT_EQ(last_total.kernel_drops_total, reads);
  EXPECT_EQ(last_total.files_total, 3u);
  EXPECT_EQ((*rows)[0].queue, "0");
  EXPECT_EQ((*rows)[0].packets_total, 200u) << "the first row counts from zero";
  // Intervals add up to the time between Start() and Stop(); rates are packets over the interval.
  double covered = 0;
  for (size_t r = 2; r < rows->size(); r += 3) covered += (*rows)[r].interval_s;
  EXPECT_GT(covered, 1.0);
  EXPECT_LT(covered, 5.0);
  for (size_t r = 3; r < rows->size(); r += 3) {
    const StatsRow& q0 = (*rows)[r];
    if (q0.interval_s < 0.1) continue;  // the printed interval is rounded to 1 ms
    EXPECT_NEAR(q0.packets_per_s, q0.packets / q0.interval_s, 0.02 * q0.packets / q0.interval_s)
        << "row " << r;
  }
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

// A restarted service (systemd Restart=on-failure) appends to its stats file: the rows of the run that failed
// stay, the header is written once.
TEST(StatsReporter, RestartAppendsRowsUnderOneHeader) {
  TempPath file;  // exists, empty: a new file
  CliOptions options;
  options.stats_interval = 10;  // only the final row of each run
  options.stats_file = file.path;
  for (int run = 0; run < 2; ++run) {
    FakeCapture capture;
    StatsReporter reporter(
        options, [&] { return capture.Read(); }, nullptr);
    ASSERT_TRUE(reporter.Start().ok());
    reporter.Stop();
  }
  const std::string text = Slurp(file.path);
  EXPECT_EQ(text.find(StatsCsvHeader()), 0u) << text;
  EXPECT_EQ(text.find("time,", 1), std::string::npos) << "one header: " << text;
  auto rows = ParseStatsCsv(text);
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  EXPECT_EQ(rows->size(), 6u) << "two runs of three rows (two queues and the total)";
}

// A CSV file of other columns (an older version, or JSON lines) is moved aside instead of being appended to.
TEST(StatsReporter, FileWithOtherColumnsIsMovedAside) {
  TempPath file;
  { std::ofstream(file.path) << "time,queue,packets\n2026-01-01T00:00:00Z,0,1\n"; }
  const std::string aside = file.path + ".old";
  CliOptions options;
  options.stats_interval = 10;
  options.stats_file = file.path;
  FakeCapture capture;
  StatsReporter reporter(
      options, [&] { return capture.Read(); }, nullptr);
  ASSERT_TRUE(reporter.Start().ok());
  reporter.Stop();
  EXPECT_EQ(Slurp(aside), "time,queue,packets\n2026-01-01T00:00:00Z,0,1\n");
  EXPECT_EQ(Slurp(file.path).find(StatsCsvHeader()), 0u);
  EXPECT_TRUE(ParseStatsCsv(Slurp(file.path)).ok());
  unlink(aside.c_str());
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

// One HTTP exchange with 127.0.0.1:port; returns the whole response.
std::string Fetch(uint16_t port, const std::string& request) {
  sys::UniqueFd fd(::socket(AF_INET, SOCK_STREAM, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return "connect failed";
  ::send(fd.get(), request.data(), request.size(), 0);
  std::string response;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd.get(), buf, sizeof(buf), 0)) > 0) response.append(buf, static_cast<size_t>(n));
  return response;
}

TEST(StatsReporter, MetricsEndpointServesCounters) {
  CliOptions options;
  options.metrics_listen = "127.0.0.1:0";
  FakeCapture capture;
  StatsReporter reporter(
      options, [&] { return capture.Read(); }, [] { return uint64_t{2}; });
  ASSERT_TRUE(reporter.Start().ok());
  ASSERT_TRUE(reporter.active());
  ASSERT_NE(reporter.metrics_port(), 0);
  const std::string first = Fetch(reporter.metrics_port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(first.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << first;
  EXPECT_NE(first.find("Content-Type: text/plain; version=0.0.4"), std::string::npos);
  EXPECT_NE(first.find("\r\n\r\n# HELP ringdump_packets_total"), std::string::npos) << first;
  EXPECT_NE(first.find("ringdump_packets_total{queue=\"0\"} 100\n"), std::string::npos) << first;
  EXPECT_NE(first.find("ringdump_files_total 2\n"), std::string::npos);
  const std::string second = Fetch(reporter.metrics_port(), "GET /metrics HTTP/1.0\r\n\r\n");
  EXPECT_NE(second.find("ringdump_packets_total{queue=\"0\"} 200\n"), std::string::npos) << "read per scrape";
  EXPECT_EQ(Fetch(reporter.metrics_port(), "GET /other HTTP/1.0\r\n\r\n").rfind("HTTP/1.1 404", 0), 0u);
  EXPECT_EQ(Fetch(reporter.metrics_port(), "POST /metrics HTTP/1.0\r\n\r\n").rfind("HTTP/1.1 405", 0), 0u);
  const uint16_t port = reporter.metrics_port();
  reporter.Stop();
  EXPECT_EQ(Fetch(port, "GET /metrics HTTP/1.0\r\n\r\n"), "connect failed") << "closed at Stop()";
}

TEST(StatsReporter, MetricsOnlyOnLoopback) {
  for (const char* address : {"0.0.0.0:9100", "10.1.2.3:9100", "[::]:9100", "[2001:db8::1]:1"}) {
    CliOptions options;
    options.metrics_listen = address;
    StatsReporter reporter(
        options, [] { return CaptureStats{}; }, nullptr);
    Status started = reporter.Start();
    ASSERT_FALSE(started.ok()) << address;
    EXPECT_NE(started.error().message().find("only loopback"), std::string::npos)
        << started.error().message();
  }
  for (const char* address : {"127.0.0.1:99999", "localhost:9100", "abc", "[::1]"}) {
    CliOptions options;
    options.metrics_listen = address;
    StatsReporter reporter(
        options, [] { return CaptureStats{}; }, nullptr);
    Status started = reporter.Start();
    ASSERT_FALSE(started.ok()) << address;
    EXPECT_NE(started.error().message().find("invalid --metrics-listen"), std::string::npos)
        << started.error().message();
  }
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
