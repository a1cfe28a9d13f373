// UDP (print-udp.c): ports, the -vv checksum note, and dispatch by port through kUdpPorts, print-udp.c's
// if-chain as a table (dispatch.hpp); a port no row claims prints "UDP, length N" as tcpdump does.
#include "dispatch.hpp"
#include "l2_printers.hpp"

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

// isakmp_rfc3948_print: a NAT-T keepalive, IKE (not dissected) or ESP.
void Rfc3948Print(Nd& nd, const UdpArgs& a) {
  nd.protocol = "isakmp_rfc3948";
  if (a.length == 1 && nd.U8(a.cp) == 0xff) {
    nd.out.S("isakmp-nat-keep-alive");
  } else if (a.length < 4) {
    nd.PrintTrunc();
  } else if (nd.Be32(a.cp) == 0) {
    nd.out.S("NONESP-encap: ");
  } else {
    nd.out.S("UDP-encap: ");
    EspPrint(nd, a.cp, a.length);
  }
}

using M = PortMatch;
constexpr auto kSmb = RowGate::kEnableSmb;

// print-udp.c's if-chain, branch by branch (a branch testing several ports is several adjacent rows).
// A row without a printer is a protocol tcpdump dissects and ringdump does not yet: it prints
// "UDP, length N", what ringdump prints for any port it does not know, instead of letting a later row
// claim the packet.
constexpr UdpPortRow kUdpPorts[] = {
    {"NAMESERVER_PORT", M::kEither, 53, 53,
     [](Nd& nd, const UdpArgs& a) { DomainPrint(nd, a.cp, a.length, false, false); }},
    {"MULTICASTDNS_PORT", M::kEither, 5353, 5353,
     [](Nd& nd, const UdpArgs& a) { DomainPrint(nd, a.cp, a.length, false, true); }},
    {"TIMED_PORT", M::kEither, 525, 525, [](Nd& nd, const UdpArgs& a) { TimedPrint(nd, a.cp); }},
    {"TFTP_PORT", M::kEither, 69, 69, [](Nd& nd, const UdpArgs& a) { TftpPrint(nd, a.cp, a.length); }},
    {"BOOTPC_PORT", M::kEither, 68, 68, [](Nd& nd, const UdpArgs& a) { BootpPrint(nd, a.cp, a.length); }},
    {"BOOTPS_PORT", M::kEither, 67, 67, [](Nd& nd, const UdpArgs& a) { BootpPrint(nd, a.cp, a.length); }},
    {"RIP_PORT", M::kEither, 520, 520, [](Nd& nd, const UdpArgs& a) { RipPrint(nd, a.cp, a.length); }},
    {"AODV_PORT", M::kEither, 654, 654, nullptr},
    {"ISAKMP_PORT", M::kEither, 500, 500, nullptr},
    {"ISAKMP_PORT_NATT", M::kEither, 4500, 4500, Rfc3948Print},
    {"ISAKMP_PORT_USER1", M::kEither, 7500, 7500, nullptr},
    {"ISAKMP_PORT_USER2", M::kEither, 8500, 8500, nullptr},
    {"SNMP_PORT", M::kEither, 161, 161, [](Nd& nd, const UdpArgs& a) { SnmpPrint(nd, a.cp, a.length); }},
    {"SNMPTRAP_PORT", M::kEither, 162, 162, [](Nd& nd, const UdpArgs& a) { SnmpPrint(nd, a.cp, a.length); }},
    {"NTP_PORT", M::kEither, 123, 123, [](Nd& nd, const UdpArgs& a) { NtpPrint(nd, a.cp, a.length); }},
    {"KERBEROS_PORT", M::kEither, 88, 88, [](Nd& nd, const UdpArgs& a) { KrbPrint(nd, a.cp); }},
    {"KERBEROS_SEC_PORT", M::kEither, 750, 750, [](Nd& nd, const UdpArgs& a) { KrbPrint(nd, a.cp); }},
    {"L2TP_PORT", M::kEither, 1701, 1701, [](Nd& nd, const UdpArgs& a) { L2tpPrint(nd, a.cp, a.length); }},
    {"NETBIOS_NS_PORT", M::kEither, 137, 137, nullptr, kSmb},
    {"NETBIOS_DGRAM_PORT", M::kEither, 138, 138, nullptr, kSmb},
    {"VAT_PORT", M::kDst, 3456, 3456, nullptr},
    {"ZEPHYR_SRV_PORT", M::kEither, 2103, 2103, nullptr},
    {"ZEPHYR_CLT_PORT", M::kEither, 2104, 2104, nullptr},
    {"RX_PORT_LOW..RX_PORT_HIGH", M::kRange, 7000, 7009, nullptr},
    {"RIPNG_PORT", M::kEither, 521, 521, nullptr},
    {"DHCP6_SERV_PORT", M::kEither, 546, 546,
     [](Nd& nd, const UdpArgs& a) { Dhcp6Print(nd, a.cp, a.length); }},
    {"DHCP6_CLI_PORT", M::kEither, 547, 547,
     [](Nd& nd, const UdpArgs& a) { Dhcp6Print(nd, a.cp, a.length); }},
    {"AHCP_PORT", M::kEither, 5359, 5359, nullptr},
    {"BABEL_PORT", M::kEither, 6696, 6696, nullptr},
    {"BABEL_PORT_OLD", M::kEither, 6697, 6697, nullptr},
    {"HNCP_PORT", M::kEither, 8231, 8231, nullptr},
    {"WB_PORT", M::kDst, 4567, 4567, nullptr},
    {"CISCO_AUTORP_PORT", M::kEither, 496, 496, nullptr},
    {"RADIUS_PORT", M::kEither, 1645, 1645,
     [](Nd& nd, const UdpArgs& a) { RadiusPrint(nd, a.cp, a.length); }},
    {"RADIUS_NEW_PORT", M::kEither, 1812, 1812,
     [](Nd& nd, const UdpArgs& a) { RadiusPrint(nd, a.cp, a.length); }},
    {"RADIUS_ACCOUNTING_PORT", M::kEither, 1646, 1646,
     [](Nd& nd, const UdpArgs& a) { RadiusPrint(nd, a.cp, a.length); }},
    {"RADIUS_NEW_ACCOUNTING_PORT", M::kEither, 1813, 1813,
     [](Nd& nd, const UdpArgs& a) { RadiusPrint(nd, a.cp, a.length); }},
    {"RADIUS_CISCO_COA_PORT", M::kEither, 1700, 1700,
     [](Nd& nd, const UdpArgs& a) { RadiusPrint(nd, a.cp, a.length); }},
    {"RADIUS_COA_PORT", M::kEither, 3799, 3799,
     [](Nd& nd, const UdpArgs& a) { RadiusPrint(nd, a.cp, a.length); }},
    {"HSRP_PORT", M::kDst, 1985, 1985, [](Nd& nd, const UdpArgs& a) { HsrpPrint(nd, a.cp, a.length); }},
    {"LWRES_PORT", M::kEither, 921, 921, nullptr},
    {"LDP_PORT", M::kEither, 646, 646, [](Nd& nd, const UdpArgs& a) { LdpPrint(nd, a.cp, a.length); }},
    {"OLSR_PORT", M::kEither, 698, 698, nullptr},
    {"MPLS_LSP_PING_PORT", M::kEither, 3503, 3503, nullptr},
    {"BCM_LI_PORT", M::kSrc, 49152, 49152, nullptr},
    {"BFD_CONTROL_PORT", M::kDst, 3784, 3784,
     [](Nd& nd, const UdpArgs& a) { BfdPrint(nd, a.cp, a.length, a.dport); }},
    {"BFD_MULTIHOP_PORT", M::kDst, 4784, 4784,
     [](Nd& nd, const UdpArgs& a) { BfdPrint(nd, a.cp, a.length, a.dport); }},
    {"BFD_LAG_PORT", M::kDst, 6784, 6784,
     [](Nd& nd, const UdpArgs& a) { BfdPrint(nd, a.cp, a.length, a.dport); }},
    {"BFD_ECHO_PORT", M::kDst, 3785, 3785,
     [](Nd& nd, const UdpArgs& a) { BfdPrint(nd, a.cp, a.length, a.dport); }},
    {"LMP_PORT", M::kEither, 701, 701, nullptr},
    {"VQP_PORT", M::kEither, 1589, 1589, nullptr},
    {"SFLOW_PORT", M::kEither, 6343, 6343, nullptr},
    {"LWAPP_CONTROL_PORT", M::kDst, 12223, 12223, nullptr},
    {"LWAPP_CONTROL_PORT", M::kSrc, 12223, 12223, nullptr},
    {"LWAPP_DATA_PORT", M::kEither, 12222, 12222, nullptr},
    {"SIP_PORT", M::kEither, 5060, 5060,
     [](Nd& nd, const UdpArgs& a) { TextProtocolPrint(nd, a.cp, a.length, TextProto::kSip); }},
    {"SYSLOG_PORT", M::kEither, 514, 514, [](Nd& nd, const UdpArgs& a) { SyslogPrint(nd, a.cp, a.length); }},
    {"OTV_PORT", M::kEither, 8472, 8472, [](Nd& nd, const UdpArgs& a) { OtvPrint(nd, a.cp, a.length); }},
    {"VXLAN_PORT", M::kEither, 4789, 4789, [](Nd& nd, const UdpArgs& a) { VxlanPrint(nd, a.cp, a.length); }},
    // Either port, as 4.99.3 has it (tcpdump's master branch later made this dport only).
    {"GENEVE_PORT", M::kEither, 6081, 6081,
     [](Nd& nd, const UdpArgs& a) { GenevePrint(nd, a.cp, a.length); }},
    {"LISP_CONTROL_PORT", M::kEither, 4342, 4342, nullptr},
    {"VXLAN_GPE_PORT", M::kEither, 4790, 4790,
     [](Nd& nd, const UdpArgs& a) { VxlanGpePrint(nd, a.cp, a.length); }},
    {"ZEP_PORT", M::kEither, 17754, 17754, nullptr},
    {"MPLS_PORT", M::kEither, 6635, 6635, [](Nd& nd, const UdpArgs& a) { MplsPrint(nd, a.cp, a.length); }},
    {"lapDDP/atalk_port", M::kAtalk, 0, 0, nullptr},
    {"PTP_EVENT_PORT", M::kEither, 319, 319, [](Nd& nd, const UdpArgs& a) { PtpPrint(nd, a.cp, a.length); }},
    {"PTP_GENERAL_PORT", M::kEither, 320, 320,
     [](Nd& nd, const UdpArgs& a) { PtpPrint(nd, a.cp, a.length); }},
    {"SOMEIP_PORT", M::kEither, 30490, 30490, nullptr},
};

}  // namespace

std::span<const UdpPortRow> UdpPortTable() { return kUdpPorts; }

void UdpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented,
              uint8_t ttl_hl) {
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
  if (!nd.o.quiet && nd.TTest(cp + 4, 4)) {
    // print-udp.c's NFS_PORT test, before the checksum: an RPC call to or a reply from port 2049. NFS is
    // not dissected: the length line stands in for nfsreq_noaddr_print / nfsreply_noaddr_print.
    uint32_t direction = nd.Be32(cp + 4);
    if ((dport == 2049 && direction == 0) || (sport == 2049 && direction == 1)) {
      LengthLine(nd, ulen, length, fragmented);
      return;
    }
  }
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
    UdpArgs a{cp, length, ulen, sport, dport, iph, v6 ? 6 : 4, fragmented, ttl_hl};
    int row = FindUdpPort(nd, a);
    if (row >= 0) {
      const UdpPortRow& r = UdpPortTable()[size_t(row)];
      if (r.print) {
        r.print(nd, a);
        return;
      }
    }
  }
  LengthLine(nd, ulen, length, fragmented);
}

}  // namespace ringdump::print
