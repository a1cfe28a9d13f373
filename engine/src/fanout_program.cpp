// The fanout programs (see fanout_program.hpp), written with a small assembler with forward labels: classic BPF
// jumps are forward offsets counted in instructions, easy to get wrong by hand.
#include "fanout_program.hpp"

#include <map>
#include <string>

namespace ringdump {
namespace {

// Scratch memory of the program.
constexpr uint32_t kProto = 1;    // outer, then inner, IP protocol
constexpr uint32_t kGreFlags = 2;
constexpr uint32_t kGreLen = 3;   // GRE header length
constexpr uint32_t kWord = 4;     // the ports word
constexpr uint32_t kBase = 5;     // IP header offset while hashing
constexpr uint32_t kHash = 6;
constexpr uint32_t kL4Proto = 7;

uint32_t Net(uint32_t offset) { return static_cast<uint32_t>(SKF_NET_OFF) + offset; }

// Classic BPF only jumps forward: every label is placed after the jumps to it.
class Assembler {
 public:
  void Op(uint16_t code, uint32_t k = 0) { code_.push_back(BPF_STMT(code, k)); }
  // Conditional jump on A against k: to `yes` when it holds, else to `no` ("" = the next instruction).
  void Jump(uint16_t code, uint32_t k, const std::string& yes, const std::string& no = "") {
    fixups_.push_back({code_.size(), yes, no});
    code_.push_back(BPF_JUMP(BPF_JMP | code | BPF_K, k, 0, 0));
  }
  void Goto(const std::string& label) {
    fixups_.push_back({code_.size(), label, ""});
    code_.push_back(BPF_STMT(BPF_JMP | BPF_JA, 0));
  }
  void Label(const std::string& name) { labels_[name] = code_.size(); }

  std::vector<sock_filter> Finish() {
    for (const Fixup& f : fixups_) {
      sock_filter& insn = code_[f.at];
      auto distance = [&](const std::string& label) -> uint32_t {
        return label.empty() ? 0 : static_cast<uint32_t>(labels_.at(label) - f.at - 1);
      };
      if (BPF_OP(insn.code) == BPF_JA) {
        insn.k = distance(f.yes);
      } else {
        insn.jt = static_cast<uint8_t>(distance(f.yes));
        insn.jf = static_cast<uint8_t>(distance(f.no));
      }
    }
    return code_;
  }

 private:
  struct Fixup {
    size_t at;
    std::string yes, no;
  };
  std::vector<sock_filter> code_;
  std::map<std::string, size_t> labels_;
  std::vector<Fixup> fixups_;
};

// A ^= the 32-bit word at X + offset; X is restored from kBase.
void XorWord(Assembler& a, uint32_t offset) {
  a.Op(BPF_LD | BPF_W | BPF_IND, Net(offset));
  a.Op(BPF_LDX | BPF_MEM, kHash);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ST, kHash);
  a.Op(BPF_LDX | BPF_MEM, kBase);
}

// At "hash_ip" with X = the offset of an IP header from the network header: returns the symmetric flow hash.
void EmitHashIp(Assembler& a) {
  a.Label("hash_ip");
  a.Op(BPF_MISC | BPF_TXA);
  a.Op(BPF_ST, kBase);
  a.Op(BPF_LD | BPF_B | BPF_IND, Net(0));
  a.Op(BPF_ALU | BPF_RSH | BPF_K, 4);
  a.Jump(BPF_JEQ, 4, "h4");
  a.Jump(BPF_JEQ, 6, "h6");
  a.Op(BPF_RET | BPF_K, 0);

  a.Label("h4");
  a.Op(BPF_LD | BPF_W | BPF_IND, Net(12));
  a.Op(BPF_ST, kHash);
  XorWord(a, 16);
  a.Op(BPF_LD | BPF_B | BPF_IND, Net(9));
  a.Op(BPF_ST, kL4Proto);
  a.Op(BPF_LD | BPF_H | BPF_IND, Net(6));
  a.Jump(BPF_JSET, 0x1fff, "fold");  // a fragment after the first: no ports
  a.Op(BPF_LD | BPF_B | BPF_IND, Net(0));
  a.Op(BPF_ALU | BPF_AND | BPF_K, 0xf);
  a.Op(BPF_ALU | BPF_LSH | BPF_K, 2);
  a.Op(BPF_ALU | BPF_ADD | BPF_X);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("ports");

  a.Label("h6");
  a.Op(BPF_LD | BPF_W | BPF_IND, Net(8));
  a.Op(BPF_ST, kHash);
  for (uint32_t offset = 12; offset < 40; offset += 4) XorWord(a, offset);
  a.Op(BPF_LD | BPF_B | BPF_IND, Net(6));
  a.Op(BPF_ST, kL4Proto);
  a.Op(BPF_MISC | BPF_TXA);
  a.Op(BPF_ALU | BPF_ADD | BPF_K, 40);
  a.Op(BPF_MISC | BPF_TAX);

  a.Label("ports");  // X = the transport header
  a.Op(BPF_LD | BPF_MEM, kL4Proto);
  a.Jump(BPF_JEQ, 6, "p");
  a.Jump(BPF_JEQ, 17, "p");
  a.Jump(BPF_JEQ, 132, "p", "fold");
  a.Label("p");
  a.Op(BPF_LD | BPF_W | BPF_IND, Net(0));
  a.Op(BPF_ST, kWord);
  a.Op(BPF_ALU | BPF_RSH | BPF_K, 16);
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_LD | BPF_MEM, kWord);
  a.Op(BPF_ALU | BPF_AND | BPF_K, 0xffff);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);  // source port ^ destination port
  a.Op(BPF_LDX | BPF_MEM, kHash);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ST, kHash);

  a.Label("fold");
  a.Op(BPF_LD | BPF_MEM, kHash);
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_ALU | BPF_RSH | BPF_K, 16);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ALU | BPF_AND | BPF_K, 0xffff);
  a.Op(BPF_RET | BPF_A);
}

// GRE at X: the header's length (4, +4 for each of the C, K, S flags) into kGreLen, then what it carries.
void EmitGre(Assembler& a) {
  a.Op(BPF_LD | BPF_B | BPF_IND, Net(0));
  a.Op(BPF_ST, kGreFlags);
  a.Op(BPF_LD | BPF_IMM, 4);
  a.Op(BPF_ST, kGreLen);
  for (uint32_t flag : {0x80u, 0x20u, 0x10u}) {
    const std::string skip = "gre_no_" + std::to_string(flag);
    a.Op(BPF_LD | BPF_MEM, kGreFlags);
    a.Jump(BPF_JSET, flag, "", skip);
    a.Op(BPF_LD | BPF_MEM, kGreLen);
    a.Op(BPF_ALU | BPF_ADD | BPF_K, 4);
    a.Op(BPF_ST, kGreLen);
    a.Label(skip);
  }
  a.Op(BPF_LD | BPF_H | BPF_IND, Net(2));
  a.Jump(BPF_JEQ, 0x6558, "teb");
  a.Jump(BPF_JEQ, 0x88be, "erspan2");
  a.Jump(BPF_JEQ, 0x22eb, "erspan3", "outer");
  a.Label("teb");
  a.Op(BPF_LD | BPF_MEM, kGreLen);
  a.Op(BPF_ALU | BPF_ADD | BPF_X);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("inner");
  a.Label("erspan2");  // an 8-byte ERSPAN II header
  a.Op(BPF_LD | BPF_MEM, kGreLen);
  a.Op(BPF_ALU | BPF_ADD | BPF_K, 8);
  a.Op(BPF_ALU | BPF_ADD | BPF_X);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("inner");
  a.Label("erspan3");  // 12 bytes, 20 with the platform subheader (O flag, low bit of byte 11)
  a.Op(BPF_LD | BPF_MEM, kGreLen);
  a.Op(BPF_ALU | BPF_ADD | BPF_X);
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_LD | BPF_B | BPF_IND, Net(11));
  a.Jump(BPF_JSET, 1, "", "erspan3_plain");
  a.Op(BPF_MISC | BPF_TXA);
  a.Op(BPF_ALU | BPF_ADD | BPF_K, 20);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("inner");
  a.Label("erspan3_plain");
  a.Op(BPF_MISC | BPF_TXA);
  a.Op(BPF_ALU | BPF_ADD | BPF_K, 12);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("inner");
}

}  // namespace

std::vector<sock_filter> FlowSpreadProgram() {
  Assembler a;
  a.Op(BPF_LD | BPF_W | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_RXHASH));
  a.Jump(BPF_JEQ, 0, "own");
  a.Op(BPF_RET | BPF_A);
  a.Label("own");
  a.Op(BPF_LD | BPF_H | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_PROTOCOL));
  a.Jump(BPF_JEQ, 0x0800, "", "not4");
  // IPv4: M[0] = source ^ destination.
  a.Op(BPF_LD | BPF_W | BPF_ABS, Net(12));
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_LD | BPF_W | BPF_ABS, Net(16));
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ST, 0);
  a.Op(BPF_LD | BPF_H | BPF_ABS, Net(6));  // flags and fragment offset: a fragment has no ports to read
  a.Jump(BPF_JSET, 0x3fff, "mix");
  a.Op(BPF_LD | BPF_B | BPF_ABS, Net(9));
  a.Jump(BPF_JEQ, 6, "ports4");
  a.Jump(BPF_JEQ, 17, "ports4");
  a.Jump(BPF_JEQ, 132, "ports4", "mix");
  a.Label("not4");
  a.Jump(BPF_JEQ, 0x86dd, "", "other");
  // IPv6: M[0] = the xor of the eight address words; ports when the next header is TCP, UDP or SCTP.
  a.Op(BPF_LD | BPF_W | BPF_ABS, Net(8));
  for (uint32_t off = 12; off < 40; off += 4) {
    a.Op(BPF_MISC | BPF_TAX);
    a.Op(BPF_LD | BPF_W | BPF_ABS, Net(off));
    a.Op(BPF_ALU | BPF_XOR | BPF_X);
  }
  a.Op(BPF_ST, 0);
  a.Op(BPF_LD | BPF_B | BPF_ABS, Net(6));
  a.Jump(BPF_JEQ, 6, "ports6");
  a.Jump(BPF_JEQ, 17, "ports6");
  a.Jump(BPF_JEQ, 132, "ports6", "mix");
  a.Label("ports4");
  a.Op(BPF_LDX | BPF_B | BPF_MSH, Net(0));  // X = the IPv4 header's length
  a.Op(BPF_LD | BPF_W | BPF_IND, Net(0));   // source port << 16 | destination port
  a.Goto("ports");
  a.Label("ports6");
  a.Op(BPF_LD | BPF_W | BPF_ABS, Net(40));
  a.Label("ports");
  // A = the ports word: M[0] ^= (A >> 16) ^ (A & 0xffff).
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_ALU | BPF_RSH | BPF_K, 16);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ALU | BPF_AND | BPF_K, 0xffff);
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_LD | BPF_MEM, 0);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ST, 0);
  a.Label("mix");
  a.Op(BPF_LD | BPF_MEM, 0);
  a.Op(BPF_ALU | BPF_MUL | BPF_K, 0x9e3779b1u);
  a.Op(BPF_ALU | BPF_RSH | BPF_K, 16);
  a.Op(BPF_RET | BPF_A);
  // Last: the kernel's check of scratch memory reads the program in order and carries what was valid before a
  // return into the instruction after it.
  a.Label("other");
  a.Op(BPF_RET | BPF_K, 0);
  return a.Finish();
}

std::vector<sock_filter> InnerFlowFanoutProgram(DecapConfig::Tunnel tunnel, uint16_t udp_port) {
  Assembler a;
  // The outer IP header: its protocol into kProto and X = the offset of what it carries.
  a.Op(BPF_LD | BPF_B | BPF_ABS, Net(0));
  a.Op(BPF_ALU | BPF_RSH | BPF_K, 4);
  a.Jump(BPF_JEQ, 4, "o4");
  a.Jump(BPF_JEQ, 6, "o6");
  a.Op(BPF_RET | BPF_K, 0);
  a.Label("o4");
  a.Op(BPF_LD | BPF_B | BPF_ABS, Net(9));
  a.Op(BPF_ST, kProto);
  a.Op(BPF_LD | BPF_H | BPF_ABS, Net(6));
  a.Jump(BPF_JSET, 0x1fff, "outer");
  a.Op(BPF_LD | BPF_B | BPF_ABS, Net(0));
  a.Op(BPF_ALU | BPF_AND | BPF_K, 0xf);
  a.Op(BPF_ALU | BPF_LSH | BPF_K, 2);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("l4");
  a.Label("o6");
  a.Op(BPF_LD | BPF_B | BPF_ABS, Net(6));
  a.Op(BPF_ST, kProto);
  a.Op(BPF_LDX | BPF_IMM, 40);

  a.Label("l4");
  a.Op(BPF_LD | BPF_MEM, kProto);
  if (tunnel == DecapConfig::Tunnel::kGre) {
    a.Jump(BPF_JEQ, 47, "", "outer");
    EmitGre(a);
  } else {
    a.Jump(BPF_JEQ, 17, "", "outer");
    a.Op(BPF_LD | BPF_H | BPF_IND, Net(2));
    a.Jump(BPF_JEQ, udp_port, "", "outer");
    if (tunnel == DecapConfig::Tunnel::kGeneve) {  // 8 bytes + the options' length in 4-byte words
      a.Op(BPF_LD | BPF_B | BPF_IND, Net(8));
      a.Op(BPF_ALU | BPF_AND | BPF_K, 0x3f);
      a.Op(BPF_ALU | BPF_LSH | BPF_K, 2);
      a.Op(BPF_ALU | BPF_ADD | BPF_K, 16);
    } else {
      a.Op(BPF_LD | BPF_IMM, 16);  // UDP + VXLAN
    }
    a.Op(BPF_ALU | BPF_ADD | BPF_X);
    a.Op(BPF_MISC | BPF_TAX);
  }

  a.Label("inner");  // X = the inner Ethernet frame
  a.Op(BPF_LD | BPF_H | BPF_IND, Net(12));
  a.Jump(BPF_JEQ, 0x0800, "inner_ip");
  a.Jump(BPF_JEQ, 0x86dd, "inner_ip", "outer");
  a.Label("inner_ip");
  a.Op(BPF_MISC | BPF_TXA);
  a.Op(BPF_ALU | BPF_ADD | BPF_K, 14);
  a.Op(BPF_MISC | BPF_TAX);
  a.Goto("hash_ip");

  a.Label("outer");  // not the tunnel: the outer packet's own flow
  a.Op(BPF_LDX | BPF_IMM, 0);
  EmitHashIp(a);
  return a.Finish();
}

}  // namespace ringdump
