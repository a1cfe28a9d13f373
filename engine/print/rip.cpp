// RIP (print-rip.c, RFC 1058/2453/4822): "RIPvN, Command, length: N"; with -v the route count and one
// line per route entry (v1: address and metric; v2: family, prefix, tag, metric, next hop, and the
// authentication entries), with -vv a hex dump of the message. Entries are walked over the captured
// bytes only: a cut entry prints " [|rip]" and ends the list.
#include <string>

#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint32_t kRouteLen = 20;
constexpr uint32_t kAuthLen = 16;

const char* CmdName(uint8_t cmd) {
  static const char* kCmds[] = {nullptr,     "Request", "Response",  "Trace on",
                                "Trace off", "Poll",    "Poll Entry"};
  return cmd >= 1 && cmd <= 6 ? kCmds[cmd] : nullptr;
}

// bsd_af_values (af.c).
constexpr Tok kBsdAfNames[] = {{2, "IPv4"}, {6, "NS"},    {7, "ISO"},   {16, "Appletalk"},
                               {23, "IPX"}, {24, "IPv6"}, {28, "IPv6"}, {30, "IPv6"}};

const char* BsdAfName(uint16_t af) { return TokName(kBsdAfNames, af); }

void PrintAfi(Nd& nd, uint16_t af, const char* unknown_fmt) {
  if (const char* n = BsdAfName(af)) {
    nd.out.S(n);
  } else {
    nd.out.F(unknown_fmt, af);
  }
}

// mask2plen: the prefix length of a contiguous mask, -1 otherwise.
int MaskToPlen(uint32_t mask) {
  for (int plen = 32; plen >= 0; plen--) {
    uint32_t m = plen == 0 ? 0 : ~uint32_t(0) << (32 - plen);
    if (m == mask) return plen;
  }
  return -1;
}

// "%15s" of an address as ipaddr_string gives it (a name without -n).
void PrintIpAddrPadded(Nd& nd, const uint8_t* a, size_t width) {
  size_t start = nd.out.size();
  PrintIpAddr(nd, a);
  size_t n = nd.out.size() - start;
  if (n >= width) return;
  std::string addr = nd.out.str().substr(start);
  nd.out.Resize(start);
  for (size_t i = n; i < width; i++) nd.out.C(' ');
  nd.out.S(addr);
}

// rip_entry_print_v1: the entry size, or 0 when it is cut short.
uint32_t EntryV1(Nd& nd, const uint8_t* p, uint32_t remaining) {
  if (remaining < kRouteLen || !nd.TTest(p, kRouteLen)) return 0;
  uint16_t family = nd.Be16(p);
  if (family != 2 && family != 0) {
    nd.out.S("\n\t AFI ");
    PrintAfi(nd, family, "Unknown (%u)");
    nd.out.S(", ");
    PrintUnknownData(nd, p + 4, "\n\t  ", kRouteLen - 4);
    return kRouteLen;
  }
  if (nd.Be16(p + 2) || nd.Be32(p + 8) || nd.Be32(p + 12)) {  // must-be-zero fields
    PrintUnknownData(nd, p, "\n\t  ", kRouteLen);
    return kRouteLen;
  }
  nd.out.S(family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
  PrintIpAddr(nd, p + 4);
  nd.out.F(", metric: %u", nd.Be32(p + 16));
  return kRouteLen;
}

// rip_entry_print_v2: the entry size, or 0 when it is cut short.
uint32_t EntryV2(Nd& nd, const uint8_t* p, uint32_t remaining) {
  if (remaining < 4 || !nd.TTest(p, 4)) return 0;
  uint16_t family = nd.Be16(p);
  if (family == 0xffff) {  // authentication entries, of their own sizes
    uint16_t auth_type = nd.Be16(p + 2);
    p += 4;
    remaining -= 4;
    if (auth_type == 2) {
      nd.out.S("\n\t  Simple Text Authentication data: ");
      PrintStringN(nd, p, kAuthLen);
    } else if (auth_type == 3) {
      if (!nd.TTest(p, 16) || remaining < 16) return 0;
      nd.out.F("\n\t  Auth header: Packet Len %u, Key-ID %u, Auth Data Len %u, SeqNo %u, MBZ %u, MBZ %u",
               nd.Be16(p), nd.U8(p + 2), nd.U8(p + 3), nd.Be32(p + 4), nd.Be32(p + 8), nd.Be32(p + 12));
    } else if (auth_type == 1) {
      nd.out.S("\n\t  Auth trailer:");
      PrintUnknownData(nd, p, "\n\t  ", remaining);
      return 4 + remaining;  // the trailer runs to the end of the packet
    } else {
      nd.out.F("\n\t  Unknown (%u) Authentication data:", auth_type);
      PrintUnknownData(nd, p, "\n\t  ", remaining);
      return 4 + remaining;
    }
  } else if (family != 2 && family != 0) {
    nd.out.S("\n\t  AFI ");
    PrintAfi(nd, family, "Unknown (%u)");
    PrintUnknownData(nd, p + 4, "\n\t  ", kRouteLen - 4);
  } else {
    if (!nd.TTest(p, kRouteLen) || remaining < kRouteLen) return 0;
    nd.out.S("\n\t  AFI ");
    PrintAfi(nd, family, "%u");
    nd.out.S(", ");
    PrintIpAddrPadded(nd, p + 4, 15);
    nd.out.F("/%-2d, tag 0x%04x, metric: %u, next-hop: ", MaskToPlen(nd.Be32(p + 8)), nd.Be16(p + 2),
             nd.Be32(p + 16));
    if (nd.Be32(p + 12)) {
      PrintIpAddr(nd, p + 12);
    } else {
      nd.out.S("self");
    }
  }
  return kRouteLen;
}

void EntriesPrint(Nd& nd, const uint8_t* p, uint32_t len, uint8_t vers) {
  while (len != 0) {
    uint32_t size = vers == 1 ? EntryV1(nd, p, len) : EntryV2(nd, p, len);
    if (size == 0) {
      nd.PrintTrunc();
      return;
    }
    if (len < size) {
      nd.out.F(" [remaining entries length %u < %u]", len, size);
      nd.PrintInvalid();
      return;
    }
    p += size;
    len -= size;
  }
}

}  // namespace

void RipPrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  nd.protocol = "rip";
  if (dat > nd.snapend) {
    nd.PrintTrunc();
    return;
  }
  uint32_t len = uint32_t(nd.Avail(dat));
  if (len > length) len = length;
  if (len < 4) {
    nd.PrintTrunc();
    return;
  }
  len -= 4;
  uint8_t vers = nd.U8(dat + 1);
  nd.out.S(nd.o.verbose >= 1 ? "\n\tRIPv" : "RIPv");
  nd.out.U(vers);
  if (vers == 0) {  // RFC 1058: ignored; dump it
    PrintUnknownData(nd, dat, "\n\t", length);
    return;
  }
  uint8_t cmd = nd.U8(dat);
  nd.out.S(", ");
  if (const char* n = CmdName(cmd)) {
    nd.out.S(n);
  } else {
    nd.out.F("unknown command (%u)", cmd);
  }
  nd.out.F(", length: %u", length);
  if (nd.o.verbose < 1) return;
  switch (cmd) {
    case 1:
    case 2:
      if (vers == 1) {
        nd.out.F(", routes: %u", length / kRouteLen);
        EntriesPrint(nd, dat + 4, len, vers);
      } else if (vers == 2) {
        nd.out.F(", routes: %u or less", length / kRouteLen);
        EntriesPrint(nd, dat + 4, len, vers);
      } else {
        nd.out.S(", unknown version");
      }
      break;
    case 4:
    case 5:
    case 6:
      break;
    default:  // trace on and unknown commands: the message in hex
      if (nd.o.verbose <= 1) PrintUnknownData(nd, dat, "\n\t", length);
      break;
  }
  if (nd.o.verbose > 1) PrintUnknownData(nd, dat, "\n\t", length);
}

}  // namespace ringdump::print
