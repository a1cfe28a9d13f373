// Builds encapsulated frames for decapsulation tests: an outer Ethernet/IPv4 (or IPv6) packet carrying
// VXLAN, GENEVE, GRE (transparent Ethernet bridging) or ERSPAN II/III around an inner Ethernet frame.
#pragma once

#include <cstdint>
#include <vector>

namespace ringdump::testing {

using Frame = std::vector<uint8_t>;

inline void Put16(Frame& f, uint16_t v) {
  f.push_back(v >> 8);
  f.push_back(v & 0xff);
}
inline void Put32(Frame& f, uint32_t v) {
  Put16(f, v >> 16);
  Put16(f, v & 0xffff);
}

// An inner Ethernet/IPv4/UDP frame with `tag` in its payload.
inline Frame InnerFrame(uint32_t tag, size_t payload = 32) {
  Frame f = {0x02, 0, 0, 0, 0, 0xb2, 0x02, 0, 0, 0, 0, 0xb1};
  Put16(f, 0x0800);
  Frame ip = {0x45, 0, 0, 0, 0, 1, 0, 0, 64, 17, 0, 0, 198, 18, 1, 1, 198, 18, 1, 2};
  uint16_t total = static_cast<uint16_t>(20 + 8 + payload);
  ip[2] = total >> 8;
  ip[3] = total & 0xff;
  f.insert(f.end(), ip.begin(), ip.end());
  Put16(f, 40000);
  Put16(f, 9);
  Put16(f, static_cast<uint16_t>(8 + payload));
  Put16(f, 0);
  Frame body(payload, 0);
  for (size_t i = 0; i < payload && i < 4; ++i) body[i] = static_cast<uint8_t>(tag >> (24 - 8 * i));
  f.insert(f.end(), body.begin(), body.end());
  return f;
}

// Outer Ethernet + IPv4 header (protocol `proto`) around `inner_l4` (the bytes after the IP header).
inline Frame OuterIpv4(uint8_t proto, const Frame& l4, uint16_t vlan = 0) {
  Frame f = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
  if (vlan != 0) {
    Put16(f, 0x8100);
    Put16(f, vlan);
  }
  Put16(f, 0x0800);
  uint16_t total = static_cast<uint16_t>(20 + l4.size());
  Frame ip = {0x45, 0, static_cast<uint8_t>(total >> 8), static_cast<uint8_t>(total & 0xff), 0, 2, 0x40, 0, 64, proto,
              0, 0, 198, 18, 0, 1, 198, 18, 0, 2};
  f.insert(f.end(), ip.begin(), ip.end());
  f.insert(f.end(), l4.begin(), l4.end());
  return f;
}

inline Frame OuterIpv6(uint8_t next, const Frame& l4) {
  Frame f = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};
  Put16(f, 0x86dd);
  Frame ip(40, 0);
  ip[0] = 0x60;
  ip[4] = static_cast<uint8_t>(l4.size() >> 8);
  ip[5] = static_cast<uint8_t>(l4.size() & 0xff);
  ip[6] = next;
  ip[7] = 64;
  ip[8] = 0xfd;
  ip[23] = 1;
  ip[24] = 0xfd;
  ip[39] = 2;
  f.insert(f.end(), ip.begin(), ip.end());
  f.insert(f.end(), l4.begin(), l4.end());
  return f;
}

inline Frame Udp(uint16_t dport, const Frame& payload) {
  Frame u;
  Put16(u, 50000);
  Put16(u, dport);
  Put16(u, static_cast<uint16_t>(8 + payload.size()));
  Put16(u, 0);
  u.insert(u.end(), payload.begin(), payload.end());
  return u;
}

inline Frame Vxlan(uint32_t vni, const Frame& inner, uint16_t port = 4789) {
  Frame v = {0x08, 0, 0, 0};
  Put32(v, vni << 8);
  v.insert(v.end(), inner.begin(), inner.end());
  return OuterIpv4(17, Udp(port, v));
}

inline Frame Geneve(uint32_t vni, const Frame& inner, uint8_t option_words = 0) {
  Frame g = {static_cast<uint8_t>(option_words & 0x3f), 0};
  Put16(g, 0x6558);
  Put32(g, vni << 8);
  for (int i = 0; i < option_words * 4; ++i) g.push_back(0xaa);
  g.insert(g.end(), inner.begin(), inner.end());
  return OuterIpv4(17, Udp(6081, g));
}

// GRE with a key (K flag) carrying transparent Ethernet bridging.
inline Frame GreTeb(uint32_t key, const Frame& inner) {
  Frame g = {0x20, 0};
  Put16(g, 0x6558);
  Put32(g, key);
  g.insert(g.end(), inner.begin(), inner.end());
  return OuterIpv4(47, g);
}

// ERSPAN type II: GRE with sequence number, protocol 0x88be, 8-byte ERSPAN header (session in low 10 bits).
inline Frame Erspan2(uint16_t session, const Frame& inner) {
  Frame g = {0x10, 0};
  Put16(g, 0x88be);
  Put32(g, 7);  // sequence
  Put16(g, 0x1000);  // version 1, VLAN 0
  Put16(g, session & 0x03ff);
  Put32(g, 0);
  g.insert(g.end(), inner.begin(), inner.end());
  return OuterIpv4(47, g);
}

// ERSPAN type III: protocol 0x22eb, 12-byte header (+8 with the O flag).
inline Frame Erspan3(uint16_t session, const Frame& inner, bool platform_subheader = false) {
  Frame g = {0x10, 0};
  Put16(g, 0x22eb);
  Put32(g, 9);
  Put16(g, 0x2000);
  Put16(g, session & 0x03ff);
  Put32(g, 0x12345678);  // timestamp
  Put16(g, 0);           // SGT
  Put16(g, platform_subheader ? 0x0001 : 0x0000);
  if (platform_subheader) Put32(g, 0), Put32(g, 0);
  g.insert(g.end(), inner.begin(), inner.end());
  return OuterIpv4(47, g);
}

}  // namespace ringdump::testing
