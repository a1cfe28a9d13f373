// RADIUS attribute types, the names of their values, packet codes and vendor (SMI enterprise) names:
// print-radius.c's and oui.c's tables, checked value by value against tcpdump 4.99. Used by radius.cpp.
#pragma once

#include <cstdint>

namespace ringdump::print::radius {

// How an attribute's value is printed (print-radius.c's print_attr_* function of the attribute).
enum class Fmt {
  kNone,
  kString,
  kNum,
  kVendor,
  kAddr,
  kAddr6,
  kNetmask6,
  kMip6Prefix,
  kOperator,
  kLocInfo,
  kLocData,
  kPolicyRules,
  kTime,
  kVector64,
  kStrange
};

struct Values {
  const char* const* names;  // nullptr: the attribute has no named values
  uint32_t count;
  uint32_t first;  // the value of names[first]; lower values print as "#n"
};

struct AttrType {
  const char* name;
  Fmt fmt;
  Values values;
};

// Attributes whose number carries a tag byte first.
constexpr uint8_t kTunnelType = 64, kTunnelMedium = 65;

// The attribute of a type; nullptr past the table (type 0 has an entry without a name).
const AttrType* FindAttr(uint8_t type);
const char* CodeName(uint8_t code);          // "Unknown Command" if not known
const char* VendorName(uint32_t id);         // "Unknown" if not known
const char* ErrorCauseName(uint32_t cause);  // nullptr if not known

}  // namespace ringdump::print::radius
