// `ringdump --info`'s reader: pcap (both precisions, both byte orders) and pcapng files built with the
// encoders, exact counts, sizes, times and recorded drop statistics; truncated and foreign files; and, when
// capinfos is installed, the same figures as capinfos on the same files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "capture_file_info.hpp"
#include "pcap_format.hpp"
#include "pcapng_format.hpp"

namespace ringdump {
namespace {

struct TempFile {
  std::string path;
  TempFile() {
    char name[] = "/tmp/ringdump_info_XXXXXX";
    int fd = mkstemp(name);
    close(fd);
    path = name;
  }
  ~TempFile() { unlink(path.c_str()); }
  void Write(const std::vector<uint8_t>& bytes) const {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
};

struct Packet {
  std::vector<uint8_t> bytes;
  PacketView view;
};

// Packets of different sizes; the fourth is earlier than the third (files from several queues interleave).
std::vector<Packet> SamplePackets() {
  const int64_t secs[] = {1700000000, 1700000000, 1700000002, 1700000001, 1700000003};
  const uint32_t nsecs[] = {100000000, 250000500, 999999999, 0, 500000123};
  std::vector<Packet> packets(5);
  for (size_t i = 0; i < packets.size(); ++i) {
    packets[i].bytes.assign(60 + 10 * i, static_cast<uint8_t>(i));
    PacketView& v = packets[i].view;
    v.caplen = static_cast<uint32_t>(packets[i].bytes.size());
    v.len = v.caplen + 100 * static_cast<uint32_t>(i);
    v.sec = secs[i];
    v.nsec = nsecs[i];
    v.direction = i % 2 ? Direction::kOutbound : Direction::kInbound;
  }
  for (auto& p : packets) p.view.data = p.bytes.data();
  return packets;
}

// Large wire lengths and odd fractions: rates where the way capinfos computes the duration shows in the
// printed decimals (it subtracts two doubles of absolute time).
std::vector<Packet> Busy(std::vector<Packet> packets) {
  for (size_t i = 0; i < packets.size(); ++i) {
    packets[i].view.len = 4310000 + 7 * static_cast<uint32_t>(i);
    packets[i].view.sec = 1763794000 + static_cast<int64_t>(i);
    packets[i].view.nsec = (i == 0 ? 151811 : 151795) * 1000 + static_cast<uint32_t>(i);
  }
  return packets;
}

std::vector<uint8_t> PcapFile(const std::vector<Packet>& packets, TimestampPrecision precision) {
  std::vector<uint8_t> out(kPcapFileHeaderSize);
  EncodePcapFileHeader(out.data(), LinkType::kEthernet, 2048, precision);
  for (const auto& p : packets) {
    const size_t at = out.size();
    out.resize(at + PcapRecordSize(p.view));
    EncodePcapRecord(out.data() + at, p.view, precision);
  }
  return out;
}

template <typename SizeF, typename EncodeF>
void Append(std::vector<uint8_t>& out, SizeF size, EncodeF encode) {
  const size_t at = out.size();
  out.resize(at + size);
  encode(out.data() + at);
}

// Two interfaces (Ethernet and SLL2); packets alternate between them; statistics for interface 0.
std::vector<uint8_t> PcapngFile(const std::vector<Packet>& packets, TimestampPrecision precision) {
  std::vector<uint8_t> out;
  const PcapngSection section{"", "Linux", "ringdump"};
  Append(out, PcapngSectionHeaderSize(section), [&](uint8_t* o) { EncodePcapngSectionHeader(o, section); });
  const PcapngInterface interfaces[2] = {{LinkType::kEthernet, 2048, precision, "eth0", "", "udp"},
                                         {LinkType::kLinuxSll2, 0, precision, "any", "", ""}};
  for (const auto& i : interfaces)
    Append(out, PcapngInterfaceDescriptionSize(i),
           [&](uint8_t* o) { EncodePcapngInterfaceDescription(o, i); });
  for (size_t n = 0; n < packets.size(); ++n)
    Append(out, PcapngEnhancedPacketSize(packets[n].view), [&](uint8_t* o) {
      EncodePcapngEnhancedPacket(o, packets[n].view, static_cast<uint32_t>(n % 2), precision);
    });
  PcapngInterfaceStats stats;
  stats.sec = 1700000004;
  stats.received = 1000;
  stats.if_dropped = 12;
  stats.os_dropped = 12;
  stats.delivered = 988;
  for (int k = 0; k < 2; ++k) {  // the last block counts: the counters are cumulative
    Append(out, PcapngInterfaceStatisticsSize(stats),
           [&](uint8_t* o) { EncodePcapngInterfaceStatistics(o, stats, precision); });
    stats.received = 1005;
  }
  return out;
}

std::map<std::string, std::string> Fields(const std::string& report) {
  std::map<std::string, std::string> fields;
  size_t start = 0;
  while (start < report.size()) {
    const size_t eol = report.find('\n', start);
    const std::string line = report.substr(start, eol - start);
    start = eol + 1;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const size_t value = line.find_first_not_of(' ', colon + 1);
    fields[line.substr(0, colon)] = value == std::string::npos ? "" : line.substr(value);
  }
  return fields;
}

TEST(CaptureFileInfo, PcapMicroseconds) {
  TempFile file;
  const auto packets = SamplePackets();
  file.Write(PcapFile(packets, TimestampPrecision::kMicro));
  auto info = ReadCaptureFileInfo(file.path);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->format, "pcap");
  EXPECT_EQ(info->precision_digits, 6);
  ASSERT_EQ(info->interfaces.size(), 1u);
  EXPECT_EQ(info->interfaces[0].snaplen, 2048u);
  EXPECT_EQ(info->interfaces[0].link_type, 1u);
  EXPECT_EQ(info->packets, 5u);
  EXPECT_EQ(info->captured_bytes, 60u + 70 + 80 + 90 + 100);
  EXPECT_EQ(info->data_bytes, 400u + 1000);
  EXPECT_EQ(info->file_bytes, 24u + 5 * 16 + 400);
  EXPECT_FALSE(info->time_ordered);
  EXPECT_FALSE(info->truncated);
  const auto f = Fields(FormatCaptureFileInfo(file.path, info.value()));
  EXPECT_EQ(f.at("First packet time"), "2023-11-14 22:13:20.100000 UTC");
  EXPECT_EQ(f.at("Last packet time"), "2023-11-14 22:13:23.500000 UTC");
  EXPECT_EQ(f.at("Capture duration"), "3.400000 seconds");
  EXPECT_EQ(f.at("Data byte rate"), "411.76 bytes/s");  // 1400 / 3.4
  EXPECT_EQ(f.at("Average packet size"), "280.00 bytes");
  EXPECT_EQ(f.at("Strict time order"), "False");
  EXPECT_EQ(f.at("Packet size limit"), "2048 bytes");
  EXPECT_EQ(f.at("File encapsulation"), "EN10MB (Ethernet), link type 1");
}

TEST(CaptureFileInfo, PcapngInterfacesAndDropStatistics) {
  TempFile file;
  file.Write(PcapngFile(SamplePackets(), TimestampPrecision::kNano));
  auto info = ReadCaptureFileInfo(file.path);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->format, "pcapng");
  EXPECT_EQ(info->precision_digits, 9);
  ASSERT_EQ(info->interfaces.size(), 2u);
  EXPECT_EQ(info->interfaces[0].packets, 3u);
  EXPECT_EQ(info->interfaces[1].packets, 2u);
  EXPECT_EQ(info->interfaces[1].link_type, 276u);
  EXPECT_EQ(info->interfaces[0].statistics_blocks, 2u);
  EXPECT_EQ(info->interfaces[0].received, 1005u);
  EXPECT_EQ(info->interfaces[0].os_dropped, 12u);
  EXPECT_FALSE(info->interfaces[0].filter_accepted.has_value());
  EXPECT_EQ(info->interfaces[1].statistics_blocks, 0u);
  ASSERT_TRUE(info->first.has_value());
  EXPECT_EQ(info->first->nsec, 100000000u);
  EXPECT_EQ(info->last->nsec, 500000123u);
  const auto f = Fields(FormatCaptureFileInfo(file.path, info.value()));
  EXPECT_EQ(f.at("Capture duration"), "3.400000123 seconds");
  EXPECT_EQ(f.at("File encapsulation"), "per packet");
  EXPECT_EQ(f.at("Interface #0"),
            "eth0, EN10MB (Ethernet), link type 1, snaplen 2048, nanoseconds (9), 3 packets");
  EXPECT_EQ(f.at("  Filter"), "udp");
  EXPECT_EQ(f.at("  Statistics"),
            "received 1005, dropped by interface 12, dropped by OS 12, delivered 988 (at 2023-11-14 "
            "22:13:24.000000000 UTC, 2 blocks)");
  EXPECT_EQ(f.at("Capture application"), "ringdump");
}

TEST(CaptureFileInfo, BigEndianPcap) {
  // A nanosecond pcap file as a big-endian host writes it: one 4-byte packet of wire length 1000.
  const std::vector<uint8_t> bytes = {
      0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0,    0,    0, 0, 0xff, 0xff,
      0,    0,    0,    1,  // snaplen 65535, Ethernet
      0x65, 0x53, 0xf1, 0x00, 0, 0, 0, 7, 0, 0, 0, 4, 0, 0, 0x03, 0xe8, 1, 2, 3,    4};
  TempFile file;
  file.Write(bytes);
  auto info = ReadCaptureFileInfo(file.path);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->big_endian, std::endian::native == std::endian::little);
  EXPECT_EQ(info->precision_digits, 9);
  EXPECT_EQ(info->interfaces[0].snaplen, 65535u);
  EXPECT_EQ(info->packets, 1u);
  EXPECT_EQ(info->data_bytes, 1000u);
  EXPECT_EQ(info->first->sec, 0x6553f100);
  EXPECT_EQ(info->first->nsec, 7u);
  const auto f = Fields(FormatCaptureFileInfo(file.path, info.value()));
  EXPECT_EQ(f.at("Data byte rate"), "0.00 bytes/s") << "one packet has no duration (capinfos prints 0 too)";
}

TEST(CaptureFileInfo, TruncatedFileCountsWholeRecords) {
  auto bytes = PcapFile(SamplePackets(), TimestampPrecision::kNano);
  bytes.resize(bytes.size() - 30);  // cut inside the last record
  TempFile file;
  file.Write(bytes);
  auto info = ReadCaptureFileInfo(file.path);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_TRUE(info->truncated);
  EXPECT_EQ(info->packets, 4u);
  auto ng = PcapngFile(SamplePackets(), TimestampPrecision::kMicro);
  ng.resize(ng.size() - 10);
  file.Write(ng);
  auto info2 = ReadCaptureFileInfo(file.path);
  ASSERT_TRUE(info2.ok()) << info2.error().message();
  EXPECT_TRUE(info2->truncated);
  EXPECT_EQ(info2->packets, 5u);
  EXPECT_EQ(info2->interfaces[0].statistics_blocks, 1u);
}

TEST(CaptureFileInfo, ErrorsNameTheFile) {
  TempFile file;
  file.Write({'h', 'e', 'l', 'l', 'o', '\n'});
  auto info = ReadCaptureFileInfo(file.path);
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().message(), "not a pcap or pcapng file (unknown magic number) <- " + file.path);
  auto missing = ReadCaptureFileInfo("/nonexistent/x.pcap");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "No such file or directory <- /nonexistent/x.pcap");
  file.Write({});
  EXPECT_FALSE(ReadCaptureFileInfo(file.path).ok());
}

std::string Shell(const std::string& command) {
  std::string out;
  FILE* f = popen(command.c_str(), "r");
  if (f == nullptr) return out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), f)) > 0) out.append(buf.data(), n);
  pclose(f);
  return out;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return cells;
    start = tab + 1;
  }
}

// capinfos's machine-readable table for `path`, column name -> value.
std::map<std::string, std::string> Capinfos(const std::string& path) {
  const std::string out =
      Shell("TZ=UTC capinfos -T -M -c -d -u -a -e -y -i -z -x -o -l " + path + " 2>/dev/null");
  const size_t eol = out.find('\n');
  if (eol == std::string::npos) return {};
  const auto names = SplitTabs(out.substr(0, eol));
  std::string row = out.substr(eol + 1);
  if (!row.empty() && row.back() == '\n') row.pop_back();
  const auto values = SplitTabs(row);
  std::map<std::string, std::string> table;
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) table[names[i]] = values[i];
  return table;
}

TEST(CaptureFileInfo, AgreesWithCapinfos) {
  if (Shell("command -v capinfos 2>/dev/null").empty()) GTEST_SKIP() << "capinfos is not installed";
  const auto packets = SamplePackets();
  const std::vector<std::pair<std::string, std::vector<uint8_t>>> files = {
      {"pcap micro", PcapFile(packets, TimestampPrecision::kMicro)},
      {"pcap nano", PcapFile(packets, TimestampPrecision::kNano)},
      {"pcapng nano", PcapngFile(packets, TimestampPrecision::kNano)},
      {"pcapng micro", PcapngFile(packets, TimestampPrecision::kMicro)},
      {"pcap one packet", PcapFile({packets[0]}, TimestampPrecision::kMicro)},
      {"pcap large rates", PcapFile(Busy(packets), TimestampPrecision::kMicro)},
      {"pcapng large rates", PcapngFile(Busy(packets), TimestampPrecision::kNano)}};
  for (const auto& [name, bytes] : files) {
    SCOPED_TRACE(name);
    TempFile file;
    file.Write(bytes);
    auto info = ReadCaptureFileInfo(file.path);
    ASSERT_TRUE(info.ok()) << info.error().message();
    const auto ours = Fields(FormatCaptureFileInfo(file.path, info.value()));
    const auto theirs = Capinfos(file.path);
    ASSERT_FALSE(theirs.empty()) << "capinfos printed nothing";
    EXPECT_EQ(ours.at("Number of packets"), theirs.at("Number of packets"));
    EXPECT_EQ(ours.at("Data size").substr(0, ours.at("Data size").find(' ')), theirs.at("Data size (bytes)"));
    EXPECT_EQ(ours.at("First packet time"), theirs.at("Start time") + " UTC");
    EXPECT_EQ(ours.at("Last packet time"), theirs.at("End time") + " UTC");
    EXPECT_EQ(ours.at("Capture duration"), theirs.at("Capture duration (seconds)") + " seconds");
    EXPECT_EQ(ours.at("Strict time order"), theirs.at("Strict time order"));
    EXPECT_EQ(ours.at("Average packet size"), theirs.at("Average packet size (bytes)") + " bytes");
    if (theirs.at("Data byte rate (bytes/sec)") == "n/a") {
      EXPECT_EQ(ours.at("Data byte rate"), "n/a");
    } else {
      EXPECT_EQ(ours.at("Data byte rate"), theirs.at("Data byte rate (bytes/sec)") + " bytes/s");
      EXPECT_EQ(ours.at("Data bit rate"), theirs.at("Data bit rate (bits/sec)") + " bits/s");
      EXPECT_EQ(ours.at("Average packet rate"),
                theirs.at("Average packet rate (packets/sec)") + " packets/s");
    }
    if (info->format == "pcap") {
      EXPECT_EQ(ours.at("Packet size limit"), theirs.at("Packet size limit") + " bytes");
    }
  }
}

}  // namespace
}  // namespace ringdump
