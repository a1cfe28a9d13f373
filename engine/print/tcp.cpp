// TCP (print-tcp.c): ports, flags, relative sequence numbers per connection (TcpSeqTable), checksum
// with -v, window, options (mss, wscale, sackOK, sack, TS, TFO, md5, unknown-N), length, and the payload
// dispatch (DNS over TCP, the first line of HTTP).
#include "dispatch.hpp"
#include "tcp_seq.hpp"

namespace ringdump::print {
namespace {

constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPush = 0x08, kAck = 0x10, kUrg = 0x20, kEce = 0x40,
                  kCwr = 0x80;

const char* OptionName(uint8_t opt) {
  switch (opt) {
    case 0:
      return "eol";
    case 1:
      return "nop";
    case 2:
      return "mss";
    case 3:
      return "wscale";
    case 4:
      return "sackOK";
    case 5:
      return "sack";
    case 6:
      return "echo";
    case 7:
      return "echoreply";
    case 8:
      return "TS";
    case 11:
      return "cc";
    case 12:
      return "ccnew";
    case 13:
      return "";
    case 19:
      return "md5";
    case 20:
      return "scps";
    case 28:
      return "uto";
    case 29:
      return "tcp-ao";
    case 30:
      return "mptcp";
    case 34:
      return "tfo";
    case 254:
      return "exp";
    default:
      return nullptr;
  }
}

void FastOpen(Nd& nd, const uint8_t* cp, uint32_t datalen, bool exp) {
  if (exp) nd.out.S("tfo");
  if (datalen == 0) {
    nd.out.S(" cookiereq");
  } else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
    nd.PrintInvalid();
  } else {
    nd.out.S(" cookie ");
    for (uint32_t i = 0; i < datalen; ++i) nd.out.X(nd.U8(cp + i), 2);
  }
}

void RstData(Nd& nd, const uint8_t* sp, uint32_t length) {
  nd.out.S(nd.TTest(sp, length) ? " [RST" : " [!RST");
  if (length > 30) {
    length = 30;
    nd.out.C('+');
  }
  nd.out.C(' ');
  while (length && sp < nd.snapend) {
    PrintChar(nd, nd.U8(sp++));
    length--;
  }
  nd.out.C(']');
}

struct OptState {
  bool rev;
  uint32_t thseq, thack;
  uint8_t flags;  // the TCP flags (MPTCP's subtypes depend on SYN and ACK)
};

enum OptResult { kOptOk, kOptBad, kOptTrunc };

// The option list: kOptBad for "[bad opt]", kOptTrunc when LENCHECK found the bytes not captured.
OptResult Options(Nd& nd, const uint8_t* cp, uint32_t hlen, const OptState& st, char& ch) {
  while (hlen > 0) {
    if (ch != '\0') nd.out.C(ch);
    uint8_t opt = nd.U8(cp++);
    uint32_t len;
    if (opt == 0 || opt == 1) {
      len = 1;
    } else {
      len = nd.U8(cp++);
      if (len < 2 || len > hlen) return kOptBad;
      --hlen;
    }
    --hlen;
    uint32_t datalen = 0;
    OptResult fail = kOptOk;
    auto lencheck = [&](uint32_t l) {
      if (l > hlen) {
        fail = kOptBad;
        return false;
      }
      if (!nd.TTest(cp, l)) {
        fail = kOptTrunc;
        return false;
      }
      return true;
    };
    if (const char* n = OptionName(opt)) {
      nd.out.S(n);
    } else {
      nd.out.S("unknown-");
      nd.out.U(opt);
    }
    switch (opt) {
      case 2:
        datalen = 2;
        if (!lencheck(datalen)) return fail;
        nd.out.C(' ');
        nd.out.U(nd.Be16(cp));
        break;
      case 3:
        datalen = 1;
        if (!lencheck(datalen)) return fail;
        nd.out.C(' ');
        nd.out.U(nd.U8(cp));
        break;
      case 5:
        datalen = len - 2;
        if (datalen % 8 != 0) {
          nd.out.S(" invalid sack");
        } else {
          nd.out.C(' ');
          nd.out.U(datalen / 8);
          nd.out.C(' ');
          for (uint32_t i = 0; i < datalen; i += 8) {
            if (!lencheck(i + 4)) return fail;
            uint32_t s = nd.Be32(cp + i);
            if (!lencheck(i + 8)) return fail;
            uint32_t e = nd.Be32(cp + i + 4);
            if (st.rev) {
              s -= st.thseq;
              e -= st.thseq;
            } else {
              s -= st.thack;
              e -= st.thack;
            }
            nd.out.C('{');
            nd.out.U(s);
            nd.out.C(':');
            nd.out.U(e);
            nd.out.C('}');
          }
        }
        break;
      case 11:
      case 12:
      case 13:
      case 6:
      case 7:
        datalen = 4;
        if (!lencheck(datalen)) return fail;
        nd.out.C(' ');
        nd.out.U(nd.Be32(cp));
        break;
      case 8:
        datalen = 8;
        if (!lencheck(datalen)) return fail;
        nd.out.S(" val ");
        nd.out.U(nd.Be32(cp));
        nd.out.S(" ecr ");
        nd.out.U(nd.Be32(cp + 4));
        break;
      case 19:
        datalen = 16;
        if (!lencheck(datalen)) return fail;
        nd.out.C(' ');
        for (uint32_t i = 0; i < 16; ++i) nd.out.X(nd.U8(cp + i), 2);
        break;
      case 20:
        datalen = 2;
        if (!lencheck(datalen)) return fail;
        nd.out.F(" cap %02x id %u", nd.U8(cp), nd.U8(cp + 1));
        break;
      case 29:
        datalen = len - 2;
        if (datalen < 2) {
          nd.PrintInvalid();
        } else {
          if (!lencheck(1)) return fail;
          nd.out.F(" keyid %u", nd.U8(cp));
          if (!lencheck(2)) return fail;
          nd.out.F(" rnextkeyid %u", nd.U8(cp + 1));
          if (datalen > 2) {
            nd.out.S(" mac 0x");
            for (uint32_t i = 2; i < datalen; i++) {
              if (!lencheck(i + 1)) return fail;
              nd.out.X(nd.U8(cp + i), 2);
            }
          }
        }
        break;
      case 0:
      case 1:
      case 4:
        break;
      case 28: {
        datalen = 2;
        if (!lencheck(datalen)) return fail;
        uint32_t uto = nd.Be16(cp);
        nd.out.F(" 0x%x", uto);
        uto = (uto & 1) ? (uto >> 1) * 60 : uto >> 1;
        nd.out.F(" %u", uto);
        break;
      }
      case 30: {
        datalen = len - 2;
        if (!lencheck(datalen)) return fail;
        // mptcp_print sees the option only: other options may follow it (tcpdump narrows snapend too).
        SnapGuard guard(nd, cp - 2, len);
        if (!MptcpPrint(nd, cp - 2, len, st.flags)) return kOptBad;
        break;
      }
      case 34:
        datalen = len - 2;
        if (!lencheck(datalen)) return fail;
        nd.out.C(' ');
        FastOpen(nd, cp, datalen, false);
        break;
      case 254: {
        datalen = len - 2;
        if (!lencheck(datalen)) return fail;
        if (datalen < 2) return kOptBad;
        uint16_t magic = nd.Be16(cp);
        nd.out.C('-');
        if (magic == 0xf989) {
          FastOpen(nd, cp + 2, datalen - 2, true);
        } else {
          nd.out.X(magic, 4);
        }
        break;
      }
      default:
        datalen = len - 2;
        if (datalen) nd.out.S(" 0x");
        for (uint32_t i = 0; i < datalen; ++i) {
          if (!lencheck(i + 1)) return fail;
          nd.out.X(nd.U8(cp + i), 2);
        }
        break;
    }
    cp += datalen;
    hlen -= datalen;
    ++datalen;
    if (!(opt == 0 || opt == 1)) ++datalen;
    if (datalen != len) nd.out.F("[len %u]", len);
    ch = ',';
    if (opt == 0) break;
  }
  return kOptOk;
}

}  // namespace

namespace {

using M = PortMatch;
constexpr auto kSmb = RowGate::kEnableSmb;

void Txt(Nd& nd, const TcpArgs& a, TextProto which) {
  nd.out.S(": ");
  TextProtocolPrint(nd, a.bp, a.length, which);
}

// print-tcp.c's if-chain after the header, branch by branch. A row without a printer is a protocol
// tcpdump dissects and ringdump does not yet: like a port no row claims, it prints nothing after
// "length N", and it keeps a later row from claiming the segment. NFS_PORT's branch also wants 4
// captured bytes; with no printer behind it the test changes nothing and is left out.
constexpr TcpPortRow kTcpPorts[] = {
    {"TELNET_PORT", M::kEither, 23, 23, [](Nd& nd, const TcpArgs& a) { TelnetPrint(nd, a.bp, a.length); }},
    {"SMTP_PORT", M::kEither, 25, 25, [](Nd& nd, const TcpArgs& a) { Txt(nd, a, TextProto::kSmtp); }},
    {"WHOIS_PORT", M::kEither, 43, 43, [](Nd& nd, const TcpArgs& a) { Txt(nd, a, TextProto::kWhois); }},
    {"BGP_PORT", M::kEither, 179, 179, [](Nd& nd, const TcpArgs& a) { BgpPrint(nd, a.bp, a.length); }},
    {"PPTP_PORT", M::kEither, 1723, 1723, nullptr},
    {"REDIS_PORT", M::kEither, 6379, 6379, nullptr},
    {"SSH_PORT", M::kEither, 22, 22, [](Nd& nd, const TcpArgs& a) { SshPrint(nd, a.bp, a.length); }},
    {"NETBIOS_SSN_PORT", M::kEither, 139, 139, nullptr, kSmb},
    {"SMB_PORT", M::kEither, 445, 445, nullptr, kSmb},
    {"BEEP_PORT", M::kEither, 10288, 10288, nullptr},
    {"OPENFLOW_PORT_OLD", M::kEither, 6633, 6633, nullptr},
    {"OPENFLOW_PORT_IANA", M::kEither, 6653, 6653, nullptr},
    {"FTP_PORT", M::kEither, 21, 21, [](Nd& nd, const TcpArgs& a) { Txt(nd, a, TextProto::kFtp); }},
    {"HTTP_PORT", M::kEither, 80, 80,
     [](Nd& nd, const TcpArgs& a) {
       nd.out.S(": ");
       HttpPrint(nd, a.bp, a.length);
     }},
    {"HTTP_PORT_ALT", M::kEither, 8080, 8080,
     [](Nd& nd, const TcpArgs& a) {
       nd.out.S(": ");
       HttpPrint(nd, a.bp, a.length);
     }},
    {"RTSP_PORT", M::kEither, 554, 554, [](Nd& nd, const TcpArgs& a) { Txt(nd, a, TextProto::kRtsp); }},
    {"RTSP_PORT_ALT", M::kEither, 8554, 8554, [](Nd& nd, const TcpArgs& a) { Txt(nd, a, TextProto::kRtsp); }},
    {"NAMESERVER_PORT", M::kEither, 53, 53,
     [](Nd& nd, const TcpArgs& a) { DomainPrint(nd, a.bp, a.length, true, false); }},
    {"MSDP_PORT", M::kEither, 639, 639, nullptr},
    {"RPKI_RTR_PORT", M::kEither, 323, 323, nullptr},
    {"LDP_PORT", M::kEither, 646, 646, [](Nd& nd, const TcpArgs& a) { LdpPrint(nd, a.bp, a.length); }},
    {"NFS_PORT", M::kEither, 2049, 2049, nullptr},
};

}  // namespace

std::span<const TcpPortRow> TcpPortTable() { return kTcpPorts; }

void TcpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented) {
  nd.protocol = "tcp";
  bool v6 = (nd.U8(iph) >> 4) == 6;
  char ch = '\0';
  if (!nd.TTest(bp + 2, 2)) {
    if (v6) {
      PrintIp6Addr(nd, iph + 8);
      nd.out.S(" > ");
      PrintIp6Addr(nd, iph + 24);
    } else {
      PrintIpAddr(nd, iph + 12);
      nd.out.S(" > ");
      PrintIpAddr(nd, iph + 16);
    }
    nd.out.C(':');
    nd.PrintTrunc();
    return;
  }
  uint16_t sport = nd.Be16(bp), dport = nd.Be16(bp + 2);
  bool direct = v6 ? nd.U8(iph + 6) == 6 : nd.U8(iph + 9) == 6;
  if (direct) {
    if (v6) {
      PrintIp6Addr(nd, iph + 8);
    } else {
      PrintIpAddr(nd, iph + 12);
    }
    nd.out.C('.');
  }
  PrintTcpPort(nd, sport);
  nd.out.S(" > ");
  if (direct) {
    if (v6) {
      PrintIp6Addr(nd, iph + 24);
    } else {
      PrintIpAddr(nd, iph + 16);
    }
    nd.out.C('.');
  }
  PrintTcpPort(nd, dport);
  nd.out.S(": ");

  if (!nd.TTest(bp, 20)) {  // ND_TCHECK_SIZE: a normal return, not a longjmp
    nd.PrintTrunc();
    return;
  }
  uint32_t hlen = (nd.U8(bp + 12) >> 4) * 4u;
  if (hlen < 20) {
    nd.out.F(" tcp %u [bad hdr length %u - too short, < 20]", length - hlen, hlen);
    return;
  }
  uint32_t seq = nd.Be32(bp + 4), ack = nd.Be32(bp + 8);
  uint16_t win = nd.Be16(bp + 14), urp = nd.Be16(bp + 18);
  if (nd.o.quiet) {
    nd.out.F("tcp %u", length - hlen);
    if (hlen > length) nd.out.F(" [bad hdr length %u - too long, > %u]", hlen, length);
    return;
  }
  uint8_t flags = nd.U8(bp + 13);
  nd.out.S("Flags [");
  if (flags == 0) {
    nd.out.S("none");
  } else {
    if (flags & kFin) nd.out.C('F');
    if (flags & kSyn) nd.out.C('S');
    if (flags & kRst) nd.out.C('R');
    if (flags & kPush) nd.out.C('P');
    if (flags & kAck) nd.out.C('.');
    if (flags & kUrg) nd.out.C('U');
    if (flags & kEce) nd.out.C('E');
    if (flags & kCwr) nd.out.C('W');
  }
  nd.out.C(']');

  OptState st{false, 0, 0, flags};
  if (!nd.o.absolute_seq && (flags & kAck)) {
    TcpSeqTable::Entry e =
        v6 ? nd.tcp.Track(iph + 8, iph + 24, 16, sport, dport, flags & kSyn, seq, ack, st.rev)
           : nd.tcp.Track(iph + 12, iph + 16, 4, sport, dport, flags & kSyn, seq, ack, st.rev);
    st.thseq = e.seq;
    st.thack = e.ack;
  }
  if (hlen > length) {
    nd.out.F(" [bad hdr length %u - too long, > %u]", hlen, length);
    return;
  }
  if (nd.o.verbose && !nd.o.no_checksum && !fragmented && nd.TTest(bp, length)) {
    uint16_t sum =
        v6 ? NextProto6Cksum(nd, iph, bp, length, length, 6) : NextProto4Cksum(iph, bp, length, length, 6);
    uint16_t tcp_sum = nd.Be16(bp + 16);
    nd.out.S(", cksum 0x");
    nd.out.X(tcp_sum, 4);
    if (sum != 0) {
      nd.out.F(" (incorrect -> 0x%04x)", InCksumShouldBe(tcp_sum, sum));
    } else {
      nd.out.S(" (correct)");
    }
  }
  length -= hlen;
  if (nd.o.verbose > 1 || length > 0 || (flags & (kSyn | kFin | kRst))) {
    nd.out.S(", seq ");
    nd.out.U(seq);
    if (length > 0) {
      nd.out.C(':');
      nd.out.U(uint32_t(seq + length));
    }
  }
  if (flags & kAck) {
    nd.out.S(", ack ");
    nd.out.U(ack);
  }
  nd.out.S(", win ");
  nd.out.U(win);
  if (flags & kUrg) {
    nd.out.S(", urg ");
    nd.out.U(urp);
  }
  if (hlen > 20) {
    nd.out.S(", options [");
    OptResult r = Options(nd, bp + 20, hlen - 20, st, ch);
    if (r == kOptTrunc) {
      nd.PrintTrunc();
      if (ch != '\0') nd.out.C('>');
      return;
    }
    if (r == kOptBad) {
      nd.out.S("[bad opt]");
      if (ch != '\0') nd.out.C(']');
      return;
    }
    nd.out.C(']');
  }
  nd.out.S(", length ");
  nd.out.U(length);
  if (length == 0) return;

  uint32_t header_len = (nd.U8(bp + 12) >> 4) * 4u;
  if (!nd.TTest(bp, header_len)) {
    nd.out.F(" [remaining caplen(%u) < header length(%u)]", unsigned(nd.Avail(bp)), header_len);
    nd.Trunc();
  }
  bp += header_len;
  if ((flags & kRst) && nd.o.verbose) {
    RstData(nd, bp, length);
    return;
  }
  if (nd.o.packet_type) {
    if (nd.o.packet_type == kPacketTypeDomain) DomainPrint(nd, bp, length, true, false);
    return;
  }
  TcpArgs a{bp, length, sport, dport, iph};
  int row = FindTcpPort(nd, a);
  if (row >= 0 && TcpPortTable()[size_t(row)].print) TcpPortTable()[size_t(row)].print(nd, a);
}

}  // namespace ringdump::print
