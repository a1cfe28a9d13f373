// Hex and ASCII dumps (print-ascii.c): 16 bytes a line in groups of two, offset "0x%04x:", the ASCII
// column for -X, the text of -A; each stops at the captured end and prints the truncation marker.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

bool IsGraph(uint8_t c) { return c > 0x20 && c <= 0x7e; }
constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void HexAndAsciiPrint(Nd& nd, const char* ident, const uint8_t* cp, uint32_t length, uint32_t offset) {
  bool truncated = false;
  size_t caplength = nd.Avail(cp);
  if (length > caplength) {
    length = uint32_t(caplength);
    truncated = true;
  }
  char hex[41];
  char asc[17];
  int hn = 0, an = 0, i = 0;
  auto flush = [&] {
    nd.out.S(ident);
    nd.out.S("0x");
    nd.out.X(offset, 4);
    nd.out.S(": ");
    nd.out.S(std::string_view(hex, size_t(hn)));
    for (int k = hn; k < 40; k++) nd.out.C(' ');
    nd.out.S("  ");
    nd.out.S(std::string_view(asc, size_t(an)));
  };
  uint32_t nshorts = length / 2;
  while (nshorts--) {
    uint8_t s1 = cp[0], s2 = cp[1];
    cp += 2;
    hex[hn++] = ' ';
    hex[hn++] = kHex[s1 >> 4];
    hex[hn++] = kHex[s1 & 15];
    hex[hn++] = kHex[s2 >> 4];
    hex[hn++] = kHex[s2 & 15];
    asc[an++] = IsGraph(s1) ? char(s1) : '.';
    asc[an++] = IsGraph(s2) ? char(s2) : '.';
    if (++i >= 8) {
      flush();
      i = hn = an = 0;
      offset += 16;
    }
  }
  if (length & 1) {
    uint8_t s1 = *cp;
    hex[hn++] = ' ';
    hex[hn++] = kHex[s1 >> 4];
    hex[hn++] = kHex[s1 & 15];
    asc[an++] = IsGraph(s1) ? char(s1) : '.';
    ++i;
  }
  if (i > 0) flush();
  if (truncated) nd.PrintTrunc();
}

void HexPrint(Nd& nd, const char* ident, const uint8_t* cp, uint32_t length, uint32_t offset) {
  bool truncated = false;
  size_t caplength = nd.Avail(cp);
  if (length > caplength) {
    length = uint32_t(caplength);
    truncated = true;
  }
  uint32_t nshorts = length / 2;
  uint32_t i = 0;
  while (nshorts--) {
    if ((i++ % 8) == 0) {
      nd.out.S(ident);
      nd.out.S("0x");
      nd.out.X(offset, 4);
      nd.out.S(": ");
      offset += 16;
    }
    nd.out.C(' ');
    nd.out.C(kHex[cp[0] >> 4]);
    nd.out.C(kHex[cp[0] & 15]);
    nd.out.C(kHex[cp[1] >> 4]);
    nd.out.C(kHex[cp[1] & 15]);
    cp += 2;
  }
  if (length & 1) {
    if ((i % 8) == 0) {
      nd.out.S(ident);
      nd.out.S("0x");
      nd.out.X(offset, 4);
      nd.out.S(": ");
    }
    nd.out.C(' ');
    nd.out.C(kHex[cp[0] >> 4]);
    nd.out.C(kHex[cp[0] & 15]);
  }
  if (truncated) nd.PrintTrunc();
}

void AsciiPrint(Nd& nd, const uint8_t* cp, uint32_t length) {
  nd.protocol = "ascii";
  bool truncated = false;
  size_t caplength = nd.Avail(cp);
  if (length > caplength) {
    length = uint32_t(caplength);
    truncated = true;
  }
  nd.out.C('\n');
  while (length > 0) {
    uint8_t s = *cp++;
    length--;
    if (s == '\r') {
      if (length > 1 && *cp != '\n') nd.out.C('.');
    } else if (!IsGraph(s) && s != '\t' && s != ' ' && s != '\n') {
      nd.out.C('.');
    } else {
      nd.out.C(char(s));
    }
  }
  if (truncated) nd.PrintTrunc();
}

void DefaultPrint(Nd& nd, const uint8_t* cp, uint32_t length) { HexAndAsciiPrint(nd, "\n\t", cp, length); }
}  // namespace ringdump::print
