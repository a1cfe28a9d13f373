// Linux cooked captures v1 and v2 (print-sll.c): packet type, address and protocol with -e (v2 also the
// interface name), VLAN tags carried in the payload, then the ethertype dispatch.
#include <net/if.h>

#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint16_t kMaxEthernetLengthVal = 1500;

const char* SllPkttype(uint16_t t) {
  switch (t) {
    case 0:
      return "In";
    case 1:
      return "B";
    case 2:
      return "M";
    case 3:
      return "P";
    case 4:
      return "Out";
    default:
      return "?";
  }
}

void SllProtoText(Nd& nd, uint16_t ether_type, uint32_t length) {
  if (ether_type <= kMaxEthernetLengthVal) {
    if (ether_type == 1) {
      nd.out.S("802.3");
    } else if (ether_type == 4) {
      nd.out.S("802.2");
    } else {
      nd.out.S("ethertype Unknown (0x");
      nd.out.X(ether_type, 4);
      nd.out.C(')');
    }
  } else {
    const char* name = EthertypeName(ether_type);
    nd.out.S("ethertype ");
    nd.out.S(name ? name : "Unknown");
    nd.out.S(" (0x");
    nd.out.X(ether_type, 4);
    nd.out.C(')');
  }
  nd.out.S(", length ");
  nd.out.U(length);
  nd.out.S(": ");
}

void SllHdrPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "sll";
  nd.out.F("%3s ", SllPkttype(nd.Be16(p)));
  if (nd.Be16(p + 4) == 6) {
    PrintEtherAddr(nd, p + 6);
    nd.out.C(' ');
  }
  if (!nd.o.quiet) SllProtoText(nd, nd.Be16(p + 14), length);
}

void Sll2HdrPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "sll2";
  nd.out.S("ifindex ");
  nd.out.U(nd.Be32(p + 4));
  nd.out.C(' ');
  if (nd.U8(p + 11) == 6) {
    PrintEtherAddr(nd, p + 12);
    nd.out.C(' ');
  }
  if (!nd.o.quiet) SllProtoText(nd, nd.Be16(p), length);
}

// The rest of a cooked capture after the header: shared by SLL and SLL2.
uint32_t SllPayload(Nd& nd, const uint8_t* hdr, bool v2, uint16_t ether_type, const uint8_t* p,
                    uint32_t length, uint32_t caplen, uint32_t hdrlen) {
  for (;;) {
    if (ether_type <= kMaxEthernetLengthVal) {
      if (ether_type == 4) {  // LINUX_SLL_P_802_2: an LLC header; an unknown LLC type is dumped whole
        nd.ll_hdr_len = hdrlen;
        int llc_hdrlen = LlcPrint(nd, p, length, caplen, nullptr, nullptr);
        if (llc_hdrlen >= 0) return hdrlen + uint32_t(llc_hdrlen);
      }
      if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
      return hdrlen;
    }
    if (ether_type == 0x8100) {
      if (caplen < 4) {
        nd.protocol = "vlan";
        nd.PrintTrunc();
        return hdrlen + caplen;
      }
      if (nd.o.link_header) {
        VlanTciPrint(nd, nd.Be16(p));
        nd.out.S(", ");
      }
      ether_type = nd.Be16(p + 2);
      if (ether_type <= kMaxEthernetLengthVal) ether_type = 4;
      if (!nd.o.quiet) {
        const char* name = EthertypeName(ether_type);
        nd.out.S("ethertype ");
        nd.out.S(name ? name : "Unknown");
        nd.out.S(", ");
      }
      p += 4;
      length -= 4;
      caplen -= 4;
      hdrlen += 4;
      continue;
    }
    nd.ll_hdr_len = hdrlen;
    if (!EthertypePrint(nd, ether_type, p, length, caplen, nullptr, nullptr)) {
      if (!nd.o.link_header) {
        if (v2) {
          Sll2HdrPrint(nd, hdr, length + 20);
        } else {
          SllHdrPrint(nd, hdr, length + 16);
        }
      }
      if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
    }
    return hdrlen;
  }
}

}  // namespace

uint32_t SllPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen) {
  nd.protocol = "sll";
  nd.Check(p, 16);
  const uint8_t* hdr = p;
  if (nd.o.link_header) SllHdrPrint(nd, hdr, length);
  uint16_t ether_type = nd.Be16(hdr + 14);
  return SllPayload(nd, hdr, false, ether_type, p + 16, length - 16, caplen - 16, 16);
}

uint32_t Sll2Print(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen) {
  nd.protocol = "sll2";
  nd.Check(p, 20);
  const uint8_t* hdr = p;
  char ifname[IF_NAMESIZE + 1];
  if (!if_indextoname(nd.Be32(hdr + 4), ifname)) {
    ifname[0] = '?';
    ifname[1] = 0;
  }
  nd.out.F("%-5s ", ifname);
  nd.out.F("%-3s ", SllPkttype(nd.U8(hdr + 10)));
  if (nd.o.link_header) Sll2HdrPrint(nd, hdr, length);
  uint16_t ether_type = nd.Be16(hdr);
  return SllPayload(nd, hdr, true, ether_type, p + 20, length - 20, caplen - 20, 20);
}
}  // namespace ringdump::print
