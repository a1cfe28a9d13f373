// Small application-layer printers: IGMP (print-igmp.c basics) and the first line of HTTP
// (print-http.c via txtproto_print).
#include <strings.h>

#include "dissect.hpp"

namespace ringdump::print {

void IgmpPrint(Nd& nd, const uint8_t* bp, uint32_t len) {
  nd.protocol = "igmp";
  if (nd.o.quiet) {
    nd.out.S("igmp");
    return;
  }
  uint8_t type = nd.U8(bp);
  switch (type) {
    case 0x11: {
      nd.out.S("igmp query");
      if (len >= 12) {
        nd.out.S(" v3");
        // v3 query details are printed below only for the group.
        uint32_t mrc = nd.U8(bp + 1);
        if (mrc != 100) {
          nd.out.S(" [max resp time ");
          if (mrc < 128) {
            nd.out.F("%u.%u", mrc / 10, mrc % 10);
          } else {
            uint32_t mrt = ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
            nd.out.F("%u.%u", mrt / 10, mrt % 10);
          }
          nd.out.S("s]");
        }
        if (nd.Be32(bp + 4) != 0) {
          nd.out.S(" [gaddr ");
          PrintIpAddr(nd, bp + 4);
          nd.out.C(']');
        }
        uint32_t nsrcs = nd.Be16(bp + 10);
        if (nsrcs) nd.out.F(" [%u source(s)]", nsrcs);
      } else {
        uint32_t mrt = nd.U8(bp + 1);
        if (mrt == 0) {
          nd.out.S(" v1");
        } else {
          nd.out.S(" v2");
          if (mrt != 100) nd.out.F(" [max resp time %u]", mrt);
        }
        if (nd.Be32(bp + 4) != 0) {
          nd.out.S(" [gaddr ");
          PrintIpAddr(nd, bp + 4);
          nd.out.C(']');
        }
        if (len != 8) nd.out.F(" [len %u]", len);
      }
      break;
    }
    case 0x12:
      nd.out.S("igmp v1 report ");
      PrintIpAddr(nd, bp + 4);
      if (len != 8) nd.out.F(" [len %u]", len);
      break;
    case 0x16:
      nd.out.S("igmp v2 report ");
      PrintIpAddr(nd, bp + 4);
      break;
    case 0x22: {
      nd.out.S("igmp v3 report");
      uint32_t ngroups = nd.Be16(bp + 6);
      nd.out.F(", %u group record(s)", ngroups);
      break;
    }
    case 0x17:
      nd.out.S("igmp leave ");
      PrintIpAddr(nd, bp + 4);
      break;
    default:
      nd.out.F("igmp-%d", type);
      break;
  }
  if (nd.o.verbose && nd.TTest(bp, len)) {
    uint16_t sum = InCksum(bp, len);
    if (sum != 0) nd.out.F(" bad igmp cksum %x!", nd.Be16(bp + 2));
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

const char* const kHttpCmds[] = {"OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT",
                                 "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK",
                                 "UNLOCK", "POLL", "BCOPY", "BMOVE", "SEARCH", "BDELETE", "SUBSCRIBE",
                                 "UNSUBSCRIBE", "NOTIFY", "ACL", "BIND", "REBIND", "UNBIND", "CHECKIN",
                                 "CHECKOUT", "UNCHECKOUT", "LABEL", "LINK", "UNLINK", "MERGE",
                                 "MKACTIVITY", "MKCALENDAR", "MKREDIRECTREF", "MKWORKSPACE", "ORDERPATCH",
                                 "REPORT", "UPDATE", "UPDATEREDIRECTREF", "VERSION-CONTROL", "BASELINE-CONTROL",
                                 nullptr};

}  // namespace

void HttpPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "http";
  char tok[129];
  bool print_this = false;
  uint32_t idx = FetchToken(nd, p, 0, len, tok, sizeof tok);
  if (idx != 0) {
    for (const char* const* c = kHttpCmds; *c; c++) {
      if (strcasecmp(tok, *c) == 0) {
        print_this = true;
        break;
      }
    }
    idx = FetchToken(nd, p, idx, len, tok, sizeof tok);
    if (idx != 0) {
      if (tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' && tok[2] >= '0' && tok[2] <= '9' &&
          tok[3] == 0) {
        print_this = true;
      }
    }
  }
  nd.out.S("HTTP");
  if (!print_this) return;
  if (nd.o.verbose) {
    nd.out.F(", length: %u", len);
    uint32_t eol;
    for (idx = 0; idx < len && (eol = PrintTxtLine(nd, "\n\t", p, idx, len)) != 0; idx = eol) {
    }
  } else {
    PrintTxtLine(nd, ": ", p, 0, len);
  }
}

}  // namespace ringdump::print
