// Decapsulation of mirrored traffic: VXLAN, GENEVE, GRE (transparent Ethernet bridging, ERSPAN types II and
// III). A pure function on one packet view: on a match the view is narrowed to the inner Ethernet frame (the
// bytes are not moved; timestamp and direction stay the outer packet's). Never reads past caplen.
#pragma once

#include <cstdint>

#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"

namespace ringdump {

enum class DecapOutcome { kInner, kNotTunnel, kOtherId };

struct DecapSpec {
  DecapConfig::Tunnel tunnel = DecapConfig::Tunnel::kNone;
  uint16_t udp_port = 0;          // resolved: never 0 for VXLAN and GENEVE
  const uint32_t* ids = nullptr;  // sorted; ids_count == 0 means any
  size_t ids_count = 0;
};

// Narrows `view` to the inner frame when it carries the tunnel of `spec` (with one of its ids);
// `outer` is the link type of the captured frame.
DecapOutcome Decapsulate(const DecapSpec& spec, LinkType outer, PacketView& view);

// The kernel filter that selects the tunnel's packets (e.g. "udp dst port 4789"), ANDed with `outer_filter`.
std::string OuterFilterExpression(const DecapConfig& config);

// 4789 for VXLAN, 6081 for GENEVE, 0 for GRE.
uint16_t DefaultTunnelPort(DecapConfig::Tunnel tunnel);

}  // namespace ringdump
