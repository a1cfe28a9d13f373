// Enhanced GRE, version 1 (print-gre.c's gre_print_1, RFC 2637): the PPTP data channel. Flags, call id,
// sequence and acknowledgment numbers, then the PPP frame (ppp.cpp). gre.cpp's GrePrint prints
// "GREv1" and hands the header over.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kGreFlags[] = {{0x8000, "checksum present"},  {0x4000, "routing present"},
                             {0x2000, "key present"},       {0x1000, "sequence# present"},
                             {0x0800, "source routing present"}, {0x0080, "ack present"}};

}  // namespace

void GreV1Print(Nd& nd, const uint8_t* bp, uint32_t length) {
  uint32_t len = length;
  uint16_t flags = nd.Be16(bp);
  len -= 2;
  bp += 2;
  if (nd.o.verbose) {
    nd.out.S(", Flags [");
    BitTok2Str(nd, kGreFlags, "none", flags);
    nd.out.C(']');
  }
  // ND_TCHECK here is a goto: the marker and a normal return.
  auto field = [&](uint32_t n) {
    if (!nd.TTest(bp, n) || len < n) {
      nd.PrintTrunc();
      return false;
    }
    return true;
  };
  if (!field(2)) return;
  uint16_t prot = nd.Be16(bp);
  len -= 2;
  bp += 2;
  if (flags & 0x2000) {
    if (!field(4)) return;
    nd.out.F(", call %u", nd.Be32(bp) & 0xffff);
    len -= 4;
    bp += 4;
  }
  if (flags & 0x1000) {
    if (!field(4)) return;
    nd.out.F(", seq %u", nd.Be32(bp));
    bp += 4;
    len -= 4;
  }
  if (flags & 0x0080) {
    if (!field(4)) return;
    nd.out.F(", ack %u", nd.Be32(bp));
    bp += 4;
    len -= 4;
  }
  if (!(flags & 0x1000)) nd.out.S(", no-payload");
  if (nd.o.link_header) {
    const char* name = EthertypeName(prot);
    nd.out.F(", proto %s (0x%04x)", name ? name : "unknown", prot);
  }
  nd.out.F(", length %u", length);
  if (!(flags & 0x1000)) return;
  nd.out.S(nd.o.verbose < 1 ? ": " : "\n\t");
  if (prot == 0x880b) {
    PppPrint(nd, bp, len);
  } else {
    nd.out.F("gre-proto-0x%x", prot);
  }
}

}  // namespace ringdump::print
