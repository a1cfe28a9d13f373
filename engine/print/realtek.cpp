// Realtek's switch protocols (print-realtek.c, ethertype 0x8899, the loop detection and management
// frames of small unmanaged switches): RRCP hello/get/set with their fields, REP, RLDP, and the DSA tags.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kOpcodes[] = {{0, "hello"}, {1, "get"}, {2, "set"}};

void RrcpPrint(Nd& nd, const uint8_t* cp) {
  nd.protocol = "rrcp";
  uint8_t b = nd.U8(cp + 1);
  uint8_t opcode = b & 0x7f;
  bool reply = b & 0x80;
  nd.out.F("RRCP %s: ", reply ? "reply" : "query");
  Tok2Str(nd, kOpcodes, "unknown opcode (0x%02x)", opcode);
  bool getset = opcode == 1 || opcode == 2;
  if (getset) {
    uint16_t addr = nd.Le16(cp + 4);
    nd.out.F(" addr=0x%04x, data=0x%08x", addr, nd.Le32(cp + 6));
  }
  nd.out.F(", auth=0x%04x", nd.Be16(cp + 2));
  if (opcode == 0 && reply) {
    nd.Check(cp + 4, 14);
    nd.out.F(" downlink_port=%u, uplink_port=%u, uplink_mac=", nd.U8(cp + 4), nd.U8(cp + 5));
    PrintEtherAddr(nd, cp + 6);
    nd.out.F(", vendor_id=%08x ,chip_id=%04x ", nd.Be32(cp + 14), nd.Be16(cp + 12));
  } else if (getset) {
    nd.Check(cp + 10, 8);
    nd.out.F(", cookie=0x%08x%08x ", nd.Be32(cp + 14), nd.Be32(cp + 10));
  }
}

}  // namespace

void RtlPrint(Nd& nd, const uint8_t* cp, const uint8_t* src, const uint8_t* dst) {
  nd.protocol = "rtl";
  if (src && dst) {
    PrintEtherAddr(nd, src);
    nd.out.S(" > ");
    PrintEtherAddr(nd, dst);
    nd.out.S(", ");
  }
  uint8_t proto = nd.U8(cp);
  if (proto == 0x01) {
    RrcpPrint(nd, cp);
  } else if (proto == 0x02) {
    nd.out.S("REP");
  } else if (proto == 0x03 || proto == 0x23) {
    nd.out.S("RLDP");
  } else if (proto == 0x04) {
    nd.out.S("Realtek 8-byte DSA tag");
  } else if ((proto & 0xf0) == 0x90) {
    nd.out.S("Realtek RTL8306 4-byte DSA tag");
  } else if ((proto & 0xf0) == 0xa0) {
    nd.out.S("Realtek RTL8366RB 4-byte DSA tag");
  } else {
    nd.out.F("Realtek unknown type 0x%02x", proto);
  }
}

}  // namespace ringdump::print
