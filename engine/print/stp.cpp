// Spanning tree BPDUs (print-stp.c): 802.1D configuration and topology change, 802.1w rapid STP, and
// the MSTP (802.1s) and SPB (802.1aq) BPDUs with their CIST fields, MCID and per-MSTI records. Without
// -v one line (flags, bridge id); with -v the timers, root and, for MSTP, every MSTI.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint32_t kStpBpduLen = 36;  // sizeof(struct stp_bpdu_), through the v1 length byte
constexpr uint32_t kMstpMinLen = 102;
constexpr uint32_t kMstiLen = 16;
constexpr uint32_t kMstConfigInfoLen = 64;
constexpr uint32_t kSpbMinLen = 87;
// Offsets from the start of an MST BPDU.
constexpr uint32_t kV3LenOff = 36;
constexpr uint32_t kConfigNameOff = 39;
constexpr uint32_t kConfigDigestOff = 73;
constexpr uint32_t kCistIntPathCostOff = 89;
constexpr uint32_t kCistBridgeIdOff = 93;
constexpr uint32_t kCistRemainHopsOff = 101;
constexpr uint32_t kMstiOff = 102;

constexpr Tok kProtos[] = {{0, "802.1d"}, {2, "802.1w"}, {3, "802.1s"}, {4, "802.1aq"}};
constexpr Tok kFlags[] = {{0x01, "Topology change"}, {0x02, "Proposal"},  {0x10, "Learn"},
                          {0x20, "Forward"},         {0x40, "Agreement"}, {0x80, "Topology change ACK"}};
constexpr Tok kTypes[] = {{0x00, "Config"}, {0x02, "Rapid STP"}, {0x80, "Topology Change"}};
constexpr Tok kRoles[] = {{0, "Unknown"}, {1, "Alternate"}, {2, "Root"}, {3, "Designated"}};

const char* Role(uint8_t flags) { return TokName(kRoles, (flags & 0x0c) >> 2); }

void BridgeId(Nd& nd, const uint8_t* p) {
  nd.Check(p, 8);
  nd.out.F("%02x%02x.%02x:%02x:%02x:%02x:%02x:%02x", nd.U8(p), nd.U8(p + 1), nd.U8(p + 2), nd.U8(p + 3), nd.U8(p + 4), nd.U8(p + 5), nd.U8(p + 6), nd.U8(p + 7));
}

// The four timers, in 1/256 s; one ND_PRINT in tcpdump, so all are read before any is printed.
void Timers(Nd& nd, const uint8_t* p) {
  nd.Check(p + 27, 8);
  nd.out.F("\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
           double(float(nd.Be16(p + 27)) / 256), double(float(nd.Be16(p + 29)) / 256),
           double(float(nd.Be16(p + 31)) / 256), double(float(nd.Be16(p + 33)) / 256));
}

void ConfigBpdu(Nd& nd, const uint8_t* p, uint32_t length) {
  uint8_t flags = nd.U8(p + 4);
  nd.out.S(", Flags [");
  BitTok2Str(nd, kFlags, "none", flags);
  nd.out.C(']');
  nd.Check(p + 17, 10);  // bridge id and port id are read before the text is printed
  nd.out.S(", bridge-id ");
  BridgeId(nd, p + 17);
  nd.out.F(".%04x, length %u", nd.Be16(p + 25), length);
  if (!nd.o.verbose) return;
  Timers(nd, p);
  nd.Check(p + 5, 12);
  nd.out.S("\n\troot-id ");
  BridgeId(nd, p + 5);
  nd.out.F(", root-pathcost %u", nd.Be32(p + 13));
  if (nd.U8(p + 2) == 2) nd.out.F(", port-role %s", Role(flags));
}

void MstpBpdu(Nd& nd, const uint8_t* p, uint32_t length) {
  uint8_t flags = nd.U8(p + 4);
  nd.out.S(", CIST Flags [");
  BitTok2Str(nd, kFlags, "none", flags);
  nd.out.F("], length %u", length);
  if (!nd.o.verbose) return;
  nd.out.F("\n\tport-role %s, ", Role(flags));
  nd.Check(p + 5, 12);
  nd.out.S("CIST root-id ");
  BridgeId(nd, p + 5);
  nd.out.F(", CIST ext-pathcost %u", nd.Be32(p + 13));
  nd.Check(p + 17, 8);
  nd.out.S("\n\tCIST regional-root-id ");
  BridgeId(nd, p + 17);
  nd.out.S(", ");
  nd.out.F("CIST port-id %04x,", nd.Be16(p + 25));
  Timers(nd, p);
  nd.out.F("\n\tv3len %u, ", nd.Be16(p + kV3LenOff));
  nd.out.S("MCID Name ");
  PrintStringN(nd, p + kConfigNameOff, 32);
  nd.Check(p + kConfigNameOff + 32, 2);
  nd.Check(p + kConfigDigestOff, 16);
  nd.out.F(", rev %u,\n\t\tdigest %08x%08x%08x%08x, ", nd.Be16(p + kConfigNameOff + 32),
           nd.Be32(p + kConfigDigestOff), nd.Be32(p + kConfigDigestOff + 4), nd.Be32(p + kConfigDigestOff + 8),
           nd.Be32(p + kConfigDigestOff + 12));
  nd.out.F("CIST int-root-pathcost %u,", nd.Be32(p + kCistIntPathCostOff));
  nd.Check(p + kCistBridgeIdOff, 8);
  nd.out.S("\n\tCIST bridge-id ");
  BridgeId(nd, p + kCistBridgeIdOff);
  nd.out.S(", ");
  nd.out.F("CIST remaining-hops %u", nd.U8(p + kCistRemainHopsOff));
  uint16_t v3len = nd.Be16(p + kV3LenOff);
  if (v3len <= kMstConfigInfoLen) return;
  uint32_t len = v3len - kMstConfigInfoLen;
  uint32_t off = kMstiOff;
  while (len >= kMstiLen) {
    const uint8_t* m = p + off;
    uint16_t msti = nd.Be16(m + 1) & 0x0fff;
    uint8_t mflags = nd.U8(m);
    nd.out.F("\n\tMSTI %u, Flags [", msti);
    BitTok2Str(nd, kFlags, "none", mflags);
    nd.out.F("], port-role %s", Role(mflags));
    nd.Check(m + 1, 12);
    nd.out.S("\n\t\tMSTI regional-root-id ");
    BridgeId(nd, m + 1);
    nd.out.F(", pathcost %u", nd.Be32(m + 9));
    nd.Check(m + 13, 3);
    nd.out.F("\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u", nd.U8(m + 13) >> 4, nd.U8(m + 14) >> 4,
             nd.U8(m + 15));
    len -= kMstiLen;
    off += kMstiLen;
  }
}

void SpbBpdu(Nd& nd, const uint8_t* p, uint32_t off) {
  if (!nd.o.verbose) return;
  const uint8_t* s = p + off;
  nd.out.F("\n\tv4len %u, ", nd.Be16(s));
  nd.out.S("AUXMCID Name ");
  PrintStringN(nd, s + 3, 32);
  nd.Check(s + 35, 18);
  nd.out.F(", Rev %u,\n\t\tdigest %08x%08x%08x%08x", nd.Be16(s + 35), nd.Be32(s + 37), nd.Be32(s + 41),
           nd.Be32(s + 45), nd.Be32(s + 49));
  // Agreement at 53, format 55, convention 56, edge count 57, digest 67.
  nd.Check(s + 53, 5);
  nd.Check(s + 67, 20);
  uint8_t a = nd.U8(s + 53), f = nd.U8(s + 55), c = nd.U8(s + 56);
  nd.out.F(
      "\n\tAgreement num %u, Discarded Agreement num %u, Agreement valid-flag %u,\n\tRestricted role-flag: %u, "
      "Format id %u cap %u, Convention id %u cap %u,\n\tEdge count %u, Agreement digest %08x%08x%08x%08x%08x",
      a >> 6, a >> 4 & 3, a >> 3 & 1, a >> 2 & 1, f >> 4, f, c >> 4, c, nd.Be16(s + 57), nd.Be32(s + 67),
      nd.Be32(s + 71), nd.Be32(s + 75), nd.Be32(s + 79), nd.Be32(s + 83));
}

}  // namespace

void StpPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "stp";
  if (length < 4) {
    nd.PrintInvalid();
    return;
  }
  if (nd.Be16(p)) {
    nd.out.F("unknown STP version, length %u", length);
    return;
  }
  uint8_t version = nd.U8(p + 2);
  nd.out.S("STP ");
  Tok2Str(nd, kProtos, "Unknown STP protocol (0x%02x)", version);
  if (!TokName(kProtos, version)) return;
  uint8_t type = nd.U8(p + 3);
  nd.out.S(", ");
  Tok2Str(nd, kTypes, "Unknown BPDU Type (0x%02x)", type);
  if (type == 0) {
    if (length < kStpBpduLen - 1) return nd.PrintInvalid();
    ConfigBpdu(nd, p, length);
  } else if (type == 2 && version == 2) {
    if (length < kStpBpduLen) return nd.PrintInvalid();
    ConfigBpdu(nd, p, length);
  } else if (type == 2 && (version == 3 || version == 4)) {
    if (length < kMstpMinLen) return nd.PrintInvalid();
    if (nd.U8(p + 35) != 0) return nd.PrintInvalid();
    uint32_t mstp_len = uint32_t(nd.Be16(p + kV3LenOff)) + 2;
    if (length < kStpBpduLen + mstp_len) return nd.PrintInvalid();
    MstpBpdu(nd, p, length);
    if (version == 4) {
      uint32_t spb_len = uint32_t(nd.Be16(p + kV3LenOff + mstp_len)) + 2;
      if (length < kStpBpduLen + mstp_len + spb_len || spb_len < kSpbMinLen) return nd.PrintInvalid();
      SpbBpdu(nd, p, kStpBpduLen + mstp_len);
    }
  }
}

}  // namespace ringdump::print
