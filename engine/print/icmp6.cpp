// ICMPv6 (print-icmp6.c): echo, destination unreachable (with the quoted port), packet too big, time
// exceeded, parameter problem, neighbor discovery (NS, NA, RS, RA, redirect) with -v options, MLD and
// MLDv2 reports; the -v checksum note comes first as in tcpdump.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

const char* TypeName(uint8_t t) {
  switch (t) {
    case 1:
      return "destination unreachable";
    case 2:
      return "packet too big";
    case 3:
      return "time exceeded in-transit";
    case 4:
      return "parameter problem";
    case 128:
      return "echo request";
    case 129:
      return "echo reply";
    case 130:
      return "multicast listener query";
    case 131:
      return "multicast listener report";
    case 132:
      return "multicast listener done";
    case 133:
      return "router solicitation";
    case 134:
      return "router advertisement";
    case 135:
      return "neighbor solicitation";
    case 136:
      return "neighbor advertisement";
    case 137:
      return "redirect";
    case 138:
      return "router renumbering";
    case 141:
      return "inverse neighbor solicitation";
    case 142:
      return "inverse neighbor advertisement";
    case 143:
      return "multicast listener report v2";
    case 144:
      return "ha discovery request";
    case 145:
      return "ha discovery reply";
    case 146:
      return "mobile router solicitation";
    case 147:
      return "mobile router advertisement";
    case 139:
      return "who-are-you request";
    case 140:
      return "who-are-you reply";
    case 200:
      return "mtrace message";
    case 201:
      return "mtrace response";
    case 155:
      return "RPL";
    default:
      return nullptr;
  }
}

const char* OptName(uint8_t t) {
  switch (t) {
    case 1:
      return "source link-address";
    case 2:
      return "destination link-address";
    case 3:
      return "prefix info";
    case 4:
      return "redirected header";
    case 5:
      return "mtu";
    case 25:
      return "rdnss";
    case 31:
      return "dnssl";
    case 7:
      return "advertisement interval";
    case 8:
      return "homeagent information";
    case 24:
      return "route info";
    default:
      return "unknown";
  }
}

void Lifetime(Nd& nd, uint32_t v) {
  if (v == 0xffffffffu) {
    nd.out.S("infinity");
  } else {
    nd.out.U(v);
    nd.out.C('s');
  }
}

// icmp6_opt_print: false when truncated.
bool OptPrint(Nd& nd, const uint8_t* cp, int resid) {
  const uint8_t* ep = nd.snapend;
  while (cp < ep) {
    nd.U8(cp + 1);
    if (resid <= 0) return true;
    uint8_t type = nd.U8(cp);
    uint32_t opt_len = nd.U8(cp + 1);
    if (opt_len == 0) return false;
    if (cp + (opt_len << 3) > ep) return false;
    nd.out.F("\n\t  %s option (%u), length %u (%u): ", OptName(type), type, opt_len << 3, opt_len);
    switch (type) {
      case 1:
      case 2: {
        uint32_t l = (opt_len << 3) - 2;
        for (uint32_t i = 0; i < l; i++) {
          if (i) nd.out.C(':');
          nd.out.X(nd.U8(cp + 2 + i), 2);
        }
        break;
      }
      case 3: {
        PrintIp6Addr(nd, cp + 16);
        nd.out.F("/%u%s, Flags [", nd.U8(cp + 2), opt_len != 4 ? "badlen" : "");
        uint8_t f = nd.U8(cp + 3);
        if ((f & 0xe0) == 0) {
          nd.out.S("none");
        } else {
          const char* sep = "";
          if (f & 0x80) {
            nd.out.S("onlink");
            sep = ", ";
          }
          if (f & 0x40) {
            nd.out.S(sep);
            nd.out.S("auto");
            sep = ", ";
          }
          if (f & 0x20) {
            nd.out.S(sep);
            nd.out.S("router");
          }
        }
        nd.out.S("], valid time ");
        Lifetime(nd, nd.Be32(cp + 4));
        nd.out.S(", pref. time ");
        Lifetime(nd, nd.Be32(cp + 8));
        break;
      }
      case 4:
        PrintUnknownData(nd, cp, "\n\t    ", opt_len << 3);
        break;
      case 5:
        nd.out.F(" %u%s", nd.Be32(cp + 4), opt_len != 1 ? "bad option length" : "");
        break;
      case 25: {
        uint32_t l = (opt_len - 1) / 2;
        nd.out.F(" lifetime %us,", nd.Be32(cp + 4));
        for (uint32_t i = 0; i < l; i++) {
          nd.out.S(" addr: ");
          PrintIp6Addr(nd, cp + 8 + 16 * i);
        }
        break;
      }
      case 7:
        nd.out.F(" %ums", nd.Be32(cp + 4));
        break;
      default:
        if (nd.o.verbose <= 1) {
          PrintUnknownData(nd, cp + 2, "\n\t  ", (opt_len << 3) - 2);
          return true;
        }
        break;
    }
    if (nd.o.verbose > 1) PrintUnknownData(nd, cp + 2, "\n\t    ", (opt_len << 3) - 2);
    cp += opt_len << 3;
    resid -= int(opt_len << 3);
  }
  return true;
}

// get_upperlayer: the transport header quoted in an error message, or nullptr.
const uint8_t* UpperLayer(Nd& nd, const uint8_t* ip6, uint32_t* prot) {
  if (!nd.TTest(ip6, 40)) return nullptr;
  uint8_t nh = nd.U8(ip6 + 6);
  const uint8_t* bp = ip6 + 40;
  for (;;) {
    switch (nh) {
      case 17:
      case 6:
        if (!nd.TTest(bp + 2, 2)) return nullptr;
        *prot = nh;
        return bp;
      case 0:
      case 60:
      case 43: {
        if (!nd.TTest(bp, 2)) return nullptr;
        uint32_t hlen = (uint32_t(nd.U8(bp + 1)) + 1) << 3;
        nh = nd.U8(bp);
        bp += hlen;
        break;
      }
      case 44:
        if (!nd.TTest(bp, 8)) return nullptr;
        if (nd.Be16(bp + 2) & 0xfff8) return nullptr;
        nh = nd.U8(bp);
        bp += 8;
        break;
      case 51:
        if (!nd.TTest(bp, 2)) return nullptr;
        nh = nd.U8(bp);
        bp += (uint32_t(nd.U8(bp + 1)) + 2) << 2;
        break;
      default:
        return nullptr;
    }
  }
}

void MldV2Report(Nd& nd, const uint8_t* bp, uint32_t len) {
  if (len < 8) {
    nd.out.F(" [invalid len %u]", len);
    return;
  }
  uint32_t ngroups = nd.Be16(bp + 6);
  nd.out.F(", %u group record(s)", ngroups);
  if (nd.o.verbose == 0) return;
  uint32_t group = 8;
  for (uint32_t i = 0; i < ngroups; i++) {
    if (len < group + 20) {
      nd.out.S(" [invalid number of groups]");
      return;
    }
    nd.Check(bp + group + 4, 16);  // tcpdump reads the address before printing " [gaddr "
    nd.out.S(" [gaddr ");
    PrintIp6Addr(nd, bp + group + 4);
    uint8_t rt = nd.U8(bp + group);
    static const char* kNames[] = {nullptr, "is_in", "is_ex", "to_in", "to_ex", "allow", "block"};
    if (rt >= 1 && rt <= 6) {
      nd.out.F(" %s", kNames[rt]);
    } else {
      nd.out.F("  [v2-report-#%u]", rt);
    }
    uint32_t nsrcs = nd.Be16(bp + group + 2);
    if (len < group + 20 + nsrcs * 16) {
      nd.out.F(" [invalid number of sources %u]", nsrcs);
      return;
    }
    if (nd.o.verbose == 1) {
      nd.out.F(", %u source(s)", nsrcs);
    } else {
      nd.out.S(" {");
      for (uint32_t j = 0; j < nsrcs; j++) {
        nd.out.C(' ');
        PrintIp6Addr(nd, bp + group + 20 + j * 16);
      }
      nd.out.S(" }");
    }
    group += 20 + nsrcs * 16;
    nd.out.C(']');
  }
}

void Mld6(Nd& nd, const uint8_t* bp) {
  if (bp + 24 > nd.snapend) return;
  nd.out.F("max resp delay: %u ", nd.Be16(bp + 4));
  nd.out.S("addr: ");
  PrintIp6Addr(nd, bp + 8);
}

}  // namespace

void Icmp6Print(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* ip, bool fragmented) {
  nd.protocol = "icmp6";
  const uint8_t* dp = bp;
  const uint8_t* oip = bp + 8;
  if (length == 0) {
    nd.out.S("ICMP6, length 0");
    nd.PrintInvalid();
    return;
  }
  if (nd.o.verbose && !fragmented && nd.TTest(bp, length)) {
    uint16_t sum_field = nd.Be16(dp + 2);
    uint16_t sum = NextProto6Cksum(nd, ip, bp, length, length, 58);
    if (sum != 0) {
      nd.out.F("[bad icmp6 cksum 0x%04x -> 0x%04x!] ", sum_field, InCksumShouldBe(sum_field, sum));
    } else {
      nd.out.S("[icmp6 sum ok] ");
    }
  }
  uint8_t type = nd.U8(dp);
  const char* tn = TypeName(type);
  if (tn) {
    nd.out.S("ICMP6, ");
    nd.out.S(tn);
  } else {
    nd.out.F("ICMP6, unknown icmp6 type (%u)", type);
  }
  if (nd.o.verbose && (type == 133 || type == 134 || type == 136 || type == 135 || type == 137 ||
                       type == 145 || type == 147)) {
    nd.out.F(", length %u", length);
  }
  uint8_t code = nd.U8(dp + 1);
  bool trunc = false;
  switch (type) {
    case 1: {
      static const char* kCodes[] = {"unreachable route", " unreachable prohibited", "beyond scope",
                                     "unreachable address", "unreachable port"};
      if (code <= 4) {
        nd.out.F(", %s", kCodes[code]);
      } else {
        nd.out.F(", unknown unreach code (%u)", code);
      }
      switch (code) {
        case 0:
        case 1:
        case 3:
          nd.Check(oip + 24, 16);
          nd.out.C(' ');
          PrintIp6Addr(nd, oip + 24);
          break;
        case 2:
          nd.Check(oip + 8, 32);
          nd.out.C(' ');
          PrintIp6Addr(nd, oip + 24);
          nd.out.S(", source address ");
          PrintIp6Addr(nd, oip + 8);
          break;
        case 4: {
          uint32_t prot = 0;
          const uint8_t* ouh = UpperLayer(nd, oip, &prot);
          if (ouh == nullptr) {
            trunc = true;
            break;
          }
          uint16_t dport = nd.Be16(ouh + 2);
          nd.Check(oip + 24, 16);
          nd.out.S(", ");
          PrintIp6Addr(nd, oip + 24);
          if (prot == 6) {
            nd.out.S(" tcp port ");
            PrintTcpPort(nd, dport);
          } else if (prot == 17) {
            nd.out.S(" udp port ");
            PrintUdpPort(nd, dport);
          } else {
            nd.out.F(" protocol %u port %u unreachable", prot, dport);
          }
          break;
        }
        default:
          if (nd.o.verbose <= 1) {
            PrintUnknownData(nd, bp, "\n\t", length);
            return;
          }
          break;
      }
      break;
    }
    case 2:
      nd.out.F(", mtu %u", nd.Be32(dp + 4));
      break;
    case 3:
      if (code == 0) {
        nd.Check(oip + 24, 16);
        nd.out.S(" for ");
        PrintIp6Addr(nd, oip + 24);
      } else if (code == 1) {
        nd.out.S(" (reassembly)");
      } else {
        nd.out.F(", unknown code (%u)", code);
      }
      break;
    case 4:
      nd.Check(oip + 24, 16);
      switch (code) {
        case 0:
          nd.out.F(", erroneous - octet %u", nd.Be32(dp + 4));
          break;
        case 1:
          nd.out.F(", next header - octet %u", nd.Be32(dp + 4));
          break;
        case 2:
          nd.out.F(", option - octet %u", nd.Be32(dp + 4));
          break;
        case 3:
          nd.out.F(", incomplete header chain - octet %u", nd.Be32(dp + 4));
          break;
        default:
          nd.out.F(", code-#%u", code);
          break;
      }
      break;
    case 128:
    case 129:
      nd.out.F(", id %u, seq %u", nd.Be16(dp + 4), nd.Be16(dp + 6));
      break;
    case 130:
      if (length == 24) {
        Mld6(nd, dp);
      } else if (length >= 28) {
        nd.out.S(" v2");
        // MLDv2 query details are not dissected.
      } else {
        nd.out.F(" unknown-version (len %u) ", length);
      }
      break;
    case 131:
    case 132:
      Mld6(nd, dp);
      break;
    case 133:
      if (nd.o.verbose && !OptPrint(nd, dp + 8, int(length) - 8)) trunc = true;
      break;
    case 134:
      if (nd.o.verbose) {
        nd.Check(dp, 16);  // every field of the line is read before any of it is printed
        uint8_t f = nd.U8(dp + 5);
        nd.out.F("\n\thop limit %u, Flags [", nd.U8(dp + 4));
        if ((f & 0xe0) == 0 && (f & 0x04) == 0) {
          nd.out.S("none");
        } else {
          const char* sep = "";
          if (f & 0x80) {
            nd.out.S("managed");
            sep = ", ";
          }
          if (f & 0x40) {
            nd.out.S(sep);
            nd.out.S("other stateful");
            sep = ", ";
          }
          if (f & 0x20) {
            nd.out.S(sep);
            nd.out.S("home agent");
            sep = ", ";
          }
          if (f & 0x04) {
            nd.out.S(sep);
            nd.out.S("proxy");
          }
        }
        static const char* kPref[] = {"medium", "high", "rsv", "low"};
        nd.out.F("], pref %s, router lifetime %us, reachable time %ums, retrans timer %ums",
                 kPref[(f & 0x18) >> 3], nd.Be16(dp + 6), nd.Be32(dp + 8), nd.Be32(dp + 12));
        if (!OptPrint(nd, dp + 16, int(length) - 16)) trunc = true;
      }
      break;
    case 135:
      nd.Check(dp + 8, 16);
      nd.out.S(", who has ");
      PrintIp6Addr(nd, dp + 8);
      if (nd.o.verbose && !OptPrint(nd, dp + 24, int(length) - 24)) trunc = true;
      break;
    case 136: {
      nd.Check(dp + 8, 16);
      nd.out.S(", tgt is ");
      PrintIp6Addr(nd, dp + 8);
      if (nd.o.verbose) {
        uint32_t f = nd.Be32(dp + 4);
        nd.out.S(", Flags [");
        if ((f & 0xe0000000u) == 0) {
          nd.out.S("none");
        } else {
          const char* sep = "";
          if (f & 0x80000000u) {
            nd.out.S("router");
            sep = ", ";
          }
          if (f & 0x40000000u) {
            nd.out.S(sep);
            nd.out.S("solicited");
            sep = ", ";
          }
          if (f & 0x20000000u) {
            nd.out.S(sep);
            nd.out.S("override");
          }
        }
        nd.out.C(']');
        if (!OptPrint(nd, dp + 24, int(length) - 24)) trunc = true;
      }
      break;
    }
    case 137:
      nd.Check(dp + 8, 32);
      nd.out.S(", ");
      PrintIp6Addr(nd, dp + 8);
      nd.out.S(" to ");
      PrintIp6Addr(nd, dp + 24);
      if (nd.o.verbose && !OptPrint(nd, dp + 40, int(length) - 40)) trunc = true;
      break;
    case 141:
    case 142:
      break;
    case 143:
      MldV2Report(nd, dp, length);
      break;
    case 146:
    case 144:
      nd.out.F(", id 0x%04x", nd.Be16(dp + 4));
      break;
    default:
      nd.out.F(", length %u", length);
      if (nd.o.verbose <= 1) PrintUnknownData(nd, bp, "\n\t", length);
      return;
  }
  if (trunc) {
    nd.PrintTrunc();
    return;
  }
  if (!nd.o.verbose) nd.out.F(", length %u", length);
}

}  // namespace ringdump::print
