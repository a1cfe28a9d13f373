// IPv6 (print-ip6.c and the extension header printers): the "IP6 " prefix, the -v header summary,
// hop-by-hop and destination options, routing (type 0/2 and segment routing), fragment headers, then the
// transport dispatch shared with IPv4.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

// ip6_opt_process: false when truncated. Problems are always reported; the options themselves only
// with -v (tcpdump walks them anyway to find a Jumbo Payload).
bool OptProcess(Nd& nd, const uint8_t* bp, int len, bool* found_jumbo, uint32_t* jumbolen) {
  const bool v = nd.o.verbose != 0;
  int optlen = 0;
  if (len == 0) return true;
  for (int i = 0; i < len; i += optlen) {
    uint8_t type = nd.U8(bp + i);
    if (type == 0) {
      optlen = 1;
    } else if (i + 1 < len) {
      optlen = nd.U8(bp + i + 1) + 2;
    } else {
      return false;
    }
    if (i + optlen > len) return false;
    switch (type) {
      case 0:
        if (v) nd.out.S("(pad1)");
        break;
      case 1:
        if (len - i < 2) {
          nd.out.S("(padn: trunc)");
          return false;
        }
        if (v) nd.out.S("(padn)");
        break;
      case 5:
        if (len - i < 4) {
          nd.out.S("(rtalert: trunc)");
          return false;
        }
        if (nd.U8(bp + i + 1) != 2) {
          nd.out.F("(rtalert: invalid len %u)", nd.U8(bp + i + 1));
          return false;
        }
        if (v) nd.out.F("(rtalert: 0x%04x) ", nd.Be16(bp + i + 2));
        break;
      case 0xc2: {
        if (len - i < 6) {
          nd.out.S("(jumbo: trunc)");
          return false;
        }
        if (nd.U8(bp + i + 1) != 4) {
          nd.out.F("(jumbo: invalid len %u)", nd.U8(bp + i + 1));
          return false;
        }
        uint32_t jl = nd.Be32(bp + i + 2);
        if (found_jumbo == nullptr) {
          nd.out.S("(jumbo: ");
          nd.out.U(jl);
          nd.out.S(" - already seen) ");
          break;
        }
        if (*found_jumbo) {
          nd.out.F("(jumbo: %u - already seen) ", jl);
          break;
        }
        *found_jumbo = true;
        if (*jumbolen != 0) {
          nd.out.F("(jumbo: %u - payload len != 0) ", jl);
          break;
        }
        if (jl < 65536) {
          nd.out.F("(jumbo: %u - < 65536) ", jl);
          break;
        }
        if (v) nd.out.F("(jumbo: %u) ", jl);
        *jumbolen = jl;
        break;
      }
      default:
        if (len - i < 2) {
          nd.out.F("(type %u: trunc)", type);
          return false;
        }
        if (v) nd.out.F("(opt_type 0x%02x: len=%u)", type, nd.U8(bp + i + 1));
        break;
    }
  }
  if (v) nd.out.C(' ');
  return true;
}

int OptHeader(Nd& nd, const uint8_t* cp, const char* proto, const char* label, bool* found_jumbo,
              uint32_t* jumbolen) {
  nd.protocol = proto;
  uint32_t len = (uint32_t(nd.U8(cp + 1)) + 1) << 3;
  if (!nd.TTest(cp, len)) {
    nd.PrintTrunc();
    return -1;
  }
  nd.out.S(label);
  bool ok = OptProcess(nd, cp + 2, int(len) - 2, found_jumbo, jumbolen);
  if (!ok) {
    nd.PrintTrunc();
    return -1;
  }
  return int(len);
}

int FragPrint(Nd& nd, const uint8_t* bp, const uint8_t* ip6) {
  nd.protocol = "frag6";
  uint32_t off = nd.Be16(bp + 2) & 0xfff8;
  uint32_t len = 40 + uint32_t(nd.Be16(ip6 + 4)) - uint32_t(bp - ip6) - 8;
  if (nd.o.verbose) {
    nd.out.F("frag (0x%08x:%u|%u)", nd.Be32(bp + 4), off, len);
  } else {
    nd.out.F("frag (%u|%u)", off, len);
  }
  if (off != 0) return -1;
  nd.out.C(' ');
  return 8;
}

// The address list of routing types 0, 2 and 4 (len in 8-byte units, two per address); the header's size.
int Rt6Addresses(Nd& nd, const uint8_t* dp, uint32_t len) {
  if (len % 2 == 1) {
    nd.out.F(" [invalid len %u]", len);
    nd.PrintInvalid();
    return -1;
  }
  len >>= 1;
  const uint8_t* p = dp + 8;
  for (uint32_t i = 0; i < len; i++) {
    nd.out.F(", [%u]", i);
    PrintIp6Addr(nd, p);
    p += 16;
  }
  nd.out.S(") ");
  return int((uint32_t(nd.U8(dp + 1)) + 1) << 3);
}

int Rt6Print(Nd& nd, const uint8_t* dp) {
  nd.protocol = "rt6";
  nd.out.S("RT6");
  uint32_t len = nd.U8(dp + 1);
  nd.out.F(" (len=%u", len);
  uint32_t type = nd.U8(dp + 2);
  nd.out.F(", type=%u", type);
  if (type == 0) nd.out.S(" [Deprecated]");
  nd.out.F(", segleft=%u", nd.U8(dp + 3));
  switch (type) {
    case 0:
    case 2: {
      if (nd.Be32(dp + 4) || nd.o.verbose) nd.out.F(", rsv=0x%0x", nd.Be32(dp + 4));
      return Rt6Addresses(nd, dp, len);
    }
    case 4: {
      nd.out.F(", last-entry=%u", nd.U8(dp + 4));
      if (nd.U8(dp + 5) || nd.o.verbose) nd.out.F(", flags=0x%0x", nd.U8(dp + 5));
      nd.out.F(", tag=%x", nd.Be16(dp + 6));
      return Rt6Addresses(nd, dp, len);
    }
    default:
      nd.out.S(" (unknown type)");
      nd.PrintInvalid();
      return -1;
  }
}

}  // namespace

void Ip6Print(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "ip6";
  const uint8_t* ip6 = bp;
  if (!nd.TTest(bp, 40)) {  // ND_TCHECK_SIZE: marker and a normal return
    nd.PrintTrunc();
    return;
  }
  if (!nd.o.link_header) nd.out.S("IP6 ");
  if (length < 40) {
    nd.out.F("truncated-ip6 %u", length);
    return;
  }
  if ((nd.U8(bp) >> 4) != 6) {
    nd.out.F("version error: %u != 6", nd.U8(bp) >> 4);
    return;
  }
  uint32_t payload_len = nd.Be16(bp + 4);
  uint32_t len;
  if (payload_len != 0) {
    len = payload_len + 40;
    if (length < len) nd.out.F("truncated-ip6 - %u bytes missing!", len - length);
  } else {
    len = length;
  }
  uint8_t nh = nd.U8(bp + 6);
  if (nd.o.verbose) {
    uint32_t flow = nd.Be32(bp);
    nd.out.C('(');
    if (flow & 0x0ff00000) nd.out.F("class 0x%02x, ", (flow & 0x0ff00000) >> 20);
    if (flow & 0x000fffff) nd.out.F("flowlabel 0x%05x, ", flow & 0x000fffff);
    const char* pn = IpProtoName(nh);
    nd.out.F("hlim %u, next-header %s (%u) payload length: %u) ", nd.U8(bp + 7), pn ? pn : "unknown", nh,
             payload_len);
  }
  SnapGuard snap(nd, bp, len);
  const uint8_t* cp = bp;
  int advance = 40;
  uint32_t total_advance = 0;
  bool found_extension_header = false, found_jumbo = false, found_hbh = false, fragmented = false;
  int ph = 255;
  while (cp < nd.snapend && advance > 0) {
    if (len < uint32_t(advance)) {
      nd.PrintTrunc();
      return;
    }
    cp += advance;
    len -= uint32_t(advance);
    total_advance += uint32_t(advance);
    if (cp == ip6 + 40 && nh != 6 && nh != 17 && nh != 33 && nh != 132) {
      PrintIp6Addr(nd, ip6 + 8);
      nd.out.S(" > ");
      PrintIp6Addr(nd, ip6 + 24);
      nd.out.S(": ");
    }
    switch (nh) {
      case 0:
        if (found_hbh) {
          nd.out.S("[The Hop-by-Hop Options header was already found]");
          nd.PrintInvalid();
          return;
        }
        if (ph != 255) {
          nd.out.S("[The Hop-by-Hop Options header don't follow the IPv6 header]");
          nd.PrintInvalid();
          return;
        }
        advance = OptHeader(nd, cp, "hbhopt", "HBH ", &found_jumbo, &payload_len);
        if (payload_len == 0 && !found_jumbo) {
          nd.out.S("[No valid Jumbo Payload Hop-by-Hop option found]");
          nd.PrintInvalid();
          return;
        }
        if (advance < 0) return;
        found_extension_header = true;
        found_hbh = true;
        ph = nh;
        nh = nd.U8(cp);
        break;
      case 60:
        advance = OptHeader(nd, cp, "dstopt", "DSTOPT ", nullptr, nullptr);
        if (advance < 0) return;
        found_extension_header = true;
        ph = nh;
        nh = nd.U8(cp);
        break;
      case 44:
        advance = FragPrint(nd, cp, ip6);
        if (advance < 0 || nd.snapend <= cp + advance) return;
        found_extension_header = true;
        ph = nh;
        nh = nd.U8(cp);
        fragmented = true;
        break;
      case 43:
        nd.U8(cp);
        advance = Rt6Print(nd, cp);
        if (advance < 0) return;
        found_extension_header = true;
        ph = nh;
        nh = nd.U8(cp);
        break;
      default:
        if (found_jumbo) {
          len = payload_len + 40;
          if (len < total_advance) {
            nd.PrintTrunc();
            return;
          }
          if (length < len) nd.out.F("truncated-ip6 - %u bytes missing!", len - length);
          if (bp + len < nd.snapend) nd.snapend = bp + len;
          len -= total_advance;
        } else if (payload_len == 0) {
          if (found_extension_header) {
            nd.PrintTrunc();
            return;
          }
          len = 40;
          if (bp + len < nd.snapend) nd.snapend = bp + len;
          len -= total_advance;
        }
        IpDemuxPrint(nd, cp, len, 6, fragmented, nd.U8(ip6 + 7), nh, bp);
        return;
    }
    nd.protocol = "ip6";
  }
}

}  // namespace ringdump::print
