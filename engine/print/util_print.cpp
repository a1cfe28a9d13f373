// The shared vocabulary of the dissectors, as netdissect's util-print.c has it: tok2str / tok2strbuf /
// bittok2str over Tok tables, unsigned_relts_print, the fn_print family (a byte as text, a counted
// string, a NUL-terminated one) and print_unknown_data. One copy each: a dissector that wants one of
// these calls it here instead of growing its own.
#include "dissect.hpp"

namespace ringdump::print {

const char* TokName(const Tok* table, size_t n, uint32_t value) {
  for (size_t i = 0; i < n; i++) {
    if (table[i].value == value) return table[i].name;
  }
  return nullptr;
}

const char* Tok2StrBuf(const Tok* table, size_t n, const char* fmt, uint32_t v, char* buf, size_t bufsize) {
  if (const char* name = TokName(table, n, v)) return name;
  snprintf(buf, bufsize, fmt ? fmt : "#%d", v);
  return buf;
}

void Tok2Str(Nd& nd, const Tok* table, size_t n, const char* fmt, uint32_t v) {
  char buf[128];
  nd.out.S(Tok2StrBuf(table, n, fmt, v, buf, sizeof buf));
}

void BitTok2Str(Nd& nd, const Tok* table, size_t n, const char* fmt, uint32_t v, const char* sep) {
  // A token matches when it has bits and all of them are set in v: a 0 token never matches.
  bool any = false;
  for (size_t i = 0; i < n; i++) {
    if (table[i].value && (v & table[i].value) == table[i].value) {
      if (any) nd.out.S(sep);
      nd.out.S(table[i].name);
      any = true;
    }
  }
  if (!any) nd.out.F(fmt ? fmt : "#%08x", v);
}

void UnsignedReltsPrint(Nd& nd, uint32_t secs) {
  static const char* const kUnit[] = {"y", "w", "d", "h", "m", "s"};
  static const uint32_t kSeconds[] = {31536000, 604800, 86400, 3600, 60, 1};
  if (secs == 0) {
    nd.out.S("0s");
    return;
  }
  for (int k = 0; secs > 0; k++) {
    if (secs >= kSeconds[k]) {
      nd.out.U(secs / kSeconds[k]);
      nd.out.S(kUnit[k]);
      secs -= (secs / kSeconds[k]) * kSeconds[k];
    }
  }
}

void SignedReltsPrint(Nd& nd, int32_t secs) {
  if (secs < 0) {
    nd.out.C('-');
    // -INT32_MIN does not fit an int32_t; its magnitude does fit a uint32_t.
    UnsignedReltsPrint(nd, secs == INT32_MIN ? 2147483648u : uint32_t(-secs));
    return;
  }
  UnsignedReltsPrint(nd, uint32_t(secs));
}

void PrintChar(Nd& nd, uint8_t c) {
  if (!(c < 0x80)) {
    c &= 0x7f;
    nd.out.S("M-");
  }
  if (!(c >= 0x20 && c < 0x7f)) {
    c ^= 0x40;
    nd.out.C('^');
  }
  nd.out.C(char(c));
}

void PrintStringN(Nd& nd, const uint8_t* cp, uint32_t n) {
  while (n--) {
    uint8_t c = nd.U8(cp++);
    if (c == 0) break;
    PrintChar(nd, c);
  }
}

void PrintCharsN(Nd& nd, const uint8_t* cp, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) PrintChar(nd, nd.U8(cp + i));
}

void PrintUnknownData(Nd& nd, const uint8_t* cp, const char* ident, uint32_t len) {
  if (!nd.TTest(cp, 0)) {
    nd.out.S(ident);
    nd.out.S("Dissector error: print_unknown_data called with pointer past end of packet");
    return;
  }
  if (nd.Avail(cp) < len) len = uint32_t(nd.Avail(cp));
  HexPrint(nd, ident, cp, len);
}

}  // namespace ringdump::print
