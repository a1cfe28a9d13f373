// LLDP's DCBX TLV (print-lldp.c's lldp_private_dcbx_print, DCB Capability Exchange 1.01): the control,
// priority group, priority flow control and application sub-TLVs. Rev 1 (subtype 1) is not decoded and
// only dumped in hex.
#include "lldp.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kDcbxSubtypes[] = {{1, "DCB Capability Exchange Protocol Rev 1"},
                                 {2, "DCB Capability Exchange Protocol Rev 1.01"}};

// The three fields every feature sub-TLV starts with.
void FeatureHeader(Nd& nd, const uint8_t* t) {
  nd.out.F("\n\t      Oper_Version: %u", nd.U8(t));
  nd.out.F("\n\t      Max_Version: %u", nd.U8(t + 1));
  nd.out.F("\n\t      Info block(0x%02X): ", nd.U8(t + 2));
  uint8_t v = nd.U8(t + 2);
  nd.out.F("Enable bit: %u, Willing bit: %u, Error Bit: %u", (v & 0x80) ? 1 : 0, (v & 0x40) ? 1 : 0,
           (v & 0x20) ? 1 : 0);
  nd.out.F("\n\t      SubType: %u", nd.U8(t + 3));
}

}  // namespace

bool LldpDcbxPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  bool hexdump = false;
  if (len < 4) return hexdump;
  uint8_t subtype = nd.U8(p + 3);
  nd.out.S("\n\t  ");
  Tok2Str(nd, kDcbxSubtypes, "unknown", subtype);
  nd.out.F(" Subtype (%u)", subtype);
  if (subtype == 1) return true;
  const uint8_t* t = p + 4;
  uint32_t tlen = len - 4;
  while (tlen >= 2) {
    if (!nd.TTest(t, 2)) return hexdump;
    uint16_t tlv = nd.Be16(t);
    uint32_t type = (tlv & 0xfe00) >> 9, tlv_len = tlv & 0x1ff;
    hexdump = false;
    tlen -= 2;
    t += 2;
    if (!type || !tlv_len) break;
    if (!nd.TTest(t, tlv_len) || tlen < tlv_len) return hexdump;
    switch (type) {
      case 1:
        if (tlv_len < 10) return hexdump;
        nd.out.F("\n\t    Control - Protocol Control (type 0x%x, length %u)", 1u, tlv_len);
        nd.out.F("\n\t      Oper_Version: %u", nd.U8(t));
        nd.out.F("\n\t      Max_Version: %u", nd.U8(t + 1));
        nd.out.F("\n\t      Sequence Number: %u", nd.Be32(t + 2));
        nd.out.F("\n\t      Acknowledgement Number: %u", nd.Be32(t + 6));
        break;
      case 2: {
        if (tlv_len < 17) return hexdump;
        nd.out.F("\n\t    Feature - Priority Group (type 0x%x, length %u)", 2u, tlv_len);
        FeatureHeader(nd, t);
        nd.out.S("\n\t      Priority Allocation");
        uint32_t pg = nd.Be32(t + 4);
        for (uint32_t i = 0; i <= 7; i++) nd.out.F("\n\t          PgId_%u: %u", i, (pg >> (28 - 4 * i)) & 0xf);
        nd.out.S("\n\t      Priority Group Allocation");
        for (uint32_t i = 0; i <= 7; i++) nd.out.F("\n\t          Pg percentage[%u]: %u", i, nd.U8(t + 8 + i));
        nd.out.F("\n\t      NumTCsSupported: %u", nd.U8(t + 16));
        break;
      }
      case 3: {
        if (tlv_len < 6) return hexdump;
        nd.out.S("\n\t    Feature - Priority Flow Control");
        nd.out.F(" (type 0x%x, length %u)", 3u, tlv_len);
        FeatureHeader(nd, t);
        uint8_t v = nd.U8(t + 4);
        nd.out.F("\n\t      PFC Config (0x%02X)", v);
        for (uint32_t i = 0; i <= 7; i++)
          nd.out.F("\n\t          Priority Bit %u: %s", i, (v & (1 << i)) ? "Enabled" : "Disabled");
        nd.out.F("\n\t      NumTCPFCSupported: %u", nd.U8(t + 5));
        break;
      }
      case 4: {
        if (tlv_len < 4) return hexdump;
        nd.out.F("\n\t    Feature - Application (type 0x%x, length %u)", 4u, tlv_len);
        FeatureHeader(nd, t);
        uint16_t left = uint16_t(tlv_len - 4);
        const uint8_t* m = t + 4;
        while (left >= 6) {
          nd.out.S("\n\t      Application Value");
          nd.out.F("\n\t          Application Protocol ID: 0x%04x", nd.Be16(m));
          uint32_t u = nd.Be24(m + 2);
          nd.out.F("\n\t          SF (0x%x) Application Protocol ID is %s", u >> 22,
                   (u >> 22) ? "Socket Number" : "L2 EtherType");
          nd.out.F("\n\t          OUI: 0x%06x", u & 0x3fffff);
          nd.out.F("\n\t          User Priority Map: 0x%02x", nd.U8(m + 5));
          left = uint16_t(left - 6);
          m += 6;
        }
        break;
      }
      default:
        hexdump = true;
        break;
    }
    if (nd.o.verbose > 1 || (nd.o.verbose && hexdump)) PrintUnknownData(nd, t, "\n\t    ", tlv_len);
    tlen -= tlv_len;
    t += tlv_len;
  }
  return hexdump;
}

}  // namespace ringdump::print
