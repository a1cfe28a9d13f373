// MPLS label stacks (print-mpls.c, ethertypes 0x8847/0x8848): every label entry (label, reserved-label
// name with -v, traffic class, bottom-of-stack, TTL), then the payload: IPv4 or IPv6 by an explicit or
// implicit NULL label or by the first payload byte, else a hex dump.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr const char* kLabelNames[] = {"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL",
                                       "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
                                       "rsvd", "rsvd", "rsvd"};

}  // namespace

void MplsPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "mpls";
  const uint8_t* p = bp;
  nd.out.S("MPLS");
  uint32_t entry;
  uint32_t depth = 0;
  do {
    if (length < 4) {
      nd.PrintInvalid();
      nd.Check(p, length);
      return;
    }
    entry = nd.Be32(p);
    uint32_t label = entry >> 12;
    nd.out.F("%s(label %u", (depth && nd.o.verbose) ? "\n\t" : " ", label);
    depth++;
    if (nd.o.verbose && label < std::size(kLabelNames)) nd.out.F(" (%s)", kLabelNames[label]);
    nd.out.F(", tc %u", (entry >> 9) & 7);
    if (entry & 0x100) nd.out.S(", [S]");
    nd.out.F(", ttl %u)", entry & 0xff);
    p += 4;
    length -= 4;
  } while (!(entry & 0x100));
  enum { kUnknown, kIp4, kIp6, kOsi } pt = kUnknown;
  switch (entry >> 12) {
    case 0:
    case 3:
      pt = kIp4;
      break;
    case 2:
      pt = kIp6;
      break;
    default: {
      if (length < 1) return;
      uint8_t first = nd.U8(p);
      pt = (first >= 0x45 && first <= 0x4f)   ? kIp4
           : (first >= 0x60 && first <= 0x6f) ? kIp6
           : (first >= 0x81 && first <= 0x83) ? kOsi
                                               : kUnknown;
      break;
    }
  }
  switch (pt) {
    case kIp4:
      nd.out.S(nd.o.verbose ? "\n\t" : " ");
      IpPrint(nd, p, length);
      break;
    case kIp6:
      nd.out.S(nd.o.verbose ? "\n\t" : " ");
      Ip6Print(nd, p, length);
      break;
    case kOsi:  // no OSI printer: what tcpdump prints for a truncated or unknown one is not attempted
    case kUnknown:
      if (!nd.suppress_default_print) DefaultPrint(nd, p, length);
      break;
  }
}

}  // namespace ringdump::print
