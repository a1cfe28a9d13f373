// A packet as the engine hands it to a sink or a callback: a zero-copy view over ring memory.
// The bytes are valid only until the callback that received the view returns (the ring block is then
// given back to the kernel). Timestamps keep the kernel's nanoseconds.
#pragma once

#include <cstdint>
#include <span>

namespace ringdump {

// Link-layer header types, values as in pcap (LINKTYPE_*).
enum class LinkType : uint32_t {
  kNull = 0,
  kEthernet = 1,
  kRaw = 101,
  kLinuxSll = 113,
  kLinuxSll2 = 276,
};

// Direction of a packet relative to the capturing host (pcapng epb_flags inbound/outbound).
enum class Direction : uint8_t { kUnknown = 0, kInbound = 1, kOutbound = 2 };

struct PacketView {
  const uint8_t* data = nullptr;  // first byte of the link-layer header as it was on the wire
  uint32_t caplen = 0;            // bytes at data (after snaplen trimming)
  uint32_t len = 0;               // length of the packet on the wire
  int64_t sec = 0;                // timestamp, seconds since the epoch
  uint32_t nsec = 0;              // and nanoseconds
  uint32_t ifindex = 0;           // interface the packet was seen on
  Direction direction = Direction::kUnknown;
  uint8_t pkttype = 0;            // PACKET_HOST, PACKET_OUTGOING, ... (sll_pkttype)
  uint16_t interface_id = 0;      // which of the capture's interfaces (pcapng interface block), 0 for one

  std::span<const uint8_t> bytes() const { return {data, caplen}; }
  int64_t timestamp_ns() const { return sec * 1'000'000'000 + nsec; }
};

// A batch of packets from one ring block, in the order the kernel queued them.
using PacketBatch = std::span<const PacketView>;

}  // namespace ringdump
