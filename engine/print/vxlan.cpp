// VXLAN (print-vxlan.c): flags and VNI, then the inner Ethernet frame.
#include "dissect.hpp"

namespace ringdump::print {

void VxlanPrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "vxlan";
  nd.out.S("VXLAN");
  if (len < 8) {
    nd.PrintInvalid();
    return;
  }
  uint8_t flags = nd.U8(bp);
  nd.out.F(", flags [%s] (0x%02x), ", (flags & 0x08) ? "I" : "invalid", flags);
  uint32_t vni = nd.Be24(bp + 4);
  bp += 8;
  len -= 8;
  nd.out.F("vni %u\n", vni);
  EtherPrint(nd, bp, len, uint32_t(nd.Avail(bp)));
}
}  // namespace ringdump::print
