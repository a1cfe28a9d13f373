// The Printer end to end on packets built in memory: hex dump layouts (-x, -X), truncation markers,
// timestamp styles, the record sanity checks, relative TCP sequence numbers. Expected strings are what
// tcpdump 4.99.3 prints for the same bytes.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "printer.hpp"

namespace ringdump::print {
namespace {

std::vector<uint8_t> Hex(const char* s) {
  std::vector<uint8_t> v;
  for (const char* p = s; p[0] && p[1];) {
    if (*p == ' ') {
      p++;
      continue;
    }
    v.push_back(uint8_t(strtoul(std::string(p, 2).c_str(), nullptr, 16)));
    p += 2;
  }
  return v;
}

// Ethernet + IPv4 + TCP SYN with options, 10.0.0.1.40000 > 10.0.0.2.80.
const char* kSyn =
    "020000000002 020000000001 0800"
    "4500003c00014000400626be0a0000010a000002"
    "9c40 0050 000003e8 00000000 a002 2710 0000 0000 020405b40402080a000003e800000000 01030307";

std::string PrintAll(const PrintOptions& o, const std::vector<std::vector<uint8_t>>& pkts, int dlt = 1,
                     uint32_t caplen_limit = 0, int64_t sec = 1700000000, uint32_t nsec = 123456000) {
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  {
    Printer p(o, dlt, f);
    for (const auto& b : pkts) {
      PacketView v;
      v.data = b.data();
      v.len = uint32_t(b.size());
      v.caplen = caplen_limit && caplen_limit < b.size() ? caplen_limit : uint32_t(b.size());
      v.sec = sec;
      v.nsec = nsec;
      p.Print(v);
    }
  }
  fclose(f);
  std::string s(buf, len);
  free(buf);
  return s;
}

PrintOptions Numeric() {
  PrintOptions o;
  o.numeric = 1;
  o.timestamp_style = 2;  // -tt: independent of the time zone
  return o;
}

TEST(PrintPrinter, TcpSynWithOptions) {
  std::string out = PrintAll(Numeric(), {Hex(kSyn)});
  EXPECT_EQ(out,
            "1700000000.123456 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 10000, options "
            "[mss 1460,sackOK,TS val 1000 ecr 0,nop,wscale 7], length 0\n");
}

TEST(PrintPrinter, HexDumpLayouts) {
  PrintOptions o = Numeric();
  o.timestamp_style = 1;
  o.hex = 1;
  std::string x = PrintAll(o, {Hex(kSyn)});
  // -x starts after the link header: 40 bytes, 16 a line in groups of two.
  EXPECT_NE(x.find("\n\t0x0000:  4500 003c 0001 4000 4006 26be 0a00 0001\n"
                   "\t0x0010:  0a00 0002 9c40 0050 0000 03e8 0000 0000\n"),
            std::string::npos)
      << x;
  o.hex = 0;
  o.hex_ascii = 2;  // -XX includes the link header and the ASCII column, padded to 40 columns
  std::string xx = PrintAll(o, {Hex("0200000000020200000000010800 41")});
  EXPECT_NE(xx.find("\n\t0x0000:  0200 0000 0002 0200 0000 0001 0800 41    ..............A\n"),
            std::string::npos)
      << xx;
}

TEST(PrintPrinter, TruncatedTcpHeaderPrintsMarker) {
  std::string out = PrintAll(Numeric(), {Hex(kSyn)}, 1, 14 + 20 + 10);
  EXPECT_EQ(out, "1700000000.123456 IP 10.0.0.1.40000 > 10.0.0.2.80:  [|tcp]\n");
}

TEST(PrintPrinter, TruncatedEthernetAndIpv6) {
  EXPECT_EQ(PrintAll(Numeric(), {Hex("0200000000020200")}), "1700000000.123456  [|ether]\n");
  std::vector<uint8_t> v6 = Hex("020000000002020000000001 86dd 6000000000083a40");
  EXPECT_EQ(PrintAll(Numeric(), {v6}), "1700000000.123456  [|ip6]\n");
}

TEST(PrintPrinter, InvalidRecordHeader) {
  PrintOptions o = Numeric();
  char* buf = nullptr;
  size_t len = 0;
  FILE* f = open_memstream(&buf, &len);
  {
    Printer p(o, 1, f);
    std::vector<uint8_t> b = Hex(kSyn);
    PacketView v;
    v.data = b.data();
    v.caplen = 60;
    v.len = 50;
    p.Print(v);
  }
  fclose(f);
  EXPECT_EQ(std::string(buf, len), "[Invalid header: len(50) < caplen(60)]\n");
  free(buf);
}

TEST(PrintPrinter, TimestampStylesAndPacketNumbers) {
  PrintOptions o = Numeric();
  o.timestamp_style = 0;
  o.utc = true;
  o.number = true;
  EXPECT_EQ(PrintAll(o, {Hex(kSyn)}, 1, 14).substr(0, 24), "    1  22:13:20.123456  ");
  o.number = false;
  o.timestamp_style = 4;
  EXPECT_EQ(PrintAll(o, {Hex(kSyn)}, 1, 14).substr(0, 27), "2023-11-14 22:13:20.123456 ");
  o.timestamp_style = 2;
  o.nano = true;
  EXPECT_EQ(PrintAll(o, {Hex(kSyn)}, 1, 14).substr(0, 21), "1700000000.123456000 ");
  o.nano = false;
  o.timestamp_style = 3;  // delta: the first packet is 00:00:00.000000
  std::string d = PrintAll(o, {Hex(kSyn), Hex(kSyn)}, 1, 14);
  EXPECT_EQ(d.substr(0, 17), " 00:00:00.000000 ");
}

TEST(PrintPrinter, RelativeSequenceNumbersAcrossPackets) {
  // SYN-ACK 10.0.0.2.80 > 10.0.0.1.40000 seq 5000 ack 1001, then ACK seq 1001 ack 5001.
  std::vector<uint8_t> synack =
      Hex("020000000001 020000000002 0800 45000028000140004006 26d2 0a0000020a000001"
          "0050 9c40 00001388 000003e9 5012 ffff 0000 0000");
  std::vector<uint8_t> ackp =
      Hex("020000000002 020000000001 0800 45000028000140004006 26d2 0a0000010a000002"
          "9c40 0050 000003e9 00001389 5010 ffff 0000 0000");
  PrintOptions o = Numeric();
  o.timestamp_style = 1;
  std::string out = PrintAll(o, {synack, ackp});
  EXPECT_EQ(out,
            "IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65535, length 0\n"
            "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 65535, length 0\n");
  o.absolute_seq = true;
  out = PrintAll(o, {synack, ackp});
  EXPECT_NE(out.find("Flags [.], ack 5001, win"), std::string::npos) << out;
}

}  // namespace
}  // namespace ringdump::print
