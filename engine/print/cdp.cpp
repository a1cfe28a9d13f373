// Cisco Discovery Protocol (print-cdp.c), reached through SNAP (Cisco OUI, pid 0x2000): "CDPv2, ttl:
// 180s, Device-ID 'x', length N" without -v; with -v the checksum and every TLV by tcpdump's table of
// names, length limits and value printers (addresses, capabilities, version text, prefixes, VLANs,
// power, ...), unknown ones in hex.
#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr Tok kCaps[] = {{0x01, "Router"},      {0x02, "Transparent Bridge"}, {0x04, "Source Route Bridge"},
                         {0x08, "L2 Switch"},   {0x10, "L3 capable"},         {0x20, "IGMP snooping"},
                         {0x40, "L1 capable"}};

enum class Val { kNone, kString, kAddr, kCap, kVersion, kPrefixes, kU16, kDuplex, kAta, kPower, kMtu, kU8x, kLoc };

struct TlvInfo {
  const char* name;
  Val printer;
  int min_len, max_len;
};

constexpr uint32_t kMaxType = 0x17;
constexpr TlvInfo kTlvs[kMaxType + 1] = {
    {nullptr, Val::kNone, 0, 0},
    {"Device-ID", Val::kString, -1, -1},
    {"Address", Val::kAddr, -1, -1},
    {"Port-ID", Val::kString, -1, -1},
    {"Capability", Val::kCap, 4, 4},
    {"Version String", Val::kVersion, -1, -1},
    {"Platform", Val::kString, -1, -1},
    {"Prefixes", Val::kPrefixes, -1, -1},
    {"Protocol-Hello option", Val::kNone, -1, -1},
    {"VTP Management Domain", Val::kString, -1, -1},
    {"Native VLAN ID", Val::kU16, 2, 2},
    {"Duplex", Val::kDuplex, 1, 1},
    {nullptr, Val::kNone, 0, 0},
    {nullptr, Val::kNone, 0, 0},
    {"ATA-186 VoIP VLAN assignment", Val::kAta, 3, 3},
    {"ATA-186 VoIP VLAN request", Val::kAta, 2, 3},
    {"power consumption", Val::kPower, 1, 3},
    {"MTU", Val::kMtu, 4, 4},
    {"AVVID trust bitmap", Val::kU8x, 1, 1},
    {"AVVID untrusted ports CoS", Val::kU8x, 1, 1},
    {"System Name", Val::kString, -1, -1},
    {"System Object ID (not decoded)", Val::kNone, -1, -1},
    {"Management Addresses", Val::kAddr, 4, -1},
    {"Physical Location", Val::kLoc, 1, -1},
};

const char* Plural(uint32_t n) { return n == 1 ? "" : "s"; }

// cdp_print_addr; a malformed list ends with tcpdump's check that the rest is captured.
void AddrPrint(Nd& nd, const uint8_t* p, uint32_t l) {
  static const uint8_t kProtIp6[] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd};
  auto invalid = [&] { nd.Check(p, l); };
  if (l < 4) {
    nd.out.S(" (not enough space for num)");
    return invalid();
  }
  uint32_t num = nd.Be32(p);
  p += 4;
  l -= 4;
  while (num) {
    if (l < 2) {
      nd.out.S(" (not enough space for PT+PL)");
      return invalid();
    }
    uint32_t pt = nd.U8(p), pl = nd.U8(p + 1);
    p += 2;
    l -= 2;
    if (l < pl + 2) {
      nd.out.S(" (not enough space for P+AL)");
      return invalid();
    }
    uint32_t al = nd.Be16(p + pl);
    if (pt == 1 && pl == 1 && nd.U8(p) == 0xcc && al == 4) {
      p += pl + 2;
      l -= pl + 2;
      if (l < al) {
        nd.out.S(" (not enough space for A)");
        return invalid();
      }
      nd.Check(p, 4);
      nd.out.F("IPv4 (%u) ", num);
      PrintIpAddr(nd, p);
      p += al;
      l -= al;
    } else if (pt == 2 && pl == 8 && nd.TTest(p, 8) && memcmp(p, kProtIp6, 8) == 0 && al == 16) {
      p += pl + 2;
      l -= pl + 2;
      if (l < al) {
        nd.out.S(" (not enough space for A)");
        return invalid();
      }
      nd.Check(p, 16);
      nd.out.F("IPv6 (%u) ", num);
      PrintIp6Addr(nd, p);
      p += al;
      l -= al;
    } else {
      nd.out.F("pt=0x%02x, pl=%u, pb=", pt, pl);
      while (pl != 0) {
        nd.out.F(" %02x", nd.U8(p));
        p++;
        l--;
        pl--;
      }
      nd.out.F(", al=%u, a=", al);
      p += 2;
      l -= 2;
      if (l < al) {
        nd.out.S(" (not enough space for A)");
        return invalid();
      }
      while (al != 0) {
        nd.out.F(" %02x", nd.U8(p));
        p++;
        l--;
        al--;
      }
    }
    num--;
    if (num) nd.out.C(' ');
  }
  if (l) nd.out.F(" (%u bytes of stray data)", l);
}

void PrefixesPrint(Nd& nd, const uint8_t* p, uint32_t l) {
  if (l % 5) {
    nd.out.F(" [length %u is not a multiple of 5]", l);
    nd.Check(p, l);
    return;
  }
  nd.out.F(" IPv4 Prefixes (%u):", l / 5);
  for (; l > 0; l -= 5, p += 5) {
    nd.Check(p, 5);
    nd.out.F(" %u.%u.%u.%u/%u", nd.U8(p), nd.U8(p + 1), nd.U8(p + 2), nd.U8(p + 3), nd.U8(p + 4));
  }
}

void ValuePrint(Nd& nd, Val v, const uint8_t* p, uint32_t len) {
  switch (v) {
    case Val::kNone:
      nd.Check(p, len);
      break;
    case Val::kString:
      nd.out.C('\'');
      PrintCharsN(nd, p, len);
      nd.out.C('\'');
      break;
    case Val::kAddr:
      AddrPrint(nd, p, len);
      break;
    case Val::kCap: {
      uint32_t val = nd.Be32(p);
      nd.out.F("(0x%08x): ", val);
      BitTok2Str(nd, kCaps, "none", val);
      break;
    }
    case Val::kVersion:
      nd.out.S("\n\t  ");
      for (uint32_t i = 0; i < len; i++) {
        uint8_t c = nd.U8(p + i);
        if (c == '\n') {
          nd.out.S("\n\t  ");
        } else {
          PrintChar(nd, c);
        }
      }
      break;
    case Val::kPrefixes:
      PrefixesPrint(nd, p, len);
      break;
    case Val::kU16:
      nd.out.U(nd.Be16(p));
      break;
    case Val::kDuplex:
      nd.out.S(nd.U8(p) ? "full" : "half");
      break;
    case Val::kAta:
      if (len == 2) {
        nd.out.F("unknown 0x%04x", nd.Be16(p));
      } else {
        uint8_t app = nd.U8(p);
        nd.out.F("app %u, vlan %u", app, nd.Be16(p + 1));
      }
      break;
    case Val::kPower: {
      uint32_t val = len == 1 ? nd.U8(p) : len == 2 ? nd.Be16(p) : nd.Be24(p);
      nd.out.F("%1.2fW", val / 1000.0);
      break;
    }
    case Val::kMtu:
      nd.out.F("%u bytes", nd.Be32(p));
      break;
    case Val::kU8x:
      nd.out.F("0x%02x", nd.U8(p));
      break;
    case Val::kLoc:
      nd.out.F("0x%02x", nd.U8(p));
      if (len > 1) {
        nd.out.C('/');
        PrintCharsN(nd, p + 1, len - 1);
      }
      break;
  }
}

}  // namespace

void CdpPrint(Nd& nd, const uint8_t* tptr, uint32_t length) {
  nd.protocol = "cdp";
  const uint32_t orig_length = length;
  auto invalid = [&] {
    nd.PrintInvalid();
    nd.Check(tptr, length);
  };
  if (length < 4) {
    nd.out.F(" (packet length %u < %u)", length, 4u);
    return invalid();
  }
  uint8_t version = nd.U8(tptr), ttl = nd.U8(tptr + 1);
  nd.out.F("CDPv%u, ttl: %us", version, ttl);
  uint16_t checksum = nd.Be16(tptr + 2);
  if (nd.o.verbose) nd.out.F(", checksum: 0x%04x (unverified), length %u", checksum, orig_length);
  tptr += 4;
  length -= 4;
  while (length) {
    if (length < 4) {
      nd.out.F(" (remaining packet length %u < %u)", length, 4u);
      return invalid();
    }
    uint32_t type = nd.Be16(tptr), len = nd.Be16(tptr + 2);
    const TlvInfo* info = type <= kMaxType ? &kTlvs[type] : nullptr;
    const char* name = info && info->name ? info->name : "unknown field type";
    if (len < 4) {
      if (nd.o.verbose) {
        nd.out.F("\n\t%s (0x%02x), TLV length: %u byte%s (too short)", name, type, len, Plural(len));
      } else {
        nd.out.F(", %s TLV length %u too short", name, len);
      }
      return invalid();
    }
    if (len > length) {
      nd.out.F(" (TLV length %u > %u)", len, length);
      return invalid();
    }
    tptr += 4;
    length -= 4;
    len -= 4;
    if (!nd.o.verbose && type == 1) {
      nd.out.S(", Device-ID ");
    } else if (nd.o.verbose) {
      nd.out.F("\n\t%s (0x%02x), value length: %u byte%s: ", name, type, len, Plural(len));
    }
    bool covered = false;
    if (info) {  // types 0, 0x0c and 0x0d have an entry without a name: no hex dump at -v
      if ((info->min_len > 0 && len < uint32_t(info->min_len)) ||
          (info->max_len > 0 && len > uint32_t(info->max_len))) {
        nd.out.S(" (malformed TLV)");
      } else if (nd.o.verbose || type == 1) {
        ValuePrint(nd, info->printer, tptr, len);
        covered = true;
      }
    }
    if (!covered) {
      nd.Check(tptr, len);
      PrintUnknownData(nd, tptr, "\n\t  ", len);
    }
    tptr += len;
    length -= len;
  }
  if (nd.o.verbose < 1) nd.out.F(", length %u", orig_length);
}

}  // namespace ringdump::print
