// OrderedSink: puts the packets of several queues (and interfaces) into one timestamp order before they reach
// the file. Each queue's packets come out of its ring in time order, but a ring block holds up to a retire
// timeout of traffic, so writing block after block as queues deliver them interleaves the queues by block.
//
// Each worker copies its batch into a staging ring of its own (one producer, no allocation, no lock) and
// gives the kernel block back at once. Whichever worker wins a try_lock merges: it hands the downstream sink,
// in timestamp order, every staged record up to the watermark, the least of the queues' "complete up to"
// times: a queue that staged a record stamped t will deliver nothing older (its ring is in time order); a
// queue whose worker found its ring empty at wall time w holds nothing older than w - lateness (the kernel
// hands a partly filled block over within two retire timeouts). A quiet queue therefore holds the others back
// by the lateness plus one poll interval at most. A record staged longer than max_hold goes out whatever the
// watermark says (a packet clock that is not the wall clock, e.g. unsynchronised hardware stamps).
//
// A full staging ring never blocks the kernel waiting for a late queue: its worker forces its oldest records
// out (with everything older from the other queues), and until the other queues catch up, its batches go
// out straight from the ring block instead of being copied (staging more could not cover the wait either).
// Every record that then reaches the file behind a newer one is counted, exactly (records_out_of_order()). It
// may wait for the merge lock, while the merging worker is held up by the writer: that is the writer's
// back-pressure and counts as a writer stall.
//
// Counters: packets_written and bytes_written are counted when a record is staged, in the worker's own stats
// (staged = accepted, in flight, as FileSink counts it); records the downstream sink then refuses are in
// lost_after_accept(), which the caller adds to the file's own losses. Writer stalls of a merge count for the
// worker that merged. One queue needs none of this: the caller does not put the stage in front of it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"
#include "ringdump/sink.hpp"
#include "ringdump/stats.hpp"

namespace ringdump {

struct OrderedSinkOptions {
  uint32_t queues = 2;                    // producers; Consume()/Idle() take queue < queues
  size_t staging_bytes = 16u << 20;       // packet bytes each queue can hold back (raised to 2 x max_caplen)
  size_t staging_records = 1u << 16;      // records each queue can hold back (rounded up to a power of two)
  uint32_t max_caplen = 262144;           // the longest packet a queue can deliver (the snaplen)
  int64_t lateness_ns = 220'000'000;      // how late after its timestamp a packet can reach user space
  int64_t max_hold_ns = 500'000'000;      // no record waits longer than this in staging (steady clock)
  FileFormat format = FileFormat::kPcap;  // for bytes_written: the size of each record in the file
  // Clocks (nanoseconds): the wall clock of the packet timestamps and a steady one. Tests replace them.
  int64_t (*wall_clock)() = nullptr;    // nullptr: CLOCK_REALTIME
  int64_t (*steady_clock)() = nullptr;  // nullptr: CLOCK_MONOTONIC
};

// The options for queues of this ring: staging for 4 blocks of bytes and 2 blocks of the smallest packets;
// lateness 2 retire timeouts + 20 ms (the stop protocol's drain uses the same bound, capture.cpp).
OrderedSinkOptions OrderedSinkOptionsFor(const RingConfig& ring, uint32_t queues, uint32_t snaplen,
                                         FileFormat format);

class OrderedSink final : public PacketSink {
 public:
  OrderedSink(PacketSink& downstream, const OrderedSinkOptions& options);
  ~OrderedSink() override;

  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override;
  void Idle(uint32_t queue, QueueStats& stats) override;
  // An inactive queue (no worker yet) holds nothing back; it counts again from when it is active.
  void QueueActive(uint32_t queue, bool active) override;
  // Every worker has stopped: writes out everything staged, in order, then finishes the downstream sink.
  Status Finish() override;
  bool WantsStop() const override { return downstream_.WantsStop(); }

  // Staged records (counted in packets_written) the downstream sink did not accept. Exact after Finish().
  uint64_t lost_after_accept() const { return lost_.load(std::memory_order_relaxed); }
  // Records written with a timestamp older than one written before them (a queue later than the bound, or
  // staging full). Exact after Finish().
  uint64_t records_out_of_order() const { return out_of_order_.load(std::memory_order_relaxed); }
  // Merges that wrote records before the watermark allowed, because a queue's staging was full.
  uint64_t forced_merges() const { return forced_.load(std::memory_order_relaxed); }

 private:
  struct Lane;

  void Stage(Lane& lane, PacketBatch packets, QueueStats& stats, bool locked);
  uint64_t RecordBytes(const PacketView& packet) const;
  void Publish(Lane& lane);
  bool HasRoom(const Lane& lane, uint64_t write_pos, uint32_t bytes) const;
  static bool RoomWith(const Lane& lane, uint64_t write_pos, uint32_t bytes, uint64_t head,
                       uint64_t byte_head);
  // Frees room in `lane` (the caller's own, full): takes the merge lock (unless `locked`), waiting if it
  // must.
  void MakeRoom(Lane& lane, uint32_t bytes, QueueStats& stats, bool locked);
  // Holding merge_mu_: emits what the watermark allows; with `force`, also the oldest records until `force`
  // has room for `bytes` (and one record); with `all`, everything staged. `incoming`: the calling worker's
  // batch (queue `queue`, sorted), not staged, merged in after that queue's staged records; returns how many
  // of its records were handed on (a prefix), the rest is the caller's to stage before it returns.
  size_t Merge(uint32_t queue, QueueStats& stats, Lane* force, uint32_t bytes, bool all,
               PacketBatch incoming = {});
  void Emit(uint32_t queue, QueueStats& stats);
  void TryMerge(uint32_t queue, QueueStats& stats);
  int64_t Wall() const;
  int64_t Steady() const;

  PacketSink& downstream_;
  const OrderedSinkOptions options_;
  std::vector<std::unique_ptr<Lane>> lanes_;

  std::mutex merge_mu_;                  // one merger at a time; guards what follows
  std::vector<PacketView> out_;          // the batch being assembled for the downstream sink
  std::vector<uint64_t> pending_head_;   // per lane: records taken into out_ (not yet released to the lane)
  std::vector<uint8_t> bypass_;          // per lane: its staging was full; its batches skip staging
  int64_t last_emitted_ns_ = INT64_MIN;  // timestamp of the newest record handed downstream
  bool finished_ = false;
  Status finish_status_;

  std::atomic<uint64_t> lost_{0};
  std::atomic<uint64_t> out_of_order_{0};
  std::atomic<uint64_t> forced_{0};
  std::atomic<int64_t> last_merge_ns_{0};  // steady clock at the start of the latest merge
};

}  // namespace ringdump
