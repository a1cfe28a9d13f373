// Walking one TPACKET_V3 ring block: the packets the kernel put there, as PacketViews.
//
// The block belongs to user space while it is walked (TP_STATUS_USER), so the walker rewrites headers in place,
// in the room PACKET_RESERVE leaves before each frame: it re-inserts the 802.1Q tag the kernel stripped into
// tp_vlan_tci (with the real TPID, priority-only tags too) and, for cooked sockets ("any"), builds the Linux
// cooked header (SLL2 or SLL). It never reads or writes outside the block: corrupt headers end the walk
// (counted), they never crash it. Pure function of the block bytes: unit-tested on synthetic blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"

namespace ringdump {

// Room the walker may use before each frame: an SLL2 header (20) plus a VLAN tag (4). Set as PACKET_RESERVE.
inline constexpr uint32_t kFrameHeadroom = 24;

struct BlockWalkOptions {
  LinkType link_type = LinkType::kEthernet;  // kEthernet: re-insert VLAN tags; kLinuxSll/kLinuxSll2: cooked
  bool cooked = false;                       // SOCK_DGRAM socket: frames start at the network header
  uint32_t snaplen = 262144;                 // records are trimmed to this many bytes
  CaptureDirection direction = CaptureDirection::kInOut;
  int loopback_ifindex = -1;                 // outgoing copies on loopback are skipped (seen twice otherwise)
};

struct BlockWalkResult {
  size_t count = 0;        // views written to the output span
  uint32_t skipped = 0;    // packets left out by direction
  bool corrupt = false;    // the walk stopped at a header that points outside the block
};

// Upper bound of packets one block of `block_size` bytes can hold (for sizing the view array once).
size_t MaxPacketsPerBlock(size_t block_size);

// Walks the block at `block` (block_size bytes, owned by user space) into `out`.
BlockWalkResult WalkBlock(uint8_t* block, size_t block_size, const BlockWalkOptions& options,
                          std::span<PacketView> out);

}  // namespace ringdump
