// BFD (print-bfd.c): control packets of versions 0 and 1 by destination port (control, multihop, LAG),
// one line without -v, the timers, discriminators and authentication section (password, keyed MD5 and
// SHA1 digests) with -v; echo packets and other versions as their length (and hex with -v).
#include "dissect.hpp"

namespace ringdump::print {
namespace {

struct BfdHeader {
  NdU8 version_diag, flags, detect_time_multiplier, length;
  NdU32 my_discriminator, your_discriminator, desired_min_tx_interval, required_min_rx_interval,
      required_min_echo_interval;
};
struct BfdAuthHeader {
  NdU8 auth_type, auth_len, auth_data, dummy;
};

constexpr uint16_t kControlPort = 3784, kEchoPort = 3785, kMultihopPort = 4784, kLagPort = 6784;
constexpr uint8_t kFlagAuth = 0x04;

const Tok kAuthTypes[] = {{1, "Simple Password"},
                          {2, "Keyed MD5"},
                          {3, "Meticulous Keyed MD5"},
                          {4, "Keyed SHA1"},
                          {5, "Meticulous Keyed SHA1"}};
const Tok kDiag[] = {{0, "No Diagnostic"},
                     {1, "Control Detection Time Expired"},
                     {2, "Echo Function Failed"},
                     {3, "Neighbor Signaled Session Down"},
                     {4, "Forwarding Plane Reset"},
                     {5, "Path Down"},
                     {6, "Concatenated Path Down"},
                     {7, "Administratively Down"},
                     {8, "Reverse Concatenated Path Down"}};
const Tok kPorts[] = {{kControlPort, "Control"}, {kMultihopPort, "Multihop"}, {kLagPort, "Lag"}};
const Tok kV0Flags[] = {{0x80, "I Hear You"},
                        {0x40, "Demand"},
                        {0x20, "Poll"},
                        {0x10, "Final"},
                        {0x08, "Control Plane Independent"},
                        {kFlagAuth, "Authentication Present"},
                        {0x02, "Reserved"},
                        {0x01, "Reserved"}};
const Tok kV1Flags[] = {{0x20, "Poll"},
                        {0x10, "Final"},
                        {0x08, "Control Plane Independent"},
                        {kFlagAuth, "Authentication Present"},
                        {0x02, "Demand"},
                        {0x01, "Multipoint"}};
const Tok kV1States[] = {{0, "AdminDown"}, {1, "Down"}, {2, "Init"}, {3, "Up"}};

void Digest(Nd& nd, const uint8_t* p, uint32_t auth_len, uint32_t want, const char* label,
            uint32_t hash_len) {
  if (auth_len != want) {
    nd.out.F("[invalid length %u]", auth_len);
    return;
  }
  nd.out.F(", Sequence Number: 0x%08x", nd.Be32(p + 2));
  p += 6;
  nd.Check(p, hash_len);
  nd.out.S(label);
  for (uint32_t i = 0; i < hash_len; i++) nd.out.X(nd.U8(p + i), 2);
}

void AuthPrint(Nd& nd, const uint8_t* p) {
  p += sizeof(BfdHeader);
  const auto* a = Layout<BfdAuthHeader>(p);
  nd.CheckField(*a);
  uint8_t type = nd.Get(a->auth_type), len = nd.Get(a->auth_len);
  nd.out.S("\n\tAuthentication: ");
  Tok2Str(nd, kAuthTypes, "Unknown", type);
  nd.out.F(" (%u), length: %u", type, len);
  p += 2;
  nd.out.F("\n\t  Auth Key ID: %u", nd.U8(p));
  switch (type) {
    case 1:
      if (len < 4 || len > 19) {
        nd.out.F("[invalid length %u]", len);
        break;
      }
      nd.out.S(", Password: ");
      PrintCharsN(nd, p + 1, len - 3u);
      break;
    case 2:
    case 3:
      Digest(nd, p, len, 24, "\n\t  Digest: ", 16);
      break;
    case 4:
    case 5:
      Digest(nd, p, len, 28, "\n\t  Hash: ", 20);
      break;
    default:
      break;
  }
}

void Verbose(Nd& nd, const BfdHeader* h) {
  uint32_t mult = nd.Get(h->detect_time_multiplier), tx = nd.Get(h->desired_min_tx_interval);
  nd.out.F("\n\tDetection Timer Multiplier: %u (%u ms Detection time), BFD Length: %u", mult,
           uint32_t(mult * tx) / 1000, nd.Get(h->length));
  nd.out.F("\n\tMy Discriminator: 0x%08x", nd.Get(h->my_discriminator));
  nd.out.F(", Your Discriminator: 0x%08x", nd.Get(h->your_discriminator));
  nd.out.F("\n\t  Desired min Tx Interval:    %4u ms", tx / 1000);
  nd.out.F("\n\t  Required min Rx Interval:   %4u ms", nd.Get(h->required_min_rx_interval) / 1000);
  nd.out.F("\n\t  Required min Echo Interval: %4u ms", nd.Get(h->required_min_echo_interval) / 1000);
}

}  // namespace

void BfdPrint(Nd& nd, const uint8_t* p, uint32_t len, uint16_t port) {
  nd.protocol = "bfd";
  if (port == kEchoPort || (port != kControlPort && port != kMultihopPort && port != kLagPort)) {
    if (port == kEchoPort) {
      nd.out.F("BFD, Echo, length: %u", len);
    } else {
      nd.out.F("BFD, unknown (%u), length: %u", port, len);
    }
    if (nd.o.verbose) PrintUnknownData(nd, p, "\n\t", len);
    return;
  }
  const auto* h = Layout<BfdHeader>(p);
  nd.CheckField(*h);
  uint8_t version_diag = nd.Get(h->version_diag), flags = nd.Get(h->flags);
  uint32_t version = version_diag >> 5, diag = version_diag & 0x1f;
  if (version > 1) {
    nd.out.F("BFDv%u, Control, length: %u", version, len);
    if (nd.o.verbose) PrintUnknownData(nd, p, "\n\t", len);
    return;
  }
  if (version == 0) {
    if (!nd.o.verbose) {
      nd.out.S("BFDv0, Control, Flags: [");
      BitTok2Str(nd, kV0Flags, "none", flags);
      nd.out.F("], length: %u", len);
      return;
    }
    nd.out.F("BFDv0, length: %u\n\tControl, Flags: [", len);
    BitTok2Str(nd, kV0Flags, "none", flags);
  } else {
    auto line = [&] {
      Tok2Str(nd, kPorts, "unknown (%u)", port);
      nd.out.S(", State ");
      Tok2Str(nd, kV1States, "unknown (%u)", (flags & 0xc0) >> 6);
      nd.out.S(", Flags: [");
      BitTok2Str(nd, kV1Flags, "none", flags & 0x3f);
    };
    if (!nd.o.verbose) {
      nd.out.S("BFDv1, ");
      line();
      nd.out.F("], length: %u", len);
      return;
    }
    nd.out.F("BFDv1, length: %u\n\t", len);
    line();
  }
  nd.out.S("], Diagnostic: ");
  Tok2Str(nd, kDiag, "unknown", diag);
  nd.out.F(" (0x%02x)", diag);
  Verbose(nd, h);
  if (flags & kFlagAuth) AuthPrint(nd, p);
}

}  // namespace ringdump::print
