// SNMP's BER layer (print-snmp.c's asn1_parse and asn1_print, without libsmi as Debian builds tcpdump):
// one element's tag, length and value decoded into Be, with tcpdump's complaints for what the Internet
// SMI does not allow ("[P/U/Boolean]", "[len5<asnlen9]", ...), and its text: integers, counters, strings
// (quoted when printable, else hex), OIDs (names from the compiled-in MIB unless -n), addresses, PDU
// names. A length check that fails prints the truncation marker and returns -1 (tcpdump's goto trunc);
// a read past the capture is the usual Truncated.
#include <cstring>

#include "snmp.hpp"
#include "snmp_mib.hpp"

namespace ringdump::print::snmp {
namespace {

const char* const kUniversal[] = {"U-0",   "Boolean",   "Integer", "Bitstring", "String",   "Null",
                                  "ObjID", "ObjectDes", "U-8",     "U-9",       "U-10",     "U-11",
                                  "U-12",  "U-13",      "U-14",    "U-15",      "Sequence", "Set"};
const char* const kApplication[] = {"IpAddress", "Counter", "Gauge",    "TimeTicks",
                                    "Opaque",    "C-5",     "Counter64"};
const char* const kContext[] = {"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
                                "GetBulk",    "Inform",         "V2Trap",      "Report"};
const char* const kExceptions[] = {"noSuchObject", "noSuchInstance", "endOfMibView"};
const char* const kPrivate[] = {"P-0"};

// tcpdump's Class[] table. Its defineCLASS macro quotes the letter x rather than the argument, so every
// class prints its name as "x": kept, since that is what tcpdump prints.
struct ClassInfo {
  const char* name;
  const char* const* ids;
  int count;
};
const ClassInfo kClass[] = {{"x", kUniversal, 18},
                            {"x", kApplication, 7},
                            {"x", kContext, 9},
                            {"x", kPrivate, 1},
                            {"x", kExceptions, 3}};
constexpr int kUniversalClass = 0, kApplicationClass = 1, kContextClass = 2;
const char kForm[] = {'P', 'C'};

bool TruncCheck(Nd& nd, const uint8_t* p, uint32_t n) {
  if (nd.TTest(p, n)) return true;
  nd.PrintTrunc();
  return false;
}

// The OID prefixes tcpdump abbreviates (obj_abrev_list), BER-encoded, and the MIB node each starts at.
struct Abbrev {
  const char* prefix;
  const int* node;
  uint8_t oid[6];
  uint8_t len;
};
const Abbrev kAbbrev[] = {{"", &kMibMib, {43, 6, 1, 2, 1}, 5},
                          {"E:", &kMibEnterprises, {43, 6, 1, 4, 1}, 5},
                          {"X:", &kMibExperimental, {43, 6, 1, 3}, 4},
                          {"S:", &kMibSnmpModules, {43, 6, 1, 6, 3}, 5}};

// OBJ_PRINT: the sub-identifier's name among the siblings from node on (then descend), or its number.
void ObjPrint(Nd& nd, int& node, uint32_t o, bool suppress_dot) {
  while (node >= 0 && kMib[node].subid != o) node = kMib[node].next;
  if (!suppress_dot) nd.out.C('.');
  if (node >= 0) {
    nd.out.S(kMib[node].name);
    node = kMib[node].child;
  } else {
    nd.out.U(o);
  }
}

void OidPrint(Nd& nd, const Be& e) {
  const uint8_t* p = e.raw;
  uint32_t i = e.asnlen;
  int first = -1;
  int node = -1;  // tcpdump's objp: only ever set without -n
  if (!nd.o.numeric && i > 2) {
    for (const Abbrev& a : kAbbrev) {
      if (i < a.len || !nd.TTest(p, a.len) || memcmp(a.oid, p, a.len) != 0) continue;
      node = kMib[*a.node].child;
      i -= a.len;
      p += a.len;
      nd.out.S(a.prefix);
      first = 1;
      break;
    }
  }
  uint32_t o = 0;
  for (; i != 0; p++, i--) {
    uint8_t b = nd.U8(p);
    o = (o << 7) + (b & 0x7f);
    if (b & 0x80) continue;
    if (first < 0) {
      // The first sub-identifier holds two: 40 * first + second (X.690 8.19).
      if (!nd.o.numeric) node = kMibIso;
      first = 0;
      uint32_t s = int32_t(o) / 40;
      if (int32_t(s) > 2) s = 2;
      ObjPrint(nd, node, s, first != 0);
      o -= s * 40;
    }
    ObjPrint(nd, node, o, first != 0);
    if (--first < 0) first = 0;
    o = 0;
  }
}

}  // namespace

int Parse(Nd& nd, const uint8_t* p, uint32_t len, Be& e) {
  e.asnlen = 0;
  e.type = kBeAny;
  if (len < 1) {
    nd.out.S("[nothing to parse]");
    return -1;
  }
  uint8_t b = nd.U8(p);
  uint32_t id = b & 0x1f;
  uint8_t form = (b & 0x20) >> 5, cls = (b & 0xc0) >> 6;
  e.form = form;
  e.cls = cls;
  e.id = uint16_t(id);
  p++;
  len--;
  uint32_t hdr = 1;
  if (id == 0x1f) {  // the tag continues in 7-bit groups
    id = 0;
    while (nd.U8(p) & 0x80) {
      if (len < 1) {
        nd.out.S("[Xtagfield?]");
        return -1;
      }
      id = uint8_t((id << 7) | (nd.U8(p) & 0x7f));  // tcpdump keeps the tag in a u_char
      len--;
      hdr++;
      p++;
    }
    if (len < 1) {
      nd.out.S("[Xtagfield?]");
      return -1;
    }
    id = uint8_t((id << 7) | nd.U8(p));
    e.id = uint16_t(id);
    --len;
    ++hdr;
    ++p;
  }
  if (len < 1) {
    nd.out.S("[no asnlen]");
    return -1;
  }
  e.asnlen = nd.U8(p);
  p++;
  len--;
  hdr++;
  if (e.asnlen & 0x80) {
    uint32_t noct = e.asnlen % 0x80;
    e.asnlen = 0;
    if (len < noct) {
      nd.out.F("[asnlen? %d<%d]", len, noct);
      return -1;
    }
    if (!TruncCheck(nd, p, noct)) return -1;
    for (; noct != 0; len--, hdr++, noct--) e.asnlen = (e.asnlen << 8) | nd.U8(p++);
  }
  if (len < e.asnlen) {
    nd.out.F("[len%d<asnlen%u]", len, e.asnlen);
    return -1;
  }
  if (int(id) >= kClass[cls].count) {
    nd.out.F("[id?%c/%s/%d]", kForm[form], kClass[cls].name, int(id));
    return -1;
  }
  if (!TruncCheck(nd, p, e.asnlen)) return -1;
  e.raw = p;
  if (form == 0) {
    switch (cls) {
      case kUniversalClass:
        if (id == 4) {
          e.type = kBeStr;
        } else if (id == 2) {
          e.type = kBeInt;
          if (e.asnlen == 0) {
            nd.out.S("[asnlen=0]");
            return -1;
          }
          uint32_t data = (nd.U8(p) & 0x80) ? 0xffffffffu : 0;
          for (uint32_t i = 0; i < e.asnlen; i++) data = (data << 8) | nd.U8(p + i);
          e.integer = int32_t(data);
        } else if (id == 6) {
          e.type = kBeOid;
        } else if (id == 5) {
          e.type = kBeNull;
        } else {
          e.type = kBeOctet;
          nd.out.F("[P/U/%s]", kUniversal[id]);
        }
        break;
      case kApplicationClass:
        if (id == 0) {
          e.type = kBeInetAddr;
        } else if (id >= 1 && id <= 3) {
          e.type = kBeUns;
          uint32_t data = 0;
          for (uint32_t i = 0; i < e.asnlen; i++) data = (data << 8) + nd.U8(p + i);
          e.uns = data;
        } else if (id == 6) {
          e.type = kBeUns64;
          uint64_t data = 0;
          for (uint32_t i = 0; i < e.asnlen; i++) data = (data << 8) + nd.U8(p + i);
          e.uns64 = data;
        } else {
          e.type = kBeOctet;
          nd.out.F("[P/A/%s]", kApplication[id]);
        }
        break;
      case kContextClass:
        // Exceptions; other context tags stay kBeAny, as in tcpdump.
        if (id <= 2) e.type = uint8_t(kBeNoSuchObject + id);
        break;
      default:
        nd.out.F("[P/%s/%s]", kClass[cls].name, kClass[cls].ids[id]);
        e.type = kBeOctet;
        break;
    }
  } else {
    if (cls == kUniversalClass) {
      if (id == 16) {
        e.type = kBeSeq;
      } else {
        e.type = kBeOctet;
        nd.out.F("C/U/%s", kUniversal[id]);
      }
    } else if (cls == kContextClass) {
      e.type = kBePdu;
    } else {
      e.type = kBeOctet;
      nd.out.F("C/%s/%s", kClass[cls].name, kClass[cls].ids[id]);
    }
  }
  return int(e.asnlen + hdr);
}

int PrintOctets(Nd& nd, const Be& e) {
  if (!TruncCheck(nd, e.raw, e.asnlen)) return -1;
  for (uint32_t i = 0; i < e.asnlen; i++) {
    nd.out.C('_');
    nd.out.X(nd.U8(e.raw + i), 2);
  }
  return 0;
}

int PrintString(Nd& nd, const Be& e) {
  if (!TruncCheck(nd, e.raw, e.asnlen)) return -1;
  bool printable = true;
  for (uint32_t i = 0; printable && i < e.asnlen; i++) printable = IsPrint(nd.U8(e.raw + i));
  if (printable) {
    nd.out.C('"');
    PrintCharsN(nd, e.raw, e.asnlen);
    nd.out.C('"');
  } else {
    for (uint32_t i = 0; i < e.asnlen; i++) {
      if (i) nd.out.C('_');
      nd.out.X(nd.U8(e.raw + i), 2);
    }
  }
  return 0;
}

int Print(Nd& nd, const Be& e) {
  switch (e.type) {
    case kBeOctet:
      return PrintOctets(nd, e);
    case kBeNull:
      break;
    case kBeOid:
      OidPrint(nd, e);
      break;
    case kBeInt:
      nd.out.I(e.integer);
      break;
    case kBeUns:
      nd.out.U(e.uns);
      break;
    case kBeUns64:
      nd.out.U(e.uns64);
      break;
    case kBeStr:
      return PrintString(nd, e);
    case kBeSeq:
      nd.out.F("Seq(%u)", e.asnlen);
      break;
    case kBeInetAddr:
      if (e.asnlen != 4) nd.out.S("[inetaddr len!=4]");
      if (!TruncCheck(nd, e.raw, e.asnlen)) return -1;
      for (uint32_t i = 0; i < e.asnlen; i++) {
        if (i) nd.out.C('.');
        nd.out.U(nd.U8(e.raw + i));
      }
      break;
    case kBeNoSuchObject:
    case kBeNoSuchInst:
    case kBeEndOfMibView:
      nd.out.F("[%s]", kExceptions[e.id]);
      break;
    case kBePdu:
      nd.out.F("%s(%u)", kContext[e.id], e.asnlen);
      break;
    case kBeAny:
      nd.out.S("[BE_ANY!?]");
      break;
    default:
      nd.out.S("[be!?]");
      break;
  }
  return 0;
}

}  // namespace ringdump::print::snmp
