// RADIUS (print-radius.c, RFC 2865/2866 and extensions): "RADIUS, Code (n), id: 0xNN length: N"; with -v
// the authenticator and one line per attribute, decoded by its type (text, number or named value,
// address, time, vendor-specific, tunnel tags, EAP ...), with -vv each attribute's bytes in hex too.
// The attribute names and value tables are tcpdump 4.99's (checked against it value by value).
#include <ctime>
#include <string>

#include "dissect.hpp"
#include "radius_attrs.hpp"

namespace ringdump::print {
namespace {

using radius::AttrType;
using radius::FindAttr;
using radius::Fmt;

const char* Rfc4675Tag(uint8_t t) { return t == 0x31 ? "Tagged" : t == 0x32 ? "Untagged" : "Unknown tag"; }

void PrintIsPrint(Nd& nd, uint8_t c) { nd.out.C(c >= 0x20 && c < 0x7f ? char(c) : '.'); }

// p_ntp_time: NTP seconds.fraction and, when set, the UTC date (as ntp.cpp prints it; its copy is internal).
void NtpTime(Nd& nd, const uint8_t* p) {
  uint32_t i = nd.Be32(p), uf = nd.Be32(p + 4);
  uint32_t f = uint32_t(double(uf) / 4294967296.0 * 1000000000.0);
  nd.out.F("%u.%09u", i, f);
  if (i) {
    time_t seconds = time_t(int64_t(i) - 2208988800LL);
    struct tm tmv;
    char buf[64];
    if (gmtime_r(&seconds, &tmv) == nullptr) {
      nd.out.S(" ([localtime() or gmtime() couldn't convert the date and time])");
    } else {
      strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tmv);
      nd.out.F(" (%s)", buf);
    }
  }
}

// print_attr_string; false: tcpdump's "goto trunc".
bool AttrString(Nd& nd, const uint8_t* data, uint32_t length, uint8_t code) {
  if (!nd.TTest(data, length)) return false;
  switch (code) {
    case 69:  // Tunnel-Password
      if (length < 3) return false;
      if (nd.U8(data) && nd.U8(data) <= 0x1f) {
        nd.out.F("Tag[%u] ", nd.U8(data));
      } else {
        nd.out.S("Tag[Unused] ");
      }
      nd.out.F("Salt %u ", nd.Be16(data + 1));
      data += 3;
      length -= 3;
      break;
    case 66:
    case 67:
    case 81:
    case 82:
    case 90:
    case 91:  // tunnel endpoints, group and ids: an optional tag
      if (nd.U8(data) <= 0x1f) {
        if (nd.U8(data)) {
          nd.out.F("Tag[%u] ", nd.U8(data));
        } else {
          nd.out.S("Tag[Unused] ");
        }
        data++;
        length--;
      }
      break;
    case 58:  // Egress-VLAN-Name
      nd.out.F("%s (0x%02x) ", Rfc4675Tag(nd.U8(data)), nd.U8(data));
      data++;
      length--;
      break;
    case 79:  // EAP-Message
      EapPrint(nd, data, length);
      return true;
  }
  for (uint32_t i = 0; i < length && nd.U8(data); i++, data++) PrintIsPrint(nd, nd.U8(data));
  return true;
}

// print_vendor_attr; false: tcpdump's "goto trunc".
bool VendorAttr(Nd& nd, const uint8_t* data, uint32_t length) {
  if (length < 4) return false;
  uint32_t vendor = nd.Be32(data);
  data += 4;
  length -= 4;
  nd.out.F("Vendor: %s (%u)", radius::VendorName(vendor), vendor);
  while (length >= 2) {
    uint32_t type = nd.U8(data), vlen = nd.U8(data + 1);
    if (vlen < 2) {
      nd.out.F("\n\t    Vendor Attribute: %u, Length: %u (bogus, must be >= 2)", type, vlen);
      return true;
    }
    if (vlen > length) {
      nd.out.F("\n\t    Vendor Attribute: %u, Length: %u (bogus, goes past end of vendor-specific attribute)",
               type, vlen);
      return true;
    }
    data += 2;
    vlen -= 2;
    length -= 2;
    if (!nd.TTest(data, vlen)) return false;
    nd.out.F("\n\t    Vendor Attribute: %u, Length: %u, Value: ", type, vlen);
    for (uint32_t i = 0; i < vlen; i++, data++) PrintIsPrint(nd, nd.U8(data));
    length -= vlen;
  }
  return true;
}

void Duration(Nd& nd, uint32_t t) {
  if (t < 60) {
    nd.out.F("%02d secs", int(t));
  } else if (t < 3600) {
    nd.out.F("%02d:%02d min", int(t / 60), int(t % 60));
  } else {
    nd.out.F("%02d:%02d:%02d hours", int(t / 3600), int((t % 3600) / 60), int(t % 60));
  }
}

void AttrNum(Nd& nd, const uint8_t* data, uint32_t length, uint8_t code) {
  if (length != 4) {
    nd.out.F("ERROR: length %u != 4", length);
    return;
  }
  const radius::Values& v = FindAttr(code)->values;
  if (v.count) {
    uint32_t value;
    if (code == radius::kTunnelType || code == radius::kTunnelMedium) {
      uint8_t tag = nd.U8(data);
      if (!tag) {
        nd.out.S("Tag[Unused] ");
      } else {
        nd.out.F("Tag[%u] ", tag);
      }
      value = nd.Be24(data + 1);
    } else {
      value = nd.Be32(data);
    }
    if (value <= v.count - 1 + v.first && value >= v.first) {
      nd.out.S(v.names[value]);
    } else {
      nd.out.F("#%u", value);
    }
    return;
  }
  // Each case reads what it prints (a cut value shows what came before it, as in tcpdump).
  switch (code) {
    case 23:  // Framed-IPX-Network
      if (uint32_t value = nd.Be32(data); value == 0xfffffffe) {
        nd.out.S("NAS Select");
      } else {
        nd.out.U(value);
      }
      break;
    case 27:
    case 28:
    case 41:
    case 46:
    case 85:  // timeouts and times
      Duration(nd, nd.Be32(data));
      break;
    case 37:
      if (uint32_t value = nd.Be32(data)) {
        nd.out.U(value);
      } else {
        nd.out.S("Unnumbered");
      }
      break;
    case 38:
      if (uint32_t value = nd.Be32(data)) {
        nd.out.U(value);
      } else {
        nd.out.S("NAS assigned");
      }
      break;
    case 83:  // Tunnel-Preference
      if (nd.U8(data)) {
        nd.out.F("Tag[%u] ", nd.U8(data));
      } else {
        nd.out.S("Tag[Unused] ");
      }
      nd.out.U(nd.Be24(data + 1));
      break;
    case 56:  // Egress-VLANID
      nd.out.F("%s (0x%02x) ", Rfc4675Tag(nd.U8(data)), nd.U8(data));
      nd.out.U(nd.Be24(data + 1));
      break;
    default:
      nd.out.U(nd.Be32(data));
      break;
  }
}

void AttrAddr(Nd& nd, const uint8_t* data, uint32_t length, uint8_t code) {
  if (length != 4) {
    nd.out.F("ERROR: length %u != 4", length);
    return;
  }
  uint32_t a = nd.Be32(data);
  if ((code == 8 || code == 14) && a == 0xffffffff) {
    nd.out.S("User Selected");
  } else if ((code == 8 || code == 14) && a == 0xfffffffe) {
    nd.out.S("NAS Select");
  } else {
    PrintIpAddr(nd, data);
  }
}

bool AttrNetmask6(Nd& nd, const uint8_t* data, uint32_t length) {
  if (length < 2 || length > 18) {
    nd.out.F("ERROR: length %u not in range (2..18)", length);
    return true;
  }
  if (!nd.TTest(data, length)) return false;
  uint8_t plen = nd.U8(data + 1);
  if (plen > 128) {
    nd.out.F("ERROR: netmask %u not in range (0..128)", plen);
    return true;
  }
  uint8_t a[16] = {};
  for (uint32_t i = 2; i < length; i++) a[i - 2] = nd.U8(data + i);
  PrintIp6Text(nd, a);  // a local copy built from packet bytes
  nd.out.F("/%u", plen);
  if (plen > 8 * (length - 2)) nd.out.S(" (inconsistent prefix length)");
  return true;
}

const char* BlprBit(int bit) {  // blpr_bm, bit 0 first
  static const char* kNames[] = {
      "MBZ-15", "MBZ-14", "MBZ-13", "MBZ-12", "MBZ-11", "MBZ-10", "MBZ-9", "MBZ-8",
      "MBZ-7",  "MBZ-6",  "MBZ-5",  "MBZ-4",  "MBZ-3",  "MBZ-2",  "MBZ-1", "Retransmission Allowed"};
  return kNames[bit];
}

// Location and operator attributes (RFC 5580); false: tcpdump's "goto trunc".
bool AttrLocation(Nd& nd, const uint8_t* data, uint32_t length, Fmt fmt) {
  if (!nd.TTest(data, length)) return false;
  switch (fmt) {
    case Fmt::kMip6Prefix:
      if (nd.U8(data) > 128) {
        nd.out.F("ERROR: netmask %u not in range (0..128)", nd.U8(data));
        return true;
      }
      PrintIp6Addr(nd, data + 1);
      nd.out.F("/%u", nd.U8(data));
      return true;
    case Fmt::kOperator: {
      if (length < 2) {
        nd.out.F("ERROR: length %u < 2", length);
        return true;
      }
      uint8_t ns = nd.U8(data);
      static const char* kNs[] = {"TADIG", "REALM", "E212", "ICC"};
      if (ns >= 0x30 && ns <= 0x33) {
        nd.out.F("[%s] ", kNs[ns - 0x30]);
      } else {
        nd.out.F("[unknown namespace %u] ", ns);
      }
      PrintCharsN(nd, data + 1, length - 1);
      return true;
    }
    case Fmt::kLocInfo: {
      if (length < 21) {
        nd.out.F("ERROR: length %u < 21", length);
        return true;
      }
      uint8_t code = nd.U8(data + 2), entity = nd.U8(data + 3);
      nd.out.F("index %u, code ", nd.Be16(data));
      if (code <= 1) {
        nd.out.S(code == 0 ? "Civic" : "Geospatial");
      } else {
        nd.out.F("Unknown (%u)", code);
      }
      nd.out.S(", entity ");
      if (entity <= 1) {
        nd.out.S(entity == 0 ? "User" : "RADIUS");
      } else {
        nd.out.F("Unknown (%u)", entity);
      }
      nd.out.S(", sighting time ");
      NtpTime(nd, data + 4);
      nd.out.S(", time to live ");
      NtpTime(nd, data + 12);
      nd.out.S(", method \"");
      PrintCharsN(nd, data + 20, length - 20);
      nd.out.C('"');
      return true;
    }
    case Fmt::kLocData:
      if (length < 3) {
        nd.out.F("ERROR: length %u < 3", length);
        return true;
      }
      nd.out.F("index %u, location", nd.Be16(data));
      HexAndAsciiPrint(nd, "\n\t    ", data + 2, length - 2);
      return true;
    default: {  // Basic-Location-Policy-Rules
      if (length < 10) {
        nd.out.F("ERROR: length %u < 10", length);
        return true;
      }
      uint16_t flags = nd.Be16(data);
      nd.out.S("flags [");
      bool any = false;
      for (int bit = 0; bit < 16; bit++) {
        if (flags & (1u << bit)) {
          if (any) nd.out.S(", ");
          nd.out.S(BlprBit(bit));
          any = true;
        }
      }
      if (!any) nd.out.S("none");
      nd.out.S("], retention expires ");
      NtpTime(nd, data + 2);
      if (length > 10) {
        nd.out.S(", note well \"");
        PrintCharsN(nd, data + 10, length - 10);
        nd.out.C('"');
      }
      return true;
    }
  }
}

// print_attr_time: ctime(3) of the seconds, in local time.
void AttrTime(Nd& nd, const uint8_t* data, uint32_t length) {
  if (length != 4) {
    nd.out.F("ERROR: length %u != 4", length);
    return;
  }
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  time_t t = time_t(nd.Be32(data));
  struct tm tmv;
  if (localtime_r(&t, &tmv) == nullptr) return;
  nd.out.F("%.3s %.3s%3d %.2d:%.2d:%.2d %d", kDays[tmv.tm_wday], kMonths[tmv.tm_mon], tmv.tm_mday,
           tmv.tm_hour, tmv.tm_min, tmv.tm_sec, 1900 + tmv.tm_year);
}

void AttrVector64(Nd& nd, const uint8_t* data, uint32_t length) {
  if (length != 8) {
    nd.out.F("ERROR: length %u != 8", length);
    return;
  }
  static const struct {
    uint64_t v;
    const char* s;
  } kBits[] = {{0x1, "MIP6_INTEGRATED"},
               {0x2, "LOCAL_HOME_AGENT_ASSIGNMENT"},
               {0x0000010000000000ULL, "PMIP6_SUPPORTED"},
               {0x0000020000000000ULL, "IP4_HOA_SUPPORTED"},
               {0x0000040000000000ULL, "LOCAL_MAG_ROUTING_SUPPORTED"},
               {0x0000080000000000ULL, "ASSIGN_LOCAL_IP"},
               {0x0000100000000000ULL, "MIP4_SUPPORTED"},
               {0x0000200000000000ULL, "OPTIMIZED_IDLE_MODE_MOBILITY"},
               {0x0000400000000000ULL, "GTPv2_SUPPORTED"},
               {0x0000800000000000ULL, "IP4_TRANSPORT_SUPPORTED"},
               {0x0001000000000000ULL, "IP4_HOA_ONLY_SUPPORTED"},
               {0x0002000000000000ULL, "INTER_MAG_ROUTING_SUPPORTED"}};
  nd.out.C('[');
  uint64_t value = nd.Be64(data);
  const char* sep = "";
  for (const auto& b : kBits) {
    if (value & b.v) {
      nd.out.S(sep);
      nd.out.S(b.s);
      sep = ", ";
    }
  }
  nd.out.C(']');
}

// PRINT_HEX: upper-case hex of n bytes (a byte past the capture ends the packet).
bool UpperHex(Nd& nd, const uint8_t*& p, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) nd.out.F("%02X", nd.U8(p++));
  return true;
}

// print_attr_strange: ARAP passwords and features, Error-Cause; false: tcpdump's "goto trunc".
bool AttrStrange(Nd& nd, const uint8_t* data, uint32_t length, uint8_t code) {
  switch (code) {
    case 70:  // ARAP-Password
      if (length != 16) {
        nd.out.F("ERROR: length %u != 16", length);
        return true;
      }
      nd.out.S("User_challenge (");
      if (!UpperHex(nd, data, 8)) return false;
      nd.out.S(") User_resp(");
      if (!UpperHex(nd, data, 8)) return false;
      nd.out.C(')');
      return true;
    case 71:  // ARAP-Features
      if (length != 14) {
        nd.out.F("ERROR: length %u != 14", length);
        return true;
      }
      nd.out.S(nd.U8(data) ? "User can change password" : "User cannot change password");
      nd.out.F(", Min password length: %u", nd.U8(data + 1));
      data += 2;
      nd.out.S(", created at: ");
      if (!UpperHex(nd, data, 4)) return false;
      nd.out.S(", expires in: ");
      if (!UpperHex(nd, data, 4)) return false;
      nd.out.S(", Current Time: ");
      return UpperHex(nd, data, 4);
    case 84:  // ARAP-Challenge-Response
      if (length < 8) {
        nd.out.F("ERROR: length %u != 8", length);
        return true;
      }
      return UpperHex(nd, data, 8);
    default: {  // Error-Cause
      if (length != 4) {
        nd.out.F("Error: length %u != 4", length);
        return true;
      }
      uint32_t v = nd.Be32(data);
      if (const char* n = radius::ErrorCauseName(v)) {
        nd.out.F("Error cause %u: %s", v, n);
      } else {
        nd.out.F("Error cause %u: Error-Cause %u not known", v, v);
      }
      return true;
    }
  }
}

// One attribute's value; false: tcpdump's "goto trunc" inside the value printer.
bool AttrValue(Nd& nd, const uint8_t* data, uint32_t length, uint8_t code) {
  switch (FindAttr(code)->fmt) {
    case Fmt::kNone:
      return true;
    case Fmt::kString:
      return AttrString(nd, data, length, code);
    case Fmt::kNum:
      AttrNum(nd, data, length, code);
      return true;
    case Fmt::kVendor:
      return VendorAttr(nd, data, length);
    case Fmt::kAddr:
      AttrAddr(nd, data, length, code);
      return true;
    case Fmt::kAddr6:
      if (length != 16) {
        nd.out.F("ERROR: length %u != 16", length);
      } else {
        PrintIp6Addr(nd, data);
      }
      return true;
    case Fmt::kNetmask6:
      return AttrNetmask6(nd, data, length);
    case Fmt::kMip6Prefix:
      if (length != 17) {
        nd.out.F("ERROR: length %u != 17", length);
        return true;
      }
      return AttrLocation(nd, data, length, Fmt::kMip6Prefix);
    case Fmt::kOperator:
    case Fmt::kLocInfo:
    case Fmt::kLocData:
    case Fmt::kPolicyRules:
      return AttrLocation(nd, data, length, FindAttr(code)->fmt);
    case Fmt::kTime:
      AttrTime(nd, data, length);
      return true;
    case Fmt::kVector64:
      AttrVector64(nd, data, length);
      return true;
    case Fmt::kStrange:
      return AttrStrange(nd, data, length, code);
  }
  return true;
}

void AttrsPrint(Nd& nd, const uint8_t* attr, uint32_t length) {
  while (length > 0) {
    if (length < 2 || !nd.TTest(attr, 2)) {
      nd.PrintTrunc();
      return;
    }
    uint8_t type = nd.U8(attr), len = nd.U8(attr + 1);
    const AttrType* a = FindAttr(type);
    const char* name = type != 0 && a ? a->name : "Unknown";
    nd.out.F("\n\t  %s Attribute (%u), length: %u", name, type, len);
    if (len < 2) {
      nd.out.S(" (bogus, must be >= 2)");
      return;
    }
    if (len > length) {
      nd.out.S(" (bogus, goes past end of packet)");
      return;
    }
    nd.out.S(", Value: ");
    if (a && len > 2 && !AttrValue(nd, attr + 2, len - 2u, type)) nd.PrintTrunc();
    if (nd.o.verbose > 1) PrintUnknownData(nd, attr + 2, "\n\t    ", len - 2u);
    length -= len;
    attr += len;
  }
}

}  // namespace

void RadiusPrint(Nd& nd, const uint8_t* dat, uint32_t length) {
  nd.protocol = "radius";
  if (!nd.TTest(dat, 20)) {
    nd.PrintTrunc();
    return;
  }
  uint32_t len = nd.Be16(dat + 2);
  if (len < 20) {
    nd.PrintTrunc();
    return;
  }
  if (len > length) len = length;
  uint8_t code = nd.U8(dat);
  if (nd.o.verbose < 1) {
    nd.out.F("RADIUS, %s (%u), id: 0x%02x length: %u", radius::CodeName(code), code, nd.U8(dat + 1), len);
    return;
  }
  nd.out.F("RADIUS, length: %u\n\t%s (%u), id: 0x%02x, Authenticator: ", len, radius::CodeName(code), code,
           nd.U8(dat + 1));
  for (int i = 0; i < 16; i++) nd.out.X(dat[4 + i], 2);
  if (len > 20) AttrsPrint(nd, dat + 20, len - 20);
}

}  // namespace ringdump::print
