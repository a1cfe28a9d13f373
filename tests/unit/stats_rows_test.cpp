// Statistics rows: CSV and JSON text from two snapshots (interval differences, cumulative totals, the total
// row), ISO 8601 times, and the CSV reader the HTML report uses (round trip, errors).
#include "stats_rows.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ringdump {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t eol = text.find('\n', start);
    lines.push_back(text.substr(start, eol - start));
    start = eol + 1;
  }
  return lines;
}

QueueStats Queue(uint64_t seen, uint64_t bytes, uint64_t received, uint64_t dropped) {
  QueueStats q;
  q.packets_seen = seen;
  q.bytes_written = bytes;
  q.kernel_received = received;
  q.kernel_dropped = dropped;
  return q;
}

StatsSnapshot Snapshot(double elapsed, std::vector<QueueStats> queues, uint64_t files) {
  StatsSnapshot s;
  s.sec = 1763792619;  // 2025-11-22T06:23:39Z
  s.nsec = 123999999;
  s.elapsed = elapsed;
  s.stats.queues = std::move(queues);
  s.files = files;
  return s;
}

TEST(StatsRows, IsoTimeIsUtcWithMilliseconds) {
  EXPECT_EQ(FormatIsoTime(0, 0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTime(1763792619, 123999999), "2025-11-22T06:23:39.123Z");
}

TEST(StatsRows, CsvRowsPerQueueAndTotal) {
  const StatsSnapshot first = Snapshot(0, {}, 0);
  StatsSnapshot a = Snapshot(2.0, {Queue(100, 125000, 110, 10), Queue(50, 25000, 50, 0)}, 1);
  a.stats.queues[1].freeze_count = 2;
  a.stats.queues[1].writer_stalls = 3;
  const auto lines = Lines(StatsCsvHeader() + FormatStatsRows(StatsFormat::kCsv, first, a));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1],
            "2025-11-22T06:23:39.123Z,0,2.000,100,125000,110,10,0,0,0,50.0,0.500,100,125000,110,10,0,0,0,1");
  EXPECT_EQ(lines[2],
            "2025-11-22T06:23:39.123Z,1,2.000,50,25000,50,0,2,3,0,25.0,0.100,50,25000,50,0,2,3,0,1");
  EXPECT_EQ(
      lines[3],
      "2025-11-22T06:23:39.123Z,total,2.000,150,150000,160,10,2,3,0,75.0,0.600,150,150000,160,10,2,3,0,1");

  // The next interval: differences in the interval columns, cumulative counts in the *_total columns.
  const StatsSnapshot b = Snapshot(3.0, {Queue(400, 125000 + 250000, 420, 10), Queue(50, 25000, 50, 0)}, 2);
  const auto next = Lines(FormatStatsRows(StatsFormat::kCsv, a, b));
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next[0],
            "2025-11-22T06:23:39.123Z,0,1.000,300,250000,310,0,0,0,0,300.0,2.000,400,375000,420,10,0,0,0,2");
  EXPECT_EQ(
      next[2],
      "2025-11-22T06:23:39.123Z,total,1.000,300,250000,310,0,0,0,0,300.0,2.000,450,400000,470,10,0,0,0,2");
}

TEST(StatsRows, CounterGoingBackwardsCountsZero) {
  const StatsSnapshot a = Snapshot(1, {Queue(10, 0, 10, 5)}, 1);
  const StatsSnapshot b = Snapshot(2, {Queue(8, 0, 10, 5)}, 1);
  const auto lines = Lines(FormatStatsRows(StatsFormat::kCsv, a, b));
  EXPECT_EQ(lines[0].substr(0, 37), "2025-11-22T06:23:39.123Z,0,1.000,0,0,");
}

TEST(StatsRows, JsonLines) {
  const StatsSnapshot a = Snapshot(1.5, {Queue(3, 300, 4, 1)}, 1);
  const auto lines = Lines(FormatStatsRows(StatsFormat::kJson, Snapshot(0, {}, 0), a));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(
      lines[0],
      "{\"time\":\"2025-11-22T06:23:39.123Z\",\"queue\":0,\"interval_s\":1.500,\"packets\":3,\"bytes\":300,"
      "\"kernel_received\":4,\"kernel_drops\":1,\"freezes\":0,\"writer_stalls\":0,\"sink_drops\":0,"
      "\"packets_per_s\":2.0,\"mbit_per_s\":0.002,\"packets_total\":3,\"bytes_total\":300,"
      "\"kernel_received_total\":4,\"kernel_drops_total\":1,\"freezes_total\":0,\"writer_stalls_total\":0,"
      "\"sink_drops_total\":0,\"files_total\":1}");
  EXPECT_NE(lines[1].find("\"queue\":\"total\""), std::string::npos) << lines[1];
}

TEST(StatsRows, StatusLine) {
  const StatsSnapshot a = Snapshot(1, {Queue(1000, 1000000, 1000, 0)}, 1);
  const StatsSnapshot b = Snapshot(1.5, {Queue(1234567, 1234567890, 1234600, 33), Queue(1, 10, 1, 1)}, 4);
  EXPECT_EQ(FormatStatusLine(a, b),
            "Packets: 1,234,568  2,467,136 pkt/s  19737.1 Mbit/s  drops 34  files 4  1.2 GB written");
  EXPECT_EQ(FormatStatusLine(a, a), "Packets: 1,000  0 pkt/s  0.0 Mbit/s  drops 0  files 1  1.0 MB written");
  EXPECT_EQ(FormatStatusLine(Snapshot(0, {}, 0), Snapshot(1, {Queue(999, 999, 0, 0)}, 1)),
            "Packets: 999  999 pkt/s  0.0 Mbit/s  drops 0  files 1  999 B written");
}

TEST(StatsRows, PrometheusText) {
  StatsSnapshot s = Snapshot(12.5, {Queue(10, 1000, 12, 2), Queue(5, 500, 5, 0)}, 3);
  s.stats.queues[1].freeze_count = 7;
  const std::string text = FormatPrometheusMetrics(s);
  EXPECT_NE(text.find("# TYPE ringdump_packets_total counter\nringdump_packets_total{queue=\"0\"} 10\n"
                      "ringdump_packets_total{queue=\"1\"} 5\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ringdump_kernel_drops_total{queue=\"0\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("ringdump_freezes_total{queue=\"1\"} 7\n"), std::string::npos);
  EXPECT_NE(text.find("ringdump_bytes_written_total{queue=\"1\"} 500\n"), std::string::npos);
  EXPECT_NE(text.find("\nringdump_files_total 3\n"), std::string::npos);
  EXPECT_NE(text.find("\nringdump_uptime_seconds 12.500\n"), std::string::npos);
  size_t help = 0;
  for (size_t at = 0; (at = text.find("# HELP ", at)) != std::string::npos; ++at) ++help;
  EXPECT_EQ(help, 12u);  // 10 queue counters (filtered_out and after_end included), files, uptime
  EXPECT_NE(text.find("ringdump_after_end_total{queue=\"1\"} 0\n"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

TEST(StatsRows, CsvRoundTrip) {
  const StatsSnapshot a = Snapshot(1, {Queue(1000, 1250000, 1100, 100), Queue(10, 100, 10, 0)}, 1);
  const StatsSnapshot b = Snapshot(2, {Queue(3000, 2500000, 3300, 300), Queue(20, 200, 20, 0)}, 3);
  const std::string text = StatsCsvHeader() + FormatStatsRows(StatsFormat::kCsv, Snapshot(0, {}, 0), a) +
                           FormatStatsRows(StatsFormat::kCsv, a, b);
  auto rows = ParseStatsCsv(text);
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  ASSERT_EQ(rows->size(), 6u);
  const StatsRow& r = (*rows)[3];
  EXPECT_EQ(r.queue, "0");
  EXPECT_EQ(r.packets, 2000u);
  EXPECT_DOUBLE_EQ(r.packets_per_s, 2000.0);
  EXPECT_DOUBLE_EQ(r.mbit_per_s, 10.0);
  EXPECT_EQ(r.kernel_drops, 200u);
  EXPECT_EQ(r.kernel_drops_total, 300u);
  EXPECT_EQ((*rows)[5].queue, "total");
  EXPECT_EQ((*rows)[5].files_total, 3u);
  EXPECT_EQ((*rows)[5].packets_total, 3020u);
}

TEST(StatsRows, JsonLinesReadBackLikeCsv) {
  const StatsSnapshot a = Snapshot(1, {Queue(1000, 1250000, 1100, 100), Queue(10, 100, 10, 0)}, 1);
  const StatsSnapshot b = Snapshot(2, {Queue(3000, 2500000, 3300, 300), Queue(20, 200, 20, 0)}, 3);
  const std::string csv = StatsCsvHeader() + FormatStatsRows(StatsFormat::kCsv, Snapshot(0, {}, 0), a) +
                          FormatStatsRows(StatsFormat::kCsv, a, b);
  const std::string json =
      FormatStatsRows(StatsFormat::kJson, Snapshot(0, {}, 0), a) + FormatStatsRows(StatsFormat::kJson, a, b);
  auto from_csv = ParseStatsText(csv);
  auto from_json = ParseStatsText(json);
  ASSERT_TRUE(from_csv.ok()) << from_csv.error().message();
  ASSERT_TRUE(from_json.ok()) << from_json.error().message();
  ASSERT_EQ(from_json->size(), from_csv->size());
  for (size_t i = 0; i < from_csv->size(); ++i) {
    const StatsRow& c = (*from_csv)[i];
    const StatsRow& j = (*from_json)[i];
    EXPECT_EQ(j.time, c.time);
    EXPECT_EQ(j.queue, c.queue);
    EXPECT_EQ(j.packets, c.packets);
    EXPECT_DOUBLE_EQ(j.packets_per_s, c.packets_per_s);
    EXPECT_DOUBLE_EQ(j.mbit_per_s, c.mbit_per_s);
    EXPECT_EQ(j.kernel_drops_total, c.kernel_drops_total);
    EXPECT_EQ(j.files_total, c.files_total);
  }
  EXPECT_EQ(from_json->back().queue, "total");
  auto broken = ParseStatsText(json.substr(0, json.size() - 5));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message().find("malformed JSON row on line 6"), std::string::npos)
      << broken.error().message();
}

TEST(StatsRows, ParseErrorsNameTheProblem) {
  auto empty = ParseStatsCsv("");
  ASSERT_FALSE(empty.ok());
  auto wrong = ParseStatsCsv("a,b,c\n1,2,3\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().message().find("no column time"), std::string::npos);
  const std::string bad = StatsCsvHeader() + "2025-11-22T06:23:39.123Z,0,1.000,x\n";
  auto malformed = ParseStatsCsv(bad);
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.error().message().find("line 2"), std::string::npos) << malformed.error().message();
}

}  // namespace
}  // namespace ringdump
