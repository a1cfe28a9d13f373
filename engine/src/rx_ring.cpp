// RxRing: TPACKET_V3 ring setup and block ownership.
#include "rx_ring.hpp"

#include <linux/if_packet.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include <atomic>

#include "sys/errors.hpp"

namespace ringdump {
namespace {

std::atomic_ref<uint32_t> BlockStatus(uint8_t* block) {
  auto* desc = reinterpret_cast<tpacket_block_desc*>(block);
  return std::atomic_ref<uint32_t>(desc->hdr.bh1.block_status);
}

}  // namespace

Result<RxRing> RxRing::Create(int fd, const RingConfig& config, uint32_t reserve) {
  int version = TPACKET_V3;
  if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) < 0)
    return sys::LastError("PACKET_VERSION (TPACKET_V3)");
  if (setsockopt(fd, SOL_PACKET, PACKET_RESERVE, &reserve, sizeof(reserve)) < 0)
    return sys::LastError("PACKET_RESERVE");

  tpacket_req3 req{};
  req.tp_block_size = config.block_size;
  req.tp_block_nr = config.block_count;
  req.tp_frame_size = TPACKET_ALIGNMENT << 7;  // V3 frames are variable; the kernel only checks the arithmetic
  req.tp_frame_nr = (config.block_size / req.tp_frame_size) * config.block_count;
  req.tp_retire_blk_tov = config.retire_timeout_ms;
  req.tp_sizeof_priv = 0;
  req.tp_feature_req_word = 0;
  if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) < 0)
    return sys::LastError("PACKET_RX_RING (" + std::to_string(config.block_count) + " blocks of " +
                          std::to_string(config.block_size) + " bytes)");

  size_t size = size_t{config.block_size} * config.block_count;
  // MAP_POPULATE maps every ring page now, so the hot path takes no page faults.
  void* addr = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
  if (addr == MAP_FAILED) return sys::LastError("mmap of the packet ring");
  return RxRing(sys::MappedRegion(addr, size), config.block_size, config.block_count);
}

BlockLease RxRing::TryAcquireNext() {
  if ((BlockStatus(block(next_)).load(std::memory_order_acquire) & TP_STATUS_USER) == 0) return {};
  uint32_t index = next_;
  next_ = (next_ + 1) % block_count_;
  return BlockLease(this, index);
}

void RxRing::Release(uint32_t index) {
  BlockStatus(block(index)).store(TP_STATUS_KERNEL, std::memory_order_release);
}

}  // namespace ringdump
