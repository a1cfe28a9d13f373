// ICMP for IPv4 (print-icmp.c): echo, unreachable (with the quoted datagram's port), redirect, time
// exceeded, parameter problem, router advertisement, timestamps, address mask; with -v the checksum and
// the quoted IP header of error messages. Like tcpdump, the description is built before anything is
// printed, so a truncated message prints only the truncation marker.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

void TstampText(Out& o, uint32_t t) {
  uint32_t msec = t % 1000, sec = t / 1000;
  uint32_t min = sec / 60;
  sec -= min * 60;
  uint32_t hrs = min / 60;
  min -= hrs * 60;
  o.F("%02u:%02u:%02u.%03u", hrs, min, sec, msec);
}

const char* UnreachFormat(uint8_t code) {
  switch (code) {
    case 0:
      return "net %s unreachable";
    case 1:
      return "host %s unreachable";
    case 5:
      return "%s unreachable - source route failed";
    case 6:
      return "net %s unreachable - unknown";
    case 7:
      return "host %s unreachable - unknown";
    case 8:
      return "%s unreachable - source host isolated";
    case 9:
      return "net %s unreachable - admin prohibited";
    case 10:
      return "host %s unreachable - admin prohibited";
    case 11:
      return "net %s unreachable - tos prohibited";
    case 12:
      return "host %s unreachable - tos prohibited";
    case 13:
      return "host %s unreachable - admin prohibited filter";
    case 14:
      return "host %s unreachable - host precedence violation";
    case 15:
      return "host %s unreachable - precedence cutoff";
    default:
      return nullptr;
  }
}

// Prints fmt with each "%s" replaced by the next address.
void WithAddrs(Nd& nd, const char* fmt, const uint8_t* a1, const uint8_t* a2 = nullptr) {
  const uint8_t* addrs[2] = {a1, a2};
  int k = 0;
  for (const char* f = fmt; *f; f++) {
    if (f[0] == '%' && f[1] == 's') {
      PrintIpAddr(nd, addrs[k++]);
      f++;
    } else {
      nd.out.C(*f);
    }
  }
}

void Describe(Nd& nd, const uint8_t* dp, uint8_t type, uint8_t code) {
  const uint8_t* oip = dp + 8;  // the quoted IP header
  switch (type) {
    case 0:
    case 8:
      nd.out.S(type == 8 ? "echo request" : "echo reply");
      nd.out.S(", id ");
      nd.out.U(nd.Be16(dp + 4));
      nd.out.S(", seq ");
      nd.out.U(nd.Be16(dp + 6));
      return;
    case 3:
      switch (code) {
        case 2:
          PrintIpAddr(nd, oip + 16);
          nd.out.F(" protocol %u unreachable", nd.U8(oip + 9));
          return;
        case 3: {
          nd.TCheck(oip + 9, 1);
          uint32_t hlen = (nd.U8(oip) & 0xf) * 4u;
          uint16_t dport = nd.Be16(oip + hlen + 2);
          uint8_t proto = nd.U8(oip + 9);
          PrintIpAddr(nd, oip + 16);
          if (proto == 6) {
            nd.out.S(" tcp port ");
            PrintTcpPort(nd, dport);
            nd.out.S(" unreachable");
          } else if (proto == 17) {
            nd.out.S(" udp port ");
            PrintUdpPort(nd, dport);
            nd.out.S(" unreachable");
          } else {
            nd.out.F(" protocol %u port %u unreachable", proto, dport);
          }
          return;
        }
        case 4: {
          uint16_t mtu = nd.Be16(dp + 6);
          PrintIpAddr(nd, oip + 16);
          if (mtu) {
            nd.out.F(" unreachable - need to frag (mtu %u)", mtu);
          } else {
            nd.out.S(" unreachable - need to frag");
          }
          return;
        }
        default:
          if (const char* f = UnreachFormat(code)) {
            WithAddrs(nd, f, oip + 16);
          } else {
            PrintIpAddr(nd, oip + 16);
            nd.out.F(" unreachable - #%u", code);
          }
          return;
      }
    case 5: {
      const char* f = nullptr;
      switch (code) {
        case 0:
          f = "redirect %s to net %s";
          break;
        case 1:
          f = "redirect %s to host %s";
          break;
        case 2:
          f = "redirect-tos %s to net %s";
          break;
        case 3:
          f = "redirect-tos %s to host %s";
          break;
        default:
          break;
      }
      if (f) {
        WithAddrs(nd, f, oip + 16, dp + 4);
      } else {
        nd.out.F("redirect-#%u ", code);
        WithAddrs(nd, "%s to net %s", oip + 16, dp + 4);
      }
      return;
    }
    case 9: {
      nd.out.S("router advertisement lifetime ");
      nd.TCheck(dp + 4, 4);
      uint32_t lifetime = nd.Be16(dp + 6);
      if (lifetime < 60) {
        nd.out.U(lifetime);
      } else if (lifetime < 3600) {
        nd.out.F("%u:%02u", lifetime / 60, lifetime % 60);
      } else {
        nd.out.F("%u:%02u:%02u", lifetime / 3600, (lifetime % 3600) / 60, lifetime % 60);
      }
      uint32_t num = nd.U8(dp + 4);
      nd.out.F(" %u:", num);
      uint32_t size = nd.U8(dp + 5);
      if (size != 2) {
        nd.out.F(" [size %u]", size);
        return;
      }
      const uint8_t* idp = dp + 8;
      while (num-- > 0) {
        nd.TCheck(idp, 8);
        nd.out.S(" {");
        PrintIpAddr(nd, idp);
        nd.out.F(" %u}", nd.Be32(idp + 4));
        idp += 8;
      }
      return;
    }
    case 11:
      nd.TCheck(oip + 16, 4);
      if (code == 0) {
        nd.out.S("time exceeded in-transit");
      } else if (code == 1) {
        nd.out.S("ip reassembly time exceeded");
      } else {
        nd.out.F("time exceeded-#%u", code);
      }
      return;
    case 12:
      if (code) {
        nd.out.F("parameter problem - code %u", code);
      } else {
        nd.out.F("parameter problem - octet %u", nd.U8(dp + 4));
      }
      return;
    case 18:
      nd.out.F("address mask is 0x%08x", nd.Be32(dp + 8));
      return;
    case 13:
      nd.out.F("time stamp query id %u seq %u", nd.Be16(dp + 4), nd.Be16(dp + 6));
      return;
    case 14:
      nd.TCheck(dp + 16, 4);
      nd.out.F("time stamp reply id %u seq %u: org ", nd.Be16(dp + 4), nd.Be16(dp + 6));
      TstampText(nd.out, nd.Be32(dp + 8));
      nd.out.S(", recv ");
      TstampText(nd.out, nd.Be32(dp + 12));
      nd.out.S(", xmit ");
      TstampText(nd.out, nd.Be32(dp + 16));
      return;
    case 4:
      nd.out.S("source quench");
      return;
    case 10:
      nd.out.S("router solicitation");
      return;
    case 15:
      nd.out.S("information request");
      return;
    case 16:
      nd.out.S("information reply");
      return;
    case 17:
      nd.out.S("address mask request");
      return;
    default:
      nd.out.F("type-#%u", type);
      return;
  }
}

}  // namespace

void IcmpPrint(Nd& nd, const uint8_t* bp, uint32_t plen, const uint8_t*, bool fragmented) {
  nd.protocol = "icmp";
  uint8_t type = nd.U8(bp);
  uint8_t code = nd.U8(bp + 1);
  size_t mark = nd.out.size();
  nd.out.S("ICMP ");
  try {
    Describe(nd, bp, type, code);
  } catch (const Truncated&) {
    nd.out.Resize(mark);
    throw;
  } catch (const TcheckFailed&) {
    nd.out.Resize(mark);
    nd.PrintTrunc();
    return;
  }
  nd.out.S(", length ");
  nd.out.U(plen);
  if (nd.o.verbose && !fragmented && nd.TTest(bp, plen)) {
    uint16_t sum = InCksum(bp, plen);
    if (sum != 0) {
      uint16_t icmp_sum = nd.Be16(bp + 2);
      nd.out.F(" (wrong icmp cksum %x (->%x)!)", icmp_sum, InCksumShouldBe(icmp_sum, sum));
    }
  }
  if (nd.o.verbose >= 1 && (type == 3 || type == 4 || type == 5 || type == 11 || type == 12)) {
    const uint8_t* ip = bp + 8;
    nd.out.S("\n\t");
    uint16_t ip_len = nd.Be16(ip + 2);
    const uint8_t* saved = nd.snapend;
    if (ip + ip_len < nd.snapend) nd.snapend = ip + ip_len;
    try {
      IpPrint(nd, ip, ip_len);
    } catch (...) {
      nd.snapend = saved;
      throw;
    }
    nd.snapend = saved;
  }
  nd.protocol = "icmp";
  // RFC 4884 MPLS extensions after a quoted datagram of at least 128 bytes: tcpdump checks for them.
  if (nd.o.verbose >= 1 && plen > 136 && (type == 3 || type == 11 || type == 12)) {
    if (!nd.TTest(bp, 141)) {
      nd.PrintTrunc();
      return;
    }
    if (nd.U8(bp + 5) == 0 && nd.TTest(bp + 136, plen - 136) && InCksum(bp + 136, plen - 136) != 0) return;
    // A present extension structure is not dissected further.
  }
}

}  // namespace ringdump::print
