// ARP and RARP (print-arp.c): "ARP, Request who-has A tell B, length N" and the -v long form with the
// hardware and protocol types. Link addresses other than 6-byte Ethernet print as colon-separated hex.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

void LinkAddr(Nd& nd, const uint8_t* a, uint32_t len) {
  if (len == 0) {
    nd.out.S("<empty>");
    return;
  }
  if (len == 6) {
    PrintEtherAddr(nd, a);
    return;
  }
  nd.Check(a, len);
  for (uint32_t i = 0; i < len; i++) {
    if (i) nd.out.C(':');
    nd.out.X(nd.U8(a + i), 2);
  }
}

const char* HrdName(uint16_t h) {
  switch (h) {
    case 1:
      return "Ethernet";
    case 6:
      return "TokenRing";
    case 7:
      return "ArcNet";
    case 15:
      return "FrameRelay";
    case 16:
      return "ATM";
    case 19:
      return "ATM";
    case 24:
      return "IEEE1394";
    case 31:
      return "IPsec tunnel";
    case 32:
      return "InfiniBand";
    case 0x8000:
      return "IEEE1394";
    case 27:
      return "EUI-64";
    case 17:
      return "Strip";
    case 0x0304:
      return "Infiniband";  // not in tcpdump's table; harmless
    default:
      return nullptr;
  }
}

const char* OpName(uint16_t op) {
  switch (op) {
    case 1:
      return "Request";
    case 2:
      return "Reply";
    case 3:
      return "Reverse Request";
    case 4:
      return "Reverse Reply";
    case 8:
      return "Inverse Request";
    case 9:
      return "Inverse Reply";
    case 10:
      return "NACK Reply";
    default:
      return nullptr;
  }
}

}  // namespace

void ArpPrint(Nd& nd, const uint8_t* bp, uint32_t length, uint32_t caplen) {
  nd.protocol = "arp";
  nd.Check(bp, 8);
  uint16_t hrd = nd.Be16(bp), pro = nd.Be16(bp + 2), op = nd.Be16(bp + 6);
  uint8_t hln = nd.U8(bp + 4), pln = nd.U8(bp + 5);
  const uint8_t* sha = bp + 8;
  const uint8_t* spa = sha + hln;
  const uint8_t* tha = spa + pln;
  const uint8_t* tpa = tha + hln;
  if (!nd.TTest(tpa, pln)) nd.Trunc();
  if (!nd.o.link_header) nd.out.S("ARP, ");
  bool ip = pro == 0x0800 || pro == 0x1000;
  if (!ip || pln != 4 || hln == 0 || nd.o.verbose) {
    const char* h = HrdName(hrd == 0x0304 ? 0xffff : hrd);
    if (h) {
      nd.out.S(h);
    } else {
      nd.out.F("Unknown Hardware (%u)", hrd);
    }
    nd.out.F(" (len %u), ", hln);
    const char* p = EthertypeName(pro);
    if (p) {
      nd.out.S(p);
    } else {
      nd.out.F("Unknown Protocol (0x%04x)", pro);
    }
    nd.out.F(" (len %u)", pln);
    if (!nd.o.verbose) {
      nd.out.F(", length %u", length);
      return;
    }
  }
  if (nd.o.verbose) nd.out.S(", ");
  if (const char* o = OpName(op)) {
    nd.out.S(o);
  } else {
    nd.out.F("Unknown (%u)", op);
  }
  nd.out.C(' ');
  auto proto_addr = [&](const uint8_t* a) {
    if (!ip) {
      nd.out.S("<wrong proto type>");
    } else if (pln != 4) {
      nd.out.S("<wrong len>");
    } else {
      PrintIpAddr(nd, a);
    }
  };
  switch (op) {
    case 1: {
      nd.out.S("who-has ");
      proto_addr(tpa);
      bool nonzero = false;
      for (uint32_t i = 0; i < hln; i++) nonzero |= nd.U8(tha + i) != 0;
      if (nonzero) {
        nd.out.S(" (");
        LinkAddr(nd, tha, hln);
        nd.out.C(')');
      }
      nd.out.S(" tell ");
      proto_addr(spa);
      break;
    }
    case 2:
      proto_addr(spa);
      nd.out.S(" is-at ");
      LinkAddr(nd, sha, hln);
      break;
    case 3:
      nd.out.S("who-is ");
      LinkAddr(nd, tha, hln);
      nd.out.S(" tell ");
      LinkAddr(nd, sha, hln);
      break;
    case 4:
      LinkAddr(nd, tha, hln);
      nd.out.S(" at ");
      proto_addr(tpa);
      break;
    case 8:
      nd.out.S("who-is ");
      LinkAddr(nd, tha, hln);
      nd.out.S(" tell ");
      LinkAddr(nd, sha, hln);
      break;
    case 9:
      LinkAddr(nd, sha, hln);
      nd.out.S(" at ");
      proto_addr(spa);
      break;
    default:
      DefaultPrint(nd, bp, caplen);
      return;
  }
  nd.out.F(", length %u", length);
}

}  // namespace ringdump::print
