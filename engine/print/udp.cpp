// UDP (print-udp.c): ports, the -vv checksum note, and dispatch by port to DNS, mDNS, TFTP, BOOTP/DHCP,
// RIP, NTP, Kerberos, DHCPv6, RADIUS, SIP, syslog, VXLAN and GENEVE; everything else prints
// "UDP, length N" as tcpdump does for an undissected port.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

// udpipaddr_print: addresses only when UDP follows the IP header directly (tcpdump's rule).
void AddrPrint(Nd& nd, const uint8_t* iph, int sport, int dport) {
  bool v6 = (nd.U8(iph) >> 4) == 6;
  bool direct = v6 ? nd.U8(iph + 6) == 17 : nd.U8(iph + 9) == 17;
  if (direct) {
    if (v6) {
      PrintIp6Addr(nd, iph + 8);
    } else {
      PrintIpAddr(nd, iph + 12);
    }
    if (sport != -1) {
      nd.out.C('.');
      PrintUdpPort(nd, uint16_t(sport));
    }
    nd.out.S(" > ");
    if (v6) {
      PrintIp6Addr(nd, iph + 24);
    } else {
      PrintIpAddr(nd, iph + 16);
    }
    if (dport != -1) {
      nd.out.C('.');
      PrintUdpPort(nd, uint16_t(dport));
    }
    nd.out.S(": ");
  } else if (sport != -1) {
    PrintUdpPort(nd, uint16_t(sport));
    nd.out.S(" > ");
    PrintUdpPort(nd, uint16_t(dport));
    nd.out.S(": ");
  }
}

void LengthLine(Nd& nd, uint32_t ulen, uint32_t length, bool fragmented) {
  if (ulen > length && !fragmented) {
    nd.out.F("UDP, bad length %u > %u", ulen, length);
  } else {
    nd.out.S("UDP, length ");
    nd.out.U(ulen);
  }
}

}  // namespace

void UdpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented, uint8_t) {
  nd.protocol = "udp";
  bool v6 = (nd.U8(iph) >> 4) == 6;
  if (!nd.TTest(bp + 2, 2)) {
    AddrPrint(nd, iph, -1, -1);
    nd.PrintTrunc();
    return;
  }
  uint16_t sport = nd.Be16(bp), dport = nd.Be16(bp + 2);
  if (length < 8) {
    AddrPrint(nd, iph, sport, dport);
    nd.out.F("truncated-udp %u", length);
    return;
  }
  if (!nd.TTest(bp + 4, 2)) {
    AddrPrint(nd, iph, sport, dport);
    nd.PrintTrunc();
    return;
  }
  uint32_t ulen = nd.Be16(bp + 4);
  if (ulen == 0 && length > 65535) ulen = length;
  if (ulen < 8) {
    AddrPrint(nd, iph, sport, dport);
    nd.out.F("truncated-udplength %u", ulen);
    return;
  }
  ulen -= 8;
  length -= 8;
  if (ulen < length) length = ulen;
  const uint8_t* cp = bp + 8;
  if (cp > nd.snapend) {
    AddrPrint(nd, iph, sport, dport);
    nd.PrintTrunc();
    return;
  }
  if (nd.o.packet_type) {
    if (nd.o.packet_type == kPacketTypeDomain) {
      AddrPrint(nd, iph, sport, dport);
      DomainPrint(nd, cp, length, false, false);
    }
    return;
  }
  AddrPrint(nd, iph, sport, dport);
  if (nd.o.verbose && !nd.o.no_checksum && !fragmented) {
    if (!v6 && nd.o.verbose > 1) {
      uint16_t udp_sum = nd.Be16(bp + 6);
      if (udp_sum == 0) {
        nd.out.S("[no cksum] ");
      } else if (nd.TTest(cp, length)) {
        uint16_t sum = NextProto4Cksum(iph, bp, length + 8, length + 8, 17);
        if (sum != 0) {
          nd.out.F("[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum, InCksumShouldBe(udp_sum, sum));
        } else {
          nd.out.S("[udp sum ok] ");
        }
      }
    } else if (v6) {
      if (nd.TTest(cp, length)) {
        uint16_t sum = NextProto6Cksum(nd, iph, bp, length + 8, length + 8, 17);
        uint16_t udp_sum = nd.Be16(bp + 6);
        if (sum != 0) {
          nd.out.F("[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum, InCksumShouldBe(udp_sum, sum));
        } else {
          nd.out.S("[udp sum ok] ");
        }
      }
    }
  }
  if (!nd.o.quiet) {
    // The port checks in print-udp.c's order (the first match wins when both ports are known).
    auto port = [&](uint16_t p) { return sport == p || dport == p; };
    if (port(53)) {
      DomainPrint(nd, cp, length, false, false);
      return;
    }
    if (port(5353)) {
      DomainPrint(nd, cp, length, false, true);
      return;
    }
    if (port(69)) {
      TftpPrint(nd, cp, length);
      return;
    }
    if (port(67) || port(68)) {
      BootpPrint(nd, cp, length);
      return;
    }
    if (port(520)) {
      RipPrint(nd, cp, length);
      return;
    }
    if (port(4500)) {  // isakmp_rfc3948_print: NAT-T keepalive, IKE (not dissected) or ESP
      nd.protocol = "isakmp_rfc3948";
      if (length == 1 && nd.U8(cp) == 0xff) {
        nd.out.S("isakmp-nat-keep-alive");
      } else if (length < 4) {
        nd.PrintTrunc();
      } else if (nd.Be32(cp) == 0) {
        nd.out.S("NONESP-encap: ");
      } else {
        nd.out.S("UDP-encap: ");
        EspPrint(nd, cp, length);
      }
      return;
    }
    if (port(123)) {
      NtpPrint(nd, cp, length);
      return;
    }
    if (port(88) || port(750)) {
      KrbPrint(nd, cp);
      return;
    }
    if (port(546) || port(547)) {
      Dhcp6Print(nd, cp, length);
      return;
    }
    if (port(1645) || port(1812) || port(1646) || port(1813) || port(1700) || port(3799)) {
      RadiusPrint(nd, cp, length);
      return;
    }
    if (port(5060)) {
      TextProtocolPrint(nd, cp, length, TextProto::kSip);
      return;
    }
    if (port(514)) {
      SyslogPrint(nd, cp, length);
      return;
    }
    if (port(4789)) {
      VxlanPrint(nd, cp, length);
      return;
    }
    if (dport == 6081) {
      GenevePrint(nd, cp, length);
      return;
    }
  }
  LengthLine(nd, ulen, length, fragmented);
}

}  // namespace ringdump::print
