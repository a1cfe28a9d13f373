// DHCPv6 (print-dhcp6.c): the message type; with -v the transaction id (or, for relay messages, the
// link and peer addresses) and the options, nested ones (IA_NA, IA_ADDR, relay-message ...) included.
// An option that runs past the end of its container prints " [|dhcp6]" and ends that option list only
// (tcpdump's local "goto trunc"); a read past the captured bytes ends the packet as everywhere else.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

const char* MsgTypeName(uint8_t t) {
  static const char* kTypes[] = {nullptr,     "solicit",     "advertise",   "request",
                                 "confirm",   "renew",       "rebind",      "reply",
                                 "release",   "decline",     "reconfigure", "inf-req",
                                 "relay-fwd", "relay-reply", "leasequery",  "leasequery-reply"};
  return t >= 1 && t <= 15 ? kTypes[t] : nullptr;
}

constexpr Tok kOptNames[] = {{1, "client-ID"},
                             {2, "server-ID"},
                             {3, "IA_NA"},
                             {4, "IA_TA"},
                             {5, "IA_ADDR"},
                             {6, "option-request"},
                             {7, "preference"},
                             {8, "elapsed-time"},
                             {9, "relay-message"},
                             {11, "authentication"},
                             {12, "server-unicast"},
                             {13, "status-code"},
                             {14, "rapid-commit"},
                             {15, "user-class"},
                             {16, "vendor-class"},
                             {17, "vendor-specific-info"},
                             {18, "interface-ID"},
                             {19, "reconfigure-message"},
                             {20, "reconfigure-accept"},
                             {21, "SIP-servers-domain"},
                             {22, "SIP-servers-address"},
                             {23, "DNS-server"},
                             {24, "DNS-search-list"},
                             {25, "IA_PD"},
                             {26, "IA_PD-prefix"},
                             {27, "NIS-server"},
                             {28, "NIS+-server"},
                             {29, "NIS-domain-name"},
                             {30, "NIS+-domain-name"},
                             {31, "SNTP-servers"},
                             {32, "lifetime"},
                             {33, "BCMCS-domain-name"},
                             {34, "BCMCS-server"},
                             {36, "Geoconf-Civic"},
                             {37, "Remote-ID"},
                             {38, "Subscriber-ID"},
                             {39, "Client-FQDN"},
                             {40, "PANA-agent"},
                             {41, "POSIX-timezone"},
                             {42, "POSIX-tz-database"},
                             {43, "Echo-request-option"},
                             {44, "Lease-query"},
                             {45, "LQ-client-data"},
                             {46, "Clt-time"},
                             {47, "LQ-relay-data"},
                             {48, "LQ-client-link"},
                             {56, "NTP-server"},
                             {59, "Bootfile-URL"},
                             {64, "AFTR-Name"},
                             {112, "MUD-URL"},
                             {136, "SZTP-redirect"}};

const char* OptName(uint16_t t) { return TokName(kOptNames, t); }

void PrintOptName(Nd& nd, uint16_t t) {
  if (const char* n = OptName(t)) {
    nd.out.S(n);
  } else {
    nd.out.F("opt_%u", t);
  }
}

void PrintStatusCode(Nd& nd, uint16_t code) {
  static const char* kCodes[] = {"Success",        "UnspecFail",    "NoAddrsAvail",  "NoBinding",
                                 "NotOnLink",      "UseMulticast",  "NoPrefixAvail", "UnknownQueryType",
                                 "MalformedQuery", "NotConfigured", "NotAllowed"};
  if (code > 255) {
    nd.out.S("INVALID code");
  } else if (code <= 10) {
    nd.out.S(kCodes[code]);
  } else {
    nd.out.F("code%u", code);
  }
}

void HexBytes(Nd& nd, const uint8_t* p, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++) nd.out.X(nd.U8(p + i), 2);
}

void OptPrint(Nd& nd, const uint8_t* cp, const uint8_t* ep);

// DUID of client-ID / server-ID (optlen >= 2).
void DuidPrint(Nd& nd, const uint8_t* tp, uint16_t optlen) {
  switch (nd.Be16(tp)) {
    case 1:
      if (optlen >= 2 + 6) {
        nd.out.F(" hwaddr/time type %u time %u ", nd.Be16(tp + 2), nd.Be32(tp + 4));
        HexBytes(nd, tp, 8, optlen);
        nd.out.C(')');
      } else {
        nd.out.S(" ?)");
      }
      break;
    case 2:
      if (optlen >= 2 + 8) {
        nd.out.S(" vid ");
        HexBytes(nd, tp, 2, 10);
        nd.out.C(')');
      } else {
        nd.out.S(" ?)");
      }
      break;
    case 3:
      if (optlen >= 2 + 2) {
        nd.out.F(" hwaddr type %u ", nd.Be16(tp + 2));
        HexBytes(nd, tp, 4, optlen);
        nd.out.C(')');
      } else {
        nd.out.S(" ?)");
      }
      break;
    default:
      nd.out.F(" type %u)", nd.Be16(tp));
      break;
  }
}

void AuthPrint(Nd& nd, const uint8_t* tp, uint16_t optlen) {
  uint8_t proto = nd.U8(tp++);
  if (proto == 2) {
    nd.out.S(" proto: delayed");
  } else if (proto == 3) {
    nd.out.S(" proto: reconfigure");
  } else {
    nd.out.F(" proto: %u", proto);
  }
  uint8_t alg = nd.U8(tp++);
  if (alg == 1) {
    nd.out.S(", alg: HMAC-MD5");
  } else {
    nd.out.F(", alg: %u", alg);
  }
  uint8_t rdm = nd.U8(tp++);
  if (rdm == 0) {
    nd.out.S(", RDM: mono");
  } else {
    nd.out.F(", RDM: %u", rdm);
  }
  nd.out.S(", RD:");
  for (int i = 0; i < 4; i++, tp += 2) nd.out.F(" %04x", nd.Be16(tp));
  uint32_t infolen = optlen - 11u;
  switch (proto) {
    case 2:
      if (infolen == 0) break;
      if (infolen < 20) {
        nd.out.S(" ??");
        break;
      }
      if (infolen - 20 > 0) nd.out.S(", realm: ");
      for (uint32_t i = 0; i < infolen - 20; i++, tp++) nd.out.X(nd.U8(tp), 2);
      nd.out.F(", key ID: %08x", nd.Be32(tp));
      tp += 4;
      nd.out.S(", HMAC-MD5:");
      for (int i = 0; i < 4; i++, tp += 4) nd.out.F(" %08x", nd.Be32(tp));
      break;
    case 3:
      if (infolen != 17) {
        nd.out.S(" ??");
        break;
      }
      switch (nd.U8(tp)) {
        case 1:
          nd.out.S(" reconfig-key");
          break;
        case 2:
          nd.out.S(" type: HMAC-MD5");
          break;
        default:
          nd.out.S(" type: ??");
          break;
      }
      tp++;
      nd.out.S(" value:");
      for (int i = 0; i < 4; i++, tp += 4) nd.out.F(" %08x", nd.Be32(tp));
      break;
    default:
      nd.out.S(" ??");
      break;
  }
  nd.out.C(')');
}

// NTP-server sub-options; false when one overruns the option (the caller prints the marker).
bool NtpServerPrint(Nd& nd, const uint8_t* tp, const uint8_t* end) {
  while (tp < end - 4) {
    uint16_t code = nd.Be16(tp);
    uint16_t len = nd.Be16(tp + 2);
    tp += 4;
    if (len > end - tp) return false;
    nd.out.F(" subopt:%u", code);
    switch (code) {
      case 1:
      case 2:
        if (len != 16) {
          nd.out.S(" ?");
          break;
        }
        nd.out.C(' ');
        PrintIp6Addr(nd, tp);
        break;
      case 3:
        nd.out.C(' ');
        if (FqdnPrint(nd, tp, tp + len) == nullptr) return false;
        break;
      default:
        nd.out.S(" ?");
        break;
    }
    tp += len;
  }
  nd.out.C(')');
  return true;
}

void AftrNamePrint(Nd& nd, const uint8_t* tp, uint16_t optlen) {
  uint32_t remain = optlen;
  nd.out.C(' ');
  while (remain && nd.U8(tp)) {
    uint32_t label = nd.U8(tp++);
    if (label < remain - 1) {
      PrintStringN(nd, tp, label);
      tp += label;
      remain -= label + 1;
      if (nd.U8(tp)) nd.out.C('.');
    } else {
      nd.out.S(" ?");
      break;
    }
  }
  nd.out.C(')');
}

// user-class and SZTP-redirect: a list of length-prefixed strings.
void StringListPrint(Nd& nd, const uint8_t* tp, uint16_t optlen) {
  nd.out.C(' ');
  bool first = true;
  uint32_t remain = optlen;
  while (remain >= 2) {
    if (!first) nd.out.C(',');
    first = false;
    uint16_t len = nd.Be16(tp);
    if (len > remain - 2) break;
    tp += 2;
    PrintCharsN(nd, tp, len);
    tp += len;
    remain -= len + 2u;
  }
  if (remain != 0) nd.out.S(" ?");
  nd.out.C(')');
}

void Dhcp6Body(Nd& nd, const uint8_t* cp, uint32_t length);

// One option's body after " (name"; false means tcpdump's "goto trunc" (marker, end of this list).
bool OptBody(Nd& nd, const uint8_t* cp, uint16_t type, uint16_t optlen) {
  const uint8_t* tp = cp + 4;
  const uint8_t* end = tp + optlen;
  switch (type) {
    case 1:
    case 2:
      if (optlen < 2) {
        nd.out.S(" ?)");
      } else {
        DuidPrint(nd, tp, optlen);
      }
      return true;
    case 5:
      if (optlen < 24) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.C(' ');
      PrintIp6Addr(nd, tp);
      nd.out.F(" pltime:%u vltime:%u", nd.Be32(tp + 16), nd.Be32(tp + 20));
      if (optlen > 24) OptPrint(nd, tp + 24, end);
      nd.out.C(')');
      return true;
    case 6:
    case 43:
      if (optlen % 2) {
        nd.out.S(" ?)");
        return true;
      }
      for (uint32_t i = 0; i < optlen; i += 2) {
        nd.out.C(' ');
        PrintOptName(nd, nd.Be16(tp + i));
      }
      nd.out.C(')');
      return true;
    case 7:
      if (optlen != 1) {
        nd.out.S(" ?)");
      } else {
        nd.out.F(" %u)", nd.U8(tp));
      }
      return true;
    case 8:
      if (optlen != 2) {
        nd.out.S(" ?)");
      } else {
        nd.out.F(" %u)", nd.Be16(tp));
      }
      return true;
    case 9: {
      nd.out.S(" (");
      {
        SnapGuard narrow(nd, tp, optlen);  // the nested message ends with the option
        Dhcp6Body(nd, tp, optlen);
      }
      nd.out.C(')');
      return true;
    }
    case 11:
      if (optlen < 11) {
        nd.out.S(" ?)");
      } else {
        AuthPrint(nd, tp, optlen);
      }
      return true;
    case 14:
    case 20:
      nd.out.C(')');
      return true;
    case 18:
    case 38:
      nd.out.C(' ');
      HexBytes(nd, tp, 0, optlen < 10 ? optlen : 10);
      nd.out.S("...)");
      return true;
    case 19: {
      if (optlen != 1) {
        nd.out.S(" ?)");
        return true;
      }
      uint8_t t = nd.U8(tp);
      if (t == 5) {
        nd.out.S(" for renew)");
      } else if (t == 11) {
        nd.out.S(" for inf-req)");
      } else {
        nd.out.F(" for ?\?\?(%02x))", t);
      }
      return true;
    }
    case 22:
    case 23:
    case 31:
    case 27:
    case 28:
    case 34:
    case 40:
    case 48:
      if (optlen % 16) {
        nd.out.S(" ?)");
        return true;
      }
      for (uint32_t i = 0; i < optlen; i += 16) {
        nd.out.C(' ');
        PrintIp6Addr(nd, tp + i);
      }
      nd.out.C(')');
      return true;
    case 21:
    case 24:
      while (tp < end) {
        nd.out.C(' ');
        if ((tp = FqdnPrint(nd, tp, end)) == nullptr) return false;
      }
      nd.out.C(')');
      return true;
    case 13:
      if (optlen < 2) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.C(' ');
      PrintStatusCode(nd, nd.Be16(tp));
      nd.out.C(')');
      return true;
    case 3:
    case 25:
      if (optlen < 12) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.F(" IAID:%u T1:%u T2:%u", nd.Be32(tp), nd.Be32(tp + 4), nd.Be32(tp + 8));
      if (optlen > 12) OptPrint(nd, tp + 12, end);
      nd.out.C(')');
      return true;
    case 4:
      if (optlen < 4) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.F(" IAID:%u", nd.Be32(tp));
      if (optlen > 4) OptPrint(nd, tp + 4, end);
      nd.out.C(')');
      return true;
    case 26:
      if (optlen < 25) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.C(' ');
      PrintIp6Addr(nd, tp + 9);
      nd.out.F("/%u", nd.U8(tp + 8));
      nd.out.F(" pltime:%u vltime:%u", nd.Be32(tp), nd.Be32(tp + 4));
      if (optlen > 25) OptPrint(nd, tp + 25, end);
      nd.out.C(')');
      return true;
    case 32:
    case 46:
      if (optlen != 4) {
        nd.out.S(" ?)");
      } else {
        nd.out.F(" %u)", nd.Be32(tp));
      }
      return true;
    case 37:
      if (optlen < 4) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.F(" %u ", nd.Be32(tp));
      HexBytes(nd, tp, 4, optlen < 14 ? optlen : 14);
      nd.out.S("...)");
      return true;
    case 44: {
      if (optlen < 17) {
        nd.out.S(" ?)");
        return true;
      }
      uint8_t qt = nd.U8(tp);
      if (qt == 1) {
        nd.out.S(" by-address");
      } else if (qt == 2) {
        nd.out.S(" by-clientID");
      } else {
        nd.out.F(" type_%u", qt);
      }
      nd.out.C(' ');
      PrintIp6Addr(nd, tp + 1);
      if (optlen > 17) OptPrint(nd, tp + 17, end);
      nd.out.C(')');
      return true;
    }
    case 45:
      if (optlen > 0) OptPrint(nd, tp, end);
      nd.out.C(')');
      return true;
    case 47:
      if (optlen < 16) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.C(' ');
      PrintIp6Addr(nd, tp);
      nd.out.C(' ');
      HexBytes(nd, tp, 16, optlen < 26 ? optlen : 26);
      nd.out.S("...)");
      return true;
    case 56:
      if (optlen < 4) {
        nd.out.S(" ?)");
        return true;
      }
      return NtpServerPrint(nd, tp, end);
    case 64:
      if (optlen < 3) {
        nd.out.S(" ?)");
      } else {
        AftrNamePrint(nd, tp, optlen);
      }
      return true;
    case 41:
    case 42:
    case 112:
      if (optlen < 5) {
        nd.out.S(" ?)");
        return true;
      }
      nd.out.C(' ');
      PrintStringN(nd, tp, optlen);
      nd.out.C(')');
      return true;
    case 59:
      nd.out.C(' ');
      PrintCharsN(nd, tp, optlen);
      nd.out.C(')');
      return true;
    case 136:
    case 15:
      StringListPrint(nd, tp, optlen);
      return true;
    default:
      nd.out.C(')');
      return true;
  }
}

// dhcp6opt_print: the options in [cp, ep).
void OptPrint(Nd& nd, const uint8_t* cp, const uint8_t* ep) {
  while (cp < ep) {
    if (ep - cp < 4 || !nd.TTest(cp, 4)) {
      nd.PrintTrunc();
      return;
    }
    uint16_t optlen = nd.Be16(cp + 2);
    if (ep - cp < 4 + optlen) {
      nd.PrintTrunc();
      return;
    }
    uint16_t type = nd.Be16(cp);
    nd.out.S(" (");
    PrintOptName(nd, type);
    if (!nd.TTest(cp + 4, optlen) || !OptBody(nd, cp, type, optlen)) {
      nd.PrintTrunc();
      return;
    }
    cp += 4 + optlen;
  }
}

// dhcp6_print after the "dhcp6" word.
void Dhcp6Body(Nd& nd, const uint8_t* cp, uint32_t length) {
  nd.out.S("dhcp6");
  const uint8_t* ep = nd.snapend;
  if (nd.Avail(cp) > length) ep = cp + length;
  if (!nd.TTest(cp, 4)) {  // ND_TCHECK_4: a local check, not the end of the packet
    nd.PrintTrunc();
    return;
  }
  uint8_t t = nd.U8(cp);
  nd.out.C(' ');
  if (const char* n = MsgTypeName(t)) {
    nd.out.S(n);
  } else {
    nd.out.F("msgtype-%u", t);
  }
  if (!nd.o.verbose) return;
  nd.out.S(" (");
  if (t != 12 && t != 13) {
    nd.out.F("xid=%x", nd.Be32(cp) & 0x00ffffff);
    OptPrint(nd, cp + 4, ep);
  } else {
    nd.Check(cp + 2, 16);  // tcpdump reads the address before it prints the label
    nd.out.S("linkaddr=");
    PrintIp6Addr(nd, cp + 2);
    nd.Check(cp + 18, 16);
    nd.out.S(" peeraddr=");
    PrintIp6Addr(nd, cp + 18);
    OptPrint(nd, cp + 34, ep);
  }
  nd.out.C(')');
}

}  // namespace

void Dhcp6Print(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "dhcp6";
  Dhcp6Body(nd, bp, length);
}

}  // namespace ringdump::print
