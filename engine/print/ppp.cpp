// PPP frames (print-ppp.c's ppp_print and handle_ppp), as Ethernet (0x880b) and PPPoE sessions carry
// them: the optional address/control bytes, the protocol (compressed or not), then the control
// protocols' packets (LCP, IPCP, IP6CP, CCP, BACP, ... with their options in ppp_options.cpp), CHAP,
// PAP, multilink, and the network protocols (IPv4, IPv6, MPLS). HDLC-escaped frames are unescaped
// into a private copy first.
#include <vector>

#include "ppp.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kProtos[] = {
    {0x0021, "IP"},       {0x0023, "OSI"},     {0x0025, "NS"},      {0x0027, "DECNET"},  {0x0029, "APPLE"},
    {0x002b, "IPX"},      {0x002d, "VJC IP"},  {0x002f, "VJNC IP"}, {0x0031, "BRPDU"},   {0x0033, "STII"},
    {0x0035, "VINES"},    {0x0281, "MPLS"},    {0x0283, "MPLS"},    {0x00fd, "Compressed"}, {0x003d, "MLPPP"},
    {0x0057, "IP6"},      {0x0201, "HELLO"},   {0x0231, "LUXCOM"},  {0x0233, "SNS"},     {0x8021, "IPCP"},
    {0x8023, "OSICP"},    {0x8025, "NSCP"},    {0x8027, "DECNETCP"}, {0x8029, "APPLECP"}, {0x802b, "IPXCP"},
    {0x8033, "STIICP"},   {0x8035, "VINESCP"}, {0x8057, "IP6CP"},   {0x8281, "MPLSCP"},  {0xc021, "LCP"},
    {0xc023, "PAP"},      {0xc025, "LQM"},     {0xc223, "CHAP"},    {0xc227, "EAP"},     {0xc027, "SPAP"},
    {0xc123, "Old-SPAP"}, {0xc02b, "BACP"},    {0xc02d, "BAP"},     {0xc03d, "MLPPP-CP"}, {0x80fd, "CCP"}};
constexpr Tok kCpCodes[] = {{0, "Vendor-Extension"}, {1, "Conf-Request"}, {2, "Conf-Ack"},     {3, "Conf-Nack"},
                            {4, "Conf-Reject"},      {5, "Term-Request"}, {6, "Term-Ack"},     {7, "Code-Reject"},
                            {8, "Prot-Reject"},      {9, "Echo-Request"}, {10, "Echo-Reply"},  {11, "Disc-Req"},
                            {12, "Ident"},           {13, "Time-Rem"},    {14, "Reset-Req"},   {15, "Reset-Ack"}};
constexpr Tok kChapCodes[] = {{1, "Challenge"}, {2, "Response"}, {3, "Success"}, {4, "Fail"}};
constexpr Tok kPapCodes[] = {{1, "Auth-Req"}, {2, "Auth-ACK"}, {3, "Auth-NACK"}};
constexpr Tok kMlFlags[] = {{0x80, "begin"}, {0x40, "end"}};

void HandlePpp(Nd& nd, uint32_t proto, const uint8_t* p, uint32_t length);

void HandleCtrlProto(Nd& nd, uint32_t proto, const uint8_t* pptr, uint32_t length) {
  const uint8_t* tptr = pptr;
  char typestr[64];
  const char* name = PppProtoName(proto);
  if (name) {
    snprintf(typestr, sizeof typestr, "%s", name);
  } else {
    snprintf(typestr, sizeof typestr, "unknown ctrl-proto (0x%04x)", proto);
  }
  nd.out.F("%s, ", typestr);
  auto trunc = [&] { nd.out.F("[|%s]", typestr); };
  if (length < 4 || !nd.TTest(tptr, 2)) return trunc();
  uint32_t code = nd.U8(tptr);
  tptr++;
  const char* cname = TokName(kCpCodes, code);
  nd.out.F("%s (0x%02x), id %u, length %u", cname ? cname : "Unknown Opcode", code, nd.U8(tptr), length + 2);
  tptr++;
  if (!nd.o.verbose) return;
  uint32_t len = nd.Be16(tptr);
  tptr += 2;
  if (len < 4) {
    nd.out.F("\n\tencoded length %u (< 4))", len);
    return;
  }
  if (len > length) {
    nd.out.F("\n\tencoded length %u (> packet length %u))", len, length);
    return;
  }
  length = len;
  nd.out.F("\n\tencoded length %u (=Option(s) length %u)", len, len - 4);
  if (length == 4) return;
  if (nd.o.verbose > 1) PrintUnknownData(nd, pptr - 2, "\n\t", 6);
  switch (code) {
    case 0: {
      if (length < 11) break;
      nd.out.F("\n\t  Magic-Num 0x%08x", nd.Be32(tptr));
      tptr += 4;
      uint32_t oui = nd.Be24(tptr);
      const char* oname = OuiName(oui);
      nd.out.F(" Vendor: %s (%u)", oname ? oname : "Unknown", oui);
      break;
    }
    case 1:
    case 2:
    case 3:
    case 4: {
      uint32_t (*pfunc)(Nd&, const uint8_t*, uint32_t) = proto == 0xc021   ? LcpOptionPrint
                                                         : proto == 0x8021 ? IpcpOptionPrint
                                                         : proto == 0x8057 ? Ip6cpOptionPrint
                                                         : proto == 0x80fd ? CcpOptionPrint
                                                         : proto == 0xc02b ? BacpOptionPrint
                                                                           : nullptr;
      if (!pfunc) break;
      uint32_t tlen = len - 4;
      do {
        uint32_t advance = pfunc(nd, tptr, len);
        if (advance == 0) break;
        if (tlen < advance) {
          nd.out.F(" [remaining options length %u < %u]", tlen, advance);
          nd.PrintInvalid();
          break;
        }
        tlen -= advance;
        tptr += advance;
      } while (tlen != 0);
      break;
    }
    case 8: {
      if (length < 6) break;
      uint16_t rp = nd.Be16(tptr);
      const char* rname = PppProtoName(rp);
      nd.out.F("\n\t  Rejected %s Protocol (0x%04x)", rname ? rname : "unknown", rp);
      if (len > 6) {
        nd.out.S("\n\t  Rejected Packet");
        PrintUnknownData(nd, tptr + 2, "\n\t    ", len - 2);
      }
      break;
    }
    case 9:
    case 10:
    case 11:
      if (length < 8) break;
      nd.out.F("\n\t  Magic-Num 0x%08x", nd.Be32(tptr));
      if (len > 8) {
        nd.out.S("\n\t  -----trailing data-----");
        if (!nd.TTest(tptr + 4, len - 8)) return trunc();
        PrintUnknownData(nd, tptr + 4, "\n\t  ", len - 8);
      }
      break;
    case 12:
      if (length < 8) break;
      nd.out.F("\n\t  Magic-Num 0x%08x", nd.Be32(tptr));
      if (len > 8) {
        nd.out.S("\n\t  Message\n\t    ");
        // nd_printn up to the captured end: the text runs len - 4 bytes from the message (sic).
        const uint8_t* s = tptr + 4;
        uint32_t n = len - 4;
        while (n > 0 && s >= nd.packetp && s < nd.snapend) {
          n--;
          PrintChar(nd, nd.U8(s++));
        }
        if (n != 0) return trunc();
      }
      break;
    case 13:
      if (length < 12) break;
      nd.out.F("\n\t  Magic-Num 0x%08x", nd.Be32(tptr));
      nd.out.F(", Seconds-Remaining %us", nd.Be32(tptr + 4));
      break;
    case 5:
    case 6:
    case 7:
      break;
    default:
      if (nd.o.verbose <= 1) PrintUnknownData(nd, pptr - 2, "\n\t  ", length + 2);
      break;
  }
}

void HandleMlppp(Nd& nd, const uint8_t* p, uint32_t length) {
  if (!nd.o.link_header) nd.out.S("MLPPP, ");
  if (length < 2 || !nd.TTest(p, 2)) {
    nd.out.S("[|mlppp]");
    return;
  }
  nd.out.F("seq 0x%03x, Flags [", nd.Be16(p) & 0x0fff);
  BitTok2Str(nd, kMlFlags, "none", nd.U8(p) & 0xc0);
  nd.out.F("], length %u", length);
}

// CHAP and PAP share the header: code, id, length.
bool AuthHeader(Nd& nd, const uint8_t* p, uint32_t length, const char* proto, const Tok* codes, size_t n,
                uint32_t& code) {
  if (length < 1) {
    nd.out.F("[|%s]", proto);
    return false;
  }
  if (length < 4) {
    nd.out.F("[|%s 0x%02x]", proto, nd.U8(p));
    return false;
  }
  code = nd.U8(p);
  nd.out.F("%s, ", proto[0] == 'c' ? "CHAP" : "PAP");
  Tok2Str(nd, codes, n, "unknown", code);
  nd.out.F(" (0x%02x)", code);
  nd.out.F(", id %u", nd.U8(p + 1));
  return true;
}

void CharsUntil(Nd& nd, const uint8_t*& p, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) PrintChar(nd, nd.U8(p++));
}

void HandleChap(Nd& nd, const uint8_t* p, uint32_t length) {
  const uint8_t* p0 = p;
  uint32_t code;
  if (!AuthHeader(nd, p, length, "chap", kChapCodes, std::size(kChapCodes), code)) return;
  p += 2;
  uint32_t len = nd.Be16(p);
  p += 2;
  auto used = [&] { return uint32_t(p - p0); };
  switch (code) {
    case 1:
    case 2: {
      if (length - used() < 1) return;
      uint32_t val_size = nd.U8(p);
      p++;
      if (length - used() < val_size) return;
      nd.out.S(", Value ");
      for (uint32_t i = 0; i < val_size; i++) nd.out.F("%02x", nd.U8(p++));
      uint32_t name_size = len - used();
      nd.out.S(", Name ");
      CharsUntil(nd, p, name_size);
      break;
    }
    case 3:
    case 4: {
      uint32_t msg_size = len - used();
      nd.out.S(", Msg ");
      CharsUntil(nd, p, msg_size);
      break;
    }
    default:
      break;
  }
}

void HandlePap(Nd& nd, const uint8_t* p, uint32_t length) {
  const uint8_t* p0 = p;
  uint32_t code;
  if (!AuthHeader(nd, p, length, "pap", kPapCodes, std::size(kPapCodes), code)) return;
  p += 2;
  uint32_t len = nd.Be16(p);
  p += 2;
  if (len > length) {
    nd.out.F(", length %u > packet size", len);
    return;
  }
  length = len;
  auto used = [&] { return uint32_t(p - p0); };
  if (length < used()) {
    nd.out.F(", length %u < PAP header length", length);
    return;
  }
  switch (code) {
    case 1: {
      if (len < 6) {
        nd.out.S("[|pap]");
        return;
      }
      if (length - used() < 1) return;
      uint32_t peer_len = nd.U8(p);
      p++;
      if (length - used() < peer_len) return;
      nd.out.S(", Peer ");
      CharsUntil(nd, p, peer_len);
      if (length - used() < 1) return;
      uint32_t pw_len = nd.U8(p);
      p++;
      if (length - used() < pw_len) return;
      nd.out.S(", Name ");
      CharsUntil(nd, p, pw_len);
      break;
    }
    case 2:
    case 3: {
      if (len < 5) {
        nd.out.S("[|pap]");
        return;
      }
      if (length - used() < 1) return;
      uint32_t msg_len = nd.U8(p);
      p++;
      if (length - used() < msg_len) return;
      nd.out.S(", Msg ");
      CharsUntil(nd, p, msg_len);
      break;
    }
    default:
      break;
  }
}

// ppp_hdlc: undo the 0x7d escapes into a private buffer and print that as a PPP frame.
void PppHdlc(Nd& nd, const uint8_t* p, uint32_t length) {
  uint32_t caplen = uint32_t(nd.Avail(p));
  if (caplen == 0 || length == 0) return;
  std::vector<uint8_t> b;
  b.reserve(caplen);
  const uint8_t* s = p;
  for (uint32_t i = caplen; i != 0; i--) {
    uint8_t c = nd.U8(s++);
    if (c == 0x7d) {
      if (i <= 1) break;
      i--;
      c = uint8_t(nd.U8(s++) ^ 0x20);
    }
    b.push_back(c);
  }
  const uint8_t* saved_packetp = nd.packetp;
  const uint8_t* saved_snapend = nd.snapend;
  struct Restore {
    Nd& nd;
    const uint8_t* pp;
    const uint8_t* se;
    ~Restore() {
      nd.packetp = pp;
      nd.snapend = se;
    }
  } restore{nd, saved_packetp, saved_snapend};
  nd.packetp = b.data();
  nd.snapend = b.data() + b.size();
  const uint8_t* bp = b.data();
  length = uint32_t(b.size());
  auto trunc = [&] {
    nd.packetp = saved_packetp;
    nd.snapend = saved_snapend;
    nd.PrintTrunc();
  };
  if (length < 1) return trunc();
  uint32_t proto = nd.U8(bp);
  if (proto == 0x21) return IpPrint(nd, bp + 1, length - 1);
  if (proto == 0x57) return Ip6Print(nd, bp + 1, length - 1);
  if (length < 2) return trunc();
  proto = uint32_t(nd.U8(bp) << 8 | nd.U8(bp + 1));
  if (proto == 0xff03) {
    if (length < 4) return trunc();
    proto = uint32_t(nd.U8(bp + 2) << 8 | nd.U8(bp + 3));
    if ((proto & 0xff00) == 0x7e00) {
      nd.out.F("(protocol 0x%04x invalid)", proto);
    } else {
      HandlePpp(nd, proto, bp + 4, length - 4);
    }
  } else if ((proto & 0xff00) == 0x7e00) {
    nd.out.F("(protocol 0x%04x invalid)", proto);
  } else {
    HandlePpp(nd, proto, bp + 2, length - 2);
  }
}

void HandlePpp(Nd& nd, uint32_t proto, const uint8_t* p, uint32_t length) {
  if ((proto & 0xff00) == 0x7e00) return PppHdlc(nd, p - 1, length);
  const PppProtoRow* r = FindPppProto(proto);
  if (r && r->print) return r->print(nd, PppArgs{p, length, proto});
  // handle_ppp's default branch; also the rows ringdump has no printer for (IPX, OSI).
  Tok2Str(nd, kProtos, "unknown PPP protocol (0x%04x)", proto);
  nd.out.C(' ');
  PrintUnknownData(nd, p, "\n\t", length);
}

}  // namespace

const char* PppProtoName(uint32_t proto) { return TokName(kProtos, proto); }

void PppCtrlProtoPrint(Nd& nd, const PppArgs& a) { HandleCtrlProto(nd, a.proto, a.p, a.length); }
void PppMlPrint(Nd& nd, const PppArgs& a) { HandleMlppp(nd, a.p, a.length); }
void PppChapPrint(Nd& nd, const PppArgs& a) { HandleChap(nd, a.p, a.length); }
void PppPapPrint(Nd& nd, const PppArgs& a) { HandlePap(nd, a.p, a.length); }
void PppBapPrint(Nd&, const PppArgs&) {}
void PppMplsPrint(Nd& nd, const PppArgs& a) { MplsPrint(nd, a.p, a.length); }

void PppPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "ppp";
  const uint32_t olen = length;
  if (length < 2) return nd.PrintTrunc();
  switch (nd.Be16(p)) {
    case 0x0003:
    case 0x0103:
      if (nd.o.link_header) nd.out.S(nd.U8(p) == 0 ? "In  " : "Out ");
      [[fallthrough]];
    case 0xff03:
      p += 2;
      length -= 2;
      break;
    default:
      break;
  }
  if (length < 2) return nd.PrintTrunc();
  uint32_t proto;
  if (nd.U8(p) % 2) {
    proto = nd.U8(p);
    p++;
    length--;
  } else {
    proto = nd.Be16(p);
    p += 2;
    length -= 2;
  }
  if (nd.o.link_header) {
    const char* name = PppProtoName(proto);
    nd.out.F("%s (0x%04x), length %u", name ? name : "unknown", proto, olen);
    if (!name) return;
    nd.out.S(": ");
  }
  HandlePpp(nd, proto, p, length);
}

}  // namespace ringdump::print
