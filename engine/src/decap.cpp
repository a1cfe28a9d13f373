// Outer headers walked with bounds checks at every step: link (Ethernet with VLAN/QinQ tags, Linux cooked
// SLL/SLL2, raw IP) -> IPv4 (unfragmented) or IPv6 (common extension headers) -> UDP (VXLAN, GENEVE) or GRE.
#include "decap.hpp"

#include <algorithm>

namespace ringdump {
namespace {

constexpr uint16_t kEtherIpv4 = 0x0800;
constexpr uint16_t kEtherIpv6 = 0x86dd;
constexpr uint16_t kEtherTeb = 0x6558;      // transparent Ethernet bridging
constexpr uint16_t kEtherErspan2 = 0x88be;  // ERSPAN type II (and I)
constexpr uint16_t kEtherErspan3 = 0x22eb;
constexpr uint8_t kProtoUdp = 17;
constexpr uint8_t kProtoGre = 47;

uint16_t Get16(const uint8_t* p) { return static_cast<uint16_t>(p[0] << 8 | p[1]); }
uint32_t Get24(const uint8_t* p) { return uint32_t{p[0]} << 16 | uint32_t{p[1]} << 8 | p[2]; }
uint32_t Get32(const uint8_t* p) { return uint32_t{p[0]} << 24 | Get24(p + 1); }

struct Cursor {
  const uint8_t* data;
  uint32_t caplen;
  uint32_t offset = 0;
  bool Has(uint32_t n) const { return offset <= caplen && caplen - offset >= n; }
  const uint8_t* At() const { return data + offset; }
};

// Link layer -> network protocol (ethertype); false if not parseable.
bool SkipLink(LinkType link, Cursor& c, uint16_t& ethertype) {
  switch (link) {
    case LinkType::kEthernet:
      if (!c.Has(14)) return false;
      ethertype = Get16(c.At() + 12);
      c.offset += 14;
      while (ethertype == 0x8100 || ethertype == 0x88a8 || ethertype == 0x9100) {
        if (!c.Has(4)) return false;
        ethertype = Get16(c.At() + 2);
        c.offset += 4;
      }
      return true;
    case LinkType::kLinuxSll:
      if (!c.Has(16)) return false;
      ethertype = Get16(c.At() + 14);
      c.offset += 16;
      return true;
    case LinkType::kLinuxSll2:
      if (!c.Has(20)) return false;
      ethertype = Get16(c.At());
      c.offset += 20;
      return true;
    case LinkType::kRaw:
      if (!c.Has(1)) return false;
      ethertype = (c.At()[0] >> 4) == 6 ? kEtherIpv6 : kEtherIpv4;
      return true;
    default:
      return false;
  }
}

// Network layer -> transport protocol; false for fragments and what cannot be walked.
bool SkipNetwork(uint16_t ethertype, Cursor& c, uint8_t& protocol) {
  if (ethertype == kEtherIpv4) {
    if (!c.Has(20)) return false;
    const uint8_t* ip = c.At();
    uint32_t ihl = (ip[0] & 0x0f) * 4u;
    if ((ip[0] >> 4) != 4 || ihl < 20 || !c.Has(ihl)) return false;
    if ((Get16(ip + 6) & 0x3fff) != 0) return false;  // a fragment: the tunnel header is not all here
    protocol = ip[9];
    c.offset += ihl;
    return true;
  }
  if (ethertype == kEtherIpv6) {
    if (!c.Has(40)) return false;
    protocol = c.At()[6];
    c.offset += 40;
    // Hop-by-hop, routing, destination options: skip; a fragment header ends the walk.
    while (protocol == 0 || protocol == 43 || protocol == 60) {
      if (!c.Has(8)) return false;
      uint8_t next = c.At()[0];
      uint32_t len = (c.At()[1] + 1u) * 8u;
      if (!c.Has(len)) return false;
      c.offset += len;
      protocol = next;
    }
    return true;
  }
  return false;
}

// After the tunnel header: the inner Ethernet frame starts at c.offset; `id` is the VNI / key / session.
DecapOutcome ParseTunnel(const DecapSpec& spec, uint8_t protocol, Cursor& c, uint32_t& id) {
  using Tunnel = DecapConfig::Tunnel;
  if (spec.tunnel == Tunnel::kVxlan || spec.tunnel == Tunnel::kGeneve) {
    if (protocol != kProtoUdp || !c.Has(8)) return DecapOutcome::kNotTunnel;
    if (Get16(c.At() + 2) != spec.udp_port) return DecapOutcome::kNotTunnel;
    c.offset += 8;
    if (!c.Has(8)) return DecapOutcome::kNotTunnel;
    const uint8_t* t = c.At();
    if (spec.tunnel == Tunnel::kVxlan) {
      if ((t[0] & 0x08) == 0) return DecapOutcome::kNotTunnel;  // the I flag: a valid VNI
      id = Get24(t + 4);
      c.offset += 8;
      return DecapOutcome::kInner;
    }
    uint32_t options = (t[0] & 0x3f) * 4u;
    if ((t[0] >> 6) != 0 || Get16(t + 2) != kEtherTeb || !c.Has(8 + options)) return DecapOutcome::kNotTunnel;
    id = Get24(t + 4);
    c.offset += 8 + options;
    return DecapOutcome::kInner;
  }
  // GRE: flags C (checksum), K (key), S (sequence) each add 4 bytes.
  if (protocol != kProtoGre || !c.Has(4)) return DecapOutcome::kNotTunnel;
  const uint8_t* g = c.At();
  const bool has_checksum = g[0] & 0x80, has_key = g[0] & 0x20, has_seq = g[0] & 0x10;
  if ((g[1] & 0x07) != 0) return DecapOutcome::kNotTunnel;  // GRE version 0 only
  const uint16_t inner = Get16(g + 2);
  uint32_t header = 4 + (has_checksum ? 4 : 0);
  if (has_key) {
    if (!c.Has(header + 4)) return DecapOutcome::kNotTunnel;
    id = Get32(g + header);
    header += 4;
  }
  header += has_seq ? 4 : 0;
  if (!c.Has(header)) return DecapOutcome::kNotTunnel;
  c.offset += header;
  if (inner == kEtherTeb) return DecapOutcome::kInner;
  if (inner == kEtherErspan2 && has_seq) {  // ERSPAN II: 8-byte header, session id in the low 10 bits
    if (!c.Has(8)) return DecapOutcome::kNotTunnel;
    id = Get16(c.At() + 2) & 0x03ff;
    c.offset += 8;
    return DecapOutcome::kInner;
  }
  if (inner == kEtherErspan2 && !has_seq) return DecapOutcome::kInner;  // ERSPAN I: no header
  if (inner == kEtherErspan3) {  // ERSPAN III: 12 bytes, +8 with the optional platform subheader (O flag)
    if (!c.Has(12)) return DecapOutcome::kNotTunnel;
    id = Get16(c.At() + 2) & 0x03ff;
    uint32_t len = (c.At()[11] & 0x01) ? 20 : 12;
    if (!c.Has(len)) return DecapOutcome::kNotTunnel;
    c.offset += len;
    return DecapOutcome::kInner;
  }
  return DecapOutcome::kNotTunnel;
}

}  // namespace

uint16_t DefaultTunnelPort(DecapConfig::Tunnel tunnel) {
  if (tunnel == DecapConfig::Tunnel::kVxlan) return 4789;
  if (tunnel == DecapConfig::Tunnel::kGeneve) return 6081;
  return 0;
}

DecapOutcome Decapsulate(const DecapSpec& spec, LinkType outer, PacketView& view) {
  Cursor c{view.data, view.caplen};
  uint16_t ethertype = 0;
  uint8_t protocol = 0;
  if (!SkipLink(outer, c, ethertype) || !SkipNetwork(ethertype, c, protocol)) return DecapOutcome::kNotTunnel;
  uint32_t id = 0;
  DecapOutcome outcome = ParseTunnel(spec, protocol, c, id);
  if (outcome != DecapOutcome::kInner) return outcome;
  if (!c.Has(14)) return DecapOutcome::kNotTunnel;  // not even an inner Ethernet header
  if (spec.ids_count != 0 && !std::binary_search(spec.ids, spec.ids + spec.ids_count, id))
    return DecapOutcome::kOtherId;
  view.data += c.offset;
  view.caplen -= c.offset;
  view.len = view.len > c.offset ? view.len - c.offset : view.caplen;
  return DecapOutcome::kInner;
}

std::string OuterFilterExpression(const DecapConfig& config) {
  std::string tunnel;
  uint16_t port = config.udp_port != 0 ? config.udp_port : DefaultTunnelPort(config.tunnel);
  switch (config.tunnel) {
    case DecapConfig::Tunnel::kNone: return config.outer_filter;
    case DecapConfig::Tunnel::kVxlan:
    case DecapConfig::Tunnel::kGeneve: tunnel = "udp dst port " + std::to_string(port); break;
    case DecapConfig::Tunnel::kGre: tunnel = "ip proto 47 or ip6 proto 47"; break;
  }
  if (config.keep_unmatched) tunnel.clear();  // unmatched frames are kept: the kernel must pass them all
  if (config.outer_filter.empty()) return tunnel;
  if (tunnel.empty()) return config.outer_filter;
  return "(" + tunnel + ") and (" + config.outer_filter + ")";
}

}  // namespace ringdump
