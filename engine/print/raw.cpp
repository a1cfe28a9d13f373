// Raw IP (print-raw.c) and print-ip.c's ipN_print: IPv4 or IPv6 by the version nibble.
#include "dissect.hpp"

namespace ringdump::print {

uint32_t RawPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t) {
  if (nd.o.link_header) nd.out.S("ip: ");
  IpOrIp6Print(nd, p, length);
  return 0;
}

void IpOrIp6Print(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "ipN";
  if (length < 1) {
    nd.out.F("truncated-ip %u", length);
    return;
  }
  switch (nd.U8(p) & 0xf0) {
    case 0x40:
      IpPrint(nd, p, length);
      break;
    case 0x60:
      Ip6Print(nd, p, length);
      break;
    default:
      nd.out.F("unknown ip %u", (nd.U8(p) & 0xf0) >> 4);
      break;
  }
}
}  // namespace ringdump::print
