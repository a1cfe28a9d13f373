// NTP (print-ntp.c).
#include "dissect.hpp"

namespace ringdump::print {
void NtpPrint(Nd& nd, const uint8_t*, uint32_t length) { nd.out.F("NTP %u", length); }
}  // namespace ringdump::print
