// EAP packets (print-eap.c's eap_print, RFC 3748), as RADIUS prints an EAP-Message attribute: the code,
// id and length, and for a request or response its type and the little tcpdump decodes of it (identity,
// notification, the NAK list, TLS/TTLS/FAST flags, AKA/SIM subtype). A packet whose length is not the
// attribute's is a fragment and printed as such.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kCodes[] = {{1, "Request"}, {2, "Response"}, {3, "Success"}, {4, "Failure"}};

constexpr Tok kTypes[] = {{0, "No proposed"},
                          {1, "Identity"},
                          {2, "Notification"},
                          {3, "Nak"},
                          {4, "MD5-challenge"},
                          {5, "OTP"},
                          {6, "GTC"},
                          {13, "TLS"},
                          {18, "SIM"},
                          {21, "TTLS"},
                          {23, "AKA"},
                          {43, "FAST"},
                          {254, "Expanded types"},
                          {255, "Experimental"}};

constexpr Tok kAkaSubtypes[] = {{1, "Challenge"},     {2, "Auth reject"}, {4, "Sync failure"},
                                {5, "Identity"},      {10, "Start"},      {11, "Challenge"},
                                {12, "Notification"}, {13, "Reauth"},     {14, "Client error"}};

const char* NameOr(const char* name, const char* dflt) { return name ? name : dflt; }

// TLS, TTLS and FAST: version (TTLS, FAST), flags and, with the L bit, the TLS message length.
void TlsFlagsPrint(Nd& nd, const uint8_t* cp, uint8_t type, uint16_t len) {
  uint8_t flags = nd.U8(cp + 5);
  if (type == 21) nd.out.F(" TTLSv%u", flags & 7);
  if (type == 43) nd.out.F(" FASTv%u", flags & 7);
  static constexpr Tok kFlags[] = {{0x80, "L bit"}, {0x40, "More fragments bit"}, {0x20, "Start bit"}};
  nd.out.S(" flags [");
  bool any = false;
  for (const Tok& f : kFlags) {
    if (flags & f.value) {
      if (any) nd.out.S(", ");
      nd.out.S(f.name);
      any = true;
    }
  }
  if (!any) nd.out.S("none");
  nd.out.F("] 0x%02x", flags);
  if (!(flags & 0x80)) return;
  if (len < 10) {
    nd.out.F(" (too short for EAP %s request/response with length)", type == 43 ? "FAST" : "TLS/TTLS");
    return;
  }
  nd.out.F(", len %u", nd.Be32(cp + 6));
}

}  // namespace

void EapPrint(Nd& nd, const uint8_t* cp, uint32_t length) {
  uint8_t code = nd.U8(cp);
  uint16_t len = nd.Be16(cp + 2);
  if (len != length) {
    nd.out.S("EAP fragment?");
    return;
  }
  nd.out.F("%s (%u), id %u, len %u", NameOr(TokName(kCodes, code), "unknown"), code, nd.U8(cp + 1), len);
  if (len < 4) {
    nd.out.S(" (too short for EAP header)");
    return;
  }
  if (!nd.TTest(cp, len)) return nd.PrintTrunc();  // ND_TCHECK_LEN: the marker, not a longjmp
  if (code != 1 && code != 2) return;
  if (len < 5) {
    nd.out.S(" (too short for EAP request/response)");
    return;
  }
  uint8_t type = nd.U8(cp + 4);
  nd.out.F("\n\t\t Type %s (%u)", NameOr(TokName(kTypes, type), "unknown"), type);
  const char* short_for = type == 2                ? "EAP Notification"
                          : type == 3              ? "EAP Legacy NAK"
                          : type == 13 || type == 21 ? "EAP TLS/TTLS"
                          : type == 43             ? "EAP FAST"
                          : type == 18 || type == 23 ? "EAP SIM/AKA"
                                                   : nullptr;
  if (short_for && len < 6) {
    nd.out.F(" (too short for %s request/response)", short_for);
    return;
  }
  switch (type) {
    case 1:
    case 2:
      if (len > 5) {
        nd.out.S(type == 1 ? ", Identity: " : ", Notification: ");
        PrintStringN(nd, cp + 5, len - 5u);
      }
      break;
    case 3: {  // the authentication types the peer would accept
      const char* sep = "";
      for (uint32_t i = 5; i < len; i++) {
        uint8_t t = nd.U8(cp + i);
        nd.out.F("%s %s (%u)", sep, NameOr(TokName(kTypes, t), "unknown"), t);
        sep = ",";
      }
      break;
    }
    case 13:
    case 21:
    case 43:
      TlsFlagsPrint(nd, cp, type, len);
      break;
    case 18:
    case 23: {
      uint8_t sub = nd.U8(cp + 5);
      nd.out.F(" subtype [%s] 0x%02x", NameOr(TokName(kAkaSubtypes, sub), "unknown"), sub);
      break;
    }
    default:
      break;
  }
}

}  // namespace ringdump::print
