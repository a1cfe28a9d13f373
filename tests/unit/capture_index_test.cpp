// The capture index: builder and byte format round trip, corrupt and stale indexes ignored, scans of
// truncated, gzip'd and pcapng (micro and nano) files, the -z gzip fallback, and the reader's stopping rules.
#include "capture_index.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture_files.hpp"
#include "capture_reader.hpp"

namespace ringdump {
namespace {

using testing::kBase;
using testing::kSec;
using testing::TestPacket;

std::vector<TestPacket> Packets(int n, int64_t step_ns = kSec / 10) {
  std::vector<TestPacket> v;
  for (int i = 0; i < n; ++i)
    v.push_back({kBase + i * step_ns, testing::UdpFrame(1, uint8_t(2 + i % 3), 100)});
  return v;
}

TEST(IndexBuilder, OneEntryPerIntervalWithMinAndMaxOfOutOfOrderRecords) {
  IndexBuilder b(1000);
  b.Add(50, 24, 400);
  b.Add(10, 424, 400);  // earlier than the one before: the file is not in order
  b.Add(30, 824, 400);
  b.Add(20, 1224, 400);  // 1224 - 24 >= 1000: a new interval
  CaptureIndex x = b.Finish();
  ASSERT_EQ(x.entries.size(), 2u);
  EXPECT_EQ(x.entries[0].offset, 24u);
  EXPECT_EQ(x.entries[0].min_ts_ns, 10);
  EXPECT_EQ(x.entries[0].max_ts_ns, 50);
  EXPECT_EQ(x.entries[0].packets, 3u);
  EXPECT_EQ(x.entries[1].offset, 1224u);
  EXPECT_EQ(x.EntryEnd(1), 1624u);
  EXPECT_EQ(x.min_ts_ns, 10);
  EXPECT_EQ(x.max_ts_ns, 50);
  EXPECT_EQ(x.packets, 4u);
  EXPECT_FALSE(x.in_order);
  EXPECT_EQ(x.data_start, 24u);
}

TEST(IndexFormat, RoundTripKeepsEveryField) {
  IndexBuilder b(100);
  for (int i = 0; i < 10; ++i) b.Add(kBase + i, 24 + 60 * uint64_t(i), 60);
  CaptureIndex x = b.Finish();
  x.device = 7;
  x.inode = 8;
  x.file_bytes = 624;
  x.mtime_ns = 123456789;
  x.head_crc = 0xdeadbeef;
  x.head_bytes = 624;
  x.partial = true;
  x.interfaces = {{1, 262144, 1000000}, {101, 65535, 1000000000}};
  auto y = DecodeIndex(EncodeIndex(x));
  ASSERT_TRUE(y.ok()) << y.error().message();
  EXPECT_EQ(y->device, 7u);
  EXPECT_EQ(y->inode, 8u);
  EXPECT_EQ(y->file_bytes, 624u);
  EXPECT_EQ(y->mtime_ns, 123456789);
  EXPECT_EQ(y->head_crc, 0xdeadbeefu);
  EXPECT_TRUE(y->partial);
  EXPECT_TRUE(y->in_order);
  EXPECT_EQ(y->packets, 10u);
  EXPECT_EQ(y->indexed_bytes, 624u);
  ASSERT_EQ(y->interfaces.size(), 2u);
  EXPECT_EQ(y->interfaces[1].link_type, 101u);
  EXPECT_EQ(y->interfaces[1].ticks_per_second, 1000000000u);
  ASSERT_EQ(y->entries.size(), x.entries.size());
  for (size_t i = 0; i < x.entries.size(); ++i) {
    EXPECT_EQ(y->entries[i].offset, x.entries[i].offset);
    EXPECT_EQ(y->entries[i].min_ts_ns, x.entries[i].min_ts_ns);
    EXPECT_EQ(y->entries[i].max_ts_ns, x.entries[i].max_ts_ns);
    EXPECT_EQ(y->entries[i].packets, x.entries[i].packets);
  }
}

TEST(IndexFormat, AnyFlippedByteIsRejected) {
  IndexBuilder b(100);
  for (int i = 0; i < 5; ++i) b.Add(kBase + i, 24 + 60 * uint64_t(i), 60);
  const std::vector<uint8_t> good = EncodeIndex(b.Finish());
  for (size_t i = 0; i < good.size(); ++i) {
    std::vector<uint8_t> bad = good;
    bad[i] ^= 0x10;
    EXPECT_FALSE(DecodeIndex(bad).ok()) << "byte " << i;
  }
  std::vector<uint8_t> cut(good.begin(), good.end() - 1);
  EXPECT_FALSE(DecodeIndex(cut).ok());
}

TEST(IndexFile, WrittenBesideTheFileAndReadBack) {
  testing::TempDir dir;
  const std::string path = dir / "a.pcap";
  testing::WriteBytes(path, testing::PcapBytes(Packets(20)));
  auto scanned = BuildIndexByScan(path);
  ASSERT_TRUE(scanned.ok()) << scanned.error().message();
  ASSERT_TRUE(WriteIndexFile(path, scanned.value()).ok());
  EXPECT_EQ(IndexPathFor(path), dir / ".a.pcap.ridx");
  auto read = ReadIndexFile(path);
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_FALSE(read->partial);
  EXPECT_EQ(read->packets, 20u);
  EXPECT_EQ(read->min_ts_ns, kBase);
  EXPECT_EQ(read->max_ts_ns, kBase + 19 * kSec / 10);
  ASSERT_EQ(read->interfaces.size(), 1u);
  EXPECT_EQ(read->interfaces[0].link_type, 1u);
}

TEST(IndexFile, CorruptIndexIsTreatedAsAbsent) {
  testing::TempDir dir;
  const std::string path = dir / "a.pcap";
  testing::WriteBytes(path, testing::PcapBytes(Packets(5)));
  ASSERT_TRUE(WriteIndexFile(path, BuildIndexByScan(path).value()).ok());
  FILE* f = std::fopen(IndexPathFor(path).c_str(), "r+b");
  std::fseek(f, 90, SEEK_SET);
  std::fputc(0x55, f);
  std::fclose(f);
  EXPECT_FALSE(ReadIndexFile(path).ok());
}

TEST(IndexFile, IndexOfAChangedFileIsStale) {
  testing::TempDir dir;
  const std::string path = dir / "a.pcap";
  testing::WriteBytes(path, testing::PcapBytes(Packets(5)));
  ASSERT_TRUE(WriteIndexFile(path, BuildIndexByScan(path).value()).ok());
  testing::WriteBytes(path, testing::PcapBytes(Packets(6)));  // same inode, other size
  auto read = ReadIndexFile(path);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().message().find("changed"), std::string::npos) << read.error().message();
}

TEST(IndexFile, ThePartFileUsesItsFinalNamesIndex) {
  EXPECT_EQ(IndexPathFor("/d/.cap.pcap.part"), "/d/.cap.pcap.ridx");
  EXPECT_EQ(IndexPathFor("cap.pcap"), ".cap.pcap.ridx");
  EXPECT_EQ(IndexPathFor("/d/cap.pcap.gz"), "/d/.cap.pcap.gz.ridx");
}

TEST(IndexFile, PartialIndexStaysValidWhileTheFileGrows) {
  testing::TempDir dir;
  const std::string part = dir / ".live.pcap.part";
  std::vector<TestPacket> all = Packets(30);
  std::vector<TestPacket> first(all.begin(), all.begin() + 10);
  testing::WriteBytes(part, testing::PcapBytes(first));
  auto partial = BuildIndexByScan(part);
  ASSERT_TRUE(partial.ok());
  EXPECT_TRUE(partial->partial);
  ASSERT_TRUE(WriteIndexFile(part, partial.value()).ok());
  // More records appended in place (same inode).
  std::vector<uint8_t> bytes = testing::PcapBytes(all);
  FILE* f = std::fopen(part.c_str(), "r+b");
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
  auto read = ReadIndexFile(part);
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_EQ(read->packets, 10u);
  auto extended = ExtendIndexByScan(part, read.value());
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(extended->packets, 30u);
  EXPECT_EQ(extended->indexed_bytes, bytes.size());
  // The rename to the final name keeps the inode: the same index is still right.
  ASSERT_EQ(::rename(part.c_str(), (dir / "live.pcap").c_str()), 0);
  EXPECT_TRUE(ReadIndexFile(dir / "live.pcap").ok());
}

TEST(IndexScan, TruncatedFileStopsAtTheLastWholeRecord) {
  testing::TempDir dir;
  const std::string path = dir / "cut.pcap";
  std::vector<uint8_t> bytes = testing::PcapBytes(Packets(10));
  const size_t whole = bytes.size();
  bytes.resize(whole - 50);  // the last record loses its tail
  testing::WriteBytes(path, bytes);
  auto x = BuildIndexByScan(path);
  ASSERT_TRUE(x.ok()) << x.error().message();
  EXPECT_EQ(x->packets, 9u);
  EXPECT_EQ(x->indexed_bytes, whole - (16 + 142));
  EXPECT_TRUE(x->partial);  // only the prefix is vouched for
  // A zero-filled tail (O_DIRECT preallocation) ends it too.
  bytes = testing::PcapBytes(Packets(10));
  bytes.resize(bytes.size() + 8192, 0);
  testing::WriteBytes(path, bytes);
  x = BuildIndexByScan(path);
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->packets, 10u);
}

TEST(IndexScan, GzipFileIndexesTheDecompressedStream) {
  testing::TempDir dir;
  const std::vector<uint8_t> bytes = testing::PcapBytes(Packets(50));
  testing::WriteBytes(dir / "a.pcap", bytes);
  testing::WriteGzip(dir / "a.pcap.gz", bytes);
  auto plain = BuildIndexByScan(dir / "a.pcap");
  auto gz = BuildIndexByScan(dir / "a.pcap.gz");
  ASSERT_TRUE(gz.ok()) << gz.error().message();
  EXPECT_TRUE(gz->compressed);
  EXPECT_FALSE(gz->partial);
  EXPECT_EQ(gz->packets, 50u);
  EXPECT_EQ(gz->indexed_bytes, plain->indexed_bytes);
  EXPECT_EQ(gz->max_ts_ns, plain->max_ts_ns);
}

TEST(IndexFile, GzipOfAnIndexedFileUsesTheOriginalsIndex) {
  testing::TempDir dir;
  const std::vector<uint8_t> bytes = testing::PcapBytes(Packets(50));
  testing::WriteBytes(dir / "a.pcap", bytes);
  ASSERT_TRUE(WriteIndexFile(dir / "a.pcap", BuildIndexByScan(dir / "a.pcap").value()).ok());
  testing::WriteGzip(dir / "a.pcap.gz", bytes);  // what -z gzip does
  ::unlink((dir / "a.pcap").c_str());
  auto x = ReadIndexFile(dir / "a.pcap.gz");
  ASSERT_TRUE(x.ok()) << x.error().message();
  EXPECT_TRUE(x->compressed);
  EXPECT_EQ(x->packets, 50u);
  // A different content under the same name is not believed.
  testing::WriteGzip(dir / "a.pcap.gz", testing::PcapBytes(Packets(49)));
  EXPECT_FALSE(ReadIndexFile(dir / "a.pcap.gz").ok());
}

TEST(IndexScan, PcapngMicroAndNanoInterfaces) {
  testing::TempDir dir;
  std::vector<TestPacket> packets = {{kBase + 123456789, testing::UdpFrame(1, 2), 1},
                                     {kBase + 2 * kSec + 1000, testing::UdpFrame(1, 3), 0}};
  testing::WriteBytes(dir / "a.pcapng", testing::PcapngBytes(packets, {{1, 6, "eth0"}, {1, 9, "eth1"}}));
  auto x = BuildIndexByScan(dir / "a.pcapng");
  ASSERT_TRUE(x.ok()) << x.error().message();
  EXPECT_EQ(x->packets, 2u);
  EXPECT_EQ(x->min_ts_ns, kBase + 123456789);  // the nanosecond interface keeps its nanoseconds
  EXPECT_EQ(x->max_ts_ns, kBase + 2 * kSec + 1000);
  ASSERT_EQ(x->interfaces.size(), 2u);
  EXPECT_EQ(x->interfaces[1].ticks_per_second, 1000000000u);
  auto reader = CaptureReader::Open(dir / "a.pcapng");
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(reader->interfaces()[0].name, "eth0");
  EXPECT_EQ(reader->interfaces()[1].name, "eth1");
}

TEST(IndexScan, NanosecondPcap) {
  testing::TempDir dir;
  std::vector<TestPacket> packets = {{kBase + 1, testing::UdpFrame(1, 2)},
                                     {kBase + 999999999, testing::UdpFrame(1, 2)}};
  testing::WriteBytes(dir / "n.pcap", testing::PcapBytes(packets, true));
  auto x = BuildIndexByScan(dir / "n.pcap");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->min_ts_ns, kBase + 1);
  EXPECT_EQ(x->max_ts_ns, kBase + 999999999);
  EXPECT_EQ(x->interfaces[0].ticks_per_second, 1000000000u);
}

TEST(IndexScan, NotACaptureFileIsAnError) {
  testing::TempDir dir;
  testing::WriteBytes(dir / "x", std::vector<uint8_t>(100, 'x'));
  auto x = BuildIndexByScan(dir / "x");
  ASSERT_FALSE(x.ok());
  EXPECT_NE(x.error().message().find(dir / "x"), std::string::npos);
}

}  // namespace
}  // namespace ringdump
