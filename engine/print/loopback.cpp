// Ethernet configuration testing protocol (print-loopback.c, ethertype 0x9000, the keepalives Cisco
// switches send): the skip count, then the first message (reply with its receipt number, or forward
// data with its forwarding address).
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kFunctions[] = {{1, "Reply"}, {2, "Forward Data"}};

void Invalid(Nd& nd, const uint8_t* cp, uint32_t len) {
  nd.PrintInvalid();
  nd.Check(cp, len);
}

void MessagePrint(Nd& nd, const uint8_t* cp, uint32_t len) {
  if (len < 2) return Invalid(nd, cp, len);
  uint16_t function = nd.Le16(cp);
  cp += 2;
  len -= 2;
  nd.out.S(", ");
  Tok2Str(nd, kFunctions, " invalid (%u)", function);
  switch (function) {
    case 1:
      if (len < 2) return Invalid(nd, cp, len);
      nd.out.F(", receipt number %u", nd.Le16(cp));
      cp += 2;
      len -= 2;
      nd.out.F(", data (%u octets)", len);
      break;
    case 2:
      if (len < 6) return Invalid(nd, cp, len);
      nd.Check(cp, 6);
      nd.out.S(", forwarding address ");
      PrintEtherAddr(nd, cp);
      cp += 6;
      len -= 6;
      nd.out.F(", data (%u octets)", len);
      break;
    default:
      break;
  }
  nd.Check(cp, len);
}

}  // namespace

void LoopbackPrint(Nd& nd, const uint8_t* cp, uint32_t len) {
  nd.protocol = "loopback";
  nd.out.S("Loopback");
  if (len < 2) return Invalid(nd, cp, len);
  uint16_t skip = nd.Le16(cp);
  cp += 2;
  len -= 2;
  nd.out.F(", skipCount %u", skip);
  if (skip % 8) nd.out.S(" (bogus)");
  if (skip > len) return Invalid(nd, cp, len);
  nd.Check(cp, skip);
  cp += skip;
  len -= skip;
  MessagePrint(nd, cp, len);
}

}  // namespace ringdump::print
