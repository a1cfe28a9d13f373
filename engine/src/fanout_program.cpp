// FlowSpreadProgram (see fanout_program.hpp), written with a small label assembler: classic BPF jumps are
// forward offsets counted in instructions (backward jumps do not exist), easy to get wrong by hand.
#include "fanout_program.hpp"

#include <cstdint>
#include <string>
#include <utility>

namespace ringdump {
namespace {

constexpr uint32_t kNet = static_cast<uint32_t>(SKF_NET_OFF);

class Assembler {
 public:
  void Op(uint16_t code, uint32_t k = 0) { code_.push_back(BPF_STMT(code, k)); }
  // A conditional jump to labels (empty: the next instruction).
  void Jump(uint16_t code, uint32_t k, const std::string& if_true, const std::string& if_false) {
    fixups_.push_back({code_.size(), if_true, if_false, false});
    code_.push_back(BPF_JUMP(code, k, 0, 0));
  }
  // An unconditional forward jump (BPF_JA: the offset is in k).
  void Always(const std::string& label) {
    fixups_.push_back({code_.size(), label, "", true});
    code_.push_back(BPF_STMT(BPF_JMP | BPF_JA, 0));
  }
  void Label(const std::string& name) { labels_.emplace_back(name, code_.size()); }
  std::vector<sock_filter> Finish() {
    for (const Fixup& f : fixups_) {
      if (f.always) {
        code_[f.at].k = Offset(f.at, f.if_true);
        continue;
      }
      code_[f.at].jt = Offset(f.at, f.if_true);
      code_[f.at].jf = Offset(f.at, f.if_false);
    }
    return std::move(code_);
  }

 private:
  struct Fixup {
    size_t at;
    std::string if_true, if_false;
    bool always = false;
  };
  uint8_t Offset(size_t at, const std::string& label) const {
    if (label.empty()) return 0;
    for (const auto& [name, where] : labels_)
      if (name == label) return static_cast<uint8_t>(where - at - 1);
    return 0;  // unreachable: every label used below is defined
  }
  std::vector<sock_filter> code_;
  std::vector<Fixup> fixups_;
  std::vector<std::pair<std::string, size_t>> labels_;
};

}  // namespace

std::vector<sock_filter> FlowSpreadProgram() {
  Assembler a;
  a.Op(BPF_LD | BPF_W | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_RXHASH));
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 0, "own", "");
  a.Op(BPF_RET | BPF_A);
  a.Label("own");
  a.Op(BPF_LD | BPF_H | BPF_ABS, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_PROTOCOL));
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 0x0800, "", "not4");
  // IPv4: M[0] = source ^ destination.
  a.Op(BPF_LD | BPF_W | BPF_ABS, kNet + 12);
  a.Op(BPF_MISC | BPF_TAX);
  a.Op(BPF_LD | BPF_W | BPF_ABS, kNet + 16);
  a.Op(BPF_ALU | BPF_XOR | BPF_X);
  a.Op(BPF_ST, 0);
  a.Op(BPF_LD | BPF_H | BPF_ABS, kNet + 6);  // flags and fragment offset: a fragment has no ports to read
  a.Jump(BPF_JMP | BPF_JSET | BPF_K, 0x3fff, "mix", "");
  a.Op(BPF_LD | BPF_B | BPF_ABS, kNet + 9);
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 6, "ports4", "");
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 17, "ports4", "");
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 132, "ports4", "mix");
  a.Label("not4");
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 0x86dd, "", "other");
  // IPv6: M[0] = the xor of the eight address words; ports when the next header is TCP, UDP or SCTP.
  a.Op(BPF_LD | BPF_W | BPF_ABS, kNet + 8);
  for (uint32_t off = 12; off < 40; off += 4) {
    a.Op(BPF_MISC | BPF_TAX);
    a.Op(BPF_LD | BPF_W | BPF_ABS, kNet + off);
    a.Op(BPF_ALU | BPF_XOR | BPF_X);
  }
  a.Op(BPF_ST, 0);
  a.Op(BPF_LD | BPF_B | BPF_ABS, kNet + 6);
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 6, "ports6", "");
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 17, "ports6", "");
  a.Jump(BPF_JMP | BPF_JEQ | BPF_K, 132, "ports6", "mix");
  a.Label("ports4");
  a.Op(BPF_LDX | BPF_B | BPF_MSH, kNet + 0);  // X = the IPv4 header's length
  a.Op(BPF_LD | BPF_W | BPF_IND, kNet + 0);   // source port << 16 | destination port
  a.Always("ports");
  a.Label("ports6");
  a.Op(BPF_LD | BPF_W | BPF_ABS, kNet + 40);
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

}  // namespace ringdump
