// The TPACKET_V3 receive ring of one packet socket: setup, the mapping, and who owns which block.
//
// The kernel fills blocks in order; a block whose status has TP_STATUS_USER belongs to user space until it is
// handed back by writing TP_STATUS_KERNEL. Status is read with acquire and written with release ordering so
// the packet bytes are visible before the status says so, and are no longer touched once it is handed back.
// A BlockLease is that ownership as a value: destroying it returns the block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "ringdump/config.hpp"
#include "ringdump/result.hpp"
#include "sys/mapped_region.hpp"

namespace ringdump {

class BlockLease;

class RxRing {
 public:
  // Sets PACKET_VERSION (TPACKET_V3), PACKET_RESERVE and PACKET_RX_RING on `fd`, then maps the ring.
  static Result<RxRing> Create(int fd, const RingConfig& config, uint32_t reserve);
  // A ring over memory that is not a socket's (tests and benchmarks build blocks there).
  RxRing(uint8_t* memory, uint32_t block_size, uint32_t block_count)
      : base_(memory), block_size_(block_size), block_count_(block_count) {}
  RxRing(RxRing&&) = default;
  RxRing& operator=(RxRing&&) = default;

  uint32_t block_size() const { return block_size_; }
  uint32_t block_count() const { return block_count_; }
  uint8_t* block(uint32_t index) const { return base_ + size_t{index} * block_size_; }

  // The next block in ring order if user space owns it now; an empty lease otherwise.
  BlockLease TryAcquireNext();

 private:
  friend class BlockLease;
  RxRing(sys::MappedRegion map, uint32_t block_size, uint32_t block_count)
      : map_(std::move(map)), base_(map_.data()), block_size_(block_size), block_count_(block_count) {}
  void Release(uint32_t index);

  sys::MappedRegion map_;
  uint8_t* base_ = nullptr;
  uint32_t block_size_ = 0;
  uint32_t block_count_ = 0;
  uint32_t next_ = 0;  // the block the kernel fills next, in ring order
};

// Ownership of one ring block by user space; gives the block back to the kernel when destroyed.
class BlockLease {
 public:
  BlockLease() = default;
  BlockLease(RxRing* ring, uint32_t index) : ring_(ring), index_(index) {}
  BlockLease(BlockLease&& other) noexcept
      : ring_(std::exchange(other.ring_, nullptr)), index_(other.index_) {}
  BlockLease& operator=(BlockLease&& other) noexcept {
    if (this != &other) {
      reset();
      ring_ = std::exchange(other.ring_, nullptr);
      index_ = other.index_;
    }
    return *this;
  }
  BlockLease(const BlockLease&) = delete;
  BlockLease& operator=(const BlockLease&) = delete;
  ~BlockLease() { reset(); }

  explicit operator bool() const { return ring_ != nullptr; }
  uint8_t* data() const { return ring_->block(index_); }
  uint32_t size() const { return ring_->block_size(); }
  uint32_t index() const { return index_; }
  // Returns the block to the kernel now.
  void reset() {
    if (ring_ != nullptr) std::exchange(ring_, nullptr)->Release(index_);
  }

 private:
  RxRing* ring_ = nullptr;
  uint32_t index_ = 0;
};

}  // namespace ringdump
