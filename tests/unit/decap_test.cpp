// Decapsulate on crafted frames: every tunnel, id selection, what is not a tunnel, truncation.
#include "decap.hpp"

#include <gtest/gtest.h>

#include "tunnel_frames.hpp"

namespace ringdump {
namespace {

using namespace ringdump::testing;

struct Outcome {
  DecapOutcome outcome;
  Frame bytes;
  uint32_t len;
};

Outcome Strip(DecapConfig::Tunnel tunnel, const Frame& frame, std::vector<uint32_t> ids = {},
            uint32_t caplen = 0, LinkType link = LinkType::kEthernet, uint16_t port = 0) {
  DecapSpec spec;
  spec.tunnel = tunnel;
  spec.udp_port = port != 0 ? port : DefaultTunnelPort(tunnel);
  spec.ids = ids.data();
  spec.ids_count = ids.size();
  PacketView v;
  v.data = frame.data();
  v.caplen = caplen != 0 ? caplen : static_cast<uint32_t>(frame.size());
  v.len = static_cast<uint32_t>(frame.size());
  DecapOutcome o = Decapsulate(spec, link, v);
  return {o, Frame(v.data, v.data + v.caplen), v.len};
}

TEST(Decap, VxlanInnerFrameAndVniSelection) {
  Frame inner = InnerFrame(1);
  auto any = Strip(DecapConfig::Tunnel::kVxlan, Vxlan(42, inner));
  ASSERT_EQ(any.outcome, DecapOutcome::kInner);
  EXPECT_EQ(any.bytes, inner);
  EXPECT_EQ(any.len, inner.size());
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, Vxlan(42, inner), {7, 42}).outcome, DecapOutcome::kInner);
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, Vxlan(43, inner), {7, 42}).outcome, DecapOutcome::kOtherId);
  // Another port unless asked for.
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, Vxlan(42, inner, 8472)).outcome, DecapOutcome::kNotTunnel);
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, Vxlan(42, inner, 8472), {}, 0, LinkType::kEthernet, 8472).outcome,
            DecapOutcome::kInner);
}

TEST(Decap, VxlanBehindAVlanTagAndOverIpv6) {
  Frame inner = InnerFrame(2);
  Frame v = {0x08, 0, 0, 0, 0, 0, 5, 0};
  v.insert(v.end(), inner.begin(), inner.end());
  auto tagged = Strip(DecapConfig::Tunnel::kVxlan, OuterIpv4(17, Udp(4789, v), 100));
  ASSERT_EQ(tagged.outcome, DecapOutcome::kInner);
  EXPECT_EQ(tagged.bytes, inner);
  auto v6 = Strip(DecapConfig::Tunnel::kVxlan, OuterIpv6(17, Udp(4789, v)), {5});
  ASSERT_EQ(v6.outcome, DecapOutcome::kInner);
  EXPECT_EQ(v6.bytes, inner);
}

TEST(Decap, GeneveWithAndWithoutOptions) {
  Frame inner = InnerFrame(3);
  auto plain = Strip(DecapConfig::Tunnel::kGeneve, Geneve(9, inner));
  ASSERT_EQ(plain.outcome, DecapOutcome::kInner);
  EXPECT_EQ(plain.bytes, inner);
  auto options = Strip(DecapConfig::Tunnel::kGeneve, Geneve(9, inner, 3), {9});
  ASSERT_EQ(options.outcome, DecapOutcome::kInner);
  EXPECT_EQ(options.bytes, inner);
}

TEST(Decap, GreTebAndErspan) {
  Frame inner = InnerFrame(4);
  auto teb = Strip(DecapConfig::Tunnel::kGre, GreTeb(1000, inner), {1000});
  ASSERT_EQ(teb.outcome, DecapOutcome::kInner);
  EXPECT_EQ(teb.bytes, inner);
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kGre, GreTeb(1001, inner), {1000}).outcome, DecapOutcome::kOtherId);
  auto e2 = Strip(DecapConfig::Tunnel::kGre, Erspan2(12, inner), {12});
  ASSERT_EQ(e2.outcome, DecapOutcome::kInner);
  EXPECT_EQ(e2.bytes, inner);
  auto e3 = Strip(DecapConfig::Tunnel::kGre, Erspan3(13, inner));
  ASSERT_EQ(e3.outcome, DecapOutcome::kInner);
  EXPECT_EQ(e3.bytes, inner);
  auto e3o = Strip(DecapConfig::Tunnel::kGre, Erspan3(13, inner, true), {13});
  ASSERT_EQ(e3o.outcome, DecapOutcome::kInner);
  EXPECT_EQ(e3o.bytes, inner);
}

TEST(Decap, NotATunnelAndTruncatedNeverReadPastCaplen) {
  Frame inner = InnerFrame(5);
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, inner).outcome, DecapOutcome::kNotTunnel);
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kGre, Vxlan(1, inner)).outcome, DecapOutcome::kNotTunnel);
  Frame full = Vxlan(42, inner);
  for (uint32_t cut = 1; cut < 14 + 20 + 8 + 8 + 14; ++cut)
    EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, full, {}, cut).outcome, DecapOutcome::kNotTunnel) << cut;
  // A truncated capture keeps what there is of the inner frame and its wire length.
  auto cut = Strip(DecapConfig::Tunnel::kVxlan, full, {}, 14 + 20 + 8 + 8 + 20);
  ASSERT_EQ(cut.outcome, DecapOutcome::kInner);
  EXPECT_EQ(cut.bytes.size(), 20u);
  EXPECT_EQ(cut.len, inner.size());
  // A fragment: the tunnel header may not be in it.
  Frame frag = full;
  frag[14 + 6] = 0x20;  // MF
  EXPECT_EQ(Strip(DecapConfig::Tunnel::kVxlan, frag).outcome, DecapOutcome::kNotTunnel);
}

TEST(Decap, OuterFilterExpressions) {
  DecapConfig c;
  c.tunnel = DecapConfig::Tunnel::kVxlan;
  EXPECT_EQ(OuterFilterExpression(c), "udp dst port 4789");
  c.udp_port = 8472;
  c.outer_filter = "host 198.18.0.1";
  EXPECT_EQ(OuterFilterExpression(c), "(udp dst port 8472) and (host 198.18.0.1)");
  c.tunnel = DecapConfig::Tunnel::kGre;
  c.outer_filter.clear();
  EXPECT_EQ(OuterFilterExpression(c), "ip proto 47 or ip6 proto 47");
  c.keep_unmatched = true;
  EXPECT_EQ(OuterFilterExpression(c), "");
}

}  // namespace
}  // namespace ringdump
