// 802.1X EAPOL frames (print-eap.c's eapol_print, ethertype 0x888e): the frame type, version and
// length, and with -v the EAP packet of an "EAP packet" frame through eap.cpp's EapPrint (which RADIUS
// shares). Start, logoff, key and ASF alert frames print their header only.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kFrameTypes[] = {
    {0, "EAP packet"}, {1, "EAPOL start"}, {2, "EAPOL logoff"}, {3, "EAPOL key"}, {4, "Encapsulated ASF alert"}};

}  // namespace

void EapolPrint(Nd& nd, const uint8_t* cp) {
  nd.protocol = "eap";
  if (!nd.TTest(cp, 4)) return nd.PrintTrunc();  // ND_TCHECK here is a goto, not a longjmp
  uint8_t type = nd.U8(cp + 1);
  uint16_t len = nd.Be16(cp + 2);
  Tok2Str(nd, kFrameTypes, "unknown", type);
  nd.out.F(" (%u) v%u, len %u", type, nd.U8(cp), len);
  if (nd.o.verbose < 1) return;
  if (type != 0) return;
  if (len == 0) return nd.PrintTrunc();
  nd.out.S(", ");
  EapPrint(nd, cp + 4, len);
}

}  // namespace ringdump::print
