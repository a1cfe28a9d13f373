// Cisco's Dynamic Trunking Protocol (print-dtp.c), reached through SNAP (Cisco OUI, pid 0x2004):
// "DTPv1, length N"; with -v the domain, status, type and neighbor TLVs.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kTlvs[] = {{1, "Domain"}, {2, "Status"}, {3, "DTP type"}, {4, "Neighbor"}};

}  // namespace

void DtpPrint(Nd& nd, const uint8_t* tptr, uint32_t length) {
  nd.protocol = "dtp";
  auto invalid = [&] {
    nd.PrintInvalid();
    nd.Check(tptr, length);
  };
  if (length < 1) {
    nd.out.S("[zero packet length]");
    return invalid();
  }
  nd.out.F("DTPv%u, length %u", nd.U8(tptr), length);
  if (nd.o.verbose < 1) return;
  tptr += 1;
  length -= 1;
  while (length) {
    if (length < 4) {
      nd.out.F("[%u bytes remaining]", length);
      return invalid();
    }
    uint16_t type = nd.Be16(tptr), len = nd.Be16(tptr + 2);
    if (type == 0) return;
    nd.out.S("\n\t");
    Tok2Str(nd, kTlvs, "Unknown", type);
    nd.out.F(" (0x%04x) TLV, length %u", type, len);
    if (len < 4 || len > length) {
      nd.out.F("[invalid TLV length %u]", len);
      return invalid();
    }
    switch (type) {
      case 1:
        nd.out.S(", ");
        PrintStringN(nd, tptr + 4, len - 4u);
        break;
      case 2:
      case 3:
        if (len != 5) return invalid();
        nd.out.F(", 0x%x", nd.U8(tptr + 4));
        break;
      case 4:
        if (len != 10) return invalid();
        nd.Check(tptr + 4, 6);
        nd.out.S(", ");
        PrintEtherAddr(nd, tptr + 4);
        break;
      default:
        nd.Check(tptr, len);
        break;
    }
    tptr += len;
    length -= len;
  }
}

}  // namespace ringdump::print
