// BOOTP/DHCP (print-bootp.c).
#include "dissect.hpp"

namespace ringdump::print {
void BootpPrint(Nd& nd, const uint8_t*, uint32_t length) { nd.out.F("BOOTP %u", length); }
}  // namespace ringdump::print
