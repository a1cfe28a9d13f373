// FileSink with several interfaces and interface statistics blocks: the pcapng file has an interface
// description block per interface in order, each enhanced packet block names its packet's interface, and
// Finish() appends one interface statistics block per interface with the counters the stats source gave,
// on the chunked path (also when the blocks cross a chunk boundary) and on the ordered path (-U).
// A pcap file cannot describe two interfaces: Create refuses.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "file_sink.hpp"

namespace ringdump {
namespace {

struct Block {
  uint32_t type = 0;
  std::vector<uint8_t> body;                         // after type and length, before the trailing length
  std::map<uint16_t, std::vector<uint8_t>> options;  // of IDBs and ISBs
};

uint32_t U32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

void ParseOptions(Block& b, size_t from) {
  size_t at = from;
  while (at + 4 <= b.body.size()) {
    uint16_t code, len;
    std::memcpy(&code, &b.body[at], 2);
    std::memcpy(&len, &b.body[at + 2], 2);
    if (code == 0) break;
    b.options[code].assign(b.body.begin() + at + 4, b.body.begin() + at + 4 + len);
    at += 4 + ((len + 3u) & ~3u);
  }
}

std::vector<Block> ReadBlocks(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  std::vector<Block> blocks;
  size_t at = 0;
  while (at + 12 <= bytes.size()) {
    Block b;
    b.type = U32(&bytes[at]);
    const uint32_t len = U32(&bytes[at + 4]);
    if (len < 12 || at + len > bytes.size() || U32(&bytes[at + len - 4]) != len) {
      *error = "bad block at " + std::to_string(at);
      return blocks;
    }
    b.body.assign(bytes.begin() + at + 8, bytes.begin() + at + len - 4);
    if (b.type == kPcapngInterfaceDescriptionBlock) ParseOptions(b, 8);
    if (b.type == kPcapngInterfaceStatisticsBlock) ParseOptions(b, 12);
    blocks.push_back(std::move(b));
    at += len;
  }
  if (at != bytes.size()) *error = "trailing bytes";
  return blocks;
}

uint64_t U64Option(const Block& b, uint16_t code) {
  auto it = b.options.find(code);
  if (it == b.options.end() || it->second.size() != 8) return ~uint64_t{0};
  uint64_t v;
  std::memcpy(&v, it->second.data(), 8);
  return v;
}

class FileSinkInterfacesTest : public ::testing::TestWithParam<bool> {  // parameter: ordered path (-U)
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("rd-ifaces-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_P(FileSinkInterfacesTest, InterfaceIdsAndStatistics) {
  WriterConfig config;
  config.path = (dir_ / "two.pcapng").string();
  config.format = FileFormat::kPcapng;
  config.precision = TimestampPrecision::kNano;
  config.direct_io = false;
  config.packet_buffered = GetParam();
  config.chunk_size = 4096;  // small: records and the statistics blocks cross chunk boundaries
  config.chunk_count = 4;
  std::vector<PcapngInterface> interfaces(2);
  interfaces[0].name = "veth0";
  interfaces[0].filter = "udp";
  interfaces[1].name = "lo";
  interfaces[1].link_type = LinkType::kRaw;
  int calls = 0;
  InterfaceStatsSource source = [&calls] {
    ++calls;
    std::vector<PcapngInterfaceStats> out(2);
    for (uint32_t k = 0; k < 2; ++k) {
      out[k].interface_id = k;
      out[k].start_sec = 1000;
      out[k].received = 100 + k;
      out[k].if_dropped = 7 + k;
      out[k].os_dropped = 3 + k;
    }
    return out;
  };
  auto sink = FileSink::Create(config, interfaces, 2, source);
  ASSERT_TRUE(sink.ok()) << sink.error().message();

  std::vector<uint8_t> payload(301, 0xab);
  std::map<uint32_t, int> sent;  // interface -> packets
  for (int round = 0; round < 40; ++round) {
    for (uint32_t queue = 0; queue < 2; ++queue) {
      std::vector<PacketView> views(3);
      for (size_t i = 0; i < views.size(); ++i) {
        views[i].data = payload.data();
        views[i].caplen = views[i].len = static_cast<uint32_t>(60 + round + i);
        views[i].sec = 1000 + round;
        views[i].interface_id = static_cast<uint16_t>((round + i) % 2);
        ++sent[views[i].interface_id];
      }
      QueueStats stats;
      sink.value()->Consume(queue, views, stats);
      EXPECT_EQ(stats.packets_written, views.size());
    }
  }
  ASSERT_TRUE(sink.value()->Finish().ok());
  EXPECT_EQ(calls, 1);

  std::string error;
  std::vector<Block> blocks = ReadBlocks(config.path, &error);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_GE(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].type, kPcapngSectionHeaderBlock);
  ASSERT_EQ(blocks[1].type, kPcapngInterfaceDescriptionBlock);
  ASSERT_EQ(blocks[2].type, kPcapngInterfaceDescriptionBlock);
  EXPECT_EQ(std::string(blocks[1].options[2].begin(), blocks[1].options[2].end()), "veth0");  // if_name
  EXPECT_EQ(std::string(blocks[2].options[2].begin(), blocks[2].options[2].end()), "lo");
  EXPECT_EQ(blocks[1].options[9], std::vector<uint8_t>{9});  // if_tsresol: nanoseconds
  EXPECT_EQ(U32(blocks[2].body.data()) & 0xffff, 101u);      // LINKTYPE_RAW
  std::map<uint32_t, int> seen;
  std::vector<const Block*> isbs;
  for (size_t i = 3; i < blocks.size(); ++i) {
    if (blocks[i].type == kPcapngEnhancedPacketBlock) {
      EXPECT_TRUE(isbs.empty()) << "a packet after the statistics";
      ++seen[U32(blocks[i].body.data())];
    } else if (blocks[i].type == kPcapngInterfaceStatisticsBlock) {
      isbs.push_back(&blocks[i]);
    } else {
      ADD_FAILURE() << "unexpected block type " << blocks[i].type;
    }
  }
  EXPECT_EQ(seen, sent);
  ASSERT_EQ(isbs.size(), 2u);
  for (uint32_t k = 0; k < 2; ++k) {
    EXPECT_EQ(U32(isbs[k]->body.data()), k);
    EXPECT_EQ(U64Option(*isbs[k], 4), 100 + k);  // isb_ifrecv
    EXPECT_EQ(U64Option(*isbs[k], 5), 7 + k);    // isb_ifdrop
    EXPECT_EQ(U64Option(*isbs[k], 7), 3 + k);    // isb_osdrop
    EXPECT_TRUE(isbs[k]->options.count(2));      // isb_starttime
    // The block's timestamp: when the file was finished; isb_endtime says the same.
    const uint64_t ticks = (uint64_t{U32(isbs[k]->body.data() + 4)} << 32) | U32(isbs[k]->body.data() + 8);
    EXPECT_GT(ticks / 1'000'000'000, 1'600'000'000u);  // nanosecond units (--nano), a wall-clock time
    ASSERT_TRUE(isbs[k]->options.count(3));  // isb_endtime
    const std::vector<uint8_t>& end = isbs[k]->options.at(3);
    ASSERT_EQ(end.size(), 8u);
    EXPECT_EQ((uint64_t{U32(end.data())} << 32) | U32(end.data() + 4), ticks);
  }
}

INSTANTIATE_TEST_SUITE_P(Paths, FileSinkInterfacesTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Ordered" : "Chunked";
                         });

TEST(FileSinkInterfaces, PcapRefusesSeveralInterfaces) {
  WriterConfig config;
  config.path =
      (std::filesystem::temp_directory_path() / ("rd-ifaces-pcap-" + std::to_string(getpid()))).string();
  config.format = FileFormat::kPcap;
  auto sink = FileSink::Create(config, std::vector<PcapngInterface>(2), 1, nullptr);
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.error().message().find("needs pcapng"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(config.path));
}

TEST(FileSinkInterfaces, NoStatisticsWithoutSource) {
  WriterConfig config;
  config.path =
      (std::filesystem::temp_directory_path() / ("rd-ifaces-none-" + std::to_string(getpid()) + ".pcapng"))
          .string();
  config.format = FileFormat::kPcapng;
  config.direct_io = false;
  auto sink = FileSink::Create(config, LinkType::kEthernet, 0, 1);
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE(sink.value()->Finish().ok());
  std::string error;
  auto blocks = ReadBlocks(config.path, &error);
  std::filesystem::remove(config.path);
  ASSERT_TRUE(error.empty()) << error;
  ASSERT_EQ(blocks.size(), 2u);  // section header + interface description only
}

}  // namespace
}  // namespace ringdump
