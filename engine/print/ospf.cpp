// OSPFv2 (print-ospf.c): "OSPFv2, Hello, length 44" for every packet type; with -v the router id, area
// and authentication, then the Hello options, timers, mask, priority, designated routers and
// neighbors, the database description flags and LSA headers, the LS requests and the LS-Ack headers.
// Not decoded yet: the LSAs of an LS-Update (-v prints their count only) and the LLS block.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint16_t kAuthMd5 = 2;
constexpr uint32_t kAuthMd5Len = 16;

constexpr Tok kTypes[] = {
    {1, "Hello"}, {2, "Database Description"}, {3, "LS-Request"}, {4, "LS-Update"}, {5, "LS-Ack"}};
constexpr Tok kAuthTypes[] = {{0, "none"}, {1, "simple"}, {2, "MD5"}};
constexpr Tok kOptions[] = {{0x01, "MultiTopology"}, {0x02, "External"}, {0x04, "Multicast"},
                            {0x08, "NSSA"},          {0x10, "LLS"},      {0x20, "Demand Circuit"},
                            {0x40, "Opaque"},        {0x80, "Up/Down"}};

// bittok2str: the names of the set bits, ", "-separated, or "none".
template <size_t N>
void PrintBits(Nd& nd, const Tok (&table)[N], uint32_t v) {
  bool any = false;
  for (const Tok& t : table) {
    if (v & t.value) {
      if (any) nd.out.S(", ");
      nd.out.S(t.name);
      any = true;
    }
  }
  if (!any) nd.out.S("none");
}

// The packet's options byte on a line of its own, as Hello and Database Description print it.
void PrintOptions(Nd& nd, uint8_t options) {
  nd.out.S("\n\tOptions [");
  PrintBits(nd, kOptions, options);
  nd.out.C(']');
}

// ospf_decode_v2's Hello; bp is the OSPF header, dataend the end of the packet by its length field.
void HelloPrint(Nd& nd, const uint8_t* bp, const uint8_t* dataend) {
  const uint8_t* h = bp + 24;
  PrintOptions(nd, nd.U8(h + 6));
  uint16_t hello = nd.Be16(h + 4);
  uint32_t dead = nd.Be32(h + 8);
  nd.Check(h, 4);
  uint8_t prio = nd.U8(h + 7);
  nd.out.F("\n\t  Hello Timer %us, Dead Timer %us, Mask ", hello, dead);
  PrintIpAddr(nd, h);
  nd.out.F(", Priority %u", prio);
  if (nd.Be32(h + 12) != 0) {
    nd.out.S("\n\t  Designated Router ");
    PrintIpAddr(nd, h + 12);
  }
  if (nd.Be32(h + 16) != 0) {
    nd.out.S(", Backup Designated Router ");
    PrintIpAddr(nd, h + 16);
  }
  const uint8_t* ap = h + 20;
  if (ap < dataend) nd.out.S("\n\t  Neighbor List:");
  for (; ap < dataend; ap += 4) {
    nd.Check(ap, 4);
    nd.out.S("\n\t    ");
    PrintIpAddr(nd, ap);
  }
}

constexpr Tok kDdFlags[] = {{0x04, "Init"}, {0x02, "More"}, {0x01, "Master"}, {0x08, "OOBResync"}};
constexpr Tok kLsaTypes[] = {{1, "Router"},
                             {2, "Network"},
                             {3, "Summary"},
                             {4, "ASBR Summary"},
                             {5, "External"},
                             {6, "Multicast Group"},
                             {7, "NSSA"},
                             {9, "Link Local Opaque"},
                             {10, "Area Local Opaque"},
                             {11, "Domain Wide Opaque"}};
constexpr Tok kOpaqueTypes[] = {
    {1, "Traffic Engineering"}, {3, "Graceful restart"}, {4, "Router Information"}};

const char* LsaName(uint32_t type) {
  const char* n = TokName(kLsaTypes, type);
  return n ? n : "unknown";
}

const char* OpaqueName(uint32_t type) {
  const char* n = TokName(kOpaqueTypes, type);
  return n ? n : "unknown";
}

bool IsOpaque(uint32_t type) { return type >= 9 && type <= 11; }

// ospf_print_lshdr: one 20-byte LSA header; false when its length is bogus (the list ends there).
bool LsaHeaderPrint(Nd& nd, const uint8_t* h) {
  uint16_t ls_length = nd.Be16(h + 18);
  if (ls_length < 20) {
    nd.out.F("\n\t    Bogus length %u < header (20)", ls_length);
    return false;
  }
  nd.Check(h, 20);
  nd.out.S("\n\t  Advertising Router ");
  PrintIpAddr(nd, h + 8);
  nd.out.F(", seq 0x%08x, age %us, length %u", nd.Be32(h + 12), nd.Be16(h), ls_length - 20u);
  uint8_t type = nd.U8(h + 3);
  if (IsOpaque(type)) {
    nd.out.F("\n\t    %s LSA (%u), Opaque-Type %s LSA (%u), Opaque-ID %u", LsaName(type), type,
             OpaqueName(nd.U8(h + 4)), nd.U8(h + 4), nd.Be24(h + 5));
  } else {
    nd.out.F("\n\t    %s LSA (%u), LSA-ID: ", LsaName(type), type);
    PrintIpAddr(nd, h + 4);
  }
  nd.out.S("\n\t    Options: [");
  PrintBits(nd, kOptions, nd.U8(h + 2));
  nd.out.C(']');
  return true;
}

void DbDescriptionPrint(Nd& nd, const uint8_t* bp, const uint8_t* dataend) {
  const uint8_t* d = bp + 24;
  PrintOptions(nd, nd.U8(d + 2));
  uint8_t flags = nd.U8(d + 3);
  nd.out.S(", DD Flags [");
  PrintBits(nd, kDdFlags, flags);
  nd.out.C(']');
  if (uint16_t mtu = nd.Be16(d)) nd.out.F(", MTU: %u", mtu);
  nd.out.F(", Sequence: 0x%08x", nd.Be32(d + 4));
  for (const uint8_t* h = d + 8; h < dataend; h += 20) {
    if (!LsaHeaderPrint(nd, h)) break;
  }
}

void LsRequestPrint(Nd& nd, const uint8_t* bp, const uint8_t* dataend) {
  for (const uint8_t* r = bp + 24; r < dataend; r += 12) {
    nd.Check(r, 12);
    uint32_t type = nd.Be32(r);
    nd.out.S("\n\t  Advertising Router: ");
    PrintIpAddr(nd, r + 8);
    nd.out.F(", %s LSA (%u)", LsaName(type), type);
    if (IsOpaque(type)) {
      nd.out.F(", Opaque-Type: %s LSA (%u), Opaque-ID: %u", OpaqueName(nd.U8(r + 4)), nd.U8(r + 4),
               nd.Be24(r + 5));
    } else {
      nd.out.S(", LSA-ID: ");
      PrintIpAddr(nd, r + 4);
    }
  }
}

}  // namespace

void OspfPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "ospf2";
  if (nd.Be16(bp + 14) == kAuthMd5) {  // the MD5 digest trails the packet: leave it out
    length -= kAuthMd5Len;
    nd.snapend -= kAuthMd5Len;
  }
  uint8_t type = nd.U8(bp + 1);
  const char* name = TokName(kTypes, type);
  uint8_t version = nd.U8(bp);
  if (name == nullptr) {
    nd.out.F("OSPFv%u, unknown LS-type %u, length %u", version, type, length);
    return;
  }
  nd.out.F("OSPFv%u, %s, length %u", version, name, length);
  if (!nd.o.verbose) return;
  uint16_t ospf_len = nd.Be16(bp + 2);
  if (length != ospf_len) nd.out.F(" [len %u]", ospf_len);
  const uint8_t* dataend = bp + (length > ospf_len ? ospf_len : length);
  nd.Check(bp + 4, 4);
  nd.out.S("\n\tRouter-ID ");
  PrintIpAddr(nd, bp + 4);
  if (nd.Be32(bp + 8) != 0) {
    nd.out.S(", Area ");
    PrintIpAddr(nd, bp + 8);
  } else {
    nd.out.S(", Backbone Area");
  }
  nd.Check(bp + 16, 8);  // the authentication data, whatever its type
  uint16_t auth = nd.Be16(bp + 14);
  const char* auth_name = TokName(kAuthTypes, auth);
  nd.out.F(", Authentication Type: %s (%u)", auth_name ? auth_name : "unknown", auth);
  switch (auth) {
    case 0:
      break;
    case 1:
      nd.out.S("\n\tSimple text password: ");
      PrintStringN(nd, bp + 16, 8);
      break;
    case kAuthMd5:
      nd.out.F("\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x", nd.U8(bp + 18),
               nd.U8(bp + 19), nd.Be32(bp + 20));
      break;
    default:
      return;
  }
  if (version != 2) {
    nd.out.F(" ospf [version %u]", version);
    return;
  }
  switch (type) {
    case 1:
      HelloPrint(nd, bp, dataend);
      break;
    case 2:
      DbDescriptionPrint(nd, bp, dataend);
      break;
    case 3:
      LsRequestPrint(nd, bp, dataend);
      break;
    case 4: {  // the LSAs themselves are not decoded yet
      uint32_t count = nd.Be32(bp + 24);
      nd.out.F(", %u LSA%s", count, count != 1 ? "s" : "");
      break;
    }
    case 5:  // LSA headers up to a bogus one or the end of the capture, as tcpdump
      for (const uint8_t* h = bp + 24; LsaHeaderPrint(nd, h); h += 20) {
      }
      break;
  }
}

}  // namespace ringdump::print
