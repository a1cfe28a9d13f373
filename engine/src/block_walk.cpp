// WalkBlock: the per-packet part of the hot path. No allocation, no syscall, no virtual call.
#include "block_walk.hpp"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include <algorithm>
#include <cstring>

namespace ringdump {
namespace {

constexpr size_t kHeaderSize = TPACKET_ALIGN(sizeof(tpacket3_hdr));
constexpr size_t kSllOffset = kHeaderSize;  // the kernel's sockaddr_ll follows the aligned tpacket3_hdr
constexpr uint32_t kVlanTagLen = 4;
constexpr uint32_t kSll2HeaderLen = 20;
constexpr uint32_t kSllHeaderLen = 16;

void Put16(uint8_t* p, uint16_t host) {
  uint16_t net = htons(host);
  std::memcpy(p, &net, 2);
}
void Put32(uint8_t* p, uint32_t host) {
  uint32_t net = htonl(host);
  std::memcpy(p, &net, 4);
}

bool WantPacket(const BlockWalkOptions& options, const sockaddr_ll& sll) {
  if (sll.sll_pkttype == PACKET_OUTGOING) {
    if (sll.sll_ifindex == options.loopback_ifindex) return false;  // also seen as incoming
    return options.direction != CaptureDirection::kIn;
  }
  return options.direction != CaptureDirection::kOut;
}

// Builds the cooked header in the `room` bytes before `frame`; returns its length.
uint32_t WriteCookedHeader(uint8_t* frame, LinkType link_type, const sockaddr_ll& sll, uint16_t protocol_net) {
  uint8_t halen = std::min<uint8_t>(sll.sll_halen, 8);
  if (link_type == LinkType::kLinuxSll2) {
    uint8_t* h = frame - kSll2HeaderLen;
    std::memcpy(h, &protocol_net, 2);
    Put16(h + 2, 0);
    Put32(h + 4, static_cast<uint32_t>(sll.sll_ifindex));
    Put16(h + 8, sll.sll_hatype);
    h[10] = sll.sll_pkttype;
    h[11] = sll.sll_halen;
    std::memset(h + 12, 0, 8);
    std::memcpy(h + 12, sll.sll_addr, halen);
    return kSll2HeaderLen;
  }
  uint8_t* h = frame - kSllHeaderLen;
  Put16(h, sll.sll_pkttype);
  Put16(h + 2, sll.sll_hatype);
  Put16(h + 4, sll.sll_halen);
  std::memset(h + 6, 0, 8);
  std::memcpy(h + 6, sll.sll_addr, halen);
  std::memcpy(h + 14, &protocol_net, 2);
  return kSllHeaderLen;
}

}  // namespace

size_t MaxPacketsPerBlock(size_t block_size) {
  // Every packet takes at least its aligned header, the sockaddr_ll and one aligned data slot.
  constexpr size_t kMinSlot = TPACKET_ALIGN(kHeaderSize + sizeof(sockaddr_ll));
  return block_size / kMinSlot + 1;
}

BlockWalkResult WalkBlock(uint8_t* block, size_t block_size, const BlockWalkOptions& options,
                          std::span<PacketView> out) {
  BlockWalkResult result;
  if (block_size < sizeof(tpacket_block_desc)) return {0, 0, true};
  const auto* desc = reinterpret_cast<const tpacket_block_desc*>(block);
  const uint32_t num_pkts = desc->hdr.bh1.num_pkts;
  size_t offset = desc->hdr.bh1.offset_to_first_pkt;
  if (num_pkts == 0) return result;

  for (uint32_t i = 0; i < num_pkts; ++i) {
    if (offset < sizeof(tpacket_block_desc) || offset > block_size - kHeaderSize - sizeof(sockaddr_ll) ||
        result.count == out.size()) {
      result.corrupt = true;
      break;
    }
    uint8_t* base = block + offset;
    tpacket3_hdr hdr;
    sockaddr_ll sll;
    std::memcpy(&hdr, base, sizeof(hdr));
    std::memcpy(&sll, base + kSllOffset, sizeof(sll));
    const size_t mac = hdr.tp_mac;
    // The frame must lie inside the block, after the headers and the reserved room.
    if (mac < kSllOffset + sizeof(sockaddr_ll) + kFrameHeadroom || mac > block_size - offset ||
        hdr.tp_snaplen > block_size - offset - mac) {
      result.corrupt = true;
      break;
    }
    if (WantPacket(options, sll)) {
      uint8_t* frame = base + mac;
      uint32_t caplen = hdr.tp_snaplen;
      uint32_t len = hdr.tp_len;
      const bool vlan = (hdr.tp_status & TP_STATUS_VLAN_VALID) != 0 || hdr.hv1.tp_vlan_tci != 0;
      const uint16_t tpid =
          (hdr.tp_status & TP_STATUS_VLAN_TPID_VALID) != 0 ? hdr.hv1.tp_vlan_tpid : uint16_t{ETH_P_8021Q};
      if (options.cooked) {
        uint16_t protocol_net = sll.sll_protocol;
        if (vlan) {  // cooked: protocol says VLAN, then TCI and the inner protocol lead the payload
          frame -= kVlanTagLen;
          Put16(frame, static_cast<uint16_t>(hdr.hv1.tp_vlan_tci));
          std::memcpy(frame + 2, &sll.sll_protocol, 2);
          protocol_net = htons(tpid);
          caplen += kVlanTagLen;
          len += kVlanTagLen;
        }
        uint32_t header = WriteCookedHeader(frame, options.link_type, sll, protocol_net);
        frame -= header;
        caplen += header;
        len += header;
      } else if (vlan && options.link_type == LinkType::kEthernet && caplen >= 2 * ETH_ALEN) {
        std::memmove(frame - kVlanTagLen, frame, 2 * ETH_ALEN);
        frame -= kVlanTagLen;
        Put16(frame + 2 * ETH_ALEN, tpid);
        Put16(frame + 2 * ETH_ALEN + 2, static_cast<uint16_t>(hdr.hv1.tp_vlan_tci));
        caplen += kVlanTagLen;
        len += kVlanTagLen;
      }
      PacketView& view = out[result.count++];
      view.data = frame;
      view.caplen = std::min(caplen, options.snaplen);
      view.len = len;
      view.sec = hdr.tp_sec;
      view.nsec = hdr.tp_nsec;
      view.ifindex = static_cast<uint32_t>(sll.sll_ifindex);
      view.pkttype = sll.sll_pkttype;
      view.direction = sll.sll_pkttype == PACKET_OUTGOING ? Direction::kOutbound : Direction::kInbound;
    } else {
      ++result.skipped;
    }
    if (hdr.tp_next_offset == 0) break;  // the last packet of the block
    offset += hdr.tp_next_offset;
    // The walk is bound by cache misses on the next header (the ring is far larger than the cache).
    if (offset < block_size) __builtin_prefetch(block + offset);
  }
  return result;
}

}  // namespace ringdump
