// The frames of ringdump-gen (tools/ringdump-gen/frame.hpp), checked against an independent reading of the
// bytes: lengths, addresses, tags, both checksums computed from scratch, the sequence marker, and ParseFrame.
// The namespace tests trust this builder to say what was on the wire, so it is tested on its own here.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "../../tools/ringdump-gen/frame.hpp"

namespace ringdump::gen {
namespace {

uint16_t Be16(const std::vector<uint8_t>& f, size_t off) {
  return static_cast<uint16_t>((f[off] << 8) | f[off + 1]);
}

// RFC 1071 over [off, off + len), plus an optional starting sum.
uint16_t InternetChecksum(const std::vector<uint8_t>& f, size_t off, size_t len, uint32_t sum = 0) {
  for (size_t i = 0; i < len; i += 2) {
    uint16_t word = static_cast<uint16_t>(f[off + i] << 8);
    if (i + 1 < len) word = static_cast<uint16_t>(word | f[off + i + 1]);
    sum += word;
  }
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

struct Case {
  std::optional<VlanTag> vlan;
  size_t size;
  uint64_t seq;
  uint16_t src_port;
};

class GenFrameTest : public ::testing::TestWithParam<Case> {};

TEST_P(GenFrameTest, BytesAreAValidUdpFrameCarryingTheSequence) {
  const Case c = GetParam();
  FrameSpec spec;
  spec.vlan = c.vlan;
  spec.dst_port = 4789;
  FrameTemplate t(spec, c.size);
  ASSERT_TRUE(t.valid());
  std::vector<uint8_t> f = t.Build(c.seq, c.src_port);
  ASSERT_EQ(f.size(), c.size);

  EXPECT_EQ(std::vector<uint8_t>(f.begin(), f.begin() + 6), std::vector<uint8_t>(6, 0xff));
  size_t ip = 14;
  if (c.vlan) {
    EXPECT_EQ(Be16(f, 12), c.vlan->tpid);
    EXPECT_EQ(Be16(f, 14), static_cast<uint16_t>(c.vlan->priority << 13 | c.vlan->id));
    ip += 4;
  }
  EXPECT_EQ(Be16(f, ip - 2), 0x0800);
  EXPECT_EQ(f[ip], 0x45);
  EXPECT_EQ(Be16(f, ip + 2), c.size - ip) << "IPv4 total length";
  EXPECT_EQ(Be16(f, ip + 4), static_cast<uint16_t>(c.seq)) << "IPv4 id";
  EXPECT_EQ(InternetChecksum(f, ip, 20), 0) << "IPv4 header checksum";
  const size_t udp = ip + 20;
  const uint16_t udp_len = static_cast<uint16_t>(c.size - udp);
  EXPECT_EQ(Be16(f, udp), c.src_port);
  EXPECT_EQ(Be16(f, udp + 2), 4789);
  EXPECT_EQ(Be16(f, udp + 4), udp_len);
  EXPECT_NE(Be16(f, udp + 6), 0) << "UDP checksum present";
  uint32_t pseudo = Be16(f, ip + 12) + Be16(f, ip + 14) + Be16(f, ip + 16) + Be16(f, ip + 18) + 17 + udp_len;
  EXPECT_EQ(InternetChecksum(f, udp, udp_len, pseudo), 0) << "UDP checksum over pseudo header";
  EXPECT_EQ(std::string(f.begin() + udp + 8, f.begin() + udp + 13), "RDSEQ");
  uint64_t seq = 0;
  for (size_t i = 0; i < 8; ++i) seq = seq << 8 | f[udp + 13 + i];
  EXPECT_EQ(seq, c.seq);

  auto parsed = ParseFrame(f.data(), f.size());
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->seq, c.seq);
  EXPECT_EQ(parsed->src_port, c.src_port);
  EXPECT_EQ(parsed->vlan.has_value(), c.vlan.has_value());
  if (c.vlan) {
    EXPECT_EQ(parsed->vlan->Tci(), c.vlan->Tci());
  }
}

INSTANTIATE_TEST_SUITE_P(Frames, GenFrameTest,
                         ::testing::Values(Case{std::nullopt, 60, 0, 9}, Case{std::nullopt, 61, 1, 9},
                                           Case{std::nullopt, 1514, 0x0123456789abcdefULL, 65535},
                                           Case{VlanTag{kTpid8021Q, 100, 5}, 60, 7, 1000},
                                           Case{VlanTag{kTpid8021Q, 0, 0}, 64, 8, 9},
                                           Case{VlanTag{kTpid8021AD, 4095, 7}, 1518, UINT64_MAX, 12345},
                                           Case{std::nullopt, 9018, 42, 9}));

TEST(GenFrame, SizesOutsideTheRangeGiveNoTemplate) {
  FrameSpec spec;
  EXPECT_FALSE(FrameTemplate(spec, 59).valid());
  EXPECT_FALSE(FrameTemplate(spec, kMaxFrameSize + 1).valid());
  EXPECT_TRUE(FrameTemplate(spec, 60).valid());
}

TEST(GenFrame, ParseRejectsOtherFrames) {
  FrameSpec spec;
  std::vector<uint8_t> f = FrameTemplate(spec, 100).Build(5);
  f[14 + 28] = 'X';  // break the magic
  EXPECT_FALSE(ParseFrame(f.data(), f.size()).has_value());
  EXPECT_FALSE(ParseFrame(f.data(), 20).has_value());
  std::vector<uint8_t> arp(60, 0);
  arp[12] = 0x08;
  arp[13] = 0x06;
  EXPECT_FALSE(ParseFrame(arp.data(), arp.size()).has_value());
}

}  // namespace
}  // namespace ringdump::gen
