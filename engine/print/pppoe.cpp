// PPPoE (print-pppoe.c, RFC 2516): discovery packets (PADI, PADO, PADR, PADS, PADT) with their tags,
// printed as text when mostly printable and in hex otherwise, and session packets, whose payload is a
// PPP frame (ppp.cpp).
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kCodes[] = {{0x09, "PADI"}, {0x07, "PADO"}, {0x19, "PADR"}, {0x65, "PADS"}, {0xa7, "PADT"}, {0, ""}};
constexpr Tok kTags[] = {{0, "EOL"},
                         {0x0101, "Service-Name"},
                         {0x0102, "AC-Name"},
                         {0x0103, "Host-Uniq"},
                         {0x0104, "AC-Cookie"},
                         {0x0105, "Vendor-Specific"},
                         {0x0110, "Relay-Session-ID"},
                         {0x0120, "PPP-Max-Payload"},
                         {0x0201, "Service-Name-Error"},
                         {0x0202, "AC-System-Error"},
                         {0x0203, "Generic-Error"}};

constexpr uint32_t kHdrLen = 6;
constexpr uint32_t kMaxTagPrint = 80;

}  // namespace

void PppoePrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "pppoe";
  if (length < kHdrLen) {
    nd.out.F(" (length %u < %u)", length, kHdrLen);
    nd.PrintInvalid();
    return;
  }
  length -= kHdrLen;
  nd.Check(bp, kHdrLen);
  uint32_t ver = nd.U8(bp) >> 4, type = nd.U8(bp) & 0x0f, code = nd.U8(bp + 1);
  uint32_t session = nd.Be16(bp + 2), plen = nd.Be16(bp + 4);
  const uint8_t* payload = bp + kHdrLen;
  if (ver != 1) nd.out.F(" [ver %u]", ver);
  if (type != 1) nd.out.F(" [type %u]", type);
  nd.out.S("PPPoE ");
  Tok2Str(nd, kCodes, "PAD-%x", code);
  if (code == 0x09 && plen > 1484 - kHdrLen) nd.out.F(" [len %u!]", plen);
  if (plen > length) {
    nd.out.F(" [len %u > %u!]", plen, length);
    plen = length;
  }
  if (session) nd.out.F(" [ses 0x%x]", session);
  if (!code) {
    nd.out.C(' ');
    PppPrint(nd, payload, plen);
    return;
  }
  uint32_t tag_type = 0xffff;
  const uint8_t* p = payload;
  while (tag_type && p < payload + plen) {
    tag_type = nd.Be16(p);
    uint32_t tag_len = nd.Be16(p + 2);
    p += 4;
    if (tag_len) {
      nd.Check(p, tag_len);
      char text[kMaxTagPrint];
      uint32_t n = 0, ascii = 0, garbage = 0;
      for (const uint8_t* v = p; v < p + tag_len && n < kMaxTagPrint - 1; v++) {
        uint8_t c = nd.U8(v);
        if (c >= 0x20 && c < 0x7f) {
          text[n++] = char(c);
          ascii++;
        } else {
          text[n++] = '.';
          garbage++;
        }
      }
      nd.out.S(" [");
      Tok2Str(nd, kTags, "TAG-0x%x", tag_type);
      if (ascii > garbage) {
        nd.out.S(" \"");
        nd.out.S(std::string_view(text, n));
        nd.out.S("\"]");
      } else {
        nd.out.S(" 0x");
        for (const uint8_t* v = p; v < p + tag_len; v++) nd.out.F("%02X", nd.U8(v));
        nd.out.C(']');
      }
    } else {
      nd.out.S(" [");
      Tok2Str(nd, kTags, "TAG-0x%x", tag_type);
      nd.out.C(']');
    }
    p += tag_len;
  }
}

}  // namespace ringdump::print
