// IEEE 802.1ag Connectivity Fault Management (print-cfm.c, ethertype 0x8902): the common header
// ("CFMv0 Continuity Check Message, MD Level 5, length 75"); with -v the CCM interval, sequence and
// maintenance domain/association names, the linktrace message and reply fields, and the TLVs (port and
// interface status, sender id with its chassis id and management address, organisation specific).
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kOpcodes[] = {{1, "Continuity Check Message"},
                            {2, "Loopback Reply"},
                            {3, "Loopback Message"},
                            {4, "Linktrace Reply"},
                            {5, "Linktrace Message"}};
constexpr float kCcmIntervalBase[8] = {0.0f, 0.003333f, 0.01f, 0.1f, 1.0f, 10.0f, 60.0f, 600.0f};
constexpr Tok kMdFormats[] = {{0, "IEEE 802.1"},
                              {1, "No MD Name present"},
                              {2, "DNS string"},
                              {3, "MAC + 16Bit Integer"},
                              {4, "Character string"}};
constexpr Tok kMaFormats[] = {
    {0, "IEEE 802.1"}, {1, "Primary VID"}, {2, "Character string"}, {3, "16Bit Integer"}, {4, "RFC2685 VPN-ID"}};
constexpr Tok kLtmFlags[] = {{0x80, "Use Forwarding-DB only"}};
constexpr Tok kLtrFlags[] = {{0x80, "UseFDB Only"}, {0x40, "FwdYes"}, {0x20, "Terminal MEP"}};
constexpr Tok kReplayActions[] = {{1, "Exact Match"}, {2, "Filtering DB"}, {3, "MIP CCM DB"}};
constexpr Tok kTlvs[] = {{0, "End"},           {1, "Sender ID"},     {2, "Port status"},
                         {3, "Interface status"}, {4, "Data"},       {5, "Reply Ingress"},
                         {6, "Reply Egress"},  {31, "Organization Specific"}};
constexpr Tok kPortStatus[] = {{1, "Blocked"}, {2, "Up"}};
constexpr Tok kIfStatus[] = {{1, "Up"},      {2, "Down"},        {3, "Testing"},
                             {5, "Dormant"}, {6, "not present"}, {7, "lower Layer down"}};
constexpr Tok kChassisIdTypes[] = {{0, "Reserved"},          {1, "Chassis component"}, {2, "Interface alias"},
                                   {3, "Port component"},    {4, "MAC address"},       {5, "Network address"},
                                   {6, "Interface name"},    {7, "Locally assigned"}};
constexpr Tok kAfs[] = {{0, "Reserved"},   {1, "IPv4"},       {2, "IPv6"},       {3, "NSAP"},      {4, "HDLC"},
                        {5, "BBN 1822"},   {6, "802"},        {7, "E.163"},      {8, "E.164"},     {9, "F.69"},
                        {10, "X.121"},     {11, "Novell IPX"}, {12, "Appletalk"}, {13, "Decnet IV"},
                        {14, "Banyan Vines"}, {15, "E.164 with NSAP subaddress"}, {196, "Layer-2 VPN"},
                        {25, "VPLS"}};

constexpr uint32_t kCcmLen = 70, kLtmLen = 17, kLtrLen = 6;

bool NetworkAddrPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  if (length < 1) {
    nd.out.S("\n\t  Network Address Type (invalid, no data");
    return false;
  }
  uint8_t type = nd.U8(p);
  nd.out.S("\n\t  Network Address Type ");
  Tok2Str(nd, kAfs, "Unknown", type);
  nd.out.F(" (%u)", type);
  if (type == 1) {
    if (length != 5) {
      nd.out.F("(invalid IPv4 address length %u)", length - 1);
      return true;
    }
    nd.Check(p + 1, 4);
    nd.out.S(", ");
    PrintIpAddr(nd, p + 1);
    return false;
  }
  if (type == 2) {
    if (length != 17) {
      nd.out.F("(invalid IPv6 address length %u)", length - 1);
      return true;
    }
    nd.Check(p + 1, 16);
    nd.out.S(", ");
    PrintIp6Addr(nd, p + 1);
    return false;
  }
  return true;
}

// The CCM's interval, sequence, MEP id and names; false: return from cfm_print.
bool CcmPrint(Nd& nd, const uint8_t* tptr, uint8_t flags) {
  uint32_t interval = flags & 7;
  nd.out.F(", Flags [CCM Interval %u%s]", interval, (flags & 0x80) ? ", RDI" : "");
  if (interval) {
    float base = kCcmIntervalBase[interval];
    nd.out.F("\n\t  CCM Interval %.3fs, min CCM Lifetime %.3fs, max CCM Lifetime %.3fs", double(base),
             double(base) * 3.25, double(base) * 3.5);
  }
  nd.out.F("\n\t  Sequence Number 0x%08x, MA-End-Point-ID 0x%04x", nd.Be32(tptr), nd.Be16(tptr + 4));
  const uint8_t* names = tptr + 6;
  uint32_t remaining = 48;
  uint8_t md_format = nd.U8(names);
  names++;
  remaining--;
  if (md_format != 1) {
    uint8_t md_len = nd.U8(names);
    names++;
    remaining--;
    nd.out.S("\n\t  MD Name Format ");
    Tok2Str(nd, kMdFormats, "Unknown", md_format);
    nd.out.F(" (%u), MD Name length %u", md_format, md_len);
    if (md_len > remaining - 3) {
      nd.out.F(" (too large, must be <= %u)", remaining - 2);
      return false;
    }
    nd.out.S("\n\t  MD Name: ");
    switch (md_format) {
      case 2:
      case 4:
        PrintStringN(nd, names, md_len);
        break;
      case 3:
        if (md_len == 6) {
          nd.out.S("\n\t  MAC ");
          PrintEtherAddr(nd, names);
        } else {
          nd.out.S("\n\t  MAC (length invalid)");
        }
        break;
      default:
        PrintUnknownData(nd, names, "\n\t    ", md_len);
        break;
    }
    names += md_len;
    remaining -= md_len;
  } else {
    nd.out.S("\n\t  MD Name Format ");
    Tok2Str(nd, kMdFormats, "Unknown", md_format);
    nd.out.F(" (%u)", md_format);
  }
  uint8_t ma_format = nd.U8(names), ma_len = nd.U8(names + 1);
  names += 2;
  remaining -= 2;
  nd.out.S("\n\t  MA Name-Format ");
  Tok2Str(nd, kMaFormats, "Unknown", ma_format);
  nd.out.F(" (%u), MA name length %u", ma_format, ma_len);
  if (ma_len > remaining) {
    nd.out.F(" (too large, must be <= %u)", remaining);
    return false;
  }
  nd.out.S("\n\t  MA Name: ");
  if (ma_format == 2) {
    PrintStringN(nd, names, ma_len);
  } else {
    PrintUnknownData(nd, names, "\n\t    ", ma_len);
  }
  return true;
}

}  // namespace

void CfmPrint(Nd& nd, const uint8_t* pptr, uint32_t length) {
  nd.protocol = "cfm";
  const uint8_t* tptr = pptr;
  auto too_short = [&] { nd.out.S("\n\t\t packet is too short"); };
  // ND_TCHECK in print-cfm.c is a goto: the marker, then the hex dumps skip the link header.
  auto tcheck = [&](const uint8_t* p, uint32_t n) {
    if (nd.TTest(p, n)) return true;
    nd.PrintTrunc();
    return false;
  };
  if (length < 4) return too_short();
  if (!tcheck(pptr, 4)) return;
  uint8_t mdlevel_version = nd.U8(pptr), opcode = nd.U8(pptr + 1);
  if ((mdlevel_version & 0x1f) != 0) {
    nd.out.F("CFMv%u not supported, length %u", mdlevel_version & 0x1f, length);
    return;
  }
  nd.out.F("CFMv%u ", mdlevel_version & 0x1f);
  Tok2Str(nd, kOpcodes, "unknown (%u)", opcode);
  nd.out.F(", MD Level %u, length %u", (mdlevel_version & 0xe0) >> 5, length);
  if (nd.o.verbose < 1) return;
  uint8_t flags = nd.U8(pptr + 2), first_tlv_offset = nd.U8(pptr + 3);
  nd.out.F("\n\tFirst TLV offset %u", first_tlv_offset);
  tptr += 4;
  uint32_t tlen = length - 4;
  if (first_tlv_offset > tlen) {
    nd.out.F(" (too large, must be <= %u)", tlen);
    return;
  }
  switch (opcode) {
    case 1:
      if (first_tlv_offset < kCcmLen) {
        nd.out.F(" (too small 1, must be >= %u)", kCcmLen);
        return;
      }
      if (tlen < kCcmLen) return too_short();
      if (!tcheck(tptr, kCcmLen)) return;
      if (!CcmPrint(nd, tptr, flags)) return;
      break;
    case 5:
      if (first_tlv_offset < kLtmLen) {
        nd.out.F(" (too small 4, must be >= %u)", kLtmLen);
        return;
      }
      if (tlen < kLtmLen) return too_short();
      if (!tcheck(tptr, kLtmLen)) return;
      nd.out.S(", Flags [");
      BitTok2Str(nd, kLtmFlags, "none", flags);
      nd.out.C(']');
      nd.out.F("\n\t  Transaction-ID 0x%08x, ttl %u", nd.Be32(tptr), nd.U8(tptr + 4));
      nd.out.S("\n\t  Original-MAC ");
      PrintEtherAddr(nd, tptr + 5);
      nd.out.S(", Target-MAC ");
      PrintEtherAddr(nd, tptr + 11);
      break;
    case 4:
      if (first_tlv_offset < kLtrLen) {
        nd.out.F(" (too small 5, must be >= %u)", kLtrLen);
        return;
      }
      if (tlen < kLtrLen) return too_short();
      if (!tcheck(tptr, kLtrLen)) return;
      nd.out.S(", Flags [");
      BitTok2Str(nd, kLtrFlags, "none", flags);
      nd.out.C(']');
      nd.out.F("\n\t  Transaction-ID 0x%08x, ttl %u", nd.Be32(tptr), nd.U8(tptr + 4));
      nd.out.S("\n\t  Replay-Action ");
      Tok2Str(nd, kReplayActions, "Unknown", nd.U8(tptr + 5));
      nd.out.F(" (%u)", nd.U8(tptr + 5));
      break;
    default:
      PrintUnknownData(nd, tptr, "\n\t  ", tlen - first_tlv_offset);
      break;
  }
  tptr += first_tlv_offset;
  tlen -= first_tlv_offset;
  while (tlen > 0) {
    uint8_t type = nd.U8(tptr);
    nd.out.S("\n\t");
    Tok2Str(nd, kTlvs, "Unknown", type);
    nd.out.F(" TLV (0x%02x)", type);
    if (type == 0) return;
    if (tlen < 3) return too_short();
    if (!tcheck(tptr, 3)) return;
    uint32_t tlv_len = nd.Be16(tptr + 1);
    nd.out.F(", length %u", tlv_len);
    tptr += 3;
    tlen -= 3;
    const uint8_t* tlv_ptr = tptr;
    if (tlen < tlv_len) return too_short();
    if (!tcheck(tptr, tlv_len)) return;
    bool hexdump = false;
    bool skip_dump = false;
    switch (type) {
      case 2:
      case 3:
        if (tlv_len < 1) {
          nd.out.S(" (too short, must be >= 1)");
          return;
        }
        nd.out.S(", Status: ");
        Tok2Str(nd, type == 2 ? kPortStatus : kIfStatus, type == 2 ? std::size(kPortStatus) : std::size(kIfStatus),
                 "Unknown", nd.U8(tptr));
        nd.out.F(" (%u)", nd.U8(tptr));
        break;
      case 31: {
        if (tlv_len < 4) {
          nd.out.S(" (too short, must be >= 4)");
          return;
        }
        uint32_t oui = nd.Be24(tptr);
        const char* name = OuiName(oui);
        nd.out.F(", Vendor: %s (%u), Sub-Type %u", name ? name : "Unknown", oui, nd.U8(tptr + 3));
        hexdump = true;
        break;
      }
      case 1: {
        // Walks tptr, tlen and tlv_len as tcpdump does: the remaining length is what the dump and the
        // step to the next TLV use (even where a short chassis id leaves them a byte off).
        if (tlv_len < 1) {
          nd.out.S(" (too short, must be >= 1)");
          skip_dump = true;
          break;
        }
        uint32_t chassis_len = nd.U8(tptr);
        tptr++;
        tlen--;
        tlv_len--;
        if (chassis_len) {
          if (tlv_len < 1) {
            nd.out.S("\n\t  (TLV too short)");
            skip_dump = true;
            break;
          }
          uint8_t chassis_type = nd.U8(tptr);
          tlv_len--;
          nd.out.S("\n\t  Chassis-ID Type ");
          Tok2Str(nd, kChassisIdTypes, "Unknown", chassis_type);
          nd.out.F(" (%u), Chassis-ID length %u", chassis_type, chassis_len);
          if (tlv_len < chassis_len) {
            nd.out.S("\n\t  (TLV too short)");
            skip_dump = true;
            break;
          }
          switch (chassis_type) {
            case 4:
              if (chassis_len != 6) {
                nd.out.S(" (invalid MAC address length)");
                hexdump = true;
                break;
              }
              nd.out.S("\n\t  MAC ");
              PrintEtherAddr(nd, tptr + 1);
              break;
            case 5:
              hexdump |= NetworkAddrPrint(nd, tptr + 1, chassis_len);
              break;
            case 1:
            case 2:
            case 3:
            case 6:
            case 7:
              PrintStringN(nd, tptr + 1, chassis_len);
              break;
            default:
              hexdump = true;
              break;
          }
          tlv_len -= chassis_len;
          tptr += 1 + chassis_len;
          tlen -= 1 + chassis_len;
        }
        if (tlv_len == 0) break;
        uint32_t mlen = nd.U8(tptr);
        tptr++;
        tlen--;
        tlv_len--;
        nd.out.F("\n\t  Management Address Domain Length %u", mlen);
        if (!mlen) break;
        if (tlv_len < mlen) {
          nd.out.S("\n\t  (TLV too short)");
          skip_dump = true;
          break;
        }
        tlv_len -= mlen;
        HexPrint(nd, "\n\t  Management Address Domain: ", tptr, mlen);
        tptr += mlen;
        tlen -= mlen;
        if (tlv_len < 1) {
          nd.out.S(" (Management Address Length is missing)");
          hexdump = true;
          break;
        }
        mlen = nd.U8(tptr);
        tptr++;
        tlen--;
        tlv_len--;
        nd.out.F("\n\t  Management Address Length %u", mlen);
        if (mlen) {
          if (tlv_len < mlen) {
            nd.out.S("\n\t  (TLV too short)");
            return;
          }
          tlv_len -= mlen;
          HexPrint(nd, "\n\t  Management Address: ", tptr, mlen);
          tptr += mlen;
          tlen -= mlen;
        }
        break;
      }
      default:
        hexdump = true;
        break;
    }
    if (!skip_dump && (hexdump || nd.o.verbose > 1)) PrintUnknownData(nd, tlv_ptr, "\n\t  ", tlv_len);
    tptr += tlv_len;
    tlen -= tlv_len;
  }
}

}  // namespace ringdump::print
