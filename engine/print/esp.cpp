// ESP (print-esp.c without decryption): the SPI, the sequence number and the length.
#include "dissect.hpp"

namespace ringdump::print {

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
