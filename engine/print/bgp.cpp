// BGP (print-bgp.c): ": BGP" after the TCP header; with -v each message found in the segment (by its
// 16-byte marker) with its type and length, and the decoded body of OPEN (version, AS, hold time, id,
// optional parameters and capabilities), NOTIFICATION (error code and subcode, Cease details),
// ROUTE-REFRESH and KEEPALIVE, and of UPDATE only the End-of-RIB marker: withdrawn routes, path
// attributes and prefixes are not decoded yet (-v prints the message line only).
#include <cstring>
#include <span>

#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint32_t kHeaderSize = 19, kOpenSize = 29, kNotificationSize = 21, kRouteRefreshSize = 23;

constexpr Tok kMsgTypes[] = {
    {1, "Open"}, {2, "Update"}, {3, "Notification"}, {4, "Keepalive"}, {5, "Route Refresh"}};
constexpr Tok kOptions[] = {{1, "Authentication Information"}, {2, "Capabilities Advertisement"}};
constexpr Tok kCapCodes[] = {{1, "Multiprotocol Extensions"},
                             {2, "Route Refresh"},
                             {3, "Cooperative Route Filtering"},
                             {4, "Multiple Routes to a Destination"},
                             {5, "Extended Next Hop Encoding"},
                             {8, "Multiple Labels"},
                             {64, "Graceful Restart"},
                             {65, "32-Bit AS Number"},
                             {67, "Dynamic Capability"},
                             {68, "Multisession BGP"},
                             {69, "Multiple Paths"},
                             {70, "Enhanced Route Refresh"},
                             {71, "Long-lived Graceful Restart"},
                             {128, "Route Refresh (Cisco)"}};
// af_values (af.c).
constexpr Tok kAfi[] = {
    {0, "Reserved"},   {1, "IPv4"},         {2, "IPv6"},          {3, "NSAP"},
    {4, "HDLC"},       {5, "BBN 1822"},     {6, "802"},           {7, "E.163"},
    {8, "E.164"},      {9, "F.69"},         {10, "X.121"},        {11, "Novell IPX"},
    {12, "Appletalk"}, {13, "Decnet IV"},   {14, "Banyan Vines"}, {15, "E.164 with NSAP subaddress"},
    {25, "VPLS"},      {196, "Layer-2 VPN"}};
constexpr Tok kSafi[] = {{0, "Reserved"},
                         {1, "Unicast"},
                         {2, "Multicast"},
                         {3, "Unicast+Multicast"},
                         {4, "labeled Unicast"},
                         {5, "Multicast VPN"},
                         {64, "Tunnel"},
                         {65, "VPLS"},
                         {66, "MDT"},
                         {70, "EVPN"},
                         {128, "labeled VPN Unicast"},
                         {129, "labeled VPN Multicast"},
                         {130, "labeled VPN Unicast+Multicast"},
                         {132, "Route Target Routing Information"}};
constexpr Tok kNotifyMajor[] = {{1, "Message Header Error"},       {2, "OPEN Message Error"},
                                {3, "UPDATE Message Error"},       {4, "Hold Timer Expired"},
                                {5, "Finite State Machine Error"}, {6, "Cease"},
                                {7, "Capability Message Error"}};
constexpr Tok kMinorMsg[] = {
    {1, "Connection Not Synchronized"}, {2, "Bad Message Length"}, {3, "Bad Message Type"}};
constexpr Tok kMinorOpen[] = {{1, "Unsupported Version Number"}, {2, "Bad Peer AS"},
                              {3, "Bad BGP Identifier"},         {4, "Unsupported Optional Parameter"},
                              {5, "Authentication Failure"},     {6, "Unacceptable Hold Time"},
                              {7, "Capability Message Error"}};
constexpr Tok kMinorUpdate[] = {{1, "Malformed Attribute List"},
                                {2, "Unrecognized Well-known Attribute"},
                                {3, "Missing Well-known Attribute"},
                                {4, "Attribute Flags Error"},
                                {5, "Attribute Length Error"},
                                {6, "Invalid ORIGIN Attribute"},
                                {7, "AS Routing Loop"},
                                {8, "Invalid NEXT_HOP Attribute"},
                                {9, "Optional Attribute Error"},
                                {10, "Invalid Network Field"},
                                {11, "Malformed AS_PATH"}};
constexpr Tok kMinorFsm[] = {{0, "Unspecified Error"},
                             {1, "In OpenSent State"},
                             {2, "In OpenConfirm State"},
                             {3, "In Established State"}};
constexpr Tok kMinorCap[] = {{1, "Invalid Action Value"},
                             {2, "Invalid Capability Length"},
                             {3, "Malformed Capability Value"},
                             {4, "Unsupported Capability Code"}};
constexpr Tok kMinorCease[] = {{1, "Maximum Number of Prefixes Reached"},
                               {2, "Administrative Shutdown"},
                               {3, "Peer Unconfigured"},
                               {4, "Administrative Reset"},
                               {5, "Connection Rejected"},
                               {6, "Other Configuration Change"},
                               {7, "Connection Collision Resolution"}};

// The subcode names of each error code, and what tcpdump prints before "subcode" (a comma, except for the
// finite state machine and capability errors).
struct NotifySubcodes {
  uint8_t major;
  std::span<const Tok> names;
  const char* lead;
};
constexpr NotifySubcodes kNotifySubcodes[] = {{1, kMinorMsg, ", "},   {2, kMinorOpen, ", "},
                                              {3, kMinorUpdate, ", "}, {5, kMinorFsm, " "},
                                              {6, kMinorCease, ", "},  {7, kMinorCap, " "}};

template <size_t N>
const char* Name(const Tok (&table)[N], uint32_t v, const char* dflt) {
  const char* n = TokName(table, v);
  return n ? n : dflt;
}

void AfiSafi(Nd& nd, const char* fmt_prefix, uint16_t afi, uint8_t safi) {
  nd.out.F("%sAFI %s (%u), SAFI %s (%u)", fmt_prefix, Name(kAfi, afi, "Unknown"), afi,
           Name(kSafi, safi, "Unknown"), safi);
}

// bgp_capabilities_print: the capabilities of one optional parameter. A cut one ends with [|bgp].
void CapabilitiesPrint(Nd& nd, const uint8_t* opt, uint32_t caps_len) {
  uint32_t i = 0;
  while (i < caps_len) {
    if (!nd.TTest(opt + i, 2)) return nd.PrintTrunc();
    uint8_t type = nd.U8(opt + i), len = nd.U8(opt + i + 1);
    nd.out.F("\n\t      %s (%u), length: %u", Name(kCapCodes, type, "Unknown"), type, len);
    if (!nd.TTest(opt + i + 2, len)) return nd.PrintTrunc();
    const uint8_t* c = opt + i + 2;
    switch (type) {
      case 1:
        if (len < 4) return nd.out.S(" (too short, < 4)");
        AfiSafi(nd, "\n\t\t", nd.Be16(c), nd.U8(c + 3));
        break;
      case 8:
        for (uint32_t off = 0; len - off >= 4; off += 4) {
          AfiSafi(nd, "\n\t\t", nd.Be16(c + off), nd.U8(c + off + 2));
          nd.out.F(", Count: %u", nd.U8(c + off + 3));
        }
        break;
      case 64:
        if (len < 2) return nd.out.S(" (too short, < 2)");
        nd.out.F("\n\t\tRestart Flags: [%s], Restart Time %us", (nd.U8(c) & 0x80) ? "R" : "none",
                 nd.Be16(c) & 0xfff);
        for (uint32_t off = 2; len - off >= 4; off += 4) {
          AfiSafi(nd, "\n\t\t  ", nd.Be16(c + off), nd.U8(c + off + 2));
          nd.out.F(", Forwarding state preserved: %s", (nd.U8(c + off + 3) & 0x80) ? "yes" : "no");
        }
        break;
      case 2:
      case 71:
      case 128:
        break;
      case 65:
        if (len < 4) return nd.out.S(" (too short, < 4)");
        nd.out.F("\n\t\t 4 Byte AS %u", nd.Be32(c));
        break;
      case 69:
        if (len == 0) {
          nd.out.S(" (bogus)");
          break;
        }
        for (uint32_t off = 0; off != len; off += 4) {
          if (len - off < 4) {
            nd.PrintInvalid();
            break;
          }
          static constexpr Tok kSendRecv[] = {{1, "Receive"}, {2, "Send"}, {3, "Both"}};
          uint16_t afi = nd.Be16(c + off);
          uint8_t safi = nd.U8(c + off + 2), sr = nd.U8(c + off + 3);
          AfiSafi(nd, "\n\t\t", afi, safi);
          if (const char* n = TokName(kSendRecv, sr)) {
            nd.out.F(", Send/Receive: %s", n);
          } else {
            nd.out.F(", Send/Receive: Bogus (0x%02x)", sr);
          }
        }
        break;
      default:
        nd.out.F("\n\t\tno decoder for Capability %u", type);
        if (nd.o.verbose <= 1) PrintUnknownData(nd, c, "\n\t\t", len);
        break;
    }
    if (nd.o.verbose > 1 && len != 0) PrintUnknownData(nd, c, "\n\t\t", len);
    i += 2 + len;
  }
}

void OpenPrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  if (!nd.TTest(dat, kOpenSize) || length < kOpenSize) return nd.PrintTrunc();
  nd.out.F("\n\t  Version %u, my AS %u, Holdtime %us, ID ", nd.U8(dat + 19), nd.Be16(dat + 20),
           nd.Be16(dat + 22));
  PrintIpAddr(nd, dat + 24);
  uint32_t optslen = nd.U8(dat + 28);
  nd.out.F("\n\t  Optional parameters, length: %u", optslen);
  const uint8_t* opt = dat + kOpenSize;
  length -= kOpenSize;
  for (uint32_t i = 0; i < optslen;) {
    if (!nd.TTest(opt + i, 2) || length < 2 + i) return nd.PrintTrunc();
    uint8_t type = nd.U8(opt + i), len = nd.U8(opt + i + 1);
    if (2 + i + len > optslen) {
      nd.out.F("\n\t     Option %u, length: %u, goes past the end of the options", type, len);
      break;
    }
    nd.out.F("\n\t    Option %s (%u), length: %u", Name(kOptions, type, "Unknown"), type, len);
    if (type == 2) {
      CapabilitiesPrint(nd, opt + i + 2, len);
    } else {
      nd.out.F("\n\t      no decoder for option %u", type);
    }
    i += 2 + len;
  }
}

// The Cease data of RFC 4486 (maximum prefixes) and RFC 9003 (shutdown communication).
void CeasePrint(Nd& nd, const uint8_t* dat, uint32_t length, uint8_t minor) {
  const uint8_t* tptr = dat + kNotificationSize;
  if (minor == 1 && length >= kNotificationSize + 7) {
    uint16_t afi = nd.Be16(tptr);
    uint8_t safi = nd.U8(tptr + 2);
    uint32_t max = nd.Be32(tptr + 3);
    AfiSafi(nd, ", ", afi, safi);
    nd.out.F(", Max Prefixes: %u", max);
  }
  if ((minor == 2 || minor == 4) && length >= kNotificationSize + 1) {
    uint8_t comm_len = nd.U8(tptr);
    uint32_t rest = 0;
    if (comm_len > length - (kNotificationSize + 1)) {
      nd.out.S(", invalid Shutdown Communication length");
    } else if (comm_len == 0) {
      nd.out.S(", empty Shutdown Communication");
      rest = 1;
    } else {
      nd.out.F(", Shutdown Communication (length: %u): \"", comm_len);
      PrintCharsN(nd, tptr + 1, comm_len);
      nd.out.C('"');
      rest = comm_len + 1u;
    }
    if (length - (rest + kNotificationSize) > 0) {
      nd.out.F(", Data: (length: %u)", length - (rest + kNotificationSize));
      HexPrint(nd, "\n\t\t", tptr + rest, length - (rest + kNotificationSize));
    }
  }
}

void NotificationPrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  if (!nd.TTest(dat, kNotificationSize)) return nd.PrintTrunc();
  if (length < kNotificationSize) return;
  uint8_t major = nd.U8(dat + 19), minor = nd.U8(dat + 20);
  nd.out.F(", %s (%u)", Name(kNotifyMajor, major, "Unknown Error"), major);
  for (const NotifySubcodes& s : kNotifySubcodes) {
    if (s.major != major) continue;
    const char* name = TokName(s.names.data(), s.names.size(), minor);
    nd.out.F("%ssubcode %s (%u)", s.lead, name ? name : "Unknown", minor);
    if (major == 6) CeasePrint(nd, dat, length, minor);
  }
}

void RouteRefreshPrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  if (!nd.TTest(dat, kRouteRefreshSize)) return nd.PrintTrunc();
  if (length < kRouteRefreshSize) return;
  AfiSafi(nd, "\n\t  ", nd.Be16(dat + 19), nd.U8(dat + 22));
  if (nd.o.verbose > 1) {
    if (!nd.TTest(dat, length)) return nd.PrintTrunc();
    PrintUnknownData(nd, dat, "\n\t  ", length);
  }
}

// bgp_update_print, the part before the routes: the lengths and the End-of-RIB marker. Withdrawn
// routes, path attributes and prefixes are not decoded.
void UpdatePrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  const uint8_t* p = dat + kHeaderSize;
  length -= kHeaderSize;
  if (!nd.TTest(p, 2) || length < 2) return nd.PrintTrunc();
  uint32_t withdrawn = nd.Be16(p);
  p += 2;
  length -= 2;
  if (withdrawn > 1) return;  // not decoded
  if (!nd.TTest(p, withdrawn) || length < withdrawn) return nd.PrintTrunc();
  p += withdrawn;
  length -= withdrawn;
  if (!nd.TTest(p, 2) || length < 2) return nd.PrintTrunc();
  uint32_t attrs = nd.Be16(p);
  if (withdrawn == 0 && attrs == 0 && length - 2 == 0) nd.out.S("\n\t  End-of-Rib Marker (empty NLRI)");
}

// bgp_pdu_print: one whole message (its hlen bytes are captured).
void PduPrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  uint8_t type = nd.U8(dat + 18);
  nd.out.F("\n\t%s Message (%u), length: %u", Name(kMsgTypes, type, "Unknown"), type, length);
  switch (type) {
    case 1:
      OpenPrint(nd, dat, length);
      break;
    case 2:
      UpdatePrint(nd, dat, length);
      break;
    case 4:
      break;
    case 3:
      NotificationPrint(nd, dat, length);
      break;
    case 5:
      RouteRefreshPrint(nd, dat, length);
      break;
    default:
      nd.out.F("\n\t  no Message %u decoder", type);
      PrintUnknownData(nd, dat, "\n\t  ", length);
      break;
  }
}

}  // namespace

void BgpPrint(Nd& nd, const uint8_t* dat, uint32_t) {
  static constexpr uint8_t kMarker[16] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                          0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  nd.protocol = "bgp";
  nd.out.S(": BGP");
  if (nd.o.verbose < 1) return;
  const uint8_t* p = dat;
  const uint8_t* start = p;
  while (p < nd.snapend) {
    if (nd.U8(p) != 0xff) {
      p++;
      continue;
    }
    if (!nd.TTest(p, sizeof kMarker)) break;
    if (memcmp(p, kMarker, sizeof kMarker) != 0) {
      p++;
      continue;
    }
    if (!nd.TTest(p, kHeaderSize)) return nd.PrintTrunc();
    if (start != p) nd.PrintTrunc();  // bytes skipped before this marker
    uint16_t hlen = nd.Be16(p + 16);
    if (hlen < kHeaderSize) {
      nd.out.F("\nmessage length %u < %u", hlen, kHeaderSize);
      nd.PrintInvalid();
      break;
    }
    if (!nd.TTest(p, hlen)) {
      nd.out.F("\n[|BGP %s]", Name(kMsgTypes, nd.U8(p + 18), "Unknown Message Type"));
      break;
    }
    PduPrint(nd, p, hlen);
    p += hlen;
    start = p;
  }
}

}  // namespace ringdump::print
