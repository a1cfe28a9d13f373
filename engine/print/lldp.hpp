// The organisation-specific LLDP TLV printers (lldp_org.cpp, lldp_dcbx.cpp) lldp.cpp calls. Each gets
// the TLV value (starting with the OUI), already known to be captured whole, and returns tcpdump's
// "hexdump" flag: true if the TLV should also be dumped in hex at -v.
#pragma once

#include "l2_printers.hpp"

namespace ringdump::print {

bool Lldp8021Print(Nd& nd, const uint8_t* p, uint32_t len);
bool Lldp8023Print(Nd& nd, const uint8_t* p, uint32_t len);
bool LldpTiaPrint(Nd& nd, const uint8_t* p, uint32_t len);
bool LldpDcbxPrint(Nd& nd, const uint8_t* p, uint32_t len);

}  // namespace ringdump::print
