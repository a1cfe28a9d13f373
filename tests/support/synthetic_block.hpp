// Builds TPACKET_V3 blocks in ordinary memory, laid out exactly as the kernel lays them out
// (tpacket_block_desc, then per packet: tpacket3_hdr, sockaddr_ll, reserved room, frame), so the real
// walker, worker and sinks can be tested and benchmarked without a socket or privileges.
#pragma once

#include <linux/if_packet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ringdump::testing {

struct SyntheticPacket {
  std::vector<uint8_t> frame;  // what the kernel puts at tp_mac (VLAN tag already stripped)
  uint32_t wire_len = 0;       // tp_len; 0: frame.size()
  uint32_t sec = 0, nsec = 0;
  bool vlan = false;
  uint16_t vlan_tci = 0, vlan_tpid = 0x8100;
  bool tpid_valid = true;
  uint8_t pkttype = PACKET_HOST;
  int ifindex = 2;
  uint16_t protocol = 0x0800;  // sll_protocol, host order
  uint16_t hatype = 1;         // ARPHRD_ETHER
  uint8_t halen = 6;
  uint8_t addr[8] = {0x02, 0, 0, 0, 0, 1, 0, 0};
};

class SyntheticBlock {
 public:
  // `maclen` as the kernel computes it: 14 for SOCK_RAW Ethernet, 0 for SOCK_DGRAM.
  SyntheticBlock(uint32_t block_size, uint32_t reserve, uint32_t maclen = 14)
      : bytes_(block_size, 0), reserve_(reserve), maclen_(maclen) {
    desc()->version = TPACKET_V3;
    desc()->hdr.bh1.block_status = TP_STATUS_USER;
    desc()->hdr.bh1.offset_to_first_pkt = kFirst;
    offset_ = kFirst;
  }

  // Appends a packet; returns false when the block is full.
  bool Add(const SyntheticPacket& p) {
    const uint32_t hdrlen = TPACKET_ALIGN(sizeof(tpacket3_hdr)) + sizeof(sockaddr_ll);
    const uint32_t netoff = TPACKET_ALIGN(hdrlen + (maclen_ < 16 ? 16 : maclen_)) + reserve_;
    const uint32_t macoff = netoff - maclen_;
    const uint32_t total = TPACKET_ALIGN(macoff + static_cast<uint32_t>(p.frame.size()));
    if (offset_ + total > bytes_.size()) return false;
    if (last_ != 0) header(last_)->tp_next_offset = offset_ - last_;
    uint8_t* base = bytes_.data() + offset_;
    auto* h = reinterpret_cast<tpacket3_hdr*>(base);
    h->tp_next_offset = 0;
    h->tp_sec = p.sec;
    h->tp_nsec = p.nsec;
    h->tp_snaplen = static_cast<uint32_t>(p.frame.size());
    h->tp_len = p.wire_len ? p.wire_len : static_cast<uint32_t>(p.frame.size());
    h->tp_status = TP_STATUS_USER;
    if (p.vlan) h->tp_status |= TP_STATUS_VLAN_VALID | (p.tpid_valid ? TP_STATUS_VLAN_TPID_VALID : 0);
    h->tp_mac = static_cast<uint16_t>(macoff);
    h->tp_net = static_cast<uint16_t>(netoff);
    h->hv1.tp_vlan_tci = p.vlan ? p.vlan_tci : 0;
    h->hv1.tp_vlan_tpid = p.vlan ? p.vlan_tpid : 0;
    auto* sll = reinterpret_cast<sockaddr_ll*>(base + TPACKET_ALIGN(sizeof(tpacket3_hdr)));
    sll->sll_family = AF_PACKET;
    sll->sll_protocol = static_cast<uint16_t>((p.protocol >> 8) | (p.protocol << 8));
    sll->sll_ifindex = p.ifindex;
    sll->sll_hatype = p.hatype;
    sll->sll_pkttype = p.pkttype;
    sll->sll_halen = p.halen;
    std::memcpy(sll->sll_addr, p.addr, 8);
    std::memcpy(base + macoff, p.frame.data(), p.frame.size());
    last_ = offset_;
    offset_ += total;
    desc()->hdr.bh1.num_pkts += 1;
    desc()->hdr.bh1.blk_len = offset_;
    return true;
  }

  uint8_t* data() { return bytes_.data(); }
  uint32_t size() const { return static_cast<uint32_t>(bytes_.size()); }
  uint32_t count() const { return desc_const()->hdr.bh1.num_pkts; }
  tpacket3_hdr* header(uint32_t offset) { return reinterpret_cast<tpacket3_hdr*>(bytes_.data() + offset); }
  uint32_t first_offset() const { return kFirst; }
  tpacket_block_desc* desc() { return reinterpret_cast<tpacket_block_desc*>(bytes_.data()); }

 private:
  static constexpr uint32_t kFirst = TPACKET_ALIGN(sizeof(tpacket_block_desc));
  const tpacket_block_desc* desc_const() const {
    return reinterpret_cast<const tpacket_block_desc*>(bytes_.data());
  }
  std::vector<uint8_t> bytes_;
  uint32_t reserve_;
  uint32_t maclen_;
  uint32_t offset_ = 0;
  uint32_t last_ = 0;
};

// An Ethernet/IPv4/UDP frame of `size` bytes with a sequence number in the payload.
inline std::vector<uint8_t> UdpFrame(size_t size, uint64_t seq) {
  std::vector<uint8_t> f(std::max<size_t>(size, 60), 0);
  const uint8_t head[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00};
  std::memcpy(f.data(), head, sizeof(head));
  uint8_t* ip = f.data() + 14;
  ip[0] = 0x45;
  uint16_t total = static_cast<uint16_t>(f.size() - 14);
  ip[2] = total >> 8;
  ip[3] = total & 0xff;
  ip[8] = 64;
  ip[9] = 17;
  const uint8_t addrs[] = {198, 18, 0, 1, 198, 18, 0, 2};
  std::memcpy(ip + 12, addrs, 8);
  uint8_t* udp = ip + 20;
  udp[1] = 9;
  udp[3] = 9;
  uint16_t ulen = static_cast<uint16_t>(total - 20);
  udp[4] = ulen >> 8;
  udp[5] = ulen & 0xff;
  if (f.size() >= 42 + 8) std::memcpy(f.data() + 42, &seq, 8);
  return f;
}

}  // namespace ringdump::testing
