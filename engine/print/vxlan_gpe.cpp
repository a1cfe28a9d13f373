// VXLAN-GPE (print-vxlan-gpe.c): flags, VNI and the next protocol: IPv4, IPv6 or Ethernet. An NSH payload
// (next protocol 4) is not dissected (print-nsh.c): nothing is printed after the header for it.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

const Tok kFlags[] = {{0x08, "I"}, {0x04, "P"}, {0x02, "B"}, {0x01, "O"}};

}  // namespace

void VxlanGpePrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "vxlan_gpe";
  nd.out.S("VXLAN-GPE, ");
  if (len < 8) {
    nd.out.F(" (len %u < 8)", len);
    nd.PrintInvalid();
    return;
  }
  uint8_t flags = nd.U8(bp);
  nd.out.S("flags [");
  BitTok2Str(nd, kFlags, "none", flags, "");
  nd.out.S("], ");
  uint8_t next = nd.U8(bp + 3);
  uint32_t vni = nd.Be24(bp + 4);
  nd.Check(bp + 7, 1);  // reserved
  bp += 8;
  len -= 8;
  nd.out.F("vni %u", vni);
  nd.out.S(nd.o.verbose ? "\n    " : ": ");
  switch (next) {
    case 1:
      IpPrint(nd, bp, len);
      break;
    case 2:
      Ip6Print(nd, bp, len);
      break;
    case 3:
      EtherPrint(nd, bp, len, uint32_t(nd.Avail(bp)));
      break;
    case 4:
      break;  // NSH: not dissected
    default:
      nd.out.S("ERROR: unknown-next-protocol");
      nd.PrintInvalid();
      break;
  }
}

}  // namespace ringdump::print
