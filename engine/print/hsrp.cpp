// HSRP (print-hsrp.c): version 0 hellos, coups and resigns: state, group, virtual address, and with -v
// the timers, priority and authentication data. Other versions print their number only.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

struct Hsrp {
  NdU8 version, op_code, state, hellotime, holdtime, priority, group, reserved;
  uint8_t authdata[8];
  NdIpv4 virtaddr;
};

const char* const kOpCodes[] = {"hello", "coup", "resign"};
const Tok kStates[] = {{0, "initial"}, {1, "learn"},   {2, "listen"},
                       {4, "speak"},   {8, "standby"}, {16, "active"}};

}  // namespace

void HsrpPrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "hsrp";
  const auto* h = Layout<Hsrp>(bp);
  uint8_t version = nd.Get(h->version);
  nd.out.F("HSRPv%u", version);
  if (version != 0) return;
  // One output piece per tcpdump ND_PRINT, each after the field it reads: a truncated packet stops
  // between them exactly where tcpdump's does.
  nd.out.C('-');
  uint8_t op = nd.Get(h->op_code);
  if (op < 3) {
    nd.out.S(kOpCodes[op]);
  } else {
    nd.out.F("unknown (%u)", op);
  }
  nd.out.F(" %u: ", len);
  uint8_t state = nd.Get(h->state);
  nd.out.S("state=");
  Tok2Str(nd, kStates, "Unknown (%u)", state);
  nd.out.C(' ');
  nd.out.F("group=%u ", nd.Get(h->group));
  if (uint8_t r = nd.Get(h->reserved)) nd.out.F("[reserved=%u!] ", r);
  nd.CheckField(h->virtaddr);
  nd.out.S("addr=");
  PrintIpAddr(nd, Bytes(h->virtaddr));
  if (!nd.o.verbose) return;
  nd.out.S(" hellotime=");
  UnsignedReltsPrint(nd, nd.Get(h->hellotime));
  nd.out.S(" holdtime=");
  UnsignedReltsPrint(nd, nd.Get(h->holdtime));
  nd.out.F(" priority=%u auth=\"", nd.Get(h->priority));
  PrintStringN(nd, h->authdata, 8);
  nd.out.C('"');
}

}  // namespace ringdump::print
