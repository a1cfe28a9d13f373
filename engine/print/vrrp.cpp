// VRRP (print-vrrp.c, RFC 3768 v2 and RFC 5798 v3): "VRRPv2, Advertisement, vrid 1, prio 100, authtype
// none, intvl 1s, length 20", the TTL when it is not 255; with -v the checksum verdict, the virtual
// addresses (IPv4 or IPv6, as the packet) and a v2 simple-text password.
#include "dissect.hpp"

namespace ringdump::print {

void VrrpPrint(Nd& nd, const uint8_t* bp, uint32_t len, const uint8_t* iph, uint8_t ttl, int ver) {
  nd.protocol = "vrrp";
  nd.out.S("VRRP");  // before the first read: a packet cut here prints "VRRP [|vrrp]"
  uint8_t b0 = nd.U8(bp);
  uint32_t version = b0 >> 4, type = b0 & 0x0f;
  nd.out.F("v%u, ", version);
  if (type == 1) {
    nd.out.S("Advertisement");
  } else {
    nd.out.F("unknown type (%u)", type);
  }
  if (ttl != 255) nd.out.F(", (ttl %u)", ttl);
  if (version < 2 || version > 3 || type != 1) return;
  nd.out.F(", vrid %u, prio %u", nd.U8(bp + 1), nd.U8(bp + 2));
  uint8_t auth_type = 0;
  if (version == 2) {
    auth_type = nd.U8(bp + 4);
    static constexpr Tok kAuth[] = {{0, "none"}, {1, "simple"}, {2, "ah"}};
    if (const char* n = TokName(kAuth, auth_type)) {
      nd.out.F(", authtype %s", n);
    } else {
      nd.out.F(", authtype #%u", auth_type);
    }
    nd.out.F(", intvl %us, length %u", nd.U8(bp + 5), len);
  } else {
    uint32_t intvl = (nd.U8(bp + 4) & 0x0f) << 8 | nd.U8(bp + 5);
    nd.out.F(", intvl %ucs, length %u", intvl, len);
  }
  if (!nd.o.verbose) return;
  uint32_t naddrs = nd.U8(bp + 3);
  if (nd.TTest(bp, len)) {
    uint16_t sum = 0;
    if (version == 2) {
      sum = InCksum(bp, len);
    } else if (ver == 4) {
      sum = NextProto4Cksum(iph, bp, len, len, 112);
    } else {
      sum = NextProto6Cksum(nd, iph, bp, len, len, 112);
    }
    if (sum) nd.out.F(", (bad vrrp cksum %x)", nd.Be16(bp + 6));
  }
  nd.out.S(", addrs");
  if (naddrs > 1) nd.out.F("(%u)", naddrs);
  nd.out.C(':');
  char sep = ' ';
  bp += 8;
  uint32_t alen = ver == 4 ? 4 : 16;
  for (uint32_t i = 0; i < naddrs; i++, bp += alen) {
    nd.Check(bp, alen);  // the address is read before its separator is printed
    nd.out.C(sep);
    if (ver == 4) {
      PrintIpAddr(nd, bp);
    } else {
      PrintIp6Addr(nd, bp);
    }
    sep = ',';
  }
  if (version == 2 && auth_type == 1) {  // simple text password, zero-filled to 8 bytes
    nd.out.S(" auth \"");
    PrintStringN(nd, bp, 8);
    nd.out.C('"');
  }
}

}  // namespace ringdump::print
