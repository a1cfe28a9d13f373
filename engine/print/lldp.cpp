// LLDP (print-lldp.c): "LLDP, length N" and the system name without -v; with -v every TLV with its
// type and length, the chassis and port ids, TTL, descriptions, capabilities, management address, and
// the organisation-specific TLVs tcpdump decodes (IEEE 802.1, IEEE 802.3, TIA LLDP-MED, IANA MUD-URL,
// DCBX 1.01); -vv adds a hex dump of every TLV. The organisation TLVs are in lldp_org.cpp and lldp_dcbx.cpp.
#include "lldp.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kTlvs[] = {{0, "End"},
                         {1, "Chassis ID"},
                         {2, "Port ID"},
                         {3, "Time to Live"},
                         {4, "Port Description"},
                         {5, "System Name"},
                         {6, "System Description"},
                         {7, "System Capabilities"},
                         {8, "Management Address"},
                         {127, "Organization specific"}};
constexpr Tok kChassisSubtypes[] = {{1, "Chassis component"}, {2, "Interface alias"}, {3, "Port component"},
                                    {4, "MAC address"},       {5, "Network address"}, {6, "Interface name"},
                                    {7, "Local"}};
constexpr Tok kPortSubtypes[] = {{1, "Interface alias"}, {2, "Port component"},   {3, "MAC address"},
                                 {4, "Network Address"}, {5, "Interface Name"},   {6, "Agent circuit ID"},
                                 {7, "Local"}};
constexpr Tok kCaps[] = {{1 << 0, "Other"},    {1 << 1, "Repeater"},  {1 << 2, "Bridge"}, {1 << 3, "WLAN AP"},
                         {1 << 4, "Router"},   {1 << 5, "Telephone"}, {1 << 6, "Docsis"},
                         {1 << 7, "Station Only"}};
constexpr Tok kIntfNumbSubtypes[] = {{2, "Interface Index"}, {3, "System Port Number"}};
constexpr Tok kAfs[] = {{0, "Reserved"},     {1, "IPv4"},         {2, "IPv6"},         {3, "NSAP"},
                        {4, "HDLC"},         {5, "BBN 1822"},     {6, "802"},          {7, "E.163"},
                        {8, "E.164"},        {9, "F.69"},         {10, "X.121"},       {11, "Novell IPX"},
                        {12, "Appletalk"},   {13, "Decnet IV"},   {14, "Banyan Vines"},
                        {15, "E.164 with NSAP subaddress"},       {196, "Layer-2 VPN"}, {25, "VPLS"}};
constexpr Tok kIanaSubtypes[] = {{1, "MUD-URL"}};

// lldp_network_addr_print: false where tcpdump's returns NULL (too short for its family).
bool NetworkAddrPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 1) return false;
  len--;
  uint8_t af = nd.U8(p);
  if ((af == 1 && len < 4) || (af == 2 && len < 16) || (af == 6 && len < 6)) return false;
  nd.out.S("AFI ");
  Tok2Str(nd, kAfs, "Unknown", af);
  nd.out.F(" (%u)", af);
  switch (af) {
    case 1:
      nd.out.S(": ");
      PrintIpAddr(nd, p + 1);
      break;
    case 2:
      nd.out.S(": ");
      PrintIp6Addr(nd, p + 1);
      break;
    case 6:
      nd.out.S(": ");
      PrintEtherAddr(nd, p + 1);
      break;
    default:
      nd.out.S(", no AF printer !");
      break;
  }
  return true;
}

// The address is formatted before anything of the line is printed: keep that order for -n-less runs.
bool MgmtAddrPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 1) return false;
  uint8_t addr_len = nd.U8(p);
  p++;
  len--;
  if (len < addr_len) return false;
  size_t mark = nd.out.size();
  nd.out.F("\n\t  Management Address length %u, ", addr_len);
  if (!NetworkAddrPrint(nd, p, addr_len)) {
    nd.out.Resize(mark);
    return false;
  }
  p += addr_len;
  len -= addr_len;
  if (len < 5) return false;
  uint8_t subtype = nd.U8(p);
  nd.out.S("\n\t  ");
  Tok2Str(nd, kIntfNumbSubtypes, "Unknown", subtype);
  nd.out.F(" Interface Numbering (%u): %u", subtype, nd.Be32(p + 1));
  p += 5;
  len -= 5;
  if (len) {
    uint8_t oid_len = nd.U8(p);
    if (len < 1u + oid_len) return false;
    if (oid_len) {
      nd.out.F("\n\t  OID length %u", oid_len);
      PrintStringN(nd, p + 1, oid_len);
    }
  }
  return true;
}

bool IanaPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  if (len < 8) return false;
  uint8_t subtype = nd.U8(p + 3);
  nd.out.S("\n\t  ");
  Tok2Str(nd, kIanaSubtypes, "unknown", subtype);
  nd.out.F(" Subtype (%u)", subtype);
  if (subtype != 1) return true;
  nd.out.S("\n\t  MUD-URL=");
  PrintCharsN(nd, p + 4, len - 4);
  return false;
}

// The chassis and port id TLVs share a layout; false: tcpdump's "goto trunc".
bool IdPrint(Nd& nd, const uint8_t* p, uint32_t len, const Tok* subtypes, size_t n, uint8_t mac_subtype,
             uint8_t net_subtype, bool& hexdump) {
  if (len < 2) return false;
  uint8_t subtype = nd.U8(p);
  nd.out.S("\n\t  Subtype ");
  Tok2Str(nd, subtypes, n, "Unknown", subtype);
  nd.out.F(" (%u): ", subtype);
  if (subtype == mac_subtype) {
    if (len < 7) return false;
    PrintEtherAddr(nd, p + 1);
  } else if (subtype == net_subtype) {
    size_t mark = nd.out.size();
    if (!NetworkAddrPrint(nd, p + 1, len - 1)) {
      nd.out.Resize(mark);
      return false;
    }
  } else if (subtype >= 1 && subtype <= 7) {
    PrintStringN(nd, p + 1, len - 1);
  } else {
    hexdump = true;
  }
  return true;
}

}  // namespace

void LldpPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "lldp";
  const uint8_t* tptr = p;
  uint32_t tlen = len;
  nd.out.F("LLDP, length %u", len);
  const int v = nd.o.verbose;
  while (tlen >= 2) {
    if (!nd.TTest(tptr, 2)) return nd.PrintTrunc();
    uint16_t tlv = nd.Be16(tptr);
    uint32_t type = (tlv & 0xfe00) >> 9, tlv_len = tlv & 0x1ff;
    bool hexdump = false;
    tlen -= 2;
    tptr += 2;
    if (v) {
      nd.out.S("\n\t");
      Tok2Str(nd, kTlvs, "Unknown", type);
      nd.out.F(" TLV (%u), length %u", type, tlv_len);
    }
    if (!type || !tlv_len) break;
    if (!nd.TTest(tptr, tlv_len) || tlen < tlv_len) return nd.PrintTrunc();
    bool ok = true;
    switch (type) {
      case 1:
        if (v) ok = IdPrint(nd, tptr, tlv_len, kChassisSubtypes, std::size(kChassisSubtypes), 4, 5, hexdump);
        break;
      case 2:
        if (v) ok = IdPrint(nd, tptr, tlv_len, kPortSubtypes, std::size(kPortSubtypes), 3, 4, hexdump);
        break;
      case 3:
        if (v) {
          if (tlv_len < 2) {
            ok = false;
            break;
          }
          nd.out.F(": TTL %us", nd.Be16(tptr));
        }
        break;
      case 4:
        if (v) {
          nd.out.S(": ");
          PrintStringN(nd, tptr, tlv_len);
        }
        break;
      case 5:  // printed without -v too, as CDP's device id
        nd.out.S(": ");
        PrintStringN(nd, tptr, tlv_len);
        break;
      case 6:
        if (v) {
          nd.out.S("\n\t  ");
          PrintStringN(nd, tptr, tlv_len);
        }
        break;
      case 7:
        if (v) {
          if (tlv_len < 4) {
            ok = false;
            break;
          }
          uint16_t cap = nd.Be16(tptr), ena = nd.Be16(tptr + 2);
          nd.out.S("\n\t  System  Capabilities [");
          BitTok2Str(nd, kCaps, "none", cap);
          nd.out.F("] (0x%04x)", cap);
          nd.out.S("\n\t  Enabled Capabilities [");
          BitTok2Str(nd, kCaps, "none", ena);
          nd.out.F("] (0x%04x)", ena);
        }
        break;
      case 8:
        if (v) ok = MgmtAddrPrint(nd, tptr, tlv_len);
        break;
      case 127:
        if (v) {
          if (tlv_len < 3) {
            ok = false;
            break;
          }
          uint32_t oui = nd.Be24(tptr);
          nd.out.S(": OUI ");
          const char* name = OuiName(oui);
          nd.out.S(name ? name : "Unknown");
          nd.out.F(" (0x%06x)", oui);
          switch (oui) {
            case 0x0080c2:
              hexdump = Lldp8021Print(nd, tptr, tlv_len);
              break;
            case 0x00120f:
              hexdump = Lldp8023Print(nd, tptr, tlv_len);
              break;
            case 0x00005e:
              hexdump = IanaPrint(nd, tptr, tlv_len);
              break;
            case 0x0012bb:
              hexdump = LldpTiaPrint(nd, tptr, tlv_len);
              break;
            case 0x001b21:
              hexdump = LldpDcbxPrint(nd, tptr, tlv_len);
              break;
            default:
              hexdump = true;
              break;
          }
        }
        break;
      default:
        hexdump = true;
        break;
    }
    if (!ok) return nd.PrintTrunc();
    if (v > 1 || (v && hexdump)) PrintUnknownData(nd, tptr, "\n\t  ", tlv_len);
    tlen -= tlv_len;
    tptr += tlv_len;
  }
}

}  // namespace ringdump::print
