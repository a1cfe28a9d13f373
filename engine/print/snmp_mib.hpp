// The compiled-in MIB for SNMP OID names (snmp_mib.cpp): a tree of rows linked by index.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ringdump::print {

struct MibNode {
  const char* name;
  uint8_t subid;
  int16_t child;  // first child's row, -1 for none
  int16_t next;   // next sibling's row, -1 for none
};
extern const MibNode kMib[];
extern const size_t kMibSize;
// Rows tcpdump starts from: the root, and the abbreviated prefixes ("" mib-2, "E:", "X:", "S:").
extern const int kMibIso, kMibMib, kMibEnterprises, kMibExperimental, kMibSnmpModules;

}  // namespace ringdump::print
