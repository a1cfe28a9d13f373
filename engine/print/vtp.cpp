// Cisco's VLAN Trunking Protocol (print-vtp.c), reached through SNAP (Cisco OUI, pid 0x2003): version and
// message type; with -v the management domain and the summary advertisement (revision, updater,
// timestamp, digest), the subset advertisement's VLAN records with their TLVs, and the request's start.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kTypes[] = {
    {1, "Summary advertisement"}, {2, "Subset advertisement"}, {3, "Advertisement request"}, {4, "Join message"}};
constexpr Tok kHeaderFields[] = {{1, "Followers"}, {2, "Seq number"}, {3, "Rsvd"}, {4, "Rsvd"}};
constexpr Tok kVlanTypes[] = {{1, "Ethernet"}, {2, "FDDI"}, {3, "TrCRF"}, {4, "FDDI-net"}, {5, "TrBRF"}};
constexpr Tok kVlanStatus[] = {{0, "Operational"}, {1, "Suspended"}};
constexpr Tok kVlanTlvs[] = {{1, "Source-Routing Ring Number TLV"},
                             {2, "Source-Routing Bridge Number TLV"},
                             {3, "STP type TLV"},
                             {4, "Parent VLAN TLV"},
                             {5, "Translationally bridged VLANs TLV"},
                             {6, "Pruning TLV"},
                             {7, "Bridge Type TLV"},
                             {8, "Max ARP Hop Count TLV"},
                             {9, "Max STE Hop Count TLV"},
                             {10, "Backup CRF Mode TLV"}};
constexpr Tok kStpTypes[] = {{1, "SRT"}, {2, "SRB"}, {3, "Auto"}};

constexpr uint32_t kHeaderLen = 36;

// One VLAN info record's TLVs; false: invalid.
bool VlanTlvs(Nd& nd, const uint8_t*& tptr, uint32_t& len) {
  while (len > 0) {
    if (len < 2) return false;
    uint32_t type = nd.U8(tptr), tlv_len = nd.U8(tptr + 1);
    nd.out.S("\n\t\t");
    Tok2Str(nd, kVlanTlvs, "Unknown", type);
    nd.out.F(" (0x%04x) TLV", type);
    if (len < tlv_len * 2 + 2) {
      nd.out.S(" (TLV goes past the end of the packet)");
      return false;
    }
    nd.Check(tptr, tlv_len * 2 + 2);
    if (tlv_len != 1) {
      nd.out.F(" (invalid TLV length %u != 1)", tlv_len);
      return false;
    }
    uint32_t v = nd.Be16(tptr + 2);
    switch (type) {
      case 9:
        nd.out.F(", %u", v);
        break;
      case 6:
        nd.out.F(", %s (%u)", v == 1 ? "Enabled" : "Disabled", v);
        break;
      case 3:
        nd.out.S(", ");
        Tok2Str(nd, kStpTypes, "Unknown", v);
        nd.out.F(" (%u)", v);
        break;
      case 7:
        nd.out.F(", %s (%u)", v == 1 ? "SRB" : "SRT", v);
        break;
      case 10:
        nd.out.F(", %s (%u)", v == 1 ? "Backup" : "Not backup", v);
        break;
      default:
        PrintUnknownData(nd, tptr, "\n\t\t  ", 2 + tlv_len * 2);
        break;
    }
    len -= 2 + tlv_len * 2;
    tptr += 2 + tlv_len * 2;
  }
  return true;
}

// The verbose part; false: invalid.
bool VtpBody(Nd& nd, const uint8_t* pptr, uint32_t length, uint32_t type) {
  const uint8_t* tptr = pptr;
  nd.out.S("\n\tDomain name: ");
  uint32_t mgmtd_len = nd.U8(tptr + 3);
  if (mgmtd_len < 1 || mgmtd_len > 32) {
    nd.out.F(" [invalid MgmtD Len %u]", mgmtd_len);
    return false;
  }
  PrintStringN(nd, tptr + 4, mgmtd_len);
  nd.out.S(", ");
  Tok2Str(nd, kHeaderFields, "Unknown", type);
  nd.out.F(": %u", nd.U8(tptr + 2));
  tptr += kHeaderLen;
  switch (type) {
    case 1:
      nd.Check(tptr, 8);
      nd.out.F("\n\t  Config Rev %x, Updater ", nd.Be32(tptr));
      PrintIpAddr(nd, tptr + 4);
      tptr += 8;
      nd.Check(tptr, 12);
      nd.out.F(", Timestamp 0x%08x 0x%08x 0x%08x", nd.Be32(tptr), nd.Be32(tptr + 4), nd.Be32(tptr + 8));
      tptr += 12;
      nd.Check(tptr, 16);
      nd.out.F(", MD5 digest: %08x%08x%08x%08x", nd.Be32(tptr), nd.Be32(tptr + 4), nd.Be32(tptr + 8),
               nd.Be32(tptr + 12));
      break;
    case 2:
      nd.out.F(", Config Rev %x", nd.Be32(tptr));
      tptr += 4;
      while (uint32_t(tptr - pptr) < length) {
        uint32_t len = nd.U8(tptr);
        if (len == 0) break;
        nd.Check(tptr, len);
        const uint8_t* vlan = tptr;
        if (len < 12) return false;
        nd.out.S("\n\tVLAN info status ");
        Tok2Str(nd, kVlanStatus, "Unknown", nd.U8(vlan + 1));
        nd.out.S(", type ");
        Tok2Str(nd, kVlanTypes, "Unknown", nd.U8(vlan + 2));
        nd.out.F(", VLAN-id %u, MTU %u, SAID 0x%08x, Name ", nd.Be16(vlan + 4), nd.Be16(vlan + 6),
                 nd.Be32(vlan + 8));
        len -= 12;
        tptr += 12;
        uint32_t name_len = nd.U8(vlan + 3);
        uint32_t padded = 4 * ((name_len + 3) / 4);
        if (len < padded) return false;
        PrintStringN(nd, tptr, name_len);
        len -= padded;
        tptr += padded;
        if (!VlanTlvs(nd, tptr, len)) return false;
      }
      break;
    case 3:
      nd.out.F("\n\tStart value: %u", nd.Be32(tptr));
      break;
    default:
      break;
  }
  return true;
}

}  // namespace

void VtpPrint(Nd& nd, const uint8_t* pptr, uint32_t length) {
  nd.protocol = "vtp";
  if (length >= kHeaderLen) {
    nd.Check(pptr, kHeaderLen);
    uint32_t type = nd.U8(pptr + 1);
    nd.out.F("VTPv%u, Message ", nd.U8(pptr));
    Tok2Str(nd, kTypes, "Unknown message type", type);
    nd.out.F(" (0x%02x), length %u", type, length);
    if (nd.o.verbose < 1) {
      nd.Check(pptr, length);
      return;
    }
    if (VtpBody(nd, pptr, length, type)) return;
  }
  nd.PrintInvalid();
  nd.Check(pptr, length);
}

}  // namespace ringdump::print
