// Spanning tree (print-stp.c): 802.1D configuration and TCN BPDUs and 802.1w RST BPDUs.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

void BridgeId(Nd& nd, const uint8_t* p) {
  nd.Check(p, 8);
  nd.out.F("%02x%02x.%02x:%02x:%02x:%02x:%02x:%02x", nd.U8(p), nd.U8(p + 1), nd.U8(p + 2), nd.U8(p + 3),
           nd.U8(p + 4), nd.U8(p + 5), nd.U8(p + 6), nd.U8(p + 7));
}

void ConfigBpdu(Nd& nd, const uint8_t* p, uint32_t length) {
  uint8_t flags = nd.U8(p + 4);
  static const struct {
    uint8_t bit;
    const char* name;
  } kFlags[] = {{0x01, "Topology change"}, {0x02, "Proposal"},  {0x10, "Learn"},
                {0x20, "Forward"},         {0x40, "Agreement"}, {0x80, "Topology change ACK"}};
  nd.out.S(", Flags [");
  const char* sep = "";
  bool any = false;
  for (const auto& f : kFlags) {
    if (flags & f.bit) {
      nd.out.S(sep);
      nd.out.S(f.name);
      sep = ", ";
      any = true;
    }
  }
  if (!any) nd.out.S("none");
  nd.out.C(']');
  nd.Check(p + 17, 10);  // bridge id and port id are read before the text is printed
  nd.out.S(", bridge-id ");
  BridgeId(nd, p + 17);
  nd.out.F(".%04x, length %u", nd.Be16(p + 25), length);
  if (!nd.o.verbose) return;
  nd.Check(p + 27, 8);
  nd.out.F("\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
           double(float(nd.Be16(p + 27)) / 256), double(float(nd.Be16(p + 29)) / 256),
           double(float(nd.Be16(p + 31)) / 256), double(float(nd.Be16(p + 33)) / 256));
  nd.Check(p + 5, 12);
  nd.out.S("\n\troot-id ");
  BridgeId(nd, p + 5);
  nd.out.F(", root-pathcost %u", nd.Be32(p + 13));
  if (nd.U8(p + 2) == 2) {
    static const char* kRole[] = {"Unknown", "Alternate", "Root", "Designated"};
    nd.out.F(", port-role %s", kRole[(flags & 0x0c) >> 2]);
  }
}

}  // namespace

// stp_print (print-stp.c): 802.1D and 802.1w BPDUs; MSTP/SPB details are not dissected.
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
  static const char* kVersions[] = {"802.1d", nullptr, "802.1w", "802.1s", "802.1aq"};
  if (version <= 4 && kVersions[version]) {
    nd.out.F("STP %s", kVersions[version]);
  } else {
    nd.out.F("STP Unknown STP protocol (0x%02x)", version);
    return;
  }
  uint8_t type = nd.U8(p + 3);
  const char* tn = type == 0      ? "Config"
                   : type == 2    ? "Rapid STP"
                   : type == 0x80 ? "Topology Change"
                                  : nullptr;
  if (tn) {
    nd.out.F(", %s", tn);
  } else {
    nd.out.F(", Unknown BPDU Type (0x%02x)", type);
  }
  if (type == 0) {
    if (length < 35) {
      nd.PrintInvalid();
      return;
    }
    ConfigBpdu(nd, p, length);
  } else if (type == 2 && version == 2) {
    if (length < 36) {
      nd.PrintInvalid();
      return;
    }
    ConfigBpdu(nd, p, length);
  } else if (type == 2 && (version == 3 || version == 4) && length < 102) {
    nd.PrintInvalid();  // shorter than an MST BPDU (whose MSTI records are not dissected)
  }
}

}  // namespace ringdump::print
