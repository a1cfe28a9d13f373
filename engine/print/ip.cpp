// IPv4 (print-ip.c): the "IP " prefix, the -v header summary (tos/ECN, ttl, id, offset, flags, protocol,
// length, options, header checksum), fragments, and the transport dispatch shared with IPv6.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

// Returns false when the options ran off the captured bytes.
bool PrintRoute(Nd& nd, const uint8_t* cp, uint32_t length) {
  if (length < 3) {
    nd.out.F(" [bad length %u]", length);
    return true;
  }
  if ((length + 1) & 3) nd.out.F(" [bad length %u]", length);
  uint32_t ptr = uint32_t(nd.U8(cp + 2)) - 1;
  if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1) nd.out.F(" [bad ptr %u]", nd.U8(cp + 2));
  for (uint32_t len = 3; len < length; len += 4) {
    if (!nd.TTest(cp + len, 4)) return false;
    nd.out.C(' ');
    PrintIpAddr(nd, cp + len);
    if (ptr > len) nd.out.C(',');
  }
  return true;
}

bool PrintTs(Nd& nd, const uint8_t* cp, uint32_t length) {
  if (length < 4) {
    nd.out.F("[bad length %u]", length);
    return true;
  }
  nd.out.S(" TS{");
  uint32_t hoplen = (nd.U8(cp + 3) & 0xf) != 0 ? 8 : 4;
  if ((length - 4) & (hoplen - 1)) nd.out.F("[bad length %u]", length);
  uint32_t ptr = uint32_t(nd.U8(cp + 2)) - 1;
  uint32_t len = 0;
  if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1) nd.out.F("[bad ptr %u]", nd.U8(cp + 2));
  bool known = true;
  switch (nd.U8(cp + 3) & 0xf) {
    case 0:
      nd.out.S("TSONLY");
      break;
    case 1:
      nd.out.S("TS+ADDR");
      break;
    case 3:
      nd.out.S("PRESPEC");
      break;
    default:
      nd.out.F("[bad ts type %u]", nd.U8(cp + 3) & 0xf);
      known = false;
      break;
  }
  if (known) {
    const char* type = " ";
    for (len = 4; len < length; len += hoplen) {
      if (ptr == len) type = " ^ ";
      if (!nd.TTest(cp + len, hoplen)) return false;
      nd.out.S(type);
      nd.out.U(nd.Be32(cp + len + hoplen - 4));
      nd.out.C('@');
      if (hoplen == 8) PrintIpAddr(nd, cp + len);
      type = " ";
    }
  }
  nd.out.S(ptr == len ? " ^ " : "");
  if (nd.U8(cp + 3) >> 4) {
    nd.out.F(" [%u hops not recorded]} ", nd.U8(cp + 3) >> 4);
  } else {
    nd.out.C('}');
  }
  return true;
}

const char* OptionName(uint8_t code) {
  switch (code) {
    case 0:
      return "EOL";
    case 1:
      return "NOP";
    case 68:
      return "timestamp";
    case 130:
      return "security";
    case 7:
      return "RR";
    case 137:
      return "SSRR";
    case 131:
      return "LSRR";
    case 148:
      return "RA";
    case 82:
      return "traceroute";
    default:
      return nullptr;
  }
}

// ip_optprint: false when truncated.
bool OptPrint(Nd& nd, const uint8_t* cp, uint32_t length) {
  const char* sep = "";
  uint32_t option_len;
  for (; length > 0; cp += option_len, length -= option_len) {
    nd.out.S(sep);
    sep = ",";
    uint8_t code = nd.U8(cp);
    if (const char* n = OptionName(code)) {
      nd.out.S(n);
    } else {
      nd.out.F("unknown %u", code);
    }
    if (code == 1 || code == 0) {
      option_len = 1;
    } else {
      option_len = nd.U8(cp + 1);
      if (option_len < 2) {
        nd.out.F(" [bad length %u]", option_len);
        return true;
      }
    }
    if (option_len > length) {
      nd.out.F(" [bad length %u]", option_len);
      return true;
    }
    if (!nd.TTest(cp, option_len)) return false;
    switch (code) {
      case 0:
        return true;
      case 68:
        if (!PrintTs(nd, cp, option_len)) return false;
        break;
      case 7:
      case 137:
      case 131:
        if (!PrintRoute(nd, cp, option_len)) return false;
        break;
      case 148:
        if (option_len < 4) {
          nd.out.F(" [bad length %u]", option_len);
          break;
        }
        if (nd.Be16(cp + 2) != 0) nd.out.F(" value %u", nd.Be16(cp + 2));
        break;
      default:
        break;
    }
  }
  return true;
}

}  // namespace

void IpPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "ip";
  uint8_t vhl = nd.U8(bp);
  if ((vhl >> 4) != 4) {
    if ((vhl >> 4) == 6) {
      nd.out.S("IP6, wrong link-layer encapsulation");
    } else {
      nd.out.F("IP%u", vhl >> 4);
    }
    nd.PrintInvalid();
    return;
  }
  if (!nd.o.link_header) nd.out.S("IP ");
  if (!nd.TTest(bp, 20)) {
    nd.PrintTrunc();
    return;
  }
  if (length < 20) {  // a length from below (MPLS, PPP, GRE) shorter than the header
    nd.out.F("truncated-ip %u", length);
    return;
  }
  uint32_t hlen = (vhl & 0xf) * 4u;
  if (hlen < 20) {
    nd.out.F("bad-hlen %u", hlen);
    return;
  }
  uint32_t len = nd.Be16(bp + 2);
  uint32_t ip_len_field = len;
  // tcpdump 4.99.3 reports a short capture but keeps the header's length for the layers above.
  if (len > length) nd.out.F("truncated-ip - %u bytes missing! ", len - length);
  if (len < hlen) {
    nd.out.F("bad-len %u", len);
    return;
  }
  SnapGuard snap(nd, bp, std::min(length, len));
  len -= hlen;
  uint16_t off = nd.Be16(bp + 6);
  uint8_t proto = nd.U8(bp + 9);
  if (nd.o.verbose) {
    uint8_t tos = nd.U8(bp + 1);
    nd.out.S("(tos 0x");
    nd.out.X(tos);
    switch (tos & 3) {
      case 1:
        nd.out.S(",ECT(1)");
        break;
      case 2:
        nd.out.S(",ECT(0)");
        break;
      case 3:
        nd.out.S(",CE");
        break;
      default:
        break;
    }
    uint8_t ttl = nd.U8(bp + 8);
    if (ttl >= 1) {
      nd.out.S(", ttl ");
      nd.out.U(ttl);
    }
    nd.out.S(", id ");
    nd.out.U(nd.Be16(bp + 4));
    nd.out.S(", offset ");
    nd.out.U((off & 0x1fff) * 8u);
    nd.out.S(", flags [");
    if ((off & 0xe000) == 0) {
      nd.out.S("none");
    } else {
      const char* sep = "";
      if (off & 0x2000) {
        nd.out.S("+");
        sep = ", ";
      }
      if (off & 0x4000) {
        nd.out.S(sep);
        nd.out.S("DF");
        sep = ", ";
      }
      if (off & 0x8000) {
        nd.out.S(sep);
        nd.out.S("rsvd");
      }
    }
    nd.out.S("], proto ");
    const char* pn = IpProtoName(proto);
    nd.out.S(pn ? pn : "unknown");
    nd.out.S(" (");
    nd.out.U(proto);
    nd.out.C(')');
    nd.out.S(", length ");
    nd.out.U(ip_len_field);
    bool truncated = false;
    if (hlen > 20) {
      nd.out.S(", options (");
      if (!OptPrint(nd, bp + 20, hlen - 20)) {
        nd.out.S(" [truncated-option]");
        truncated = true;
      }
      nd.out.C(')');
    }
    if (!nd.o.no_checksum && nd.TTest(bp, hlen)) {
      uint16_t sum = InCksum(bp, hlen);
      if (sum != 0) {
        uint16_t ip_sum = nd.Be16(bp + 10);
        nd.out.F(", bad cksum %x (->%x)!", ip_sum, InCksumShouldBe(ip_sum, sum));
      }
    }
    nd.out.S(")\n    ");
    if (truncated) {
      PrintIpAddr(nd, bp + 12);
      nd.out.S(" > ");
      PrintIpAddr(nd, bp + 16);
      nd.out.S(": ");
      nd.PrintTrunc();
      return;
    }
  }
  if ((off & 0x1fff) == 0) {
    if (proto != 6 && proto != 17 && proto != 132 && proto != 33) {
      PrintIpAddr(nd, bp + 12);
      nd.out.S(" > ");
      PrintIpAddr(nd, bp + 16);
      nd.out.S(": ");
    }
    if (!nd.TTest(bp, hlen)) {
      nd.out.F(" [remaining caplen(%u) < header length(%u)]", unsigned(nd.Avail(bp)), hlen);
      nd.Trunc();
    }
    IpDemuxPrint(nd, bp + hlen, len, 4, (off & 0x2000) != 0, nd.U8(bp + 8), proto, bp);
  } else {
    PrintIpAddr(nd, bp + 12);
    nd.out.S(" > ");
    PrintIpAddr(nd, bp + 16);
    nd.out.C(':');
    PrintIpProtoName(nd, proto);
  }
}

}  // namespace ringdump::print
