// SSH (print-ssh.c): the identification string ("SSH-2.0-...") when a segment starts with one.
#include "dissect.hpp"

namespace ringdump::print {

void SshPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "ssh";
  uint32_t idx = 0;
  for (const char* m = "SSH-"; *m; m++, idx++) {
    if (nd.U8(p + idx) != uint8_t(*m)) return;
  }
  while (idx < len) {
    uint8_t c = nd.U8(p + idx);
    if (c == '\n') break;
    if (c == '\r') {
      if (idx + 1 >= len || nd.U8(p + idx + 1) != '\n') return;
      break;
    }
    if (!IsPrint(c)) return;
    idx++;
  }
  if (idx >= len) return;
  nd.out.S(": SSH: ");
  nd.out.S(std::string_view(reinterpret_cast<const char*>(p), idx));
}
}  // namespace ringdump::print
