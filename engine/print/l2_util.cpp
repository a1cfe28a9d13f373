// The names the link-layer printers share: tcpdump's oui_values (oui.c) and the SNAP protocol ids
// snap_print names under the Cisco and RFC 2684 OUIs (print-llc.c's cisco_values and bridged_values).
#include "l2_printers.hpp"

namespace ringdump::print {

const char* OuiName(uint32_t oui) {
  // In tcpdump's order: 0x0080c2 is both RFC 2684 and IEEE 802.1, and the first name wins.
  static constexpr Tok kOuis[] = {
      {0x000000, "Ethernet"},           {0x00000c, "Cisco"},
      {0x00005e, "IANA"},               {0x000081, "Nortel Networks SONMP"},
      {0x0000f8, "Cisco bridged"},      {0x0080c2, "Ethernet bridged"},
      {0x00a03e, "ATM Forum"},          {0x00e02f, "DOCSIS Spanning Tree"},
      {0x080007, "Appletalk"},          {0x009069, "Juniper"},
      {0x080009, "Hewlett-Packard"},    {0x0080c2, "IEEE 802.1 Private"},
      {0x00120f, "IEEE 802.3 Private"}, {0x0012bb, "ANSI/TIA"},
      {0x001b21, "DCBX"},               {0x002320, "Nicira Networks"},
      {0x5c16c7, "Big Switch Networks"}, {0xb0d2f5, "Vello Systems"},
      {0x002481, "HP"},                 {0x0004ea, "HP-Labs"},
      {0x748771, "Infoblox Inc"},       {0xa42305, "Open Networking Lab"},
      {0x00049f, "Freescale"},          {0x0015ad, "Netronome"},
      {0x001018, "Broadcom"},           {0x00e004, "PMC-Sierra"},
      {0xd0f0db, "Ericsson"}};
  return TokName(kOuis, oui);
}

const char* SnapPidName(uint32_t oui, uint16_t pid) {
  static constexpr Tok kCisco[] = {{0x2000, "CDP"},  {0x2003, "VTP"},  {0x2004, "DTP"},
                                   {0x0111, "UDLD"}, {0x010b, "PVST"}, {0x010c, "VLAN Bridge"}};
  static constexpr Tok kBridged[] = {{0x0001, "Ethernet + FCS"},   {0x0007, "Ethernet w/o FCS"},
                                     {0x0002, "802.4 + FCS"},      {0x0008, "802.4 w/o FCS"},
                                     {0x0003, "Token Ring + FCS"}, {0x0009, "Token Ring w/o FCS"},
                                     {0x0004, "FDDI + FCS"},       {0x000a, "FDDI w/o FCS"},
                                     {0x0005, "802.6 + FCS"},      {0x000b, "802.6 w/o FCS"},
                                     {0x000e, "BPDU"}};
  if (oui == 0x00000c) return TokName(kCisco, pid);
  if (oui == 0x0080c2) return TokName(kBridged, pid);
  return nullptr;
}

}  // namespace ringdump::print
