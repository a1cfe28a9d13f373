// Byte-exact tests of the pcap encoder, and a round trip through libpcap's own reader.
#include "pcap_format.hpp"

#include <gtest/gtest.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace ringdump {
namespace {

PacketView View(const std::vector<uint8_t>& bytes, uint32_t len, int64_t sec, uint32_t nsec) {
  PacketView view;
  view.data = bytes.data();
  view.caplen = static_cast<uint32_t>(bytes.size());
  view.len = len;
  view.sec = sec;
  view.nsec = nsec;
  return view;
}

class LittleEndianHost : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::endian::native != std::endian::little)
      GTEST_SKIP() << "expected bytes are written for little endian";
  }
};

using PcapFormatBytes = LittleEndianHost;

TEST_F(PcapFormatBytes, FileHeaderMicroseconds) {
  uint8_t out[kPcapFileHeaderSize + 1] = {};
  out[kPcapFileHeaderSize] = 0xee;
  uint8_t* end = EncodePcapFileHeader(out, LinkType::kEthernet, 65535, TimestampPrecision::kMicro);
  EXPECT_EQ(end, out + kPcapFileHeaderSize);
  const std::vector<uint8_t> expected = {0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00,
                                         0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                         0xff, 0xff, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00};
  EXPECT_EQ(std::vector<uint8_t>(out, out + kPcapFileHeaderSize), expected);
  EXPECT_EQ(out[kPcapFileHeaderSize], 0xee) << "wrote past the header";
}

TEST_F(PcapFormatBytes, FileHeaderNanosecondsAndDefaultSnaplen) {
  uint8_t out[kPcapFileHeaderSize] = {};
  EncodePcapFileHeader(out, LinkType::kLinuxSll2, 0, TimestampPrecision::kNano);
  const std::vector<uint8_t> expected = {0x4d, 0x3c, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00,
                                         0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                         0x00, 0x00, 0x04, 0x00, 0x14, 0x01, 0x00, 0x00};
  EXPECT_EQ(std::vector<uint8_t>(out, out + kPcapFileHeaderSize), expected);
}

TEST_F(PcapFormatBytes, RecordMicrosecondsTruncate) {
  const std::vector<uint8_t> data = {0xde, 0xad, 0xbe, 0xef, 0x01};
  const PacketView view = View(data, 1514, 0x5f5e1234, 123456999);  // 123456.999 us -> 123456
  std::vector<uint8_t> out(PcapRecordSize(view) + 1, 0xee);
  ASSERT_EQ(PcapRecordSize(view), 16u + 5u);
  uint8_t* end = EncodePcapRecord(out.data(), view, TimestampPrecision::kMicro);
  EXPECT_EQ(end, out.data() + 21);
  const std::vector<uint8_t> expected = {0x34, 0x12, 0x5e, 0x5f,  // ts_sec
                                         0x40, 0xe2, 0x01, 0x00,  // ts_usec 123456
                                         0x05, 0x00, 0x00, 0x00,  // caplen
                                         0xea, 0x05, 0x00, 0x00,  // len 1514
                                         0xde, 0xad, 0xbe, 0xef, 0x01, 0xee};
  EXPECT_EQ(out, expected);
}

TEST_F(PcapFormatBytes, RecordNanoseconds) {
  const std::vector<uint8_t> data = {0x42};
  const PacketView view = View(data, 60, 1, 999999999);
  std::vector<uint8_t> out(PcapRecordSize(view));
  EncodePcapRecord(out.data(), view, TimestampPrecision::kNano);
  const std::vector<uint8_t> expected = {0x01, 0x00, 0x00, 0x00, 0xff, 0xc9, 0x9a, 0x3b, 0x01,
                                         0x00, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x42};
  EXPECT_EQ(out, expected);
}

TEST(PcapFormat, EmptyPacketIsHeaderOnly) {
  PacketView view;
  view.len = 100;
  EXPECT_EQ(PcapRecordSize(view), kPcapRecordHeaderSize);
  uint8_t out[kPcapRecordHeaderSize];
  EXPECT_EQ(EncodePcapRecord(out, view, TimestampPrecision::kMicro), out + kPcapRecordHeaderSize);
}

struct Written {
  std::vector<uint8_t> bytes;
  uint32_t len;
  int64_t sec;
  uint32_t nsec;
};

// Writes a file with the encoder, reads it back with libpcap at the same precision, compares everything.
void RoundTrip(TimestampPrecision precision) {
  std::vector<Written> packets;
  for (uint32_t i = 0; i < 200; ++i) {
    Written w;
    w.bytes.resize((i * 37) % 1600);
    for (size_t b = 0; b < w.bytes.size(); ++b) w.bytes[b] = static_cast<uint8_t>(i * 7 + b);
    w.len = static_cast<uint32_t>(w.bytes.size()) + (i % 3) * 100;  // some truncated by a snaplen
    w.sec = 1700000000 + i;
    w.nsec = (i * 987654321u) % 1000000000u;
    packets.push_back(std::move(w));
  }
  std::vector<uint8_t> file(kPcapFileHeaderSize);
  EncodePcapFileHeader(file.data(), LinkType::kEthernet, 2000, precision);
  for (const Written& w : packets) {
    const PacketView view = View(w.bytes, w.len, w.sec, w.nsec);
    const size_t at = file.size();
    file.resize(at + PcapRecordSize(view));
    ASSERT_EQ(EncodePcapRecord(file.data() + at, view, precision), file.data() + file.size());
  }
  char path[] = "/tmp/ringdump_pcap_format_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, file.data(), file.size()), static_cast<ssize_t>(file.size()));
  close(fd);

  const bool nano = precision == TimestampPrecision::kNano;
  char err[PCAP_ERRBUF_SIZE];
  pcap_t* pcap = pcap_open_offline_with_tstamp_precision(
      path, nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, err);
  ASSERT_NE(pcap, nullptr) << err;
  EXPECT_EQ(pcap_datalink(pcap), DLT_EN10MB);
  EXPECT_EQ(pcap_snapshot(pcap), 2000);
  EXPECT_EQ(pcap_get_tstamp_precision(pcap), nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
  pcap_pkthdr* header;
  const u_char* data;
  for (const Written& w : packets) {
    ASSERT_EQ(pcap_next_ex(pcap, &header, &data), 1) << pcap_geterr(pcap);
    EXPECT_EQ(header->ts.tv_sec, w.sec);
    EXPECT_EQ(static_cast<uint32_t>(header->ts.tv_usec), nano ? w.nsec : w.nsec / 1000);
    EXPECT_EQ(header->caplen, w.bytes.size());
    EXPECT_EQ(header->len, w.len);
    EXPECT_EQ(std::vector<uint8_t>(data, data + header->caplen), w.bytes);
  }
  EXPECT_EQ(pcap_next_ex(pcap, &header, &data), PCAP_ERROR_BREAK) << "more records than written";
  pcap_close(pcap);
  unlink(path);
}

TEST(PcapFormat, RoundTripThroughLibpcapMicro) { RoundTrip(TimestampPrecision::kMicro); }
TEST(PcapFormat, RoundTripThroughLibpcapNano) { RoundTrip(TimestampPrecision::kNano); }

}  // namespace
}  // namespace ringdump
