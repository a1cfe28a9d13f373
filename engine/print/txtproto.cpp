// Text protocols: util-print.c's txtproto_print (the first line of a request or response, every line
// with -v) and its callers print-http.c, print-smtp.c, print-ftp.c, print-whois.c, print-rtsp.c and
// print-sip.c, each a caps name and, for HTTP, RTSP and SIP, the commands that make a line printable.
#include <strings.h>

#include "dissect.hpp"

namespace ringdump::print {

namespace {

uint32_t FetchToken(Nd& nd, const uint8_t* p, uint32_t idx, uint32_t len, char* tok, size_t toklen_max) {
  size_t toklen = 0;
  for (; idx < len; idx++) {
    if (!nd.TTest(p + idx, 1)) return 0;
    uint8_t c = nd.U8(p + idx);
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
    uint8_t c = nd.U8(p + idx);
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
}  // namespace ringdump::print
