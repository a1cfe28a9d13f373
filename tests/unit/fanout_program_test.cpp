// The fanout programs (fanout_program.hpp): the kernel's checker accepts them; the inner-flow one, run by a small classic BPF interpreter with the
// kernel's rules for what it uses: loads relative to the network header (SKF_NET_OFF), a load past the end
// returns 0, scratch memory, forward jumps. The frames are the decapsulation tests' (tunnel_frames.hpp).
#include "fanout_program.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <set>

#include "tunnel_frames.hpp"

namespace ringdump {
namespace {

using testing::Frame;

// Runs `program` on `frame` (Ethernet, no VLAN tag: the kernel strips it; the network header at 14).
uint32_t RunProgram(const std::vector<sock_filter>& program, const Frame& frame) {
  const uint8_t* net = frame.data() + 14;
  const size_t len = frame.size() - 14;
  uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = {};
  for (size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& f = program[pc];
    auto load = [&](uint32_t k, size_t size, bool indirect, bool* ok) -> uint32_t {
      const int64_t offset = static_cast<int64_t>(static_cast<int32_t>(k)) - SKF_NET_OFF + (indirect ? x : 0);
      if (static_cast<int32_t>(k) < SKF_NET_OFF || offset < 0 || static_cast<size_t>(offset) + size > len) {
        *ok = false;
        return 0;
      }
      uint32_t v = 0;
      for (size_t i = 0; i < size; ++i) v = v << 8 | net[offset + i];
      return v;
    };
    const uint16_t cls = BPF_CLASS(f.code);
    bool ok = true;
    if (cls == BPF_LD || cls == BPF_LDX) {
      uint32_t v = 0;
      const size_t size = BPF_SIZE(f.code) == BPF_W ? 4 : BPF_SIZE(f.code) == BPF_H ? 2 : 1;
      switch (BPF_MODE(f.code)) {
        case BPF_ABS: v = load(f.k, size, false, &ok); break;
        case BPF_IND: v = load(f.k, size, true, &ok); break;
        case BPF_IMM: v = f.k; break;
        case BPF_MEM: v = mem[f.k]; break;
        default: ADD_FAILURE() << "unexpected load mode at " << pc; return 0;
      }
      if (!ok) return 0;  // the kernel ends the program with 0
      (cls == BPF_LD ? a : x) = v;
    } else if (cls == BPF_ST) {
      mem[f.k] = a;
    } else if (cls == BPF_STX) {
      mem[f.k] = x;
    } else if (cls == BPF_ALU) {
      const uint32_t v = BPF_SRC(f.code) == BPF_X ? x : f.k;
      switch (BPF_OP(f.code)) {
        case BPF_ADD: a += v; break;
        case BPF_AND: a &= v; break;
        case BPF_OR: a |= v; break;
        case BPF_XOR: a ^= v; break;
        case BPF_LSH: a <<= v; break;
        case BPF_RSH: a >>= v; break;
        default: ADD_FAILURE() << "unexpected ALU op at " << pc; return 0;
      }
    } else if (cls == BPF_JMP) {
      if (BPF_OP(f.code) == BPF_JA) {
        pc += f.k;
        continue;
      }
      bool taken = false;
      switch (BPF_OP(f.code)) {
        case BPF_JEQ: taken = a == f.k; break;
        case BPF_JSET: taken = (a & f.k) != 0; break;
        case BPF_JGT: taken = a > f.k; break;
        default: ADD_FAILURE() << "unexpected jump at " << pc; return 0;
      }
      pc += taken ? f.jt : f.jf;
    } else if (cls == BPF_RET) {
      return BPF_RVAL(f.code) == BPF_A ? a : f.k;
    } else if (cls == BPF_MISC) {
      if (BPF_MISCOP(f.code) == BPF_TAX) x = a;
      else a = x;
    }
  }
  ADD_FAILURE() << "fell off the end of the program";
  return 0;
}

// An inner Ethernet/IPv4/UDP frame between two hosts and ports, in either direction.
Frame Inner(uint8_t from, uint8_t to, uint16_t sport, uint16_t dport) {
  Frame f = testing::InnerFrame(7);
  f[14 + 15] = from;
  f[14 + 19] = to;
  f[34] = sport >> 8, f[35] = sport & 0xff;
  f[36] = dport >> 8, f[37] = dport & 0xff;
  return f;
}

// The outer packet of the other direction: another source address and UDP source port, as a mirror sends it.
Frame OtherOuter(Frame f) {
  f[14 + 15] = 99;                                // outer source address
  if (f[14 + 9] == 17) f[34] = 0x9c, f[35] = 0x41;  // outer UDP source port
  return f;
}

TEST(FanoutProgram, BothDirectionsOfAnInnerFlowGoToOneQueue) {
  for (auto tunnel : {DecapConfig::Tunnel::kVxlan, DecapConfig::Tunnel::kGeneve, DecapConfig::Tunnel::kGre}) {
    SCOPED_TRACE(static_cast<int>(tunnel));
    const auto program = InnerFlowFanoutProgram(tunnel, tunnel == DecapConfig::Tunnel::kGeneve ? 6081 : 4789);
    ASSERT_LE(program.size(), size_t{BPF_MAXINSNS});
    auto wrap = [&](const Frame& inner) {
      if (tunnel == DecapConfig::Tunnel::kVxlan) return testing::Vxlan(5, inner);
      if (tunnel == DecapConfig::Tunnel::kGeneve) return testing::Geneve(5, inner, 2);
      return testing::GreTeb(5, inner);
    };
    std::set<uint32_t> values;
    for (uint16_t port = 40000; port < 40064; ++port) {
      const uint32_t there = RunProgram(program, wrap(Inner(1, 2, port, 443)));
      const uint32_t back = RunProgram(program, OtherOuter(wrap(Inner(2, 1, 443, port))));
      EXPECT_EQ(there, back) << "port " << port;
      values.insert(there);
    }
    EXPECT_GE(values.size(), 32u) << "flows are not spread";
  }
}

TEST(FanoutProgram, ErspanAndIpv6OuterAndInnerAreFollowed) {
  const auto gre = InnerFlowFanoutProgram(DecapConfig::Tunnel::kGre, 0);
  EXPECT_EQ(RunProgram(gre, testing::Erspan2(3, Inner(1, 2, 1000, 80))), RunProgram(gre, testing::Erspan2(3, Inner(2, 1, 80, 1000))));
  EXPECT_EQ(RunProgram(gre, testing::Erspan3(3, Inner(1, 2, 1000, 80), true)),
            RunProgram(gre, testing::Erspan3(3, Inner(2, 1, 80, 1000), false)));
  EXPECT_NE(RunProgram(gre, testing::Erspan3(3, Inner(1, 2, 1000, 80), true)), 0u);
  const auto vxlan = InnerFlowFanoutProgram(DecapConfig::Tunnel::kVxlan, 4789);
  Frame v6 = testing::Udp(4789, [] {
    Frame v = {0x08, 0, 0, 0, 0, 0, 5, 0};
    Frame inner = Inner(1, 2, 1000, 80);
    v.insert(v.end(), inner.begin(), inner.end());
    return v;
  }());
  const Frame outer6 = testing::OuterIpv6(17, v6);
  EXPECT_EQ(RunProgram(vxlan, outer6), RunProgram(vxlan, testing::Vxlan(5, Inner(2, 1, 80, 1000))));
}

TEST(FanoutProgram, OtherPacketsHashTheirOwnFlowAndShortOnesGoToQueueZero) {
  const auto program = InnerFlowFanoutProgram(DecapConfig::Tunnel::kVxlan, 4789);
  const Frame plain = Inner(1, 2, 1000, 80), reverse = Inner(2, 1, 80, 1000);
  EXPECT_EQ(RunProgram(program, plain), RunProgram(program, reverse));
  EXPECT_NE(RunProgram(program, plain), RunProgram(program, Inner(1, 3, 1000, 80)));
  Frame cut = testing::Vxlan(5, plain);
  cut.resize(14 + 20 + 8 + 8 + 20);  // the inner IP header ends early
  EXPECT_EQ(RunProgram(program, cut), 0u);
  Frame arp(60, 0);
  EXPECT_EQ(RunProgram(program, arp), 0u);
}

TEST(FanoutProgram, KernelAcceptsTheFlowSpreadProgram) {
  std::vector<sock_filter> program = FlowSpreadProgram();
  ASSERT_FALSE(program.empty());
  EXPECT_EQ(program.back().code & 0x07, BPF_RET);
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  sock_fprog fprog{static_cast<unsigned short>(program.size()), program.data()};
  EXPECT_EQ(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog)), 0) << std::strerror(errno);
  close(fd);
}

// Every jump lands inside the program (forward only, by construction of the label assembler).
TEST(FanoutProgram, JumpsStayInsideTheProgram) {
  std::vector<sock_filter> program = FlowSpreadProgram();
  for (size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& f = program[pc];
    if ((f.code & 0x07) != BPF_JMP) continue;
    if ((f.code & 0xf0) == BPF_JA) {
      EXPECT_LT(pc + 1 + f.k, program.size()) << pc;
    } else {
      EXPECT_LT(pc + 1 + f.jt, program.size()) << pc;
      EXPECT_LT(pc + 1 + f.jf, program.size()) << pc;
    }
  }
}

// Both programs must pass the kernel's classic-BPF checker (which, e.g., rejects a scratch-memory read that a
// straight-line reading of the program does not show as written): attached here as a socket filter, the same
// checker PACKET_FANOUT_DATA runs.
TEST(FanoutProgram, KernelAcceptsTheInnerFlowPrograms) {
  for (auto tunnel : {DecapConfig::Tunnel::kVxlan, DecapConfig::Tunnel::kGeneve, DecapConfig::Tunnel::kGre}) {
    std::vector<sock_filter> program = InnerFlowFanoutProgram(tunnel, 4789);
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd, 0) << std::strerror(errno);
    sock_fprog fprog{static_cast<unsigned short>(program.size()), program.data()};
    EXPECT_EQ(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog)), 0) << std::strerror(errno);
    close(fd);
  }
}

}  // namespace
}  // namespace ringdump
