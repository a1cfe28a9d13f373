// Small application-layer printers: IGMP (print-igmp.c basics) and the first line of HTTP
// (print-http.c via txtproto_print).
#include <strings.h>

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

void RelTs(Nd& nd, uint32_t secs) {
  static const char* kL[] = {"y", "w", "d", "h", "m", "s"};
  static const uint32_t kS[] = {31536000, 604800, 86400, 3600, 60, 1};
  if (secs == 0) {
    nd.out.S("0s");
    return;
  }
  for (int k = 0; secs > 0; k++) {
    if (secs >= kS[k]) {
      nd.out.F("%u%s", secs / kS[k], kL[k]);
      secs -= (secs / kS[k]) * kS[k];
    }
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
      RelTs(nd, mrt / 10);
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

namespace {

bool IsPrint(uint8_t c) { return c >= 0x20 && c <= 0x7e; }

uint32_t FetchToken(Nd& nd, const uint8_t* p, uint32_t idx, uint32_t len, char* tok, size_t toklen_max) {
  size_t toklen = 0;
  for (; idx < len; idx++) {
    if (!nd.TTest(p + idx, 1)) return 0;
    uint8_t c = p[idx];
    if (c & 0x80) return 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') break;
    if (!IsPrint(c)) return 0;
    if (toklen + 2 > toklen_max) return 0;
    tok[toklen++] = char(c);
  }
  if (toklen == 0) return 0;
  tok[toklen] = 0;
  for (; idx < len; idx++) {
    if (!nd.TTest(p + idx, 1)) break;
    uint8_t c = p[idx];
    if (c == '\r' || c == '\n') break;
    if (!IsPrint(c)) break;
    if (c != ' ' && c != '\t') break;
  }
  return idx;
}

uint32_t PrintTxtLine(Nd& nd, const char* prefix, const uint8_t* p, uint32_t idx, uint32_t len) {
  uint32_t start = idx, linelen;
  while (idx < len) {
    uint8_t c = nd.U8(p + idx);
    if (c == '\n') {
      linelen = idx - start;
      idx++;
      nd.out.S(prefix);
      nd.out.S(std::string_view(reinterpret_cast<const char*>(p + start), linelen));
      return idx;
    }
    if (c == '\r') {
      if (idx + 1 >= len) return 0;
      if (nd.U8(p + idx + 1) == '\n') {
        linelen = idx - start;
        idx += 2;
        nd.out.S(prefix);
        nd.out.S(std::string_view(reinterpret_cast<const char*>(p + start), linelen));
        return idx;
      }
      return 0;
    }
    if (!IsPrint(c) && c != '\t') return 0;
    idx++;
  }
  linelen = idx - start;
  nd.out.S(prefix);
  nd.out.S(std::string_view(reinterpret_cast<const char*>(p + start), linelen));
  nd.PrintTrunc();
  return 0;
}

const char* const kHttpCmds[] = {"OPTIONS",
                                 "GET",
                                 "HEAD",
                                 "POST",
                                 "PUT",
                                 "DELETE",
                                 "TRACE",
                                 "CONNECT",
                                 "PATCH",
                                 "PROPFIND",
                                 "PROPPATCH",
                                 "MKCOL",
                                 "COPY",
                                 "MOVE",
                                 "LOCK",
                                 "UNLOCK",
                                 "POLL",
                                 "BCOPY",
                                 "BMOVE",
                                 "SEARCH",
                                 "BDELETE",
                                 "SUBSCRIBE",
                                 "UNSUBSCRIBE",
                                 "NOTIFY",
                                 "ACL",
                                 "BIND",
                                 "REBIND",
                                 "UNBIND",
                                 "CHECKIN",
                                 "CHECKOUT",
                                 "UNCHECKOUT",
                                 "LABEL",
                                 "LINK",
                                 "UNLINK",
                                 "MERGE",
                                 "MKACTIVITY",
                                 "MKCALENDAR",
                                 "MKREDIRECTREF",
                                 "MKWORKSPACE",
                                 "ORDERPATCH",
                                 "REPORT",
                                 "UPDATE",
                                 "UPDATEREDIRECTREF",
                                 "VERSION-CONTROL",
                                 "BASELINE-CONTROL",
                                 nullptr};

}  // namespace

const char* const kRtspCmds[] = {"DESCRIBE", "ANNOUNCE",      "GET_PARAMETER", "OPTIONS",
                                 "PAUSE",    "PLAY",          "RECORD",        "REDIRECT",
                                 "SETUP",    "SET_PARAMETER", "TEARDOWN",      nullptr};
const char* const kSipCmds[] = {"ACK",      "BYE",    "CANCEL",    "DO",     "INFO",    "INVITE",
                                "MESSAGE",  "NOTIFY", "OPTIONS",   "PRACK",  "QAUTH",   "REFER",
                                "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH", nullptr};

// txtproto_print: cmds null means every payload is a request or response line.
void TxtProtoPrint(Nd& nd, const uint8_t* p, uint32_t len, const char* caps, const char* const* cmds) {
  bool print_this = cmds == nullptr;
  if (cmds) {
    char tok[129];
    uint32_t idx = FetchToken(nd, p, 0, len, tok, sizeof tok);
    if (idx != 0) {
      for (const char* const* c = cmds; *c; c++) {
        if (strcasecmp(tok, *c) == 0) {
          print_this = true;
          break;
        }
      }
      idx = FetchToken(nd, p, idx, len, tok, sizeof tok);
      if (idx != 0 && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' && tok[2] >= '0' &&
          tok[2] <= '9' && tok[3] == 0) {
        print_this = true;
      }
    }
  }
  nd.out.S(caps);
  if (!print_this) return;
  if (nd.o.verbose) {
    nd.out.F(", length: %u", len);
    uint32_t eol;
    for (uint32_t idx = 0; idx < len && (eol = PrintTxtLine(nd, "\n\t", p, idx, len)) != 0; idx = eol) {
    }
  } else {
    PrintTxtLine(nd, ": ", p, 0, len);
  }
}

void HttpPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "http";
  TxtProtoPrint(nd, p, len, "HTTP", kHttpCmds);
}

void TextProtocolPrint(Nd& nd, const uint8_t* p, uint32_t len, TextProto which) {
  switch (which) {
    case TextProto::kSmtp:
      nd.protocol = "smtp";
      TxtProtoPrint(nd, p, len, "SMTP", nullptr);
      break;
    case TextProto::kFtp:
      nd.protocol = "ftp";
      TxtProtoPrint(nd, p, len, "FTP", nullptr);
      break;
    case TextProto::kWhois:
      nd.protocol = "whois";
      TxtProtoPrint(nd, p, len, "WHOIS", nullptr);
      break;
    case TextProto::kRtsp:
      nd.protocol = "rtsp";
      TxtProtoPrint(nd, p, len, "RTSP", kRtspCmds);
      break;
    case TextProto::kSip:
      nd.protocol = "sip";
      TxtProtoPrint(nd, p, len, "SIP", kSipCmds);
      break;
  }
}

void SshPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "ssh";
  uint32_t idx = 0;
  for (const char* m = "SSH-"; *m; m++, idx++) {
    if (nd.U8(p + idx) != uint8_t(*m)) return;
  }
  while (idx < len) {
    uint8_t c = nd.U8(p + idx);
    if (c == '\n') break;
    if (c == '\r') {
      if (idx + 1 >= len || nd.U8(p + idx + 1) != '\n') return;
      break;
    }
    if (!IsPrint(c)) return;
    idx++;
  }
  if (idx >= len) return;
  nd.out.S(": SSH: ");
  nd.out.S(std::string_view(reinterpret_cast<const char*>(p), idx));
}

void SyslogPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "syslog";
  static const char* kFacility[] = {"kernel", "user",     "mail",    "daemon", "auth",     "syslog",
                                    "lpr",    "news",     "uucp",    "cron",   "authpriv", "ftp",
                                    "ntp",    "security", "console", "cron",   "local0",   "local1",
                                    "local2", "local3",   "local4",  "local5", "local6",   "local7"};
  static const char* kSeverity[] = {"emergency", "alert",  "critical", "error",
                                    "warning",   "notice", "info",     "debug"};
  uint32_t off = 0, pri = 0;
  if (nd.U8(p) != '<') {
    nd.PrintInvalid();
    return;
  }
  off++;
  while (off <= 3 && nd.U8(p + off) >= '0' && nd.U8(p + off) <= '9') {
    pri = pri * 10 + (p[off] - '0');
    off++;
  }
  if (nd.U8(p + off) != '>') {
    nd.PrintInvalid();
    return;
  }
  off++;
  uint32_t facility = (pri & 0x3f8) >> 3, severity = pri & 7;
  auto fac = [&] {
    if (facility < 24) {
      nd.out.S(kFacility[facility]);
    } else {
      nd.out.F("unknown (%u)", facility);
    }
  };
  if (nd.o.verbose < 1) {
    nd.out.S("SYSLOG ");
    fac();
    nd.out.F(".%s, length: %u", kSeverity[severity], len);
    return;
  }
  nd.out.F("SYSLOG, length: %u\n\tFacility ", len);
  fac();
  nd.out.F(" (%u), Severity %s (%u)\n\tMsg: ", facility, kSeverity[severity], severity);
  for (; off < len; off++) PrintChar(nd, nd.U8(p + off));
  if (nd.o.verbose > 1) {
    uint32_t n = len;
    if (nd.Avail(p) < n) n = uint32_t(nd.Avail(p));
    HexPrint(nd, "\n\t", p, n);
  }
}

void EspPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "esp";
  if (bp + 8 >= nd.snapend) {  // tcpdump wants more than the 8-byte header captured
    nd.PrintTrunc();
    return;
  }
  nd.out.F("ESP(spi=0x%08x", nd.Be32(bp));
  nd.out.F(",seq=0x%x)", nd.Be32(bp + 4));
  nd.out.F(", length %u", length);
}

}  // namespace ringdump::print
