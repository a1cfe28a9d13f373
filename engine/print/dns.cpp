// DNS (print-domain.c).
#include "dissect.hpp"

namespace ringdump::print {
void DomainPrint(Nd& nd, const uint8_t*, uint32_t length, bool, bool) { nd.out.F("domain %u", length); }
}  // namespace ringdump::print
