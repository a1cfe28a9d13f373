// The IEEE 802.3 slow protocols (print-slow.c, ethertype 0x8809): LACP and Marker PDUs with their actor,
// partner, collector and marker TLVs, and Ethernet OAM (802.3ah) with its information TLVs, link event
// notifications and loopback control. Without -v one line ("LACPv1, length 110").
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kProtos[] = {{1, "LACP"}, {2, "MARKER"}, {3, "OAM"}};
constexpr Tok kOamFlags[] = {{0x0001, "Link Fault"},        {0x0002, "Dying Gasp"},       {0x0004, "Critical Event"},
                             {0x0008, "Local Evaluating"},  {0x0010, "Local Stable"},     {0x0020, "Remote Evaluating"},
                             {0x0040, "Remote Stable"}};
constexpr Tok kOamCodes[] = {{0x00, "Information"},       {0x01, "Event Notification"}, {0x02, "Variable Request"},
                             {0x03, "Variable Response"}, {0x04, "Loopback Control"},   {0xfe, "Vendor Private"}};
constexpr Tok kOamInfoTypes[] = {
    {0x00, "End of TLV marker"}, {0x01, "Local"}, {0x02, "Remote"}, {0xfe, "Organization specific"}};
constexpr Tok kParserStates[] = {{0, "forwarding"}, {1, "looping back"}, {2, "discarding"}, {3, "reserved"}};
constexpr Tok kMuxStates[] = {{0, "forwarding"}, {4, "discarding"}};
constexpr Tok kOamConfig[] = {{0x01, "Active"},      {0x02, "Unidirectional"},    {0x04, "Remote-Loopback"},
                              {0x08, "Link-Events"}, {0x10, "Variable-Retrieval"}};
constexpr Tok kLinkEvents[] = {{0x00, "End of TLV marker"},
                               {0x01, "Errored Symbol Period Event"},
                               {0x02, "Errored Frame Event"},
                               {0x03, "Errored Frame Period Event"},
                               {0x04, "Errored Frame Seconds Summary Event"},
                               {0xfe, "Organization specific"}};
constexpr Tok kLoopbackCmds[] = {{0x01, "Enable OAM Remote Loopback"}, {0x02, "Disable OAM Remote Loopback"}};
constexpr Tok kTlvs[] = {{0x100, "Terminator"},
                         {0x101, "Actor Information"},
                         {0x102, "Partner Information"},
                         {0x103, "Collector Information"},
                         {0x200, "Terminator"},
                         {0x201, "Marker Information"}};
constexpr Tok kActorState[] = {{0x01, "Activity"},        {0x02, "Timeout"},    {0x04, "Aggregation"},
                               {0x08, "Synchronization"}, {0x10, "Collecting"}, {0x20, "Distributing"},
                               {0x40, "Default"},         {0x80, "Expired"}};

constexpr uint32_t kActorInfoLen = 18, kCollectorInfoLen = 14, kMarkerInfoLen = 14;
constexpr uint32_t kOamInfoLen = 16, kLinkEventLen = 40;

void TooShort(Nd& nd) { nd.out.S("\n\t\t packet is too short"); }

void MarkerLacpPrint(Nd& nd, const uint8_t* p, uint32_t tlen, uint32_t proto) {
  const int v = nd.o.verbose;
  while (tlen > 0) {
    if (tlen < 2) return TooShort(nd);
    uint32_t type = nd.U8(p), len = nd.U8(p + 1);
    nd.out.S("\n\t");
    Tok2Str(nd, kTlvs, "Unknown", (proto << 8) + type);
    nd.out.F(" TLV (0x%02x), length %u", type, len);
    if (type == 0) return;
    if (len < 2) {
      nd.out.S("\n\t    ERROR: illegal length - should be >= 2");
      return;
    }
    if (tlen < len) return TooShort(nd);
    nd.Check(p, len);
    const uint8_t* t = p + 2;
    uint32_t tl = len - 2;
    switch ((proto << 8) + type) {
      case 0x101:
      case 0x102:
        if (tl != kActorInfoLen) {
          nd.out.F("\n\t    ERROR: illegal length - should be %u", kActorInfoLen + 2);
          break;
        }
        nd.out.S("\n\t  System ");
        PrintEtherAddr(nd, t + 2);
        nd.out.F(", System Priority %u, Key %u, Port %u, Port Priority %u\n\t  State Flags [", nd.Be16(t),
                 nd.Be16(t + 8), nd.Be16(t + 12), nd.Be16(t + 10));
        BitTok2Str(nd, kActorState, "none", nd.U8(t + 14));
        nd.out.C(']');
        break;
      case 0x103:
        if (tl != kCollectorInfoLen) {
          nd.out.F("\n\t    ERROR: illegal length - should be %u", kCollectorInfoLen + 2);
          break;
        }
        nd.out.F("\n\t  Max Delay %u", nd.Be16(t));
        break;
      case 0x201:
        if (tl != kMarkerInfoLen) {
          nd.out.F("\n\t    ERROR: illegal length - should be %u", kMarkerInfoLen + 2);
          break;
        }
        nd.out.S("\n\t  Request System ");
        PrintEtherAddr(nd, t + 2);
        nd.out.F(", Request Port %u, Request Transaction ID 0x%08x", nd.Be16(t), nd.Be32(t + 8));
        break;
      default:
        if (v <= 1) PrintUnknownData(nd, t, "\n\t  ", tl);
        break;
    }
    if (v > 1) PrintUnknownData(nd, t, "\n\t  ", tl);
    p += len;
    tlen -= len;
  }
}

// The TLV loop of an Information and an Event Notification PDU: names and the fixed-size body printer.
template <typename Body>
void OamTlvs(Nd& nd, const uint8_t*& p, uint32_t& tlen, const Tok* names, size_t n, const char* what,
             Body body) {
  while (tlen > 0) {
    if (tlen < 2) return TooShort(nd);
    nd.Check(p, 2);
    uint8_t type = nd.U8(p), length = nd.U8(p + 1);
    nd.out.S("\n\t  ");
    Tok2Str(nd, names, n, "Reserved", type);
    nd.out.F(" %s Type (%u), length %u", what, type, length);
    if (type == 0) return;
    if (length < 2) {
      nd.out.S("\n\t    ERROR: illegal length - should be >= 2");
      return;
    }
    if (tlen < length) return TooShort(nd);
    nd.Check(p, length);
    bool hexdump = body(type);
    if (nd.o.verbose > 1 || hexdump) PrintUnknownData(nd, p, "\n\t  ", length);
    tlen -= length;
    p += length;
  }
}

void OamPrint(Nd& nd, const uint8_t* p, uint32_t tlen) {
  if (tlen < 3) return TooShort(nd);
  nd.Check(p, 3);
  uint8_t code = nd.U8(p + 2);
  uint16_t flags = nd.Be16(p);
  p += 3;
  tlen -= 3;
  nd.out.S("\n\tCode ");
  Tok2Str(nd, kOamCodes, "Unknown (%u)", code);
  nd.out.S(" OAM PDU, Flags [");
  BitTok2Str(nd, kOamFlags, "none", flags);
  nd.out.C(']');
  switch (code) {
    case 0x00:
      OamTlvs(nd, p, tlen, kOamInfoTypes, std::size(kOamInfoTypes), "Information", [&](uint8_t type) {
        if (type != 1 && type != 2) return true;
        if (nd.U8(p + 1) != kOamInfoLen) {
          nd.out.F("\n\t    ERROR: illegal length - should be %u", kOamInfoLen);
          return true;
        }
        nd.out.F("\n\t    OAM-Version %u, Revision %u", nd.U8(p + 2), nd.Be16(p + 3));
        uint8_t state = nd.U8(p + 5);
        nd.out.S("\n\t    State-Parser-Action ");
        Tok2Str(nd, kParserStates, "Reserved", state & 3);
        nd.out.S(", State-MUX-Action ");
        Tok2Str(nd, kMuxStates, "Reserved", state & 4);
        nd.out.S("\n\t    OAM-Config Flags [");
        BitTok2Str(nd, kOamConfig, "none", nd.U8(p + 6));
        nd.out.F("], OAM-PDU-Config max-PDU size %u", nd.Be16(p + 7) & 0x7ff);
        uint32_t oui = nd.Be24(p + 9);
        const char* name = OuiName(oui);
        nd.out.F("\n\t    OUI %s (0x%06x), Vendor-Private 0x%08x", name ? name : "Unknown", oui, nd.Be32(p + 12));
        return false;
      });
      break;
    case 0x01:
      if (tlen < 2) return TooShort(nd);
      nd.out.F("\n\t  Sequence Number %u", nd.Be16(p));
      tlen -= 2;
      p += 2;
      OamTlvs(nd, p, tlen, kLinkEvents, std::size(kLinkEvents), "Link Event", [&](uint8_t type) {
        if (type < 1 || type > 4) return true;
        if (nd.U8(p + 1) != kLinkEventLen) {
          nd.out.F("\n\t    ERROR: illegal length - should be %u", kLinkEventLen);
          return true;
        }
        nd.out.F(
            "\n\t    Timestamp %u ms, Errored Window %llu\n\t    Errored Threshold %llu\n\t    Errors %llu\n\t    "
            "Error Running Total %llu\n\t    Event Running Total %u",
            nd.Be16(p + 2) * 100, (unsigned long long)nd.Be64(p + 4), (unsigned long long)nd.Be64(p + 12),
            (unsigned long long)nd.Be64(p + 20), (unsigned long long)nd.Be64(p + 28), nd.Be32(p + 36));
        return false;
      });
      break;
    case 0x04: {
      if (tlen < 1) return TooShort(nd);
      uint8_t cmd = nd.U8(p);
      nd.out.S("\n\t  Command ");
      Tok2Str(nd, kLoopbackCmds, "Unknown", cmd);
      nd.out.F(" (%u)", cmd);
      break;
    }
    default:
      if (nd.o.verbose <= 1) PrintUnknownData(nd, p, "\n\t  ", tlen);
      break;
  }
}

}  // namespace

void SlowPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "slow";
  auto too_short = [&] { nd.out.S(nd.o.verbose ? "\n\t\t packet is too short" : " (packet is too short)"); };
  if (len < 1) return too_short();
  uint8_t subtype = nd.U8(p);
  int print_version;
  switch (subtype) {
    case 1:
    case 2:
      if (len < 2) return too_short();
      if (nd.U8(p + 1) != 1) {
        nd.out.F("%s version %u packet not supported", subtype == 1 ? "LACP" : "MARKER", nd.U8(p + 1));
        return;
      }
      print_version = 1;
      break;
    case 3:
      print_version = 0;
      break;
    default:
      print_version = -1;
      break;
  }
  Tok2Str(nd, kProtos, "unknown (%u)", subtype);
  if (print_version == 1) {
    nd.out.F("v%u, length %u", nd.U8(p + 1), len);
  } else {
    nd.out.F(", length %u", len);
  }
  if (print_version == -1) {
    PrintUnknownData(nd, p, "\n\t", len);
    return;
  }
  if (!nd.o.verbose) return;
  if (subtype == 3) {
    OamPrint(nd, p + 1, len - 1);
  } else {
    MarkerLacpPrint(nd, p + 2, len - 2, subtype);
  }
}

}  // namespace ringdump::print
