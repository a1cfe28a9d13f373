// GRE (print-gre.c): versions 0 and 1 (PPTP), flags, checksum, key, sequence and acknowledgement,
// then the payload by its protocol type.
#include "l2_printers.hpp"

namespace ringdump::print {

namespace {

void GreFlags(Nd& nd, uint16_t flags) {
  struct F {
    uint16_t bit;
    const char* name;
  };
  static const F kFlags[] = {
      {0x8000, "checksum present"},  {0x4000, "routing present"},        {0x2000, "key present"},
      {0x1000, "sequence# present"}, {0x0800, "source routing present"}, {0x0080, "ack present"}};
  nd.out.S(", Flags [");
  const char* sep = "";
  bool any = false;
  for (const F& f : kFlags) {
    if (flags & f.bit) {
      nd.out.S(sep);
      nd.out.S(f.name);
      sep = ", ";
      any = true;
    }
  }
  if (!any) nd.out.S("none");
  nd.out.C(']');
}

}  // namespace

void GrePrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "gre";
  uint32_t len = length;
  if (!nd.TTest(bp, 2) || len < 2) {
    nd.PrintTrunc();
    return;
  }
  uint16_t flags = nd.Be16(bp);
  uint32_t vers = flags & 7;
  nd.out.F("GREv%u", vers);
  if (vers != 0) {
    if (vers == 1) return GreV1Print(nd, bp, len);  // PPTP's enhanced GRE (gre_pptp.cpp)
    nd.out.F(" ERROR: unknown-version");
    return;
  }
  if (nd.o.verbose) GreFlags(nd, flags);
  len -= 2;
  bp += 2;
  if (len < 2) {
    nd.PrintTrunc();
    return;
  }
  uint16_t prot = nd.Be16(bp);
  len -= 2;
  bp += 2;
  if ((flags & 0x8000) || (flags & 0x4000)) {
    if (len < 2) {
      nd.PrintTrunc();
      return;
    }
    if (nd.o.verbose) nd.out.F(", sum 0x%x", nd.Be16(bp));
    bp += 2;
    len -= 2;
    if (len < 2) {
      nd.PrintTrunc();
      return;
    }
    nd.out.F(", off 0x%x", nd.Be16(bp));
    bp += 2;
    len -= 2;
  }
  if (flags & 0x2000) {
    if (len < 4) {
      nd.PrintTrunc();
      return;
    }
    nd.out.F(", key=0x%x", nd.Be32(bp));
    bp += 4;
    len -= 4;
  }
  if (flags & 0x1000) {
    if (len < 4) {
      nd.PrintTrunc();
      return;
    }
    nd.out.F(", seq %u", nd.Be32(bp));
    bp += 4;
    len -= 4;
  }
  if (flags & 0x4000) {
    for (;;) {
      if (len < 4) {
        nd.PrintTrunc();
        return;
      }
      uint16_t af = nd.Be16(bp);
      uint8_t sreoff = nd.U8(bp + 2);
      uint8_t srelen = nd.U8(bp + 3);
      bp += 4;
      len -= 4;
      if (af == 0 && srelen == 0) break;
      nd.out.F(", (rtaf=0x%x", af);
      // Source route entries are not dissected: tcpdump prints them by family.
      (void)sreoff;
      nd.out.C(')');
      if (len < srelen) {
        nd.PrintTrunc();
        return;
      }
      bp += srelen;
      len -= srelen;
    }
  }
  if (nd.o.link_header) {
    const char* pn = EthertypeName(prot);
    nd.out.F(", proto %s (0x%04x)", pn ? pn : "unknown", prot);
  }
  nd.out.F(", length %u", length);
  nd.out.S(nd.o.verbose < 1 ? ": " : "\n\t");
  switch (prot) {
    case 0x0800:
      IpPrint(nd, bp, len);
      break;
    case 0x86dd:
      Ip6Print(nd, bp, len);
      break;
    case 0x6558:
      EtherPrint(nd, bp, len, uint32_t(nd.Avail(bp)));
      break;
    case 0x8847:
      MplsPrint(nd, bp, len);
      break;
    default:
      nd.out.F("gre-proto-0x%x", prot);
      break;
  }
}
}  // namespace ringdump::print
