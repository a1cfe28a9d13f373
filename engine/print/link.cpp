// Link-layer printers: Ethernet (with 802.1Q/QinQ tags), Linux cooked v1 and v2, BSD loopback/null and
// raw IP, plus the ethertype dispatch every one of them shares. Each returns the link header length so
// -x/-X/-A can skip it, as tcpdump's *_if_print functions do.
#include <net/if.h>

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

void TciText(Nd& nd, uint16_t tci) {
  nd.out.S("vlan ");
  nd.out.U(tci & 0xfff);
  nd.out.S(", p ");
  nd.out.U(tci >> 13);
  if (tci & 0x1000) nd.out.S(", DEI");
}

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
        TciText(nd, nd.Be16(p));
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
      TciText(nd, tag);
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

uint32_t NullPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen) {
  nd.protocol = "null";
  if (caplen < 4) {
    nd.PrintTrunc();
    return caplen;
  }
  uint32_t family;
  memcpy(&family, p, 4);
  if (family & 0xffff0000u) family = __builtin_bswap32(family);
  auto hdr = [&](uint32_t len) {
    const char* name = nullptr;
    switch (family) {
      case 2:
        name = "IPv4";
        break;
      case 7:
        name = "OSI";
        break;
      case 16:
        name = "Appletalk";
        break;
      case 23:
        name = "IPX";
        break;
      case 24:
      case 28:
      case 30:
        name = "IPv6";
        break;
      default:
        break;
    }
    if (!nd.o.quiet) {
      nd.out.F("AF %s (%u)", name ? name : "Unknown", family);
    } else if (name) {
      nd.out.S(name);
    } else {
      nd.out.F("Unknown AF %u", family);
    }
    nd.out.S(", length ");
    nd.out.U(len);
    nd.out.S(": ");
  };
  if (nd.o.link_header) hdr(length);
  nd.ll_hdr_len = 4;
  length -= 4;
  caplen -= 4;
  p += 4;
  switch (family) {
    case 2:
      IpPrint(nd, p, length);
      break;
    case 24:
    case 28:
    case 30:
      Ip6Print(nd, p, length);
      break;
    default:
      if (!nd.o.link_header) hdr(length + 4);
      if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
      break;
  }
  return 4;
}

uint32_t RawPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t) {
  if (nd.o.link_header) nd.out.S("ip: ");
  IpOrIp6Print(nd, p, length);
  return 0;
}

void IpOrIp6Print(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "ipN";
  if (length < 1) {
    nd.out.F("truncated-ip %u", length);
    return;
  }
  switch (nd.U8(p) & 0xf0) {
    case 0x40:
      IpPrint(nd, p, length);
      break;
    case 0x60:
      Ip6Print(nd, p, length);
      break;
    default:
      nd.out.F("unknown ip %u", (nd.U8(p) & 0xf0) >> 4);
      break;
  }
}

}  // namespace ringdump::print
