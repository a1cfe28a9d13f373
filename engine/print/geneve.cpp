// GENEVE (print-geneve.c): version, flags, protocol, VNI and the options (with -v), then the inner
// frame or packet by its protocol type.
#include "dissect.hpp"

namespace ringdump::print {

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
  uint8_t ver_opt = nd.U8(bp);
  uint32_t version = ver_opt >> 6;
  if (version != 0) {
    nd.out.F(" ERROR: unknown-version %u", version);
    return;
  }
  uint8_t flags = nd.U8(bp + 1);
  uint16_t ptype = nd.Be16(bp + 2);
  uint32_t vni = nd.Be24(bp + 4);
  uint8_t reserved = nd.U8(bp + 7);
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
}  // namespace ringdump::print
