// Encapsulations: VXLAN (print-vxlan.c), GENEVE (print-geneve.c) and GRE (print-gre.c), each printing
// its own header and then the inner frame or packet through the ordinary printers.
#include "dissect.hpp"

namespace ringdump::print {

void VxlanPrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "vxlan";
  nd.out.S("VXLAN");
  if (len < 8) {
    nd.PrintInvalid();
    return;
  }
  uint8_t flags = nd.U8(bp);
  nd.out.F(", flags [%s] (0x%02x), ", (flags & 0x08) ? "I" : "invalid", flags);
  uint32_t vni = nd.Be24(bp + 4);
  bp += 8;
  len -= 8;
  nd.out.F("vni %u\n", vni);
  EtherPrint(nd, bp, len, uint32_t(nd.Avail(bp)));
}

namespace {

const char* GeneveOptClass(uint16_t c) {
  switch (c) {
    case 0x0100:
      return "Linux";
    case 0x0101:
      return "Open vSwitch";
    case 0x0102:
      return "Open Virtual Networking (OVN)";
    case 0x0103:
      return "In-band Network Telemetry (INT)";
    case 0x0104:
      return "VMware";
    default:
      return c <= 0x00ff ? "Standard" : c >= 0xfff0 ? "Experimental" : "Unknown";
  }
}

void GeneveOpts(Nd& nd, const uint8_t* bp, uint32_t len) {
  const char* sep = "";
  while (len > 0) {
    nd.out.S(sep);
    sep = ", ";
    uint16_t cls = nd.Be16(bp);
    uint8_t type = nd.U8(bp + 2);
    uint32_t opt_len = 4 + (nd.U8(bp + 3) & 0x1f) * 4u;
    nd.out.F("class %s (0x%x) type 0x%x%s len %u", GeneveOptClass(cls), cls, type, (type & 0x80) ? "(C)" : "",
             opt_len);
    if (opt_len > len) {
      nd.out.S(" [bad length]");
      return;
    }
    if (nd.o.verbose > 1 && opt_len > 4) {
      nd.out.S(" data");
      for (uint32_t i = 4; i < opt_len; i += 4) nd.out.F(" %08x", nd.Be32(bp + i));
    }
    bp += opt_len;
    len -= opt_len;
  }
}

}  // namespace

void GenevePrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "geneve";
  nd.out.S("Geneve");
  if (len < 8) {
    nd.out.F(" [length %u < 8]", len);
    nd.PrintInvalid();
    return;
  }
  if (!nd.TTest(bp, 8)) {
    nd.PrintTrunc();
    return;
  }
  uint8_t ver_opt = bp[0];
  uint32_t version = ver_opt >> 6;
  if (version != 0) {
    nd.out.F(" ERROR: unknown-version %u", version);
    return;
  }
  uint8_t flags = bp[1];
  uint16_t ptype = nd.Be16(bp + 2);
  uint32_t vni = nd.Be24(bp + 4);
  uint8_t reserved = bp[7];
  bp += 8;
  len -= 8;
  nd.out.S(", Flags [");
  if (flags & 0xc0) {
    if (flags & 0x80) nd.out.C('O');
    if (flags & 0x40) nd.out.C('C');
  } else {
    nd.out.S("none");
  }
  nd.out.F("], vni 0x%x", vni);
  if (reserved) nd.out.F(", rsvd 0x%x", reserved);
  if (nd.o.link_header) {
    const char* n = EthertypeName(ptype);
    nd.out.F(", proto %s (0x%04x)", n ? n : "unknown", ptype);
  }
  uint32_t opts_len = (ver_opt & 0x3f) * 4u;
  if (len < opts_len) {
    nd.out.F(" truncated-geneve - %u bytes missing", opts_len - len);
    return;
  }
  if (!nd.TTest(bp, opts_len)) {
    nd.PrintTrunc();
    return;
  }
  if (opts_len > 0) {
    nd.out.S(", options [");
    if (nd.o.verbose) {
      GeneveOpts(nd, bp, opts_len);
    } else {
      nd.out.F("%u bytes", opts_len);
    }
    nd.out.C(']');
  }
  bp += opts_len;
  len -= opts_len;
  nd.out.S(nd.o.verbose ? "\n\t" : ": ");
  if (ptype == 0x6558) {
    EtherPrint(nd, bp, len, uint32_t(nd.Avail(bp)));
  } else if (!EthertypePrint(nd, ptype, bp, len, uint32_t(nd.Avail(bp)), nullptr, nullptr)) {
    nd.out.F("geneve-proto-0x%x", ptype);
  }
}

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
    if (vers == 1) {
      // Enhanced GRE (PPTP) is not dissected further.
      nd.out.F(" ERROR: unknown-version");
      return;
    }
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
    default:
      nd.out.F("gre-proto-0x%x", prot);
      break;
  }
}

}  // namespace ringdump::print
