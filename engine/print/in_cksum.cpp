// The Internet checksum (in_cksum.c) and the IPv4/IPv6 pseudo headers TCP, UDP and ICMPv6 sum over
// (nextproto4_cksum, nextproto6_cksum with ip6_finddst for a routing header's final destination).
#include "dissect.hpp"

namespace ringdump::print {

uint16_t InCksum(const uint8_t* p, size_t len, uint32_t initial) {
  uint64_t sum = initial;
  while (len >= 2) {
    sum += uint32_t(p[0] << 8 | p[1]);
    p += 2;
    len -= 2;
  }
  if (len) sum += uint32_t(p[0] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return uint16_t(~sum & 0xffff);
}

uint16_t InCksumShouldBe(uint16_t sum, uint16_t computed_sum) {
  uint32_t shouldbe = sum;
  shouldbe += computed_sum;  // tcpdump adds ntohs(computed): our sums are already in host order
  shouldbe = (shouldbe & 0xFFFF) + (shouldbe >> 16);
  shouldbe = (shouldbe & 0xFFFF) + (shouldbe >> 16);
  return uint16_t(shouldbe);
}

uint16_t NextProto4Cksum(const uint8_t* ip, const uint8_t* data, uint32_t len, uint32_t covlen,
                         uint8_t proto) {
  // Pseudo header: source, destination (the final one if a source route option is present: ignored
  // here as in the common case), zero, protocol, length.
  uint32_t sum = 0;
  const uint8_t* src = ip + 12;
  const uint8_t* dst = ip + 16;
  sum += uint32_t(src[0] << 8 | src[1]) + uint32_t(src[2] << 8 | src[3]);
  sum += uint32_t(dst[0] << 8 | dst[1]) + uint32_t(dst[2] << 8 | dst[3]);
  sum += proto;
  sum += len & 0xffff;
  return InCksum(data, covlen, sum);
}

namespace {

// ip6_finddst: the final destination, from a routing header if there is one.
const uint8_t* FindDst(Nd& nd, const uint8_t* ip6) {
  const uint8_t* dst = ip6 + 24;
  const uint8_t* cp = ip6;
  uint32_t advance = 40;
  uint8_t nh = ip6[6];
  while (cp < nd.snapend) {
    cp += advance;
    switch (nh) {
      case 0:
      case 60:
      case 62:
      case 135:
        advance = (uint32_t(nd.U8(cp + 1)) + 1) << 3;
        nh = nd.U8(cp);
        break;
      case 44:
        advance = 8;
        nh = nd.U8(cp);
        break;
      case 43: {
        uint32_t len = nd.U8(cp + 1);
        uint8_t type = nd.U8(cp + 2);
        if (type == 0 || type == 2) {
          if (len % 2 == 1) return dst;
          len >>= 1;
          const uint8_t* p = cp + 8;
          for (uint32_t i = 0; i < len; i++) {
            nd.Check(p, 16);
            dst = p;
            p += 16;
          }
        } else if (type == 4) {
          dst = cp + 8;
        }
        return dst;
      }
      default:
        return dst;
    }
  }
  return dst;
}

}  // namespace

uint16_t NextProto6Cksum(Nd& nd, const uint8_t* ip6, const uint8_t* data, uint32_t len, uint32_t covlen,
                         uint8_t proto) {
  uint32_t sum = 0;
  const uint8_t* dst = FindDst(nd, ip6);
  nd.Check(dst, 16);
  for (int i = 8; i < 24; i += 2) sum += uint32_t(ip6[i] << 8 | ip6[i + 1]);
  for (int i = 0; i < 16; i += 2) sum += uint32_t(dst[i] << 8 | dst[i + 1]);
  sum += len >> 16;
  sum += len & 0xffff;
  sum += proto;
  return InCksum(data, covlen, sum);
}
}  // namespace ringdump::print
