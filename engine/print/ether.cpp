// Ethernet (print-ether.c): the MAC header with -e, 802.1Q/QinQ tags, 802.3 length frames handed to
// LLC, and the ethertype dispatch every link printer shares. Returns the link header length so
// -x/-X/-A can skip it, as tcpdump's ether_if_print does.
#include <cstring>

#include "dispatch.hpp"
#include "l2_printers.hpp"

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
    static const uint8_t kBroadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    if (!nd.names.numeric() && nd.TTest(a, 6) && memcmp(a, kBroadcast, 6) == 0) {
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

namespace {

bool Ip(Nd& nd, const EtherArgs& a) {
  IpPrint(nd, a.p, a.length);
  return true;
}
bool Ip6(Nd& nd, const EtherArgs& a) {
  Ip6Print(nd, a.p, a.length);
  return true;
}
bool Arp(Nd& nd, const EtherArgs& a) {
  ArpPrint(nd, a.p, a.length, a.caplen);
  return true;
}
// The link-layer protocols of l2_printers.hpp.
bool Pppoe(Nd& nd, const EtherArgs& a) {
  PppoePrint(nd, a.p, a.length);
  return true;
}
bool Eapol(Nd& nd, const EtherArgs& a) {
  EapolPrint(nd, a.p);
  return true;
}
bool Realtek(Nd& nd, const EtherArgs& a) {
  RtlPrint(nd, a.p, a.src, a.dst);
  return true;
}
bool Ppp(Nd& nd, const EtherArgs& a) {
  if (a.length) {
    nd.out.S(": ");
    PppPrint(nd, a.p, a.length);
  }
  return true;
}
bool Slow(Nd& nd, const EtherArgs& a) {
  SlowPrint(nd, a.p, a.length);
  return true;
}
bool Cfm(Nd& nd, const EtherArgs& a) {
  CfmPrint(nd, a.p, a.length);
  return true;
}
bool Lldp(Nd& nd, const EtherArgs& a) {
  LldpPrint(nd, a.p, a.length);
  return true;
}
bool Loopback(Nd& nd, const EtherArgs& a) {
  LoopbackPrint(nd, a.p, a.length);
  return true;
}
bool Mpls(Nd& nd, const EtherArgs& a) {
  MplsPrint(nd, a.p, a.length);
  return true;
}
bool Msnlb(Nd& nd, const EtherArgs& a) {
  MsnlbPrint(nd, a.p);
  return true;
}
bool Aarp(Nd& nd, const EtherArgs& a) {
  AarpPrint(nd, a.p, a.length);
  return true;
}
bool Ptp(Nd& nd, const EtherArgs& a) {
  PtpPrint(nd, a.p, a.length);
  return true;
}

// print-ether.c's ethertype_print switch, case by case. A row without a printer is a protocol tcpdump
// dissects and ringdump does not yet (or, for the last five, one tcpdump does not either): the caller
// prints the frame as an unknown ethertype (MAC header, type, hex dump). IPv4 and IPv6 lead, so the
// common frames are found at once.
constexpr EthertypeRow kEthertypes[] = {
    {"ETHERTYPE_IP", 0x0800, Ip},
    {"ETHERTYPE_IPV6", 0x86dd, Ip6},
    {"ETHERTYPE_ARP", 0x0806, Arp},
    {"ETHERTYPE_REVARP", 0x8035, Arp},
    {"ETHERTYPE_DN", 0x6003, nullptr},
    {"ETHERTYPE_ATALK", 0x809b, nullptr},
    {"ETHERTYPE_AARP", 0x80f3, Aarp},
    {"ETHERTYPE_IPX", 0x8137, nullptr},
    {"ETHERTYPE_ISO", 0xfefe, nullptr},
    {"ETHERTYPE_PPPOED", 0x8863, Pppoe},
    {"ETHERTYPE_PPPOES", 0x8864, Pppoe},
    {"ETHERTYPE_PPPOED2", 0x3c12, Pppoe},
    {"ETHERTYPE_PPPOES2", 0x3c13, Pppoe},
    {"ETHERTYPE_EAPOL", 0x888e, Eapol},
    {"ETHERTYPE_REALTEK", 0x8899, Realtek},
    {"ETHERTYPE_PPP", 0x880b, Ppp},
    {"ETHERTYPE_MPCP", 0x8808, nullptr},
    {"ETHERTYPE_SLOW", 0x8809, Slow},
    {"ETHERTYPE_CFM", 0x8902, Cfm},
    {"ETHERTYPE_CFM_OLD", 0xabcd, Cfm},
    {"ETHERTYPE_LLDP", 0x88cc, Lldp},
    {"ETHERTYPE_NSH", 0x894f, nullptr},
    {"ETHERTYPE_LOOPBACK", 0x9000, Loopback},
    {"ETHERTYPE_MPLS", 0x8847, Mpls},
    {"ETHERTYPE_MPLS_MULTI", 0x8848, Mpls},
    {"ETHERTYPE_TIPC", 0x88ca, nullptr},
    {"ETHERTYPE_MS_NLB_HB", 0x886f, Msnlb},
    {"ETHERTYPE_GEONET_OLD", 0x0707, nullptr},
    {"ETHERTYPE_GEONET", 0x8947, nullptr},
    {"ETHERTYPE_CALM_FAST", 0x1111, nullptr},
    {"ETHERTYPE_AOE", 0x88a2, nullptr},
    {"ETHERTYPE_PTP", 0x88f7, Ptp},
    // tcpdump's own "return (0)" cases: printed as unknown there too.
    {"ETHERTYPE_LAT", 0x6004, nullptr},
    {"ETHERTYPE_SCA", 0x6007, nullptr},
    {"ETHERTYPE_MOPRC", 0x6002, nullptr},
    {"ETHERTYPE_MOPDL", 0x6001, nullptr},
    {"ETHERTYPE_IEEE1905_1", 0x893a, nullptr},
};

}  // namespace

std::span<const EthertypeRow> EthertypeTable() { return kEthertypes; }

bool EthertypePrint(Nd& nd, uint16_t type, const uint8_t* p, uint32_t length, uint32_t caplen,
                    const uint8_t* src, const uint8_t* dst) {
  for (const EthertypeRow& r : kEthertypes) {
    if (r.type == type) return r.print != nullptr && r.print(nd, EtherArgs{p, length, caplen, src, dst});
  }
  return false;
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
  if (length_type == 0x88e5) {  // 802.1AE MACsec: the SecTAG, then maybe the protected frame's type
    if (nd.o.link_header) {
      EtherTypeText(nd, length_type);
      nd.out.S(", length ");
      nd.out.U(orig_length);
      nd.out.S(": ");
      printed_length = true;
    }
    int ret = MacsecPrint(nd, &p, &length, &caplen, &hdrlen, src, dst);
    if (ret == 0) {
      if (!nd.suppress_default_print) DefaultPrint(nd, p, caplen);
      return hdrlen;
    }
    if (ret > 0) return uint32_t(ret);
    length_type = nd.Be16(p);
    if (caplen < 2) {
      nd.out.F(" [caplen %u < %u]", caplen, 2u);  // ND_LCHECK_U: its "invalid" label only returns
      return hdrlen;
    }
    length -= 2;
    caplen -= 2;
    p += 2;
    hdrlen += 2;
  }
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
