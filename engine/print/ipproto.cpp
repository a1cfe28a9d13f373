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
  // tcpdump's ethertype_values, in its order (0x9100 is both 802.1Q-9100 and VMAN: the first wins).
  static constexpr Tok kNames[] = {
      {0x0800, "IPv4"},          {0x8847, "MPLS unicast"},  {0x8848, "MPLS multicast"},
      {0x86dd, "IPv6"},          {0x8100, "802.1Q"},        {0x9100, "802.1Q-9100"},
      {0x88a8, "802.1Q-QinQ"},   {0x9200, "802.1Q-9200"},   {0x88e5, "802.1AE MACsec"},
      {0x9100, "VMAN"},          {0x0200, "PUP"},           {0x0806, "ARP"},
      {0x8035, "Reverse ARP"},   {0x0600, "NS"},            {0x0500, "Sprite"},
      {0x1000, "Trail"},         {0x6001, "MOP DL"},        {0x6002, "MOP RC"},
      {0x6003, "DN"},            {0x6004, "LAT"},           {0x6007, "SCA"},
      {0x6558, "TEB"},           {0x8038, "Lanbridge"},     {0x803c, "DEC DNS"},
      {0x803e, "DEC DTS"},       {0x805b, "VEXP"},          {0x805c, "VPROD"},
      {0x809b, "Appletalk"},     {0x80f3, "Appletalk ARP"}, {0x8137, "IPX"},
      {0x880b, "PPP"},           {0x8808, "MPCP"},          {0x8809, "Slow Protocols"},
      {0x8863, "PPPoE D"},       {0x8864, "PPPoE S"},       {0x888e, "EAPOL"},
      {0x8899, "Realtek protocols"}, {0x886f, "MS NLB heartbeat"}, {0x8870, "Jumbo"},
      {0x894f, "NSH"},           {0x9000, "Loopback"},      {0xfefe, "OSI"},
      {0x00fe, "GRE-OSI"},       {0xabcd, "CFM (old)"},     {0x8902, "CFM"},
      {0x893a, "IEEE1905.1"},    {0x88cc, "LLDP"},          {0x88ca, "TIPC"},
      {0x0707, "GeoNet (old)"},  {0x8947, "GeoNet"},        {0x1111, "CALM FAST"},
      {0x88a2, "AoE"},           {0x88f7, "PTP"},           {0xd28b, "Arista Vendor Specific Protocol"}};
  return TokName(kNames, type);
}
}  // namespace ringdump::print
