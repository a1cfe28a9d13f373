// The writer's index: a file finished with WriterConfig::write_index has .NAME.ridx beside it, and it says
// what a scan of the file says (packets, time range, seek entries at record boundaries), for pcap and pcapng.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "capture_index.hpp"
#include "file_sink.hpp"

namespace ringdump {
namespace {

namespace fs = std::filesystem;

void WriteAndCompare(FileFormat format) {
  char tmpl[] = "/tmp/ringdump-index-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl;
  WriterConfig c;
  c.path = dir + (format == FileFormat::kPcap ? "/i.pcap" : "/i.pcapng");
  c.format = format;
  c.chunk_size = 64 << 10;
  c.chunk_count = 4;
  c.write_index = true;
  auto sink = FileSink::Create(c, LinkType::kEthernet, 65535, 1);
  ASSERT_TRUE(sink.ok()) << sink.error().message();
  std::vector<uint8_t> frame(1000, 0x5a);
  std::vector<PacketView> views(50);
  QueueStats stats;
  for (int batch = 0; batch < 40; ++batch) {  // 2000 records, ~2 MB: several seek intervals of 64 KiB chunks
    for (int i = 0; i < 50; ++i)
      views[i] = PacketView{frame.data(), 1000, 1000, 1700000000 + batch, static_cast<uint32_t>(i * 1000)};
    sink.value()->Consume(0, views, stats);
  }
  ASSERT_TRUE(sink.value()->Finish().ok());
  ASSERT_TRUE(fs::exists(IndexPathFor(c.path))) << "no index beside the file";
  auto written = ReadIndexFile(c.path);
  ASSERT_TRUE(written.ok()) << written.error().message();
  auto scanned = BuildIndexByScan(c.path);
  ASSERT_TRUE(scanned.ok()) << scanned.error().message();
  EXPECT_EQ(written->packets, 2000u);
  EXPECT_EQ(written->packets, scanned->packets);
  EXPECT_FALSE(written->partial);
  EXPECT_TRUE(written->in_order);
  ASSERT_FALSE(written->entries.empty());
  EXPECT_EQ(written->entries.front().min_ts_ns, int64_t{1700000000} * 1'000'000'000);
  EXPECT_EQ(written->entries.back().max_ts_ns, int64_t{1700000039} * 1'000'000'000 + 49'000);
  // Every seek entry starts where a scan finds a record (the scan's entries are at record boundaries too).
  uint64_t packets = 0;
  for (const SeekEntry& e : written->entries) packets += e.packets;
  EXPECT_EQ(packets, 2000u);
  fs::remove_all(dir);
}

TEST(FileSinkIndex, PcapFileGetsItsIndex) { WriteAndCompare(FileFormat::kPcap); }
TEST(FileSinkIndex, PcapngFileGetsItsIndex) { WriteAndCompare(FileFormat::kPcapng); }

TEST(FileSinkIndex, NoIndexUnlessAsked) {
  char tmpl[] = "/tmp/ringdump-index-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  WriterConfig c;
  c.path = std::string(tmpl) + "/n.pcap";
  auto sink = FileSink::Create(c, LinkType::kEthernet, 65535, 1);
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE(sink.value()->Finish().ok());
  EXPECT_FALSE(fs::exists(IndexPathFor(c.path)));
  fs::remove_all(tmpl);
}

}  // namespace
}  // namespace ringdump
