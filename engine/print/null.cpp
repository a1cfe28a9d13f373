// BSD loopback and null encapsulation (print-null.c): the address family in host or swapped byte order,
// then IPv4 or IPv6.
#include <cstring>

#include "dissect.hpp"

namespace ringdump::print {

uint32_t NullPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen) {
  nd.protocol = "null";
  if (caplen < 4) {
    nd.PrintTrunc();
    return caplen;
  }
  uint32_t family;
  memcpy(&family, p, 4);
  if (family & 0xffff0000u) family = __builtin_bswap32(family);
  auto hdr = [&](uint32_t len) {
    const char* name = nullptr;
    switch (family) {
      case 2:
        name = "IPv4";
        break;
      case 7:
        name = "OSI";
        break;
      case 16:
        name = "Appletalk";
        break;
      case 23:
        name = "IPX";
        break;
      case 24:
      case 28:
      case 30:
        name = "IPv6";
        break;
      default:
        break;
    }
    if (!nd.o.quiet) {
      nd.out.F("AF %s (%u)", name ? name : "Unknown", family);
    } else if (name) {
      nd.out.S(name);
    } else {
      nd.out.F("Unknown AF %u", family);
    }
    nd.out.S(", length ");
    nd.out.U(len);
    nd.out.S(": ");
  };
  if (nd.o.link_header) hdr(length);
  nd.ll_hdr_len = 4;
  length -= 4;
  caplen -= 4;
  p += 4;
  switch (family) {
    case 2:
      IpPrint(nd, p, length);
      break;
    case 24:
    case 28:
    case 30:
      Ip6Print(nd, p, length);
      break;
    default:
      if (!nd.o.link_header) hdr(length + 4);
      if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
      break;
  }
  return 4;
}
}  // namespace ringdump::print
