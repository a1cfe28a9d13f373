// libpcap's DLT_ values (what a pcap_t reports) to the LINKTYPE_ values written in files.
#pragma once

#include <pcap/pcap.h>

#include "ringdump/packet.hpp"

namespace ringdump {

inline LinkType LinkTypeFromDlt(int dlt) {
  switch (dlt) {
    case DLT_RAW: return LinkType::kRaw;  // DLT_RAW differs between platforms; LINKTYPE_RAW is 101
    default: return static_cast<LinkType>(dlt);  // the others ringdump meets on Linux have equal values
  }
}

}  // namespace ringdump
