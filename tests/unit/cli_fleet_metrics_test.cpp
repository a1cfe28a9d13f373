// The fleet's /metrics families (issue #17 item 1): the write latency histogram's buckets, its text form,
// the interface label, the newest packet watcher, the store scan of a file set and the first-record reader
// it relies on (fed by real FileSink output, pcap and pcapng, and by a byte-swapped header made by hand).
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "file_sink.hpp"
#include "first_packet_time.hpp"
#include "fleet_metrics.hpp"

namespace ringdump::cli {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  TempDir() {
    std::string tmpl = "/var/tmp/ringdump_fleet_XXXXXX";
    if (mkdtemp(tmpl.data()) != nullptr) path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
  std::string File(const std::string& name) const { return path + "/" + name; }
  std::string path;
};

bool Contains(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(WriteLatencyHistogram, BoundsAreInclusiveAndOverflowGoesToInf) {
  WriteLatencyHistogram h(2);
  h.Observe(0, 1'000'000);       // exactly 1 ms: le="0.001"
  h.Observe(0, 1'000'001);       // just over: le="0.0025"
  h.Observe(1, 20'000'000'000);  // 20 s: +Inf only
  h.Observe(7, 50'000);          // a queue beyond the histogram counts as the last
  const auto s = h.Snapshot();
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].buckets[3], 1u);
  EXPECT_EQ(s[0].buckets[4], 1u);
  EXPECT_EQ(s[0].count(), 2u);
  EXPECT_EQ(s[0].sum_ns, 2'000'001u);
  EXPECT_EQ(s[1].buckets[WriteLatencyHistogram::kBuckets - 1], 1u);
  EXPECT_EQ(s[1].buckets[0], 1u);
}

TEST(FleetMetrics, HistogramIsCumulativeWithQueueAndInterfaceLabels) {
  WriteLatencyHistogram h(2);
  h.Observe(1, 300'000);    // le="0.0005"
  h.Observe(1, 7'000'000);  // le="0.01"
  FleetSnapshot s;
  s.queue_interfaces = {"eth0", "eth1"};
  s.write_latency = h.Snapshot();
  const std::string text = FormatFleetMetrics(s);
  EXPECT_TRUE(Contains(text, "# TYPE ringdump_write_latency_seconds histogram")) << text;
  const std::string q1 = "ringdump_write_latency_seconds_bucket{queue=\"1\",interface=\"eth1\",le=";
  EXPECT_TRUE(Contains(text, q1 + "\"0.00025\"} 0")) << text;
  EXPECT_TRUE(Contains(text, q1 + "\"0.0005\"} 1")) << text;
  EXPECT_TRUE(Contains(text, q1 + "\"0.005\"} 1")) << text;
  EXPECT_TRUE(Contains(text, q1 + "\"0.01\"} 2")) << text;
  EXPECT_TRUE(Contains(text, q1 + "\"+Inf\"} 2")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_write_latency_seconds_count{queue=\"1\",interface=\"eth1\"} 2"));
  EXPECT_TRUE(
      Contains(text, "ringdump_write_latency_seconds_sum{queue=\"1\",interface=\"eth1\"} 0.007300000"));
  EXPECT_TRUE(Contains(text, "ringdump_write_latency_seconds_count{queue=\"0\",interface=\"eth0\"} 0"));
  // No file set, no store, no packet yet: those families are absent rather than a misleading 0.
  EXPECT_EQ(text.find("ringdump_files_rotated_total"), std::string::npos);
  EXPECT_EQ(text.find("ringdump_store_"), std::string::npos);
  EXPECT_EQ(text.find("ringdump_newest_packet"), std::string::npos);
}

TEST(FleetMetrics, FileSetAndStoreFamilies) {
  FleetSnapshot s;
  s.file_set = true;
  s.files_rotated = 12;
  s.files_deleted = 3;
  s.newest_packet = FileTime{1700000123, 5};
  EXPECT_TRUE(Contains(FormatFleetMetrics(s), "ringdump_files_rotated_total 12"));
  EXPECT_EQ(FormatFleetMetrics(s).find("ringdump_store_bytes"), std::string::npos) << "not scanned yet";
  s.store = StoreSnapshot{4, 4096, FileTime{1699990000, 250000000}, false};
  const std::string text = FormatFleetMetrics(s);
  EXPECT_TRUE(Contains(text, "ringdump_files_deleted_total 3")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_store_bytes 4096")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_store_files 4")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_store_oldest_packet_timestamp_seconds 1699990000.250000000")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_store_oldest_from_mtime 0")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_newest_packet_timestamp_seconds 1700000123.000000005")) << text;
}

TEST(FleetMetrics, QueueCountersCarryTheInterfaceLabel) {
  StatsSnapshot snap;
  snap.stats.queues.resize(2);
  snap.stats.queues[1].kernel_dropped = 9;
  const std::string text = FormatPrometheusMetrics(snap, {"eth0", "we\"ird"});
  EXPECT_TRUE(Contains(text, "ringdump_kernel_drops_total{queue=\"1\",interface=\"we\\\"ird\"} 9")) << text;
  EXPECT_TRUE(Contains(text, "ringdump_packets_total{queue=\"0\",interface=\"eth0\"} 0")) << text;
  EXPECT_TRUE(Contains(FormatPrometheusMetrics(snap), "ringdump_kernel_drops_total{queue=\"1\"} 9"));
}

TEST(FleetMetrics, NewestPacketSinkKeepsTheNewestAcceptedTimestamp) {
  bool accept = true;
  struct Counting final : PacketSink {
    bool* accept;
    void Consume(uint32_t, PacketBatch b, QueueStats& s) override {
      if (*accept) s.packets_written += b.size();
    }
  } inner;
  inner.accept = &accept;
  NewestPacketSink watcher(inner, 2);
  EXPECT_FALSE(watcher.newest());
  std::vector<PacketView> views(3);
  views[0].sec = 100, views[1].sec = 300, views[2].sec = 200, views[2].nsec = 7;
  QueueStats stats;
  watcher.Consume(1, PacketBatch(views.data(), 3), stats);  // the batch's last packet, not its maximum
  ASSERT_TRUE(watcher.newest());
  EXPECT_EQ(watcher.newest()->sec, 200);
  EXPECT_EQ(watcher.newest()->nsec, 7u);
  views[2].sec = 900;
  accept = false;  // nothing accepted (the -W end, a failure): not "written"
  watcher.Consume(0, PacketBatch(views.data(), 3), stats);
  EXPECT_EQ(watcher.newest()->sec, 200);
}

std::vector<PacketView> Packets(std::vector<std::vector<uint8_t>>& storage, size_t n) {
  std::vector<PacketView> views;
  storage.assign(n, std::vector<uint8_t>(1000, 0xab));
  for (size_t i = 0; i < n; ++i) {
    PacketView v;
    v.data = storage[i].data();
    v.caplen = v.len = 1000;
    v.sec = 1700000000 + static_cast<int64_t>(i);
    v.nsec = 123456789;
    views.push_back(v);
  }
  return views;
}

void WriteWithSink(const std::string& path, FileFormat format, TimestampPrecision precision,
                   std::shared_ptr<WriteLatencyHistogram> latency) {
  WriterConfig c;
  c.path = path;
  c.format = format;
  c.precision = precision;
  c.chunk_size = 4096;
  c.chunk_count = 4;
  auto sink = FileSink::Create(c, LinkType::kEthernet, 65535, 1);
  ASSERT_TRUE(sink.ok()) << sink.error().message();
  sink.value()->ObserveWriteLatency(latency);
  std::vector<std::vector<uint8_t>> storage;
  const auto views = Packets(storage, 40);
  QueueStats stats;
  sink.value()->Consume(0, PacketBatch(views.data(), views.size()), stats);
  ASSERT_TRUE(sink.value()->Finish().ok());
}

TEST(FirstPacketTime, ReadsWhatFileSinkWroteAndObservesChunkWrites) {
  TempDir dir;
  auto latency = std::make_shared<WriteLatencyHistogram>(1);
  WriteWithSink(dir.File("a.pcap"), FileFormat::kPcap, TimestampPrecision::kMicro, latency);
  auto t = ReadFirstPacketTime(dir.File("a.pcap"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->sec, 1700000000);
  EXPECT_EQ(t->nsec, 123456000u);  // microsecond file
  // 40 kB through 4 KiB chunks: about ten full chunks, each observed once.
  EXPECT_GE(latency->Snapshot()[0].count(), 8u);

  WriteWithSink(dir.File("b.pcapng"), FileFormat::kPcapng, TimestampPrecision::kNano, nullptr);
  t = ReadFirstPacketTime(dir.File("b.pcapng"));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->sec, 1700000000);
  EXPECT_EQ(t->nsec, 123456789u);
}

TEST(FirstPacketTime, SwappedPcapTruncatedAndUnknownHeads) {
  std::vector<uint8_t> head = {0xa1, 0xb2, 0x3c, 0x4d};  // nanosecond magic, big-endian file
  head.resize(24, 0);
  for (uint8_t b : {0x65, 0x53, 0xf1, 0x00, 0x00, 0x00, 0x00, 0x2a}) head.push_back(b);
  auto t = FirstPacketTime(head);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->sec, 0x6553f100);
  EXPECT_EQ(t->nsec, 42u);
  EXPECT_FALSE(FirstPacketTime(std::span<const uint8_t>(head.data(), 30))) << "record header cut";
  head[0] = 0x00;
  EXPECT_FALSE(FirstPacketTime(head)) << "not a capture file";
  const std::span<const uint8_t> header_only(head.data() + 0, 24);
  head[0] = 0xa1;
  EXPECT_EQ(FindFirstPacket(header_only, true).kind, FirstPacket::Kind::kNone) << "a whole file, no packet";
  EXPECT_EQ(FindFirstPacket(header_only, false).kind, FirstPacket::Kind::kUnknown) << "more may follow";
}

void Touch(const std::string& path, const std::string& content, time_t mtime) {
  std::ofstream(path) << content;
  struct timeval times[2] = {{mtime, 0}, {mtime, 0}};
  utimes(path.c_str(), times);
}

TEST(FleetMetrics, ScanStoreCountsOnlyTheSetAndFallsBackToMtime) {
  TempDir dir;
  RotationConfig rotation;
  rotation.file_bytes = 1000;  // -C: cap, cap1, cap2 ...
  WriteWithSink(dir.File("cap1"), FileFormat::kPcap, TimestampPrecision::kMicro, nullptr);
  Touch(dir.File("cap0"), "not a capture file", 1600000000);  // the oldest with content, unreadable: mtime
  Touch(dir.File("other.txt"), "1234567890", 1500000000);     // not the set's
  {
    std::vector<char> header(24);  // the oldest: a pcap header and no packet (a quiet -G interval)
    std::ifstream(dir.File("cap1"), std::ios::binary).read(header.data(), 24);
    std::ofstream(dir.File("cap5"), std::ios::binary).write(header.data(), 24);
    struct timeval times[2] = {{1550000000, 0}, {1550000000, 0}};
    utimes(dir.File("cap5").c_str(), times);
  }
  const RetentionSweeper sweeper(dir.File("cap"), rotation);
  StoreSnapshot store = ScanStore(sweeper);
  EXPECT_EQ(store.files, 3u);
  EXPECT_EQ(store.bytes, 24 + fs::file_size(dir.File("cap0")) + fs::file_size(dir.File("cap1")));
  ASSERT_TRUE(store.oldest_packet);
  EXPECT_TRUE(store.oldest_from_mtime);
  EXPECT_EQ(store.oldest_packet->sec, 1600000000);
  fs::remove(dir.File("cap0"));
  store = ScanStore(sweeper);
  EXPECT_FALSE(store.oldest_from_mtime);
  EXPECT_EQ(store.oldest_packet->sec, 1700000000) << "the first record of the oldest file with packets";
}

}  // namespace
}  // namespace ringdump::cli

namespace ringdump::cli {
namespace {

// The counters /metrics reads from a file set: every file completed is rotated, every file retention
// removes is deleted, and the store scan then sees exactly what is left.
TEST(FleetMetrics, FileSetCountsRotationsAndRetentionDeletions) {
  TempDir dir;
  WriterConfig writer;
  writer.path = dir.File("ring.pcap");
  writer.chunk_size = 4096;
  writer.chunk_count = 2;
  RotationConfig rotation;
  rotation.file_bytes = 100;  // -C: one 1000-byte packet per file
  rotation.max_files = 2;
  auto factory = [writer](const std::string& path) {
    WriterConfig one = writer;
    one.path = path;
    return FileSink::Create(one, LinkType::kEthernet, 65535, 1);
  };
  auto set = RotatingSink::Create(writer, rotation, factory, nullptr);
  ASSERT_TRUE(set.ok()) << set.error().message();
  std::vector<std::vector<uint8_t>> storage;
  const auto views = Packets(storage, 5);
  QueueStats stats;
  for (size_t i = 0; i < views.size(); ++i) set.value()->Consume(0, PacketBatch(&views[i], 1), stats);
  ASSERT_TRUE(set.value()->Finish().ok());
  EXPECT_EQ(set.value()->files_completed(), 5u);
  EXPECT_EQ(set.value()->files_deleted(), 3u);
  const StoreSnapshot store = ScanStore(RetentionSweeper(writer.path, rotation));
  EXPECT_EQ(store.files, 2u);
  ASSERT_TRUE(store.oldest_packet);
  EXPECT_FALSE(store.oldest_from_mtime);
  EXPECT_EQ(store.oldest_packet->sec, 1700000003) << "the two newest files are kept";
}

}  // namespace
}  // namespace ringdump::cli
