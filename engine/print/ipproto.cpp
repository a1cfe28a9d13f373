// IP protocol names (ipproto.c's ipproto_values) and ethertype names (ethertype.c's ethertype_values).
#include "dissect.hpp"

namespace ringdump::print {

const char* IpProtoName(uint8_t proto) {
  // tcpdump's ipproto_values (ipproto.c).
  switch (proto) {
    case 0:
      return "Options";
    case 1:
      return "ICMP";
    case 2:
      return "IGMP";
    case 4:
      return "IPIP";
    case 6:
      return "TCP";
    case 8:
      return "EGP";
    case 9:
      return "IGRP";
    case 17:
      return "UDP";
    case 33:
      return "DCCP";
    case 41:
      return "IPv6";
    case 43:
      return "Routing";
    case 44:
      return "Fragment";
    case 46:
      return "RSVP";
    case 47:
      return "GRE";
    case 50:
      return "ESP";
    case 51:
      return "AH";
    case 55:
      return "Mobile IP";
    case 58:
      return "ICMPv6";
    case 62:
      return "Mobile IP (old)";
    case 88:
      return "EIGRP";
    case 89:
      return "OSPF";
    case 103:
      return "PIM";
    case 108:
      return "Compressed IP";
    case 112:
      return "VRRP";
    case 113:
      return "PGM";
    case 132:
      return "SCTP";
    case 135:
      return "Mobility";
    case 143:
      return "Ethernet";
    default:
      return nullptr;
  }
}

const char* EthertypeName(uint16_t type) {
  switch (type) {
    case 0x0800:
      return "IPv4";
    case 0x0806:
      return "ARP";
    case 0x86dd:
      return "IPv6";
    case 0x8100:
      return "802.1Q";
    case 0x88a8:
      return "802.1Q-QinQ";
    case 0x9100:
      return "802.1Q-9100";
    case 0x9200:
      return "802.1Q-9200";
    case 0x8035:
      return "Reverse ARP";
    case 0x8847:
      return "MPLS unicast";
    case 0x8848:
      return "MPLS multicast";
    case 0x8863:
      return "PPPoE D";
    case 0x8864:
      return "PPPoE S";
    case 0x888e:
      return "EAPOL";
    case 0x88cc:
      return "LLDP";
    case 0x8809:
      return "Slow Protocols";
    case 0x88f7:
      return "PTP";
    case 0x6558:
      return "TEB";
    case 0x9000:
      return "Loopback";
    case 0x6003:
      return "DN";
    case 0x6004:
      return "LAT";
    case 0x809b:
      return "Appletalk";
    case 0x80f3:
      return "AARP";
    case 0x8137:
      return "IPX";
    case 0x880b:
      return "PPP";
    case 0x8808:
      return "MPCP";
    case 0x88e5:
      return "MACsec";
    case 0x8902:
      return "CFM";
    case 0x88e7:
      return "PBB";
    case 0x893a:
      return "IEEE1905.1";
    case 0x8914:
      return "FCoE Init";  // placeholder
    case 0x8906:
      return "FCoE";
    case 0x0200:
      return "PUP";
    case 0x8038:
      return "DEC LanBridge";
    case 0x6002:
      return "MOP RC";
    case 0x6001:
      return "MOP DL";
    case 0x8819:
      return "CobraNet";
    case 0x88a2:
      return "AoE";
    case 0x891d:
      return "TTE";
    case 0x9001:
      return "3Com Loop";  // placeholder
    default:
      return nullptr;
  }
}
}  // namespace ringdump::print
