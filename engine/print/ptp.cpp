// IEEE 1588 Precision Time Protocol (print-ptp.c), over ethertype 0x88f7 and UDP ports 319/320:
// version 2's common header (message type, domain, flags, correction, clock and port
// identity, sequence, control) and each message's timestamps, announce fields or port identity.
// Version 1 prints "(not implemented)", as tcpdump.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kMsgTypes[] = {{0x0, "sync msg"},           {0x1, "delay req msg"},      {0x2, "peer delay req msg"},
                             {0x3, "peer delay resp msg"}, {0x8, "follow up msg"},       {0x9, "delay resp msg"},
                             {0xa, "pdelay resp fup msg"}, {0xb, "announce msg"},        {0xc, "signalling msg"},
                             {0xd, "management msg"}};
constexpr Tok kControl[] = {{0, "Sync"},       {1, "Delay_Req"},  {2, "Follow_Up"},
                            {3, "Delay_Resp"}, {4, "Management"}, {5, "Other"}};
constexpr Tok kFlags[] = {{0x1, "l1 61"},
                          {0x2, "l1 59"},
                          {0x4, "utc reasonable"},
                          {0x8, "timescale"},
                          {0x10, "time tracable"},
                          {0x20, "frequency tracable"},
                          {0x100, "alternate master"},
                          {0x200, "two step"},
                          {0x400, "unicast"},
                          {0x1000, "profile specific 1"},
                          {0x2000, "profile specific 2"},
                          {0x4000, "security mask"},
                          {0x18c0, "unknown"}};

constexpr const char* kPreciseOrigin = "preciseOriginTimeStamp";
constexpr const char* kOrigin = "originTimeStamp";
constexpr const char* kReceive = "receiveTimeStamp";

uint64_t Be48(Nd& nd, const uint8_t* p) { return uint64_t(nd.Be16(p)) << 32 | nd.Be32(p + 2); }

void Timestamp(Nd& nd, const uint8_t* bp, const char* what, const char* sep) {
  nd.out.F(", %s :", what);
  nd.out.F(" %llu seconds%s", (unsigned long long)Be48(nd, bp), sep);
  nd.out.F(" %u nanoseconds", nd.Be32(bp + 6));
}

void PortId(Nd& nd, const uint8_t* bp) {
  nd.out.F(", port identity : 0x%llx", (unsigned long long)nd.Be64(bp));
  nd.out.F(", port id : %u", nd.Be16(bp + 8));
}

void TimestampIdentity(Nd& nd, const uint8_t* bp, const char* what) {
  Timestamp(nd, bp, what, ",");
  PortId(nd, bp + 10);
}

void Announce(Nd& nd, const uint8_t* bp) {
  Timestamp(nd, bp, kOrigin, "");
  bp += 10;
  nd.out.F(", origin cur utc :%u", nd.Be16(bp));
  nd.out.F(", rsvd : %u", nd.U8(bp + 2));
  nd.out.F(", gm priority_1 : %u", nd.U8(bp + 3));
  nd.out.F(", gm clock class : %u", nd.U8(bp + 4));
  nd.out.F(", gm clock accuracy : %u", nd.U8(bp + 5));
  nd.out.F(", gm clock variance : %u", nd.Be16(bp + 6));
  nd.out.F(", gm priority_2 : %u", nd.U8(bp + 8));
  nd.out.F(", gm clock id : 0x%llx", (unsigned long long)nd.Be64(bp + 9));
  nd.out.F(", steps removed : %u", nd.Be16(bp + 17));
  nd.out.F(", time source : 0x%x", nd.U8(bp + 19));
}

// print-ptp.c's management message: the port identity, then four one-byte fields that (as print_field
// takes the pointer by value) all read the first byte of the body.
void Management(Nd& nd, const uint8_t* bp) {
  PortId(nd, bp);
  static const struct {
    const char* name;
    bool hex;
  } kFields[] = {{", start boundary hops ", false}, {", boundary hops ", false}, {", flags ", true}, {", reserved ", true}};
  for (const auto& f : kFields) {
    uint8_t v = nd.U8(bp);
    nd.out.F(", %s", f.name);
    nd.out.F(f.hex ? " 0x%x" : " %u", v);
  }
}

void Ptp2(Nd& nd, const uint8_t* bp) {
  uint8_t foct = nd.U8(bp);
  nd.out.F(", v1 compat : %s", (foct & 0x10) ? "yes" : "no");
  uint8_t msg_type = foct & 0x0f;
  nd.out.S(", msg type : ");
  Tok2Str(nd, kMsgTypes, "Reserved", msg_type);
  nd.out.F(", length : %u", nd.Be16(bp + 2));
  nd.out.F(", domain : %u", (nd.Be16(bp + 4) & 0xff00) >> 8);
  nd.out.F(", reserved1 : %u", nd.Be16(bp + 4) & 0xff);
  uint16_t flags = nd.Be16(bp + 6);
  nd.out.S(", Flags [");
  BitTok2Str(nd, kFlags, "none", flags);
  nd.out.C(']');
  nd.out.F(", NS correction : %llu", (unsigned long long)Be48(nd, bp + 8));
  nd.out.F(", sub NS correction : %u", nd.Be16(bp + 14));
  nd.out.F(", reserved2 : %u", nd.Be32(bp + 16));
  nd.out.F(", clock identity : 0x%llx", (unsigned long long)nd.Be64(bp + 20));
  nd.out.F(", port id : %u", nd.Be16(bp + 28));
  nd.out.F(", seq id : %u", nd.Be16(bp + 30));
  uint8_t control = nd.U8(bp + 32);
  nd.out.F(", control : %u (", control);
  Tok2Str(nd, kControl, "Reserved", control);
  nd.out.C(')');
  nd.out.F(", log message interval : %u", nd.Be16(bp + 32) & 0xff);
  const uint8_t* body = bp + 34;
  switch (msg_type) {
    case 0x0:
    case 0x1:
      Timestamp(nd, body, kOrigin, ",");
      break;
    case 0x2:
    case 0xa:
      TimestampIdentity(nd, body, kPreciseOrigin);
      break;
    case 0x3:
    case 0x9:
      TimestampIdentity(nd, body, kReceive);
      break;
    case 0x8:
      Timestamp(nd, body, kPreciseOrigin, ",");
      break;
    case 0xb:
      Announce(nd, body);
      break;
    case 0xc:
      PortId(nd, body);
      break;
    case 0xd:
      Management(nd, body);
      break;
    default:
      break;
  }
}

}  // namespace

void PtpPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "ptp";
  if (length < 0x22) {
    nd.out.F(" [length %u < %u]", length, 0x22u);
    nd.PrintInvalid();
    return;
  }
  uint32_t vers = nd.Be16(bp) & 0xff;
  nd.out.F("PTPv%u", vers);
  if (vers == 1) {
    nd.out.S(" (not implemented)");
  } else if (vers == 2) {
    Ptp2(nd, bp);
  }
}

}  // namespace ringdump::print
