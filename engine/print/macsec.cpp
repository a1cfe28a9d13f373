// IEEE 802.1AE MACsec (print-macsec.c): the SecTAG after the MAC addresses (association number, packet
// number, flags, short length, SCI). An encrypted payload prints as hex; a protected-only one goes on
// through ether.cpp's ethertype handling with the ICV taken off the end.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr uint8_t kTciVersion = 0x80, kTciSc = 0x20, kTciFlags = 0x40 | 0x20 | 0x10 | 0x08 | 0x04;
constexpr uint8_t kTciConfid = 0x08 | 0x04, kAnMask = 0x03, kSlMask = 0x3f;
constexpr uint32_t kSectagNoSci = 6, kSectagSci = 14, kIcvLen = 16;
constexpr Tok kFlags[] = {{0x08, "E"}, {0x04, "C"}, {0x40, "S"}, {0x10, "B"}, {0x20, "I"}};

void HeaderPrint(Nd& nd, const uint8_t* sectag, uint32_t short_length) {
  uint8_t tci = nd.U8(sectag);
  nd.out.F("an %u, pn %u, flags ", tci & kAnMask, nd.Be32(sectag + 2));
  BitTok2Str(nd, kFlags, "none", tci & kTciFlags, "");
  if (short_length != 0) nd.out.F(", sl %u", short_length);
  if (tci & kTciSc) nd.out.F(", sci %016llx", (unsigned long long)nd.Be64(sectag + 6));
  nd.out.S(", ");
}

}  // namespace

int MacsecPrint(Nd& nd, const uint8_t** pos, uint32_t* lengthp, uint32_t* caplenp, uint32_t* hdrlenp,
                const uint8_t* src, const uint8_t* dst) {
  const char* save_protocol = nd.protocol;
  nd.protocol = "macsec";
  const uint8_t* sectag = *pos;
  uint32_t length = *lengthp, caplen = *caplenp, hdrlen = *hdrlenp;
  auto fail = [&](bool trunc) {
    if (trunc) {
      nd.PrintTrunc();
    } else {
      nd.PrintInvalid();
    }
    nd.protocol = save_protocol;
    return int(hdrlen + caplen);
  };
  if (caplen < kSectagNoSci || length < kSectagNoSci) return fail(true);
  uint8_t tci = nd.U8(sectag);
  uint32_t sectag_len = kSectagNoSci;
  if (tci & kTciSc) {
    sectag_len = kSectagSci;
    if (caplen < kSectagSci || length < kSectagSci) return fail(true);
  }
  uint8_t sl = nd.U8(sectag + 1);
  if ((sl & ~kSlMask) != 0 || (tci & kTciVersion)) return fail(false);
  uint32_t short_length = sl & kSlMask;
  if (nd.o.link_header) HeaderPrint(nd, sectag, short_length);
  *pos += sectag_len;
  *hdrlenp += sectag_len;
  *lengthp -= sectag_len;
  *caplenp -= sectag_len;
  if (tci & kTciConfid) {  // encrypted: the caller dumps it
    if (!nd.o.link_header) {
      if (src && dst) {
        PrintEtherAddr(nd, src);
        nd.out.S(" > ");
        PrintEtherAddr(nd, dst);
        nd.out.C(' ');
      }
      nd.out.S("802.1AE MACsec, ");
      HeaderPrint(nd, sectag, short_length);
    }
    nd.protocol = save_protocol;
    return 0;
  }
  if (*lengthp < kIcvLen || *caplenp < kIcvLen) return fail(true);
  *lengthp -= kIcvLen;
  *caplenp -= kIcvLen;
  nd.snapend -= kIcvLen;  // the ICV is not payload
  if (short_length != 0) {
    if (short_length > *lengthp || short_length > *caplenp) return fail(true);
    if (*lengthp > short_length) *lengthp = short_length;
    if (*caplenp > short_length) *caplenp = short_length;
  }
  nd.protocol = save_protocol;
  return -1;
}

}  // namespace ringdump::print
