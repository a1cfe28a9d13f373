// SNMP's BER element (print-snmp.c's struct be) and the two functions the message printer (snmp.cpp)
// uses on it (snmp_asn1.cpp). Internal to engine/print.
#pragma once

#include <cstdint>

#include "dissect.hpp"

namespace ringdump::print::snmp {

enum BeType : uint8_t {
  kBeNone = 0,
  kBeNull = 1,
  kBeOctet = 2,
  kBeOid = 3,
  kBeInt = 4,
  kBeUns = 5,
  kBeStr = 6,
  kBeSeq = 7,
  kBeInetAddr = 8,
  kBePdu = 9,
  kBeUns64 = 10,
  kBeNoSuchObject = 128,
  kBeNoSuchInst = 129,
  kBeEndOfMibView = 130,
  kBeAny = 255,
};

struct Be {
  uint32_t asnlen = 0;
  const uint8_t* raw = nullptr;  // the value's bytes (strings, OIDs, addresses, constructed contents)
  int32_t integer = 0;
  uint32_t uns = 0;
  uint64_t uns64 = 0;
  uint16_t id = 0;
  uint8_t form = 0, cls = 0;
  uint8_t type = kBeAny;
};

// The context tags (PDU types).
enum Pdu : uint16_t {
  kGetReq,
  kGetNextReq,
  kGetResp,
  kSetReq,
  kTrap,
  kGetBulkReq,
  kInformReq,
  kV2Trap,
  kReport
};

// asn1_parse: the element at p (len bytes left); its whole length, or -1 after printing why.
int Parse(Nd& nd, const uint8_t* p, uint32_t len, Be& e);
// asn1_print, asn1_print_octets, asn1_print_string: 0, or -1 after the truncation marker.
int Print(Nd& nd, const Be& e);
int PrintOctets(Nd& nd, const Be& e);
int PrintString(Nd& nd, const Be& e);

}  // namespace ringdump::print::snmp
