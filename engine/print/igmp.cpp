// IGMP (print-igmp.c): v1/v2 queries and reports, v3 queries and group-record reports (sources with
// -vv), the leave message and DVMRP/PIMv1 type names, and the -v checksum note.
#include "dissect.hpp"

namespace ringdump::print {

namespace {

const char* const kGroupRecord[] = {nullptr, "is_in", "is_ex", "to_in", "to_ex", "allow", "block"};

void IgmpV3Report(Nd& nd, const uint8_t* bp, uint32_t len) {
  if (len < 16 || (len & 3)) {
    nd.out.F(" [invalid len %u]", len);
    return;
  }
  uint32_t ngroups = nd.Be16(bp + 6);
  nd.out.F(", %u group record(s)", ngroups);
  if (nd.o.verbose == 0) return;
  uint32_t group = 8;
  for (uint32_t i = 0; i < ngroups; i++) {
    if (len < group + 8) {
      nd.out.S(" [invalid number of groups]");
      return;
    }
    nd.Check(bp + group + 4, 4);
    nd.out.S(" [gaddr ");
    PrintIpAddr(nd, bp + group + 4);
    uint8_t t = nd.U8(bp + group);
    if (t >= 1 && t <= 6) {
      nd.out.F(" %s", kGroupRecord[t]);
    } else {
      nd.out.F("  [v3-report-#%u]", t);
    }
    uint32_t nsrcs = nd.Be16(bp + group + 2);
    if (len < group + 8 + (nsrcs << 2)) {
      nd.out.F(" [invalid number of sources %u]", nsrcs);
      return;
    }
    if (nd.o.verbose == 1) {
      nd.out.F(", %u source(s)", nsrcs);
    } else {
      nd.out.S(" {");
      for (uint32_t j = 0; j < nsrcs; j++) {
        nd.out.C(' ');
        PrintIpAddr(nd, bp + group + 8 + (j << 2));
      }
      nd.out.S(" }");
    }
    group += 8 + (nsrcs << 2);
    nd.out.C(']');
  }
}

void IgmpV3Query(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.out.S(" v3");
  if (len < 12 || (len & 3)) {
    nd.out.F(" [invalid len %u]", len);
    return;
  }
  uint32_t mrc = nd.U8(bp + 1);
  uint32_t mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
  if (mrc != 100) {
    nd.out.S(" [max resp time ");
    if (mrt < 600) {
      nd.out.F("%.1fs", mrt * 0.1);
    } else {
      UnsignedReltsPrint(nd, mrt / 10);
    }
    nd.out.C(']');
  }
  if (nd.Be32(bp + 4) == 0) return;
  nd.out.S(" [gaddr ");
  PrintIpAddr(nd, bp + 4);
  uint32_t nsrcs = nd.Be16(bp + 10);
  if (nsrcs > 0) {
    if (len < 12 + (nsrcs << 2)) {
      nd.out.S(" [invalid number of sources]");  // and, as tcpdump does, the group's closing bracket
    } else if (nd.o.verbose > 1) {
      nd.out.S(" {");
      for (uint32_t i = 0; i < nsrcs; i++) {
        nd.out.C(' ');
        PrintIpAddr(nd, bp + 12 + (i << 2));
      }
      nd.out.S(" }");
    } else {
      nd.out.F(", %u source(s)", nsrcs);
    }
  }
  nd.out.C(']');
}

}  // namespace

void IgmpPrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "igmp";
  if (nd.o.quiet) {
    nd.out.S("igmp");
    return;
  }
  uint8_t type = nd.U8(bp);
  switch (type) {
    case 0x11:
      nd.out.S("igmp query");
      if (len >= 12) {
        IgmpV3Query(nd, bp, len);
      } else {
        uint32_t mrt = nd.U8(bp + 1);
        if (mrt != 0) {
          nd.out.S(" v2");
          if (mrt != 100) nd.out.F(" [max resp time %u]", mrt);
        } else {
          nd.out.S(" v1");
        }
        if (nd.Be32(bp + 4)) {
          nd.out.S(" [gaddr ");
          PrintIpAddr(nd, bp + 4);
          nd.out.C(']');
        }
        if (len != 8) nd.out.F(" [len %u]", len);
      }
      break;
    case 0x12:
      nd.Check(bp + 4, 4);
      nd.out.S("igmp v1 report ");
      PrintIpAddr(nd, bp + 4);
      if (len != 8) nd.out.F(" [len %u]", len);
      break;
    case 0x16:
      nd.Check(bp + 4, 4);
      nd.out.S("igmp v2 report ");
      PrintIpAddr(nd, bp + 4);
      break;
    case 0x22:
      nd.out.S("igmp v3 report");
      IgmpV3Report(nd, bp, len);
      break;
    case 0x17:
      nd.Check(bp + 4, 4);
      nd.out.S("igmp leave ");
      PrintIpAddr(nd, bp + 4);
      break;
    default:
      nd.out.F("igmp-%u", type);
      break;
  }
  if (nd.o.verbose && len >= 4 && nd.TTest(bp, len)) {
    if (InCksum(bp, len) != 0) nd.out.F(" bad igmp cksum %x!", nd.Be16(bp + 2));
  }
}
}  // namespace ringdump::print
