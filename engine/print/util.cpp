// Helpers every printer uses: tcpdump's hex and ASCII dumps (print-ascii.c layout: 16 bytes a line in
// groups of two, offset "0x%04x:", ASCII column), character escaping, the Internet checksum with the
// IPv4/IPv6 pseudo headers, and the protocol-number and ethertype names.
#include <cstring>

#include "dissect.hpp"

namespace ringdump::print {
namespace {

bool IsGraph(uint8_t c) { return c > 0x20 && c <= 0x7e; }
constexpr char kHex[] = "0123456789abcdef";

}  // namespace

void HexAndAsciiPrint(Nd& nd, const char* ident, const uint8_t* cp, uint32_t length, uint32_t offset) {
  bool truncated = false;
  size_t caplength = nd.Avail(cp);
  if (length > caplength) {
    length = uint32_t(caplength);
    truncated = true;
  }
  char hex[41];
  char asc[17];
  int hn = 0, an = 0, i = 0;
  auto flush = [&] {
    nd.out.S(ident);
    nd.out.S("0x");
    nd.out.X(offset, 4);
    nd.out.S(": ");
    nd.out.S(std::string_view(hex, size_t(hn)));
    for (int k = hn; k < 40; k++) nd.out.C(' ');
    nd.out.S("  ");
    nd.out.S(std::string_view(asc, size_t(an)));
  };
  uint32_t nshorts = length / 2;
  while (nshorts--) {
    uint8_t s1 = cp[0], s2 = cp[1];
    cp += 2;
    hex[hn++] = ' ';
    hex[hn++] = kHex[s1 >> 4];
    hex[hn++] = kHex[s1 & 15];
    hex[hn++] = kHex[s2 >> 4];
    hex[hn++] = kHex[s2 & 15];
    asc[an++] = IsGraph(s1) ? char(s1) : '.';
    asc[an++] = IsGraph(s2) ? char(s2) : '.';
    if (++i >= 8) {
      flush();
      i = hn = an = 0;
      offset += 16;
    }
  }
  if (length & 1) {
    uint8_t s1 = *cp;
    hex[hn++] = ' ';
    hex[hn++] = kHex[s1 >> 4];
    hex[hn++] = kHex[s1 & 15];
    asc[an++] = IsGraph(s1) ? char(s1) : '.';
    ++i;
  }
  if (i > 0) flush();
  if (truncated) nd.PrintTrunc();
}

void HexPrint(Nd& nd, const char* ident, const uint8_t* cp, uint32_t length, uint32_t offset) {
  bool truncated = false;
  size_t caplength = nd.Avail(cp);
  if (length > caplength) {
    length = uint32_t(caplength);
    truncated = true;
  }
  uint32_t nshorts = length / 2;
  uint32_t i = 0;
  while (nshorts--) {
    if ((i++ % 8) == 0) {
      nd.out.S(ident);
      nd.out.S("0x");
      nd.out.X(offset, 4);
      nd.out.S(": ");
      offset += 16;
    }
    nd.out.C(' ');
    nd.out.C(kHex[cp[0] >> 4]);
    nd.out.C(kHex[cp[0] & 15]);
    nd.out.C(kHex[cp[1] >> 4]);
    nd.out.C(kHex[cp[1] & 15]);
    cp += 2;
  }
  if (length & 1) {
    if ((i % 8) == 0) {
      nd.out.S(ident);
      nd.out.S("0x");
      nd.out.X(offset, 4);
      nd.out.S(": ");
    }
    nd.out.C(' ');
    nd.out.C(kHex[cp[0] >> 4]);
    nd.out.C(kHex[cp[0] & 15]);
  }
  if (truncated) nd.PrintTrunc();
}

void AsciiPrint(Nd& nd, const uint8_t* cp, uint32_t length) {
  nd.protocol = "ascii";
  bool truncated = false;
  size_t caplength = nd.Avail(cp);
  if (length > caplength) {
    length = uint32_t(caplength);
    truncated = true;
  }
  nd.out.C('\n');
  while (length > 0) {
    uint8_t s = *cp++;
    length--;
    if (s == '\r') {
      if (length > 1 && *cp != '\n') nd.out.C('.');
    } else if (!IsGraph(s) && s != '\t' && s != ' ' && s != '\n') {
      nd.out.C('.');
    } else {
      nd.out.C(char(s));
    }
  }
  if (truncated) nd.PrintTrunc();
}

void DefaultPrint(Nd& nd, const uint8_t* cp, uint32_t length) { HexAndAsciiPrint(nd, "\n\t", cp, length); }

void PrintChar(Nd& nd, uint8_t c) {
  if (!(c < 0x80)) {
    c &= 0x7f;
    nd.out.S("M-");
  }
  if (!(c >= 0x20 && c < 0x7f)) {
    c ^= 0x40;
    nd.out.C('^');
  }
  nd.out.C(char(c));
}

void PrintStringN(Nd& nd, const uint8_t* cp, uint32_t n) {
  while (n--) {
    uint8_t c = nd.U8(cp++);
    if (c == 0) break;
    PrintChar(nd, c);
  }
}

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

const char* IpProtoName(uint8_t proto) {
  // tcpdump's ipproto_values (ipproto.c).
  switch (proto) {
    case 0:
      return "Options";
    case 1:
      return "ICMP";
    case 2:
      return "IGMP";
    case 4:
      return "IPIP";
    case 6:
      return "TCP";
    case 8:
      return "EGP";
    case 9:
      return "IGRP";
    case 17:
      return "UDP";
    case 33:
      return "DCCP";
    case 41:
      return "IPv6";
    case 43:
      return "Routing";
    case 44:
      return "Fragment";
    case 46:
      return "RSVP";
    case 47:
      return "GRE";
    case 50:
      return "ESP";
    case 51:
      return "AH";
    case 55:
      return "Mobile IP";
    case 58:
      return "ICMPv6";
    case 62:
      return "Mobile IP (old)";
    case 88:
      return "EIGRP";
    case 89:
      return "OSPF";
    case 103:
      return "PIM";
    case 108:
      return "Compressed IP";
    case 112:
      return "VRRP";
    case 113:
      return "PGM";
    case 132:
      return "SCTP";
    case 135:
      return "Mobility";
    case 143:
      return "Ethernet";
    default:
      return nullptr;
  }
}

const char* EthertypeName(uint16_t type) {
  switch (type) {
    case 0x0800:
      return "IPv4";
    case 0x0806:
      return "ARP";
    case 0x86dd:
      return "IPv6";
    case 0x8100:
      return "802.1Q";
    case 0x88a8:
      return "802.1Q-QinQ";
    case 0x9100:
      return "802.1Q-9100";
    case 0x9200:
      return "802.1Q-9200";
    case 0x8035:
      return "Reverse ARP";
    case 0x8847:
      return "MPLS unicast";
    case 0x8848:
      return "MPLS multicast";
    case 0x8863:
      return "PPPoE D";
    case 0x8864:
      return "PPPoE S";
    case 0x888e:
      return "EAPOL";
    case 0x88cc:
      return "LLDP";
    case 0x8809:
      return "Slow Protocols";
    case 0x88f7:
      return "PTP";
    case 0x6558:
      return "TEB";
    case 0x9000:
      return "Loopback";
    case 0x6003:
      return "DN";
    case 0x6004:
      return "LAT";
    case 0x809b:
      return "Appletalk";
    case 0x80f3:
      return "AARP";
    case 0x8137:
      return "IPX";
    case 0x880b:
      return "PPP";
    case 0x8808:
      return "MPCP";
    case 0x88e5:
      return "MACsec";
    case 0x8902:
      return "CFM";
    case 0x88e7:
      return "PBB";
    case 0x893a:
      return "IEEE1905.1";
    case 0x8914:
      return "FCoE Init";  // placeholder
    case 0x8906:
      return "FCoE";
    case 0x0200:
      return "PUP";
    case 0x8038:
      return "DEC LanBridge";
    case 0x6002:
      return "MOP RC";
    case 0x6001:
      return "MOP DL";
    case 0x8819:
      return "CobraNet";
    case 0x88a2:
      return "AoE";
    case 0x891d:
      return "TTE";
    case 0x9001:
      return "3Com Loop";  // placeholder
    default:
      return nullptr;
  }
}

}  // namespace ringdump::print
