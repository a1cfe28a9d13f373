// Several interfaces into one output: the CLI opens one Capture per interface (each with its own queues) and
// gives capture k an InterfaceSink in front of the shared sink. It renumbers queues (capture k's queue q is
// the shared sink's queue base_k + q, so the shared sink still sees each queue from one thread only), stamps
// each packet's interface_id = k (the pcapng interface description block of that interface), and applies a
// packet limit (-c) over all interfaces together. The shared sink is finished by the CLI once every capture
// has stopped, so Finish() here does nothing.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "ringdump/sink.hpp"

namespace ringdump::cli {

// Packets left to deliver over every interface (-c); 0 at construction means no limit.
class SharedPacketLimit {
 public:
  explicit SharedPacketLimit(uint64_t limit) : limited_(limit != 0), left_(limit) {}
  // How many of `wanted` packets may still be delivered (and takes them).
  uint64_t Take(uint64_t wanted) {
    if (!limited_) return wanted;
    uint64_t left = left_.load(std::memory_order_relaxed);
    uint64_t take = 0;
    do {
      take = std::min(left, wanted);
    } while (!left_.compare_exchange_weak(left, left - take, std::memory_order_relaxed));
    return take;
  }
  bool exhausted() const { return limited_ && left_.load(std::memory_order_relaxed) == 0; }

 private:
  const bool limited_;
  std::atomic<uint64_t> left_;
};

class InterfaceSink final : public PacketSink {
 public:
  InterfaceSink(PacketSink& shared, uint32_t base_queue, uint16_t interface_id, uint32_t queues,
                SharedPacketLimit& limit)
      : shared_(shared), base_(base_queue), id_(interface_id), scratch_(queues), limit_(limit) {}

  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override {
    const size_t take = static_cast<size_t>(limit_.Take(batch.size()));
    if (take == 0) return;
    std::vector<PacketView>& views = scratch_[queue];  // only this queue's worker touches it
    views.assign(batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(take));
    for (PacketView& view : views) view.interface_id = id_;
    shared_.Consume(base_ + queue, PacketBatch(views), stats);
  }
  void Idle(uint32_t queue, QueueStats& stats) override { shared_.Idle(base_ + queue, stats); }
  void QueueActive(uint32_t queue, bool active) override { shared_.QueueActive(base_ + queue, active); }
  Status Finish() override { return Ok(); }
  bool WantsStop() const override { return limit_.exhausted() || shared_.WantsStop(); }

 private:
  PacketSink& shared_;
  const uint32_t base_;
  const uint16_t id_;
  std::vector<std::vector<PacketView>> scratch_;
  SharedPacketLimit& limit_;
};

}  // namespace ringdump::cli
