// Small helpers several dissectors share: tcpdump's print_unknown_data (the hex dump a dissector falls
// back to for bytes it does not decode; unlike HexPrint it stops at the captured end without a marker),
// a byte string printed as text, and the value-to-name lookup of tcpdump's struct tok tables.
#include "dissect.hpp"

namespace ringdump::print {

void PrintUnknownData(Nd& nd, const uint8_t* cp, const char* ident, uint32_t len) {
  if (!nd.TTest(cp, 0)) {
    nd.out.S(ident);
    nd.out.S("Dissector error: print_unknown_data called with pointer past end of packet");
    return;
  }
  if (nd.Avail(cp) < len) len = uint32_t(nd.Avail(cp));
  HexPrint(nd, ident, cp, len);
}

void PrintCharsN(Nd& nd, const uint8_t* cp, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) PrintChar(nd, nd.U8(cp + i));
}

const char* TokName(const Tok* table, size_t n, uint32_t value) {
  for (size_t i = 0; i < n; i++) {
    if (table[i].value == value) return table[i].name;
  }
  return nullptr;
}

}  // namespace ringdump::print
