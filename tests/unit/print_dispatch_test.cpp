// The dispatch tables (engine/print/dispatch.hpp) against tcpdump 4.99.3: each table's row names, in
// order, must equal the list of constants copied once from tcpdump-4.99.3's source below, so a row
// dropped, added or moved is a failing test. Also: the per-port index finds the same row as walking the
// table, and the two drifts issue #14 named (SNMP before NTP, GENEVE by either port) stay fixed.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dispatch.hpp"

namespace ringdump::print {
namespace {

template <typename Row>
std::vector<std::string> RowNames(std::span<const Row> rows) {
  std::vector<std::string> v;
  for (const Row& r : rows) v.push_back(r.name);
  return v;
}

// print-udp.c's chain after the checksum (IS_SRC_OR_DST_PORT / sport == / dport ==, in order). The RX
// range test and the AppleTalk (kip) test are one row each; LWAPP_CONTROL_PORT is two branches
// (dport, then sport).
const std::vector<std::string> kUdpGolden = {"NAMESERVER_PORT",
                                             "MULTICASTDNS_PORT",
                                             "TIMED_PORT",
                                             "TFTP_PORT",
                                             "BOOTPC_PORT",
                                             "BOOTPS_PORT",
                                             "RIP_PORT",
                                             "AODV_PORT",
                                             "ISAKMP_PORT",
                                             "ISAKMP_PORT_NATT",
                                             "ISAKMP_PORT_USER1",
                                             "ISAKMP_PORT_USER2",
                                             "SNMP_PORT",
                                             "SNMPTRAP_PORT",
                                             "NTP_PORT",
                                             "KERBEROS_PORT",
                                             "KERBEROS_SEC_PORT",
                                             "L2TP_PORT",
                                             "NETBIOS_NS_PORT",
                                             "NETBIOS_DGRAM_PORT",
                                             "VAT_PORT",
                                             "ZEPHYR_SRV_PORT",
                                             "ZEPHYR_CLT_PORT",
                                             "RX_PORT_LOW..RX_PORT_HIGH",
                                             "RIPNG_PORT",
                                             "DHCP6_SERV_PORT",
                                             "DHCP6_CLI_PORT",
                                             "AHCP_PORT",
                                             "BABEL_PORT",
                                             "BABEL_PORT_OLD",
                                             "HNCP_PORT",
                                             "WB_PORT",
                                             "CISCO_AUTORP_PORT",
                                             "RADIUS_PORT",
                                             "RADIUS_NEW_PORT",
                                             "RADIUS_ACCOUNTING_PORT",
                                             "RADIUS_NEW_ACCOUNTING_PORT",
                                             "RADIUS_CISCO_COA_PORT",
                                             "RADIUS_COA_PORT",
                                             "HSRP_PORT",
                                             "LWRES_PORT",
                                             "LDP_PORT",
                                             "OLSR_PORT",
                                             "MPLS_LSP_PING_PORT",
                                             "BCM_LI_PORT",
                                             "BFD_CONTROL_PORT",
                                             "BFD_MULTIHOP_PORT",
                                             "BFD_LAG_PORT",
                                             "BFD_ECHO_PORT",
                                             "LMP_PORT",
                                             "VQP_PORT",
                                             "SFLOW_PORT",
                                             "LWAPP_CONTROL_PORT",
                                             "LWAPP_CONTROL_PORT",
                                             "LWAPP_DATA_PORT",
                                             "SIP_PORT",
                                             "SYSLOG_PORT",
                                             "OTV_PORT",
                                             "VXLAN_PORT",
                                             "GENEVE_PORT",
                                             "LISP_CONTROL_PORT",
                                             "VXLAN_GPE_PORT",
                                             "ZEP_PORT",
                                             "MPLS_PORT",
                                             "lapDDP/atalk_port",
                                             "PTP_EVENT_PORT",
                                             "PTP_GENERAL_PORT",
                                             "SOMEIP_PORT"};

// print-tcp.c's chain after the header.
const std::vector<std::string> kTcpGolden = {
    "TELNET_PORT",   "SMTP_PORT",       "WHOIS_PORT",        "BGP_PORT",
    "PPTP_PORT",     "REDIS_PORT",      "SSH_PORT",          "NETBIOS_SSN_PORT",
    "SMB_PORT",      "BEEP_PORT",       "OPENFLOW_PORT_OLD", "OPENFLOW_PORT_IANA",
    "FTP_PORT",      "HTTP_PORT",       "HTTP_PORT_ALT",     "RTSP_PORT",
    "RTSP_PORT_ALT", "NAMESERVER_PORT", "MSDP_PORT",         "RPKI_RTR_PORT",
    "LDP_PORT",      "NFS_PORT"};

// print-ip-demux.c's switch.
const std::vector<std::string> kIpGolden = {
    "IPPROTO_AH",    "IPPROTO_ESP",  "IPPROTO_IPCOMP", "IPPROTO_SCTP",     "IPPROTO_DCCP",
    "IPPROTO_TCP",   "IPPROTO_UDP",  "IPPROTO_ICMP",   "IPPROTO_ICMPV6",   "IPPROTO_PIGP",
    "IPPROTO_EIGRP", "IPPROTO_ND",   "IPPROTO_EGP",    "IPPROTO_OSPF",     "IPPROTO_IGMP",
    "IPPROTO_IPV4",  "IPPROTO_IPV6", "IPPROTO_RSVP",   "IPPROTO_GRE",      "IPPROTO_MOBILE",
    "IPPROTO_PIM",   "IPPROTO_VRRP", "IPPROTO_PGM",    "IPPROTO_ETHERNET", "IPPROTO_NONE"};

// print-ether.c's ethertype_print switch.
const std::vector<std::string> kEtherGolden = {
    "ETHERTYPE_IP",         "ETHERTYPE_IPV6",      "ETHERTYPE_ARP",       "ETHERTYPE_REVARP",
    "ETHERTYPE_DN",         "ETHERTYPE_ATALK",     "ETHERTYPE_AARP",      "ETHERTYPE_IPX",
    "ETHERTYPE_ISO",        "ETHERTYPE_PPPOED",    "ETHERTYPE_PPPOES",    "ETHERTYPE_PPPOED2",
    "ETHERTYPE_PPPOES2",    "ETHERTYPE_EAPOL",     "ETHERTYPE_REALTEK",   "ETHERTYPE_PPP",
    "ETHERTYPE_MPCP",       "ETHERTYPE_SLOW",      "ETHERTYPE_CFM",       "ETHERTYPE_CFM_OLD",
    "ETHERTYPE_LLDP",       "ETHERTYPE_NSH",       "ETHERTYPE_LOOPBACK",  "ETHERTYPE_MPLS",
    "ETHERTYPE_MPLS_MULTI", "ETHERTYPE_TIPC",      "ETHERTYPE_MS_NLB_HB", "ETHERTYPE_GEONET_OLD",
    "ETHERTYPE_GEONET",     "ETHERTYPE_CALM_FAST", "ETHERTYPE_AOE",       "ETHERTYPE_PTP",
    "ETHERTYPE_LAT",        "ETHERTYPE_SCA",       "ETHERTYPE_MOPRC",     "ETHERTYPE_MOPDL",
    "ETHERTYPE_IEEE1905_1"};

// print.c's printers[]. DLT_CIP and DLT_FR sit under #ifdefs Linux's pcap/dlt.h does not satisfy.
const std::vector<std::string> kLinkGolden = {"DLT_APPLE_IP_OVER_IEEE1394",
                                              "DLT_ARCNET",
                                              "DLT_ARCNET_LINUX",
                                              "DLT_ATM_RFC1483",
                                              "DLT_DSA_TAG_BRCM",
                                              "DLT_DSA_TAG_BRCM_PREPEND",
                                              "DLT_BLUETOOTH_HCI_H4_WITH_PHDR",
                                              "DLT_C_HDLC",
                                              "DLT_HDLC",
                                              "DLT_ATM_CLIP",
                                              "DLT_CIP",
                                              "DLT_DSA_TAG_DSA",
                                              "DLT_DSA_TAG_EDSA",
                                              "DLT_ENC",
                                              "DLT_EN10MB",
                                              "DLT_FDDI",
                                              "DLT_FR",
                                              "DLT_FRELAY",
                                              "DLT_IEEE802_11",
                                              "DLT_IEEE802_11_RADIO_AVS",
                                              "DLT_IEEE802_11_RADIO",
                                              "DLT_IEEE802_15_4",
                                              "DLT_IEEE802_15_4_NOFCS",
                                              "DLT_IEEE802_15_4_TAP",
                                              "DLT_IP_OVER_FC",
                                              "DLT_IPNET",
                                              "DLT_IPOIB",
                                              "DLT_JUNIPER_ATM1",
                                              "DLT_JUNIPER_ATM2",
                                              "DLT_JUNIPER_CHDLC",
                                              "DLT_JUNIPER_ES",
                                              "DLT_JUNIPER_ETHER",
                                              "DLT_JUNIPER_FRELAY",
                                              "DLT_JUNIPER_GGSN",
                                              "DLT_JUNIPER_MFR",
                                              "DLT_JUNIPER_MLFR",
                                              "DLT_JUNIPER_MLPPP",
                                              "DLT_JUNIPER_MONITOR",
                                              "DLT_JUNIPER_PPP",
                                              "DLT_JUNIPER_PPPOE_ATM",
                                              "DLT_JUNIPER_PPPOE",
                                              "DLT_JUNIPER_SERVICES",
                                              "DLT_LTALK",
                                              "DLT_MFR",
                                              "DLT_NETANALYZER",
                                              "DLT_NETANALYZER_TRANSPARENT",
                                              "DLT_NFLOG",
                                              "DLT_NULL",
                                              "DLT_LOOP",
                                              "DLT_PFLOG",
                                              "DLT_PKTAP",
                                              "DLT_PPI",
                                              "DLT_PPP_BSDOS",
                                              "DLT_PPP_SERIAL",
                                              "DLT_PPP",
                                              "DLT_PPP_PPPD",
                                              "DLT_PPP_ETHER",
                                              "DLT_PRISM_HEADER",
                                              "DLT_RAW",
                                              "DLT_IPV4",
                                              "DLT_IPV6",
                                              "DLT_SLIP_BSDOS",
                                              "DLT_SLIP",
                                              "DLT_LINUX_SLL",
                                              "DLT_LINUX_SLL2",
                                              "DLT_SUNATM",
                                              "DLT_SYMANTEC_FIREWALL",
                                              "DLT_IEEE802",
                                              "DLT_USB_LINUX",
                                              "DLT_USB_LINUX_MMAPPED",
                                              "DLT_VSOCK"};

// print-llc.c: llc_print's SAP tests, and snap_print's OUI and PID cases (OUI/PID for the nested ones).
const std::vector<std::string> kSapGolden = {"LLCSAP_8021D", "LLCSAP_IP", "LLCSAP_IPX", "LLCSAP_NETBEUI",
                                             "LLCSAP_ISONS"};
const std::vector<std::string> kSnapGolden = {"OUI_ENCAP_ETHER",
                                              "OUI_CISCO_90",
                                              "OUI_APPLETALK/ETHERTYPE_ATALK",
                                              "OUI_CISCO/PID_CISCO_CDP",
                                              "OUI_CISCO/PID_CISCO_DTP",
                                              "OUI_CISCO/PID_CISCO_UDLD",
                                              "OUI_CISCO/PID_CISCO_VTP",
                                              "OUI_CISCO/PID_CISCO_PVST",
                                              "OUI_CISCO/PID_CISCO_VLANBRIDGE",
                                              "OUI_RFC2684/PID_RFC2684_ETH_FCS",
                                              "OUI_RFC2684/PID_RFC2684_ETH_NOFCS",
                                              "OUI_RFC2684/PID_RFC2684_802_5_FCS",
                                              "OUI_RFC2684/PID_RFC2684_802_5_NOFCS",
                                              "OUI_RFC2684/PID_RFC2684_FDDI_FCS",
                                              "OUI_RFC2684/PID_RFC2684_FDDI_NOFCS",
                                              "OUI_RFC2684/PID_RFC2684_BPDU"};

// print-ppp.c's handle_ppp switch.
const std::vector<std::string> kPppGolden = {
    "PPP_LCP",  "PPP_IPCP",       "PPP_OSICP",      "PPP_MPLSCP", "PPP_IPV6CP",    "PPP_CCP",
    "PPP_BACP", "PPP_ML",         "PPP_CHAP",       "PPP_PAP",    "PPP_BAP",       "ETHERTYPE_IP",
    "PPP_VJNC", "PPP_IP",         "ETHERTYPE_IPV6", "PPP_IPV6",   "ETHERTYPE_IPX", "PPP_IPX",
    "PPP_OSI",  "PPP_MPLS_UCAST", "PPP_MPLS_MCAST", "PPP_COMP"};

TEST(PrintDispatch, TablesFollowTcpdump4993) {
  EXPECT_EQ(RowNames(UdpPortTable()), kUdpGolden);
  EXPECT_EQ(RowNames(TcpPortTable()), kTcpGolden);
  EXPECT_EQ(RowNames(IpProtoTable()), kIpGolden);
  EXPECT_EQ(RowNames(EthertypeTable()), kEtherGolden);
  std::vector<std::string> links;
  for (const std::string& n : kLinkGolden) {
    if (n != "DLT_CIP" && n != "DLT_FR") links.push_back(n);
  }
  EXPECT_EQ(RowNames(LinkTable()), links);
  EXPECT_EQ(RowNames(LlcSapTable()), kSapGolden);
  EXPECT_EQ(RowNames(SnapTable()), kSnapGolden);
  EXPECT_EQ(RowNames(PppProtoTable()), kPppGolden);
}

NameOptions NumericNames() {
  NameOptions n;
  n.numeric = true;
  return n;
}

struct Ctx {
  PrintOptions o;
  Out out;
  Names names{NumericNames()};
  TcpSeqTable tcp;
  uint8_t payload[64] = {};
  Nd nd{o, out, names, tcp};
  Ctx() {
    nd.packetp = payload;
    nd.snapend = payload + sizeof payload;
  }
  int Udp(uint16_t s, uint16_t d, bool linear = false) {
    UdpArgs a{payload, sizeof payload, sizeof payload, s, d, payload, 4, false, 64};
    return linear ? FindUdpPortLinear(nd, a) : FindUdpPort(nd, a);
  }
  int Tcp(uint16_t s, uint16_t d, bool linear = false) {
    TcpArgs a{payload, sizeof payload, s, d, payload};
    return linear ? FindTcpPortLinear(nd, a) : FindTcpPort(nd, a);
  }
};

std::string UdpRow(int i) { return i < 0 ? "none" : UdpPortTable()[size_t(i)].name; }
std::string TcpRow(int i) { return i < 0 ? "none" : TcpPortTable()[size_t(i)].name; }

TEST(PrintDispatch, EarlierTcpdumpRowsWin) {
  Ctx c;
  // SNMP's row comes before NTP's: 161 > 123 is SNMP's (tcpdump prints SNMP), not NTP's.
  EXPECT_EQ(UdpRow(c.Udp(161, 123)), "SNMP_PORT");
  EXPECT_EQ(UdpRow(c.Udp(123, 162)), "SNMPTRAP_PORT");
  // 4.99.3 takes GENEVE by either port.
  EXPECT_EQ(UdpRow(c.Udp(6081, 40000)), "GENEVE_PORT");
  EXPECT_EQ(UdpRow(c.Udp(40000, 6081)), "GENEVE_PORT");
  // Source- and destination-only rows.
  EXPECT_EQ(UdpRow(c.Udp(3784, 40000)), "none");
  EXPECT_EQ(UdpRow(c.Udp(40000, 3784)), "BFD_CONTROL_PORT");
  EXPECT_EQ(UdpRow(c.Udp(49152, 1)), "BCM_LI_PORT");
  EXPECT_EQ(UdpRow(c.Udp(1, 49152)), "none");
  EXPECT_EQ(UdpRow(c.Udp(12223, 1)), "LWAPP_CONTROL_PORT");
  // Ranges, and ENABLE_SMB rows Debian's tcpdump does not have.
  EXPECT_EQ(UdpRow(c.Udp(7005, 1)), "RX_PORT_LOW..RX_PORT_HIGH");
  EXPECT_EQ(UdpRow(c.Udp(137, 137)), "none");
  EXPECT_EQ(TcpRow(c.Tcp(139, 40000)), "none");
  EXPECT_EQ(TcpRow(c.Tcp(40000, 179)), "BGP_PORT");
  EXPECT_EQ(TcpRow(c.Tcp(80, 22)), "SSH_PORT");  // SSH_PORT's branch is before HTTP_PORT's
}

TEST(PrintDispatch, AppleTalkRowLooksAtThePayload) {
  Ctx c;
  EXPECT_EQ(UdpRow(c.Udp(200, 320)), "PTP_GENERAL_PORT");  // no DDP header: the walk goes on
  c.payload[2] = 2;                                        // lapDDP
  EXPECT_EQ(UdpRow(c.Udp(200, 320)), "lapDDP/atalk_port");
  EXPECT_EQ(UdpRow(c.Udp(16600, 1)), "lapDDP/atalk_port");
}

TEST(PrintDispatch, IndexFindsWhatTheWalkFinds) {
  Ctx c;
  const uint16_t others[] = {0, 1, 53, 123, 161, 200, 320, 520, 1812, 4789, 6081, 7009, 12223, 49152, 65535};
  for (int ddp = 0; ddp < 2; ddp++) {
    c.payload[2] = uint8_t(ddp * 2);
    for (uint32_t p = 0; p < 65536; p++) {
      for (uint16_t o : others) {
        ASSERT_EQ(c.Udp(uint16_t(p), o), c.Udp(uint16_t(p), o, true)) << p << " > " << o;
        ASSERT_EQ(c.Udp(o, uint16_t(p)), c.Udp(o, uint16_t(p), true)) << o << " > " << p;
        ASSERT_EQ(c.Tcp(uint16_t(p), o), c.Tcp(uint16_t(p), o, true)) << p << " > " << o;
      }
    }
  }
}

TEST(PrintDispatch, LinkTypes) {
  ASSERT_NE(FindLink(101), nullptr);  // LINKTYPE_RAW is DLT_RAW
  EXPECT_STREQ(FindLink(101)->name, "DLT_RAW");
  EXPECT_STREQ(FindLink(1)->name, "DLT_EN10MB");
  EXPECT_TRUE(Printer::SupportsDlt(276));
  EXPECT_FALSE(Printer::SupportsDlt(105));  // 802.11: a row, no printer yet
  EXPECT_EQ(FindLink(147), nullptr);        // DLT_USER0: no row
}

}  // namespace
}  // namespace ringdump::print
