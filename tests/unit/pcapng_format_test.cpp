// Byte-exact tests of the pcapng encoder, and read-back of encoded files by libpcap, and (when installed)
// by tshark, capinfos and tcpdump: direction flags, if_tsresol, if_filter and the statistics block.
#include "pcapng_format.hpp"

#include <gtest/gtest.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace ringdump {
namespace {

PacketView View(const std::vector<uint8_t>& bytes, uint32_t len, int64_t sec, uint32_t nsec,
                Direction direction = Direction::kUnknown, uint8_t pkttype = 0) {
  PacketView view;
  view.data = bytes.data();
  view.caplen = static_cast<uint32_t>(bytes.size());
  view.len = len;
  view.sec = sec;
  view.nsec = nsec;
  view.direction = direction;
  view.pkttype = pkttype;
  return view;
}

class PcapngBytes : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::endian::native != std::endian::little)
      GTEST_SKIP() << "expected bytes are written for little endian";
  }
};

TEST_F(PcapngBytes, SectionHeaderWithoutOptions) {
  std::vector<uint8_t> out(PcapngSectionHeaderSize({}) + 1, 0xee);
  ASSERT_EQ(PcapngSectionHeaderSize({}), 28u);
  uint8_t* end = EncodePcapngSectionHeader(out.data(), {});
  EXPECT_EQ(end, out.data() + 28);
  const std::vector<uint8_t> expected = {0x0a, 0x0d, 0x0d, 0x0a, 28,   0,    0,    0,  // type, length
                                         0x4d, 0x3c, 0x2b, 0x1a, 1,    0,    0,    0,  // magic, version 1.0
                                         0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,  // length unknown
                                         28,   0,    0,    0,    0xee};
  EXPECT_EQ(out, expected);
}

TEST_F(PcapngBytes, SectionHeaderOptionsArePadded) {
  PcapngSection section;
  section.application = "ringdump";  // 8 bytes: no padding
  section.os = "Linux";              // 5 bytes: 3 of padding
  // 28 + (4 + 8) + (4 + 8) + end of options 4 = 56
  ASSERT_EQ(PcapngSectionHeaderSize(section), 56u);
  std::vector<uint8_t> out(56);
  EncodePcapngSectionHeader(out.data(), section);
  const std::vector<uint8_t> options(out.begin() + 24, out.end() - 4);
  const std::vector<uint8_t> expected = {3, 0, 5,   0,   'L', 'i', 'n', 'u', 'x', 0,   0, 0, 4, 0,
                                         8, 0, 'r', 'i', 'n', 'g', 'd', 'u', 'm', 'p', 0, 0, 0, 0};
  EXPECT_EQ(options, expected);
  EXPECT_EQ(out[4], 56);
  EXPECT_EQ(out[52], 56);
}

TEST_F(PcapngBytes, InterfaceDescription) {
  PcapngInterface interface;
  interface.link_type = LinkType::kLinuxSll2;
  interface.snaplen = 0;
  interface.precision = TimestampPrecision::kNano;
  interface.name = "eth0";
  interface.filter = "udp";
  // 20 + if_name (4+4) + if_filter (4+4: type byte and "udp") + if_tsresol (4+4) + end 4 = 48
  ASSERT_EQ(PcapngInterfaceDescriptionSize(interface), 48u);
  std::vector<uint8_t> out(48);
  EXPECT_EQ(EncodePcapngInterfaceDescription(out.data(), interface), out.data() + 48);
  const std::vector<uint8_t> expected = {1, 0, 0, 0, 48,  0,   0,   0,   0x14, 0x01, 0, 0, 0,  0,   4,   0,
                                         2, 0, 4, 0, 'e', 't', 'h', '0', 11,   0,    4, 0, 0,  'u', 'd', 'p',
                                         9, 0, 1, 0, 9,   0,   0,   0,   0,    0,    0, 0, 48, 0,   0,   0};
  EXPECT_EQ(out, expected);
}

TEST_F(PcapngBytes, EnhancedPacketMicrosecondsNoDirection) {
  const std::vector<uint8_t> data = {0xde, 0xad, 0xbe, 0xef, 0x01};
  const PacketView view = View(data, 1514, 0x100000000LL / 1000000 + 1, 999999);  // ticks cross 2^32
  ASSERT_EQ(PcapngEnhancedPacketSize(view), 32u + 8u);
  std::vector<uint8_t> out(41, 0xee);
  EXPECT_EQ(EncodePcapngEnhancedPacket(out.data(), view, 3, TimestampPrecision::kMicro), out.data() + 40);
  const uint64_t ticks = static_cast<uint64_t>(view.sec) * 1000000 + 999;
  const std::vector<uint8_t> expected = {6,
                                         0,
                                         0,
                                         0,
                                         40,
                                         0,
                                         0,
                                         0,
                                         3,
                                         0,
                                         0,
                                         0,
                                         static_cast<uint8_t>(ticks >> 32),
                                         static_cast<uint8_t>(ticks >> 40),
                                         0,
                                         0,
                                         static_cast<uint8_t>(ticks),
                                         static_cast<uint8_t>(ticks >> 8),
                                         static_cast<uint8_t>(ticks >> 16),
                                         static_cast<uint8_t>(ticks >> 24),
                                         5,
                                         0,
                                         0,
                                         0,
                                         0xea,
                                         0x05,
                                         0,
                                         0,
                                         0xde,
                                         0xad,
                                         0xbe,
                                         0xef,
                                         0x01,
                                         0,
                                         0,
                                         0,
                                         40,
                                         0,
                                         0,
                                         0,
                                         0xee};
  EXPECT_EQ(out, expected);
  EXPECT_EQ(ticks >> 32, 1u) << "the test should exercise the high word";
}

TEST_F(PcapngBytes, EnhancedPacketCarriesDirectionFlags) {
  const std::vector<uint8_t> data = {0x42, 0x43, 0x44, 0x45};
  const PacketView in = View(data, 60, 1, 5, Direction::kInbound, 1 /* PACKET_BROADCAST */);
  ASSERT_EQ(PcapngEnhancedPacketSize(in), 32u + 4u + 12u);
  std::vector<uint8_t> out(PcapngEnhancedPacketSize(in));
  EncodePcapngEnhancedPacket(out.data(), in, 0, TimestampPrecision::kNano);
  const std::vector<uint8_t> tail(out.begin() + 28, out.end());
  const std::vector<uint8_t> expected = {0x42, 0x43, 0x44, 0x45, 2, 0, 4,  0, 0x0d, 0,
                                         0,    0,    0,    0,    0, 0, 48, 0, 0,    0};
  EXPECT_EQ(tail, expected);
  EXPECT_EQ(out[16], 5 + 0) << "low word of 1 s + 5 ns in nanoseconds";  // 1000000005 = 0x3b9aca05
  EXPECT_EQ(PcapngEpbFlags(View(data, 60, 0, 0, Direction::kOutbound, 4)), kEpbFlagOutbound);
  EXPECT_EQ(PcapngEpbFlags(View(data, 60, 0, 0, Direction::kInbound, 0)), kEpbFlagInbound | (1u << 2));
  EXPECT_EQ(PcapngEpbFlags(View(data, 60, 0, 0, Direction::kInbound, 3)), kEpbFlagInbound | (4u << 2));
  EXPECT_EQ(PcapngEpbFlags(View(data, 60, 0, 0)), 0u);
}

TEST_F(PcapngBytes, InterfaceStatisticsOnlyKnownCounters) {
  PcapngInterfaceStats stats;
  stats.interface_id = 1;
  stats.sec = 2;
  stats.received = 1000;
  stats.os_dropped = 7;
  // 24 + ifrecv (4+8) + osdrop (4+8) + end 4 = 52
  ASSERT_EQ(PcapngInterfaceStatisticsSize(stats), 52u);
  std::vector<uint8_t> out(52);
  EXPECT_EQ(EncodePcapngInterfaceStatistics(out.data(), stats, TimestampPrecision::kMicro), out.data() + 52);
  const std::vector<uint8_t> expected = {5,    0,    0,    0, 52,   0,    0, 0, 1, 0, 0, 0, 0,  0, 0, 0,
                                         0x80, 0x84, 0x1e, 0,  // 2000000 us
                                         4,    0,    8,    0, 0xe8, 0x03, 0, 0, 0, 0, 0, 0, 7,  0, 8, 0,
                                         7,    0,    0,    0, 0,    0,    0, 0, 0, 0, 0, 0, 52, 0, 0, 0};
  EXPECT_EQ(out, expected);
  PcapngInterfaceStats none;
  EXPECT_EQ(PcapngInterfaceStatisticsSize(none), 24u) << "no counters: no options, no end marker";
}

TEST(PcapngStats, FromCaptureCounters) {
  QueueStats total;
  total.kernel_received = 1000;
  total.kernel_dropped = 25;
  total.packets_written = 970;
  total.sink_dropped = 5;
  const PcapngInterfaceStats s = PcapngStatsFromCapture(total, false, 10, 5, 20, 6);
  EXPECT_EQ(s.received, 1000u);
  EXPECT_EQ(s.if_dropped, 25u);
  EXPECT_EQ(s.os_dropped, 5u) << "packets the writer lost";
  EXPECT_EQ(s.delivered, 970u);
  EXPECT_FALSE(s.filter_accepted.has_value()) << "no kernel filter: nothing was filtered";
  EXPECT_EQ(s.start_sec, 10);
  EXPECT_EQ(s.sec, 20);
  EXPECT_EQ(PcapngStatsFromCapture(total, true, 0, 0, 0, 0).filter_accepted, 1000u);
}

// A small file: SHB, one IDB, packets in both directions, one ISB.
struct TestFile {
  std::string path;
  std::vector<std::vector<uint8_t>> frames;
  ~TestFile() {
    if (!path.empty()) unlink(path.c_str());
  }
};

void WriteSampleFile(TestFile& file, TimestampPrecision precision) {
  char name[] = "/tmp/ringdump_pcapng_XXXXXX";
  int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  close(fd);
  file.path = name;
  std::vector<uint8_t> bytes;
  auto append = [&](size_t n, auto encode) {
    const size_t at = bytes.size();
    bytes.resize(at + n);
    ASSERT_EQ(encode(bytes.data() + at), bytes.data() + bytes.size());
  };
  PcapngSection section{"", "Linux", "ringdump test"};
  append(PcapngSectionHeaderSize(section), [&](uint8_t* o) { return EncodePcapngSectionHeader(o, section); });
  PcapngInterface interface { LinkType::kEthernet, 128, precision, "veth0", "", "udp port 53" };
  append(PcapngInterfaceDescriptionSize(interface),
         [&](uint8_t* o) { return EncodePcapngInterfaceDescription(o, interface); });
  for (uint32_t i = 0; i < 6; ++i) {
    std::vector<uint8_t> frame(60 + i, static_cast<uint8_t>(i));
    frame[12] = 0x08;  // an Ethernet type, so tcpdump prints something sane
    frame[13] = 0x06;
    file.frames.push_back(frame);
  }
  for (uint32_t i = 0; i < file.frames.size(); ++i) {
    const PacketView v = View(file.frames[i], 100 + i, 1700000000 + i, 123456789 + i,
                              i % 2 ? Direction::kOutbound : Direction::kInbound, 0);
    append(PcapngEnhancedPacketSize(v),
           [&](uint8_t* o) { return EncodePcapngEnhancedPacket(o, v, 0, precision); });
  }
  PcapngInterfaceStats stats;
  stats.sec = 1700000010;
  stats.start_sec = 1700000000;
  stats.received = 9;
  stats.if_dropped = 3;
  stats.os_dropped = 3;
  stats.delivered = 6;
  append(PcapngInterfaceStatisticsSize(stats),
         [&](uint8_t* o) { return EncodePcapngInterfaceStatistics(o, stats, precision); });
  std::ofstream(file.path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

TEST(PcapngReadBack, LibpcapReadsPacketsAndNanoseconds) {
  TestFile file;
  ASSERT_NO_FATAL_FAILURE(WriteSampleFile(file, TimestampPrecision::kNano));
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t* p = pcap_open_offline_with_tstamp_precision(file.path.c_str(), PCAP_TSTAMP_PRECISION_NANO, errbuf);
  ASSERT_NE(p, nullptr) << errbuf;
  EXPECT_EQ(pcap_datalink(p), DLT_EN10MB);
  EXPECT_EQ(pcap_snapshot(p), 128);
  pcap_pkthdr* header;
  const u_char* data;
  size_t n = 0;
  while (pcap_next_ex(p, &header, &data) == 1) {
    ASSERT_LT(n, file.frames.size());
    EXPECT_EQ(header->caplen, file.frames[n].size());
    EXPECT_EQ(header->len, 100 + n);
    EXPECT_EQ(header->ts.tv_sec, static_cast<time_t>(1700000000 + n));
    EXPECT_EQ(header->ts.tv_usec, static_cast<suseconds_t>(123456789 + n)) << "nanoseconds kept";
    EXPECT_EQ(std::vector<uint8_t>(data, data + header->caplen), file.frames[n]);
    ++n;
  }
  EXPECT_EQ(n, file.frames.size());
  pcap_close(p);
}

// Runs a shell command and returns its standard output; empty when it failed.
std::string RunShell(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* f = popen(command.c_str(), "r");
  if (f == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) out.append(buf.data(), n);
  const int rc = pclose(f);
  if (status) *status = rc;
  return out;
}

bool Have(const std::string& tool) { return RunShell("command -v " + tool + " 2>/dev/null").size() > 0; }

TEST(PcapngReadBack, TsharkSeesDirectionFiltersAndStatistics) {
  if (!Have("tshark")) GTEST_SKIP() << "tshark is not installed";
  TestFile file;
  ASSERT_NO_FATAL_FAILURE(WriteSampleFile(file, TimestampPrecision::kNano));
  int status = 0;
  const std::string fields = RunShell("tshark -r " + file.path +
                                          " -T fields -e frame.packet_flags_direction -e frame.time_epoch "
                                          "-e frame.len -e frame.interface_name 2>&1",
                                      &status);
  ASSERT_EQ(status, 0) << fields;
  EXPECT_NE(fields.find("0x00000001\t1700000000.123456789\t100\tveth0"), std::string::npos) << fields;
  EXPECT_NE(fields.find("0x00000002\t1700000001.123456790\t101\tveth0"), std::string::npos) << fields;
  const std::string info = RunShell("capinfos -M " + file.path + " 2>&1", &status);
  ASSERT_EQ(status, 0) << info;
  EXPECT_NE(info.find("File type:           pcapng"), std::string::npos) << info;
  EXPECT_NE(info.find("Number of packets:   6"), std::string::npos) << info;
  EXPECT_NE(info.find("Capture length = 128"), std::string::npos) << info;
  EXPECT_NE(info.find("Time precision = nanoseconds (9)"), std::string::npos) << info;
  EXPECT_NE(info.find("Filter string = udp port 53"), std::string::npos) << info;
  EXPECT_NE(info.find("Number of stat entries = 1"), std::string::npos) << info;
  EXPECT_NE(info.find("Capture application: ringdump test"), std::string::npos) << info;
}

TEST(PcapngReadBack, TcpdumpPrintsEveryPacket) {
  if (!Have("tcpdump")) GTEST_SKIP() << "tcpdump is not installed";
  TestFile file;
  ASSERT_NO_FATAL_FAILURE(WriteSampleFile(file, TimestampPrecision::kMicro));
  int status = 0;
  const std::string out = RunShell("tcpdump -nn -tt -r " + file.path + " 2>&1", &status);
  ASSERT_EQ(status, 0) << out;
  EXPECT_NE(out.find("1700000000.123456 "), std::string::npos) << out;
  EXPECT_NE(out.find("1700000005.123456 "), std::string::npos) << out;
  size_t lines = 0;
  for (char c : out) lines += c == '\n';
  EXPECT_EQ(lines, 6u + 1u) << out;  // "reading from file ..." and six packets
}

}  // namespace
}  // namespace ringdump
