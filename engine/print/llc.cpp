// IEEE 802.2 LLC and SNAP (print-llc.c): the header of 802.3 frames (length field instead of an
// ethertype). SNAP with an ethertype goes back to the ethertype printers; the LLC-only protocols print
// tcpdump's summary of the LLC frame (SAPs, frame kind, sequence numbers, flags).
#include "dispatch.hpp"
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

const char* SapName(uint8_t sap) {
  switch (sap) {
    case 0x00:
      return "Null";
    case 0xff:
      return "Global";
    case 0x02:
      return "802.1B I";
    case 0x03:
      return "802.1B G";
    case 0x06:
      return "IP";
    case 0x04:
      return "SNA";
    case 0x0e:
      return "ProWay NM";
    case 0x42:
      return "STP";
    case 0x4e:
      return "RS511";
    case 0x7e:
      return "ISO8208";
    case 0x8e:
      return "ProWay";
    case 0xaa:
      return "SNAP";
    case 0xe0:
      return "IPX";
    case 0xf0:
      return "NetBeui";
    case 0xfe:
      return "OSI";
    default:
      return nullptr;
  }
}

const char* FlagName(uint32_t v) {
  switch (v) {
    case 0:
      return "Command";
    case 1:
      return "Response";
    case 0x10:
      return "Poll";
    case 0x11:
      return "Final";
    case 0x100:
      return "Poll";
    case 0x101:
      return "Final";
    default:
      return "?";
  }
}

void Sap(Nd& nd, uint8_t sap, const char* unknown_fmt) {
  if (const char* n = SapName(sap)) {
    nd.out.S(n);
  } else {
    nd.out.F(unknown_fmt, sap);
  }
}

// snap_print: true if the payload was printed. src and dst: the frame's MAC addresses, or nullptr.
bool SnapPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen, const uint8_t* src,
               const uint8_t* dst) {
  nd.protocol = "snap";
  if (!nd.TTest(p, 5) || caplen < 5 || length < 5) {
    nd.PrintTrunc();
    return true;
  }
  uint32_t orgcode = nd.Be24(p);
  uint16_t et = nd.Be16(p + 3);
  // oui_to_struct_tok: the ethertype names under the OUIs whose PID is an ethertype.
  auto pid_name = [&]() -> const char* {
    if (orgcode == 0 || orgcode == 0x0000f8 || orgcode == 0x080007) return EthertypeName(et);
    return SnapPidName(orgcode, et);
  };
  if (nd.o.link_header) {
    const char* oui = OuiName(orgcode);
    const char* pid = pid_name();
    nd.out.F("oui %s (0x%06x), %s %s (0x%04x), length %u: ", oui ? oui : "Unknown", orgcode,
             orgcode == 0 ? "ethertype" : "pid", pid ? pid : "Unknown", et, length - 5);
  }
  p += 5;
  length -= 5;
  caplen -= 5;
  LlcArgs a{p, length, caplen, nullptr, nullptr};
  for (const SnapRow& r : SnapTable()) {
    if (r.oui != orgcode || (r.pid != kAnyPid && r.pid != et)) continue;
    if (r.print == nullptr) break;
    if (r.pad) {
      if (!nd.TTest(p, r.pad)) {  // ND_TCHECK_LEN with snap_print's "goto trunc"
        nd.PrintTrunc();
        return true;
      }
      a.p += r.pad;
      a.length -= r.pad;
      a.caplen -= r.pad;
    }
    // An encapsulated ethertype ringdump does not print goes on to the hex, as tcpdump's break does.
    if (r.print(nd, a)) return true;
    break;
  }
  if (!nd.o.link_header) {  // nobody printed the link-layer addresses or the SNAP header
    if (src && dst) {
      PrintEtherAddr(nd, src);
      nd.out.S(" > ");
      PrintEtherAddr(nd, dst);
      nd.out.C(' ');
    }
    if (orgcode == 0) {
      const char* name = EthertypeName(et);
      nd.out.F("SNAP, ethertype %s (0x%04x), length %u: ", name ? name : "Unknown", et, length);
    } else {
      const char* oui = OuiName(orgcode);
      const char* pid = pid_name();
      nd.out.F("SNAP, oui %s (0x%06x), pid %s (0x%04x), length %u: ", oui ? oui : "Unknown", orgcode,
               pid ? pid : "Unknown", et, length);
    }
  }
  return false;
}

bool SnapEthertype(Nd& nd, const LlcArgs& a) {
  // The PID is the ethertype: read it back from the SNAP header just before the payload.
  return EthertypePrint(nd, nd.Be16(a.p - 2), a.p, a.length, a.caplen, a.src, a.dst);
}
bool SnapStp(Nd& nd, const LlcArgs& a) {
  StpPrint(nd, a.p, a.length);
  return true;
}
bool SnapEther(Nd& nd, const LlcArgs& a) {
  EtherPrint(nd, a.p, a.length, a.caplen);
  return true;
}
// The Cisco protocols of l2_printers.hpp.
bool SnapCdp(Nd& nd, const LlcArgs& a) {
  CdpPrint(nd, a.p, a.length);
  return true;
}
bool SnapDtp(Nd& nd, const LlcArgs& a) {
  DtpPrint(nd, a.p, a.length);
  return true;
}
bool SnapUdld(Nd& nd, const LlcArgs& a) {
  UdldPrint(nd, a.p, a.length);
  return true;
}
bool SnapVtp(Nd& nd, const LlcArgs& a) {
  VtpPrint(nd, a.p, a.length);
  return true;
}

// snap_print's switch on the OUI and then the PID, case by case. A row without a printer is a protocol
// tcpdump dissects and ringdump does not yet: the frame goes on to the hex dump.
constexpr SnapRow kSnap[] = {
    {"OUI_ENCAP_ETHER", 0x000000, kAnyPid, 0, SnapEthertype},
    {"OUI_CISCO_90", 0x0000f8, kAnyPid, 0, SnapEthertype},
    {"OUI_APPLETALK/ETHERTYPE_ATALK", 0x080007, 0x809b, 0, SnapEthertype},
    {"OUI_CISCO/PID_CISCO_CDP", 0x00000c, 0x2000, 0, SnapCdp},
    {"OUI_CISCO/PID_CISCO_DTP", 0x00000c, 0x2004, 0, SnapDtp},
    {"OUI_CISCO/PID_CISCO_UDLD", 0x00000c, 0x0111, 0, SnapUdld},
    {"OUI_CISCO/PID_CISCO_VTP", 0x00000c, 0x2003, 0, SnapVtp},
    {"OUI_CISCO/PID_CISCO_PVST", 0x00000c, 0x010b, 0, SnapStp},
    {"OUI_CISCO/PID_CISCO_VLANBRIDGE", 0x00000c, 0x010c, 0, SnapStp},
    {"OUI_RFC2684/PID_RFC2684_ETH_FCS", 0x0080c2, 0x0001, 2, SnapEther},
    {"OUI_RFC2684/PID_RFC2684_ETH_NOFCS", 0x0080c2, 0x0007, 2, SnapEther},
    {"OUI_RFC2684/PID_RFC2684_802_5_FCS", 0x0080c2, 0x0003, 2, nullptr},
    {"OUI_RFC2684/PID_RFC2684_802_5_NOFCS", 0x0080c2, 0x0009, 2, nullptr},
    {"OUI_RFC2684/PID_RFC2684_FDDI_FCS", 0x0080c2, 0x0004, 3, nullptr},
    {"OUI_RFC2684/PID_RFC2684_FDDI_NOFCS", 0x0080c2, 0x000a, 3, nullptr},
    {"OUI_RFC2684/PID_RFC2684_BPDU", 0x0080c2, 0x000e, 0, SnapStp},
};

// llc_print's dsap == ssap == X tests after SNAP, in order. A row without a printer is a protocol
// tcpdump dissects and ringdump does not yet: it prints the LLC summary (SAPs, frame kind, flags) and
// the hex, as for a SAP no row names.
constexpr LlcSapRow kSaps[] = {
    {"LLCSAP_8021D", 0x42, LlcControl::kUi, [](Nd& nd, const LlcArgs& a) { StpPrint(nd, a.p, a.length); }},
    {"LLCSAP_IP", 0x06, LlcControl::kUi, [](Nd& nd, const LlcArgs& a) { IpPrint(nd, a.p, a.length); }},
    {"LLCSAP_IPX", 0xe0, LlcControl::kUi, nullptr},
    {"LLCSAP_NETBEUI", 0xf0, LlcControl::kIOrUi, nullptr, RowGate::kEnableSmb},
    {"LLCSAP_ISONS", 0xfe, LlcControl::kUi, nullptr},
};

}  // namespace

std::span<const SnapRow> SnapTable() { return kSnap; }
std::span<const LlcSapRow> LlcSapTable() { return kSaps; }

int LlcPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen, const uint8_t* src,
             const uint8_t* dst) {
  nd.protocol = "llc";
  auto trunc = [&](uint32_t ret) {
    nd.PrintTrunc();
    DefaultPrint(nd, p, caplen);
    return int(ret);
  };
  if (caplen < 3) return trunc(caplen);
  if (length < 3) return trunc(length);
  uint8_t dsap_field = nd.U8(p), ssap_field = nd.U8(p + 1);
  uint32_t control = nd.U8(p + 2);
  bool is_u;
  int hdrlen;
  if ((control & 3) == 3) {
    is_u = true;
    hdrlen = 3;
  } else {
    if (caplen < 4) return trunc(caplen);
    if (length < 4) return trunc(length);
    control = nd.Le16(p + 2);
    is_u = false;
    hdrlen = 4;
  }
  if (ssap_field == 0xff && dsap_field == 0xff) {
    // Ethernet_802.3 IPX: not dissected.
    if (nd.o.link_header) nd.out.S("IPX 802.3: ");
    return 0;
  }
  uint8_t dsap = dsap_field & ~1, ssap = ssap_field & ~1;
  if (nd.o.link_header) {
    nd.out.S("LLC, dsap ");
    Sap(nd, dsap, "Unknown");
    nd.out.F(" (0x%02x) %s, ssap ", dsap, (dsap_field & 1) ? "Group" : "Individual");
    Sap(nd, ssap, "Unknown");
    nd.out.F(" (0x%02x) %s", ssap, (ssap_field & 1) ? "Response" : "Command");
    nd.out.F(is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", control);
  }
  p += hdrlen;
  length -= hdrlen;
  caplen -= hdrlen;
  if (ssap == 0xaa && dsap == 0xaa && control == 3) {
    return SnapPrint(nd, p, length, caplen, src, dst) ? hdrlen + 5 : -(hdrlen + 5);
  }
  if (ssap == dsap) {
    for (const LlcSapRow& r : kSaps) {
      if (r.sap != dsap || r.gate != RowGate::kOn || r.print == nullptr) continue;
      bool ui = control == 3;
      if (r.control == LlcControl::kUi ? ui : (!(control & 1) || ui)) {
        r.print(nd, LlcArgs{p, length, caplen, src, dst});
        return hdrlen;
      }
    }
  }
  if (!nd.o.link_header) {
    auto sapname = [&](uint8_t sap, const char* fmt) {
      if (const char* n = SapName(sap)) {
        nd.out.S(n);
      } else {
        nd.out.F(fmt, sap);
      }
    };
    if (ssap == dsap) {
      if (src == nullptr || dst == nullptr) {
        sapname(dsap, "Unknown DSAP 0x%02x");
        nd.out.C(' ');
      } else {
        PrintEtherAddr(nd, src);
        nd.out.S(" > ");
        PrintEtherAddr(nd, dst);
        nd.out.C(' ');
        sapname(dsap, "Unknown DSAP 0x%02x");
        nd.out.C(' ');
      }
    } else if (src == nullptr || dst == nullptr) {
      sapname(ssap, "Unknown SSAP 0x%02x");
      nd.out.S(" > ");
      sapname(dsap, "Unknown DSAP 0x%02x");
      nd.out.C(' ');
    } else {
      PrintEtherAddr(nd, src);
      nd.out.C(' ');
      sapname(ssap, "Unknown SSAP 0x%02x");
      nd.out.S(" > ");
      PrintEtherAddr(nd, dst);
      nd.out.C(' ');
      sapname(dsap, "Unknown DSAP 0x%02x");
      nd.out.C(' ');
    }
  }
  if (is_u) {
    uint32_t cmd = control & 0xef;
    const char* c = cmd == 0x03   ? "ui"
                    : cmd == 0xe3 ? "test"
                    : cmd == 0xaf ? "xid"
                    : cmd == 0x63 ? "ua"
                    : cmd == 0x43 ? "disc"
                    : cmd == 0x0f ? "dm"
                    : cmd == 0x6f ? "sabme"
                    : cmd == 0x87 ? "frmr"
                                  : nullptr;
    nd.out.S("Unnumbered, ");
    if (c) {
      nd.out.S(c);
    } else {
      nd.out.X(cmd, 2);
    }
    nd.out.F(", Flags [%s], length %u", FlagName((ssap_field & 1) | (control & 0x10)), length + hdrlen);
    if ((control & ~0x10u) == 0xaf) {
      if (length == 0) return hdrlen;
      if (caplen < 1) {
        nd.PrintTrunc();
        return hdrlen;
      }
      if (nd.U8(p) == 0x81) {
        if (caplen < 3 || length < 3) {
          nd.PrintTrunc();
          if (caplen > 0) DefaultPrint(nd, p, caplen);
        } else {
          nd.out.F(": %02x %02x", nd.U8(p + 1), nd.U8(p + 2));
        }
        return hdrlen;
      }
    }
  } else if ((control & 1) == 1) {
    static const char* kSup[] = {"Receiver Ready", "Receiver not Ready", "Reject", "?"};
    nd.out.F("Supervisory, %s, rcv seq %u, Flags [%s], length %u", kSup[(control >> 2) & 3],
             (control >> 9) & 0x7f, FlagName((ssap_field & 1) | (control & 0x100)), length + hdrlen);
    return hdrlen;
  } else {
    nd.out.F("Information, send seq %u, rcv seq %u, Flags [%s], length %u", (control >> 1) & 0x7f,
             (control >> 9) & 0x7f, FlagName((ssap_field & 1) | (control & 0x100)), length + hdrlen);
  }
  return -hdrlen;
}

}  // namespace ringdump::print
