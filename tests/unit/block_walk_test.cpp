// WalkBlock on synthetic TPACKET_V3 blocks: layout, last packet, VLAN re-insertion, snaplen, direction,
// cooked headers, and corrupt headers.
#include "block_walk.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <vector>

#include "synthetic_block.hpp"

namespace ringdump {
namespace {

using testing::SyntheticBlock;
using testing::SyntheticPacket;
using testing::UdpFrame;

constexpr uint32_t kBlock = 1 << 16;

std::vector<PacketView> Walk(SyntheticBlock& block, const BlockWalkOptions& options, BlockWalkResult* result = nullptr) {
  std::vector<PacketView> views(MaxPacketsPerBlock(block.size()));
  BlockWalkResult r = WalkBlock(block.data(), block.size(), options, views);
  views.resize(r.count);
  if (result) *result = r;
  return views;
}

std::vector<uint8_t> Bytes(const PacketView& v) { return {v.data, v.data + v.caplen}; }

TEST(BlockWalk, WalksEveryPacketWithItsBytesAndTimestamps) {
  SyntheticBlock block(kBlock, kFrameHeadroom);
  std::vector<std::vector<uint8_t>> frames;
  for (uint32_t i = 0; i < 5; ++i) {
    SyntheticPacket p;
    p.frame = UdpFrame(60 + i * 300, i);
    p.sec = 1700000000 + i;
    p.nsec = 123456789 + i;
    frames.push_back(p.frame);
    ASSERT_TRUE(block.Add(p));
  }
  BlockWalkResult r;
  auto views = Walk(block, {}, &r);
  ASSERT_EQ(views.size(), 5u);
  EXPECT_FALSE(r.corrupt);
  for (uint32_t i = 0; i < 5; ++i) {
    EXPECT_EQ(Bytes(views[i]), frames[i]);
    EXPECT_EQ(views[i].len, frames[i].size());
    EXPECT_EQ(views[i].sec, 1700000000 + i);
    EXPECT_EQ(views[i].nsec, 123456789u + i);
    EXPECT_EQ(views[i].direction, Direction::kInbound);
  }
}

TEST(BlockWalk, StopsAtThePacketWhoseNextOffsetIsZero) {
  SyntheticBlock block(kBlock, kFrameHeadroom);
  SyntheticPacket p;
  p.frame = UdpFrame(100, 1);
  ASSERT_TRUE(block.Add(p));
  ASSERT_TRUE(block.Add(p));
  block.desc()->hdr.bh1.num_pkts = 10;  // the count claims more; the chain ends after two
  BlockWalkResult r;
  auto views = Walk(block, {}, &r);
  EXPECT_EQ(views.size(), 2u);
  EXPECT_FALSE(r.corrupt);
}

TEST(BlockWalk, EmptyBlockYieldsNothing) {
  SyntheticBlock block(kBlock, kFrameHeadroom);
  EXPECT_TRUE(Walk(block, {}).empty());
}

struct VlanCase {
  uint16_t tci;
  uint16_t tpid;
  bool tpid_valid;
  uint16_t expected_tpid;
};

class BlockWalkVlan : public ::testing::TestWithParam<VlanCase> {};

TEST_P(BlockWalkVlan, ReinsertsTheTagAsOnTheWire) {
  const VlanCase c = GetParam();
  SyntheticBlock block(kBlock, kFrameHeadroom);
  SyntheticPacket p;
  p.frame = UdpFrame(200, 7);
  p.vlan = true;
  p.vlan_tci = c.tci;
  p.vlan_tpid = c.tpid;
  p.tpid_valid = c.tpid_valid;
  ASSERT_TRUE(block.Add(p));
  auto views = Walk(block, {});
  ASSERT_EQ(views.size(), 1u);
  std::vector<uint8_t> expected(p.frame.begin(), p.frame.begin() + 12);
  expected.push_back(c.expected_tpid >> 8);
  expected.push_back(c.expected_tpid & 0xff);
  expected.push_back(c.tci >> 8);
  expected.push_back(c.tci & 0xff);
  expected.insert(expected.end(), p.frame.begin() + 12, p.frame.end());
  EXPECT_EQ(Bytes(views[0]), expected);
  EXPECT_EQ(views[0].len, p.frame.size() + 4);
}

INSTANTIATE_TEST_SUITE_P(Tags, BlockWalkVlan,
                         ::testing::Values(VlanCase{0x2064, 0x8100, true, 0x8100},   // prio 1, VID 100
                                           VlanCase{0x0064, 0x88a8, true, 0x88a8},   // 802.1ad outer tag
                                           VlanCase{0xe000, 0x8100, true, 0x8100},   // priority-only tag
                                           VlanCase{0x0000, 0x8100, true, 0x8100},   // tci 0, flag set
                                           VlanCase{0x0005, 0x0000, false, 0x8100}));  // no TPID: 802.1Q

TEST(BlockWalk, TrimsToSnaplenAndKeepsTheWireLength) {
  SyntheticBlock block(kBlock, kFrameHeadroom);
  SyntheticPacket p;
  p.frame = UdpFrame(1500, 3);
  ASSERT_TRUE(block.Add(p));
  p.vlan = true;
  p.vlan_tci = 10;
  ASSERT_TRUE(block.Add(p));
  BlockWalkOptions options;
  options.snaplen = 96;
  auto views = Walk(block, options);
  ASSERT_EQ(views.size(), 2u);
  EXPECT_EQ(views[0].caplen, 96u);
  EXPECT_EQ(views[0].len, 1500u);
  EXPECT_EQ(std::vector<uint8_t>(views[0].data, views[0].data + 96),
            std::vector<uint8_t>(p.frame.begin(), p.frame.begin() + 96));
  EXPECT_EQ(views[1].caplen, 96u);
  EXPECT_EQ(views[1].len, 1504u);
  EXPECT_EQ(views[1].data[12], 0x81);
}

TEST(BlockWalk, KernelTruncatedFrameKeepsItsWireLength) {
  SyntheticBlock block(kBlock, kFrameHeadroom);
  SyntheticPacket p;
  p.frame = UdpFrame(64, 1);
  p.wire_len = 9000;  // the filter's snaplen cut it in the kernel
  ASSERT_TRUE(block.Add(p));
  auto views = Walk(block, {});
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].caplen, 64u);
  EXPECT_EQ(views[0].len, 9000u);
}

TEST(BlockWalk, DirectionAndLoopbackDuplicates) {
  SyntheticBlock block(kBlock, kFrameHeadroom);
  SyntheticPacket in, out, lo_out;
  in.frame = out.frame = lo_out.frame = UdpFrame(80, 1);
  out.pkttype = PACKET_OUTGOING;
  lo_out.pkttype = PACKET_OUTGOING;
  lo_out.ifindex = 1;
  ASSERT_TRUE(block.Add(in));
  ASSERT_TRUE(block.Add(out));
  ASSERT_TRUE(block.Add(lo_out));
  BlockWalkOptions options;
  options.loopback_ifindex = 1;
  BlockWalkResult r;
  auto all = Walk(block, options, &r);
  ASSERT_EQ(all.size(), 2u);  // the outgoing copy on loopback is also seen as incoming: skipped
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_EQ(all[1].direction, Direction::kOutbound);
  options.direction = CaptureDirection::kIn;
  SyntheticBlock again(kBlock, kFrameHeadroom);
  ASSERT_TRUE(again.Add(in));
  ASSERT_TRUE(again.Add(out));
  EXPECT_EQ(Walk(again, options).size(), 1u);
  options.direction = CaptureDirection::kOut;
  SyntheticBlock third(kBlock, kFrameHeadroom);
  ASSERT_TRUE(third.Add(in));
  ASSERT_TRUE(third.Add(out));
  auto outs = Walk(third, options);
  ASSERT_EQ(outs.size(), 1u);
  EXPECT_EQ(outs[0].direction, Direction::kOutbound);
}

TEST(BlockWalk, CookedSll2HeaderIsBuiltInFrontOfTheNetworkHeader) {
  SyntheticBlock block(kBlock, kFrameHeadroom, /*maclen=*/0);
  SyntheticPacket p;
  std::vector<uint8_t> udp = UdpFrame(100, 9);
  p.frame.assign(udp.begin() + 14, udp.end());  // SOCK_DGRAM: no link header
  p.ifindex = 3;
  p.pkttype = PACKET_OUTGOING;
  ASSERT_TRUE(block.Add(p));
  BlockWalkOptions options;
  options.cooked = true;
  options.link_type = LinkType::kLinuxSll2;
  auto views = Walk(block, options);
  ASSERT_EQ(views.size(), 1u);
  const std::vector<uint8_t> header = {0x08, 0x00, 0, 0, 0, 0, 0, 3, 0, 1, PACKET_OUTGOING, 6,
                                       0x02, 0, 0, 0, 0, 1, 0, 0};
  auto bytes = Bytes(views[0]);
  ASSERT_EQ(bytes.size(), 20 + p.frame.size());
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 20), header);
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin() + 20, bytes.end()), p.frame);
  EXPECT_EQ(views[0].len, 20 + p.frame.size());
}

TEST(BlockWalk, CookedVlanPutsTheTagAfterTheHeader) {
  SyntheticBlock block(kBlock, kFrameHeadroom, 0);
  SyntheticPacket p;
  p.frame = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
  p.vlan = true;
  p.vlan_tci = 100;
  ASSERT_TRUE(block.Add(p));
  BlockWalkOptions options;
  options.cooked = true;
  options.link_type = LinkType::kLinuxSll;
  auto views = Walk(block, options);
  ASSERT_EQ(views.size(), 1u);
  auto bytes = Bytes(views[0]);
  ASSERT_EQ(bytes.size(), 16u + 4 + p.frame.size());
  EXPECT_EQ(bytes[14], 0x81);  // SLL protocol: 802.1Q
  EXPECT_EQ(bytes[15], 0x00);
  EXPECT_EQ(bytes[16], 0x00);  // TCI
  EXPECT_EQ(bytes[17], 100);
  EXPECT_EQ(bytes[18], 0x08);  // inner protocol: IPv4
  EXPECT_EQ(bytes[19], 0x00);
}

TEST(BlockWalk, CorruptHeadersStopTheWalkInsideTheBlock) {
  SyntheticBlock good(kBlock, kFrameHeadroom);
  SyntheticPacket p;
  p.frame = UdpFrame(100, 1);
  ASSERT_TRUE(good.Add(p));
  ASSERT_TRUE(good.Add(p));

  {  // first packet offset outside the block
    SyntheticBlock b = good;
    b.desc()->hdr.bh1.offset_to_first_pkt = kBlock - 8;
    BlockWalkResult r;
    EXPECT_TRUE(Walk(b, {}, &r).empty());
    EXPECT_TRUE(r.corrupt);
  }
  {  // snaplen running past the end of the block
    SyntheticBlock b = good;
    b.header(b.first_offset())->tp_snaplen = kBlock;
    BlockWalkResult r;
    EXPECT_TRUE(Walk(b, {}, &r).empty());
    EXPECT_TRUE(r.corrupt);
  }
  {  // mac offset with no room for the headers in front of it
    SyntheticBlock b = good;
    b.header(b.first_offset())->tp_mac = 4;
    BlockWalkResult r;
    Walk(b, {}, &r);
    EXPECT_TRUE(r.corrupt);
  }
  {  // next offset jumping outside the block
    SyntheticBlock b = good;
    b.header(b.first_offset())->tp_next_offset = kBlock;
    BlockWalkResult r;
    auto views = Walk(b, {}, &r);
    EXPECT_EQ(views.size(), 1u);
    EXPECT_TRUE(r.corrupt);
  }
  {  // more packets than the output can hold
    SyntheticBlock b = good;
    std::vector<PacketView> one(1);
    BlockWalkResult r = WalkBlock(b.data(), b.size(), {}, one);
    EXPECT_EQ(r.count, 1u);
    EXPECT_TRUE(r.corrupt);
  }
}

}  // namespace
}  // namespace ringdump
