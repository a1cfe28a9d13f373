// OTV (print-otv.c): flags, overlay and instance, then the inner Ethernet frame.
#include "dissect.hpp"

namespace ringdump::print {

void OtvPrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "otv";
  nd.out.S("OTV, ");
  if (len < 8) {
    nd.out.F("[length %u < 8]", len);
    nd.PrintInvalid();
    nd.Check(bp, len);
    return;
  }
  uint8_t flags = nd.U8(bp);
  nd.out.F("flags [%s] (0x%02x), ", (flags & 0x08) ? "I" : ".", flags);
  nd.out.F("overlay %u, ", nd.Be24(bp + 1));
  nd.out.F("instance %u\n", nd.Be24(bp + 4));
  nd.Check(bp + 7, 1);  // reserved
  EtherPrint(nd, bp + 8, len - 8, uint32_t(nd.Avail(bp + 8)));
}

}  // namespace ringdump::print
