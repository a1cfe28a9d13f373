// AppleTalk ARP (print-atalk.c's aarp_print, ethertype 0x80f3): request, response and probe, else the
// header fields. AppleTalk addresses print as net.node (tcpdump's ataddr_string never reads
// /etc/atalk.names: its "first" test is inverted). DDP itself is not dissected.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr uint32_t kAarpLen = 28;

// AT(member): the 4-byte protocol address, net in bytes 1-2 and node in byte 3.
void AtAddr(Nd& nd, const uint8_t* a) {
  uint32_t net = uint32_t(nd.U8(a + 1)) << 8 | nd.U8(a + 2);
  uint8_t node = nd.U8(a + 3);
  if (node != 255) {
    nd.out.F("%u.%u", net, node);
  } else {
    nd.out.F("%u", net);
  }
}

}  // namespace

void AarpPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "aarp";
  nd.out.S("aarp ");
  if (!nd.TTest(bp, kAarpLen)) return nd.PrintTrunc();
  if (length < kAarpLen) {
    nd.out.F(" [|aarp %u]", length);
    return;
  }
  uint16_t htype = nd.Be16(bp), ptype = nd.Be16(bp + 2), op = nd.Be16(bp + 6);
  uint8_t halen = nd.U8(bp + 4), palen = nd.U8(bp + 5);
  const uint8_t* hsaddr = bp + 8;
  const uint8_t* psaddr = bp + 14;
  const uint8_t* pdaddr = bp + 24;
  if (htype == 1 && ptype == 0x809b && halen == 6 && palen == 4) {
    switch (op) {
      case 1:
        nd.out.S("who-has ");
        AtAddr(nd, pdaddr);
        nd.out.S(" tell ");
        AtAddr(nd, psaddr);
        return;
      case 2:
        nd.out.S("reply ");
        AtAddr(nd, psaddr);
        nd.out.S(" is-at ");
        PrintEtherAddr(nd, hsaddr);
        return;
      case 3:
        nd.out.S("probe ");
        AtAddr(nd, pdaddr);
        nd.out.S(" tell ");
        AtAddr(nd, psaddr);
        return;
      default:
        break;
    }
  }
  nd.out.F("len %u op %u htype %u ptype %#x halen %u palen %u", length, op, htype, ptype, halen, palen);
}

}  // namespace ringdump::print
