// Ethernet (print-ether.c): the MAC header with -e, 802.1Q/QinQ tags, 802.3 length frames handed to
// LLC, and the ethertype dispatch every link printer shares. Returns the link header length so
// -x/-X/-A can skip it, as tcpdump's ether_if_print does.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint16_t kMaxEthernetLengthVal = 1500;

bool IsVlanType(uint16_t t) { return t == 0x8100 || t == 0x9100 || t == 0x9200 || t == 0x88a8; }

void EtherTypeText(Nd& nd, uint16_t type) {
  const char* name = EthertypeName(type);
  if (!nd.o.quiet) {
    nd.out.S("ethertype ");
    nd.out.S(name ? name : "Unknown");
    nd.out.S(" (0x");
    nd.out.X(type, 4);
    nd.out.C(')');
  } else if (name) {
    nd.out.S(name);
  } else {
    nd.out.F("Unknown Ethertype (0x%04x)", type);
  }
}

void EtherAddressesPrint(Nd& nd, const uint8_t* src, const uint8_t* dst) {
  if (!nd.names.numeric() && nd.TTest(src, 6)) {
    // Fall through to PrintEtherAddr: it handles the oui suffix.
  }
  auto one = [&](const uint8_t* a) {
    if (!nd.names.numeric() && nd.TTest(a, 6) && a[0] == 0xff && a[1] == 0xff && a[2] == 0xff &&
        a[3] == 0xff && a[4] == 0xff && a[5] == 0xff) {
      nd.out.S("Broadcast");
    } else {
      PrintEtherAddr(nd, a);
    }
  };
  one(src);
  nd.out.S(" > ");
  one(dst);
  nd.out.S(", ");
}

}  // namespace

void VlanTciPrint(Nd& nd, uint16_t tci) {
  nd.out.S("vlan ");
  nd.out.U(tci & 0xfff);
  nd.out.S(", p ");
  nd.out.U(tci >> 13);
  if (tci & 0x1000) nd.out.S(", DEI");
}

bool EthertypePrint(Nd& nd, uint16_t type, const uint8_t* p, uint32_t length, uint32_t caplen, const uint8_t*,
                    const uint8_t*) {
  switch (type) {
    case 0x0800:
      IpPrint(nd, p, length);
      return true;
    case 0x86dd:
      Ip6Print(nd, p, length);
      return true;
    case 0x0806:
    case 0x8035:
      ArpPrint(nd, p, length, caplen);
      return true;
    default:
      return false;
  }
}

uint32_t EtherPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen, bool top_level) {
  (void)top_level;
  nd.protocol = "ether";
  if (length < caplen) {
    nd.out.F("[length %u < caplen %u]", length, caplen);
    nd.PrintInvalid();
    return length;
  }
  if (caplen < 14) {
    nd.PrintTrunc();
    return caplen;
  }
  uint32_t orig_length = length;
  const uint8_t* dst = p;
  const uint8_t* src = p + 6;
  length -= 12;
  caplen -= 12;
  p += 12;
  uint32_t hdrlen = 12;
  if (nd.o.link_header) EtherAddressesPrint(nd, src, dst);

  uint16_t length_type = nd.Be16(p);
  length -= 2;
  caplen -= 2;
  p += 2;
  hdrlen += 2;
  bool printed_length = false;
  while (IsVlanType(length_type)) {
    if (caplen < 4) {
      nd.protocol = "vlan";
      nd.PrintTrunc();
      return hdrlen + caplen;
    }
    if (length < 4) {
      nd.protocol = "vlan";
      nd.PrintInvalid();
      return hdrlen + length;
    }
    if (nd.o.link_header) {
      uint16_t tag = nd.Be16(p);
      EtherTypeText(nd, length_type);
      if (!printed_length) {
        nd.out.S(", length ");
        nd.out.U(orig_length);
        nd.out.S(": ");
        printed_length = true;
      } else {
        nd.out.S(", ");
      }
      VlanTciPrint(nd, tag);
      nd.out.S(", ");
    }
    length_type = nd.Be16(p + 2);
    p += 4;
    length -= 4;
    caplen -= 4;
    hdrlen += 4;
  }

  if (length_type <= kMaxEthernetLengthVal) {
    // The length field only ever shortens what the frame holds.
    if (length > length_type) {
      length = length_type;
      if (caplen > length) {
        caplen = length;
        nd.snapend = p + caplen;
      }
    }
    if (nd.o.link_header) {
      nd.out.S("802.3");
      if (!printed_length) {
        nd.out.S(", length ");
        nd.out.U(length);
        nd.out.S(": ");
      }
    }
    nd.ll_hdr_len = hdrlen;
    int llc_hdrlen = LlcPrint(nd, p, length, caplen, src, dst);
    if (llc_hdrlen < 0) {
      if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
      llc_hdrlen = -llc_hdrlen;
    }
    return hdrlen + uint32_t(llc_hdrlen);
  }
  if (nd.o.link_header) {
    EtherTypeText(nd, length_type);
    if (!printed_length) {
      nd.out.S(", length ");
      nd.out.U(orig_length);
      nd.out.S(": ");
    } else {
      nd.out.S(", ");
    }
  }
  nd.ll_hdr_len = hdrlen;
  if (!EthertypePrint(nd, length_type, p, length, caplen, src, dst)) {
    if (!nd.o.link_header) {
      EtherAddressesPrint(nd, src, dst);
      EtherTypeText(nd, length_type);
      nd.out.S(", length ");
      nd.out.U(orig_length);
      nd.out.S(": ");
    }
    if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
  }
  return hdrlen;
}
}  // namespace ringdump::print
