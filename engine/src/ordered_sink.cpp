// OrderedSink: staging rings (one producer each), the watermark and the k-way merge (ordered_sink.hpp).
#include "ordered_sink.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <ctime>

#include "block_walk.hpp"
#include "pcap_format.hpp"
#include "pcapng_format.hpp"

namespace ringdump {
namespace {

constexpr int64_t kNever = INT64_MIN;
constexpr size_t kOutBatch = 4096;                // records per downstream Consume() of a merge
constexpr int64_t kIdleMergeAfterNs = 5'000'000;  // an idle worker merges if nobody did for this long

int64_t ClockNs(clockid_t clock) {
  timespec ts;
  clock_gettime(clock, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}


}  // namespace

OrderedSinkOptions OrderedSinkOptionsFor(const RingConfig& ring, uint32_t queues, uint32_t snaplen,
                                         FileFormat format) {
  OrderedSinkOptions o;
  o.queues = queues;
  o.staging_bytes = size_t{4} * ring.block_size;
  o.staging_records = 2 * MaxPacketsPerBlock(ring.block_size);
  o.max_caplen = snaplen == 0 ? kPcapDefaultSnaplen : snaplen;
  const int64_t retire_ns = int64_t{ring.retire_timeout_ms} * 1'000'000;
  // The kernel retires a block at the second timer tick after it was opened at the latest; 20 ms for the
  // timer's jiffy and scheduling (the capture's drain on stop uses the same bound).
  o.lateness_ns = 2 * retire_ns + 20'000'000;
  const int64_t poll_ns = std::min<int64_t>(retire_ns, 100'000'000);  // the worker's poll timeout
  o.max_hold_ns = o.lateness_ns + poll_ns + 100'000'000;
  o.format = format;
  return o;
}

// One queue's staging: records' bytes in a byte ring, their views and metadata in a record ring. The worker
// of the queue writes (write_pos, staged: its own) and publishes with `tail`; the merger reads up to `tail`
// and gives room back with `head` and `byte_head` once the downstream sink has copied the records.
struct OrderedSink::Lane {
  struct Meta {
    int64_t ts;         // the record's timestamp, ns
    int64_t staged_at;  // steady clock when it was staged
    uint64_t byte_end;  // byte position the lane may reuse up to once this record is consumed
  };

  Lane(uint32_t index, size_t byte_capacity, size_t record_capacity)
      : queue(index),
        byte_cap(byte_capacity),
        mask(record_capacity - 1),
        bytes(std::make_unique<uint8_t[]>(byte_capacity)),  // zeroed: touched now, not in the hot path
        views(std::make_unique<PacketView[]>(record_capacity)),
        meta(std::make_unique<Meta[]>(record_capacity)) {}

  const uint32_t queue;
  const uint64_t byte_cap;
  const uint64_t mask;  // record capacity - 1 (a power of two)
  const std::unique_ptr<uint8_t[]> bytes;
  const std::unique_ptr<PacketView[]> views;
  const std::unique_ptr<Meta[]> meta;

  // The producer's own.
  uint64_t write_pos = 0;           // byte position of the next record (grows forever; modulo byte_cap)
  uint64_t staged = 0;              // records written
  uint64_t batch_start = 0;         // first record not published yet
  uint64_t batch_byte_start = 0;    // and its byte position
  int64_t complete_local = kNever;  // what complete_ns holds
  int64_t last_call_end = kNever;   // wall clock when the worker last returned from Consume()/Idle()

  alignas(64) std::atomic<uint64_t> tail{0};  // records published
  std::atomic<int64_t> complete_ns{kNever};   // no later record of this queue is older (stored after tail)
  std::atomic<bool> active{true};             // a queue in standby (no worker) is not waited for
  alignas(64) std::atomic<uint64_t> head{0};  // records the merger has handed on
  std::atomic<uint64_t> byte_head{0};         // bytes the merger has given back
};

OrderedSink::OrderedSink(PacketSink& downstream, const OrderedSinkOptions& options)
    : downstream_(downstream), options_(options) {
  const size_t byte_cap = std::max(options.staging_bytes, size_t{2} * options.max_caplen);
  const size_t records = std::bit_ceil(std::max<size_t>(options.staging_records, 2));
  for (uint32_t q = 0; q < options.queues; ++q)
    lanes_.push_back(std::make_unique<Lane>(q, byte_cap, records));
  out_.reserve(kOutBatch);
  pending_head_.assign(options.queues, 0);
  bypass_.assign(options.queues, 0);
}

OrderedSink::~OrderedSink() = default;

int64_t OrderedSink::Wall() const {
  return options_.wall_clock != nullptr ? options_.wall_clock() : ClockNs(CLOCK_REALTIME);
}
int64_t OrderedSink::Steady() const {
  return options_.steady_clock != nullptr ? options_.steady_clock() : ClockNs(CLOCK_MONOTONIC);
}

void OrderedSink::Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  Lane& lane = *lanes_[queue];
  if (batch.empty()) return;
  if (downstream_.WantsStop()) {  // the file has failed or the set has ended: nothing more is written
    stats.sink_dropped += batch.size();
    lane.last_call_end = Wall();
    return;
  }
  size_t direct = 0;
  bool sorted = true;
  for (size_t i = 1; i < batch.size() && sorted; ++i) sorted = batch[i - 1].timestamp_ns() <= batch[i].timestamp_ns();
  if (sorted && merge_mu_.try_lock()) {
    // The batch's records that are due go to the file straight from the ring block, merged with what the
    // other queues staged; only the rest is copied into staging.
    std::lock_guard lock(merge_mu_, std::adopt_lock);
    direct = Merge(queue, stats, nullptr, 0, false, batch);
    Stage(lane, batch.subspan(direct), stats, true);
  } else {
    Stage(lane, batch, stats, false);
    TryMerge(queue, stats);
  }
  uint64_t record_bytes = 0;
  for (size_t i = 0; i < direct; ++i) record_bytes += RecordBytes(batch[i]);
  stats.packets_written += direct;
  stats.bytes_written += record_bytes;
  lane.last_call_end = Wall();
}

uint64_t OrderedSink::RecordBytes(const PacketView& packet) const {
  return options_.format == FileFormat::kPcapng ? PcapngEnhancedPacketSize(packet) : PcapRecordSize(packet);
}

// Copies `packets` into the lane and publishes them; counts them as written. `locked`: the caller holds
// merge_mu_.
void OrderedSink::Stage(Lane& lane, PacketBatch packets, QueueStats& stats, bool locked) {
  if (packets.empty()) return;
  const int64_t now = Steady();
  uint64_t record_bytes = 0;
  uint64_t staged = 0;
  for (const PacketView& packet : packets) {
    if (!HasRoom(lane, lane.write_pos, packet.caplen)) {
      Publish(lane);
      MakeRoom(lane, packet.caplen, stats, locked);
      if (!HasRoom(lane, lane.write_pos, packet.caplen)) {  // longer than max_caplen: never from the engine
        ++stats.sink_dropped;
        continue;
      }
    }
    uint64_t pos = lane.write_pos;
    uint64_t offset = pos % lane.byte_cap;
    if (offset + packet.caplen > lane.byte_cap) {  // records are contiguous: skip the ring's tail
      pos += lane.byte_cap - offset;
      offset = 0;
    }
    std::memcpy(lane.bytes.get() + offset, packet.data, packet.caplen);
    const uint64_t slot = lane.staged & lane.mask;
    lane.views[slot] = packet;
    lane.views[slot].data = lane.bytes.get() + offset;
    lane.meta[slot] = {packet.timestamp_ns(), now, 0};
    lane.write_pos = pos + packet.caplen;
    ++lane.staged;
    ++staged;
    record_bytes += RecordBytes(packet);
  }
  Publish(lane);
  stats.packets_written += staged;
  stats.bytes_written += record_bytes;
}

// Room for one more record of `bytes` at write position `pos` (after skipping the ring's tail if needed).
bool OrderedSink::HasRoom(const Lane& lane, uint64_t pos, uint32_t bytes) const {
  return RoomWith(lane, pos, bytes, lane.head.load(std::memory_order_acquire),
                  lane.byte_head.load(std::memory_order_acquire));
}

// The same, had the merger consumed the lane up to record `head` (freeing its bytes up to `byte_head`).
bool OrderedSink::RoomWith(const Lane& lane, uint64_t pos, uint32_t bytes, uint64_t head,
                           uint64_t byte_head) {
  if (lane.staged - head > lane.mask) return false;
  const uint64_t offset = pos % lane.byte_cap;
  if (offset + bytes > lane.byte_cap) pos += lane.byte_cap - offset;
  return pos + bytes - byte_head <= lane.byte_cap;
}

// Makes the records staged since the last publication visible to the merger, sorted by timestamp (a batch
// is a ring block, in time order but for packets stamped on different CPUs a moment apart).
void OrderedSink::Publish(Lane& lane) {
  if (lane.staged == lane.batch_start) return;
  for (uint64_t i = lane.batch_start + 1; i < lane.staged; ++i)
    for (uint64_t j = i;
         j > lane.batch_start && lane.meta[(j - 1) & lane.mask].ts > lane.meta[j & lane.mask].ts; --j) {
      std::swap(lane.meta[(j - 1) & lane.mask], lane.meta[j & lane.mask]);
      std::swap(lane.views[(j - 1) & lane.mask], lane.views[j & lane.mask]);
    }
  // The batch's bytes are given back when its last record is consumed: sorting may have moved any record
  // to the end, so only the last one frees the batch.
  for (uint64_t i = lane.batch_start; i + 1 < lane.staged; ++i)
    lane.meta[i & lane.mask].byte_end = lane.batch_byte_start;
  const Lane::Meta& last = lane.meta[(lane.staged - 1) & lane.mask];
  lane.meta[(lane.staged - 1) & lane.mask].byte_end = lane.write_pos;
  lane.tail.store(lane.staged, std::memory_order_release);
  if (last.ts > lane.complete_local) {
    lane.complete_local = last.ts;
    lane.complete_ns.store(last.ts, std::memory_order_release);
  }
  lane.batch_start = lane.staged;
  lane.batch_byte_start = lane.write_pos;
}

void OrderedSink::MakeRoom(Lane& lane, uint32_t bytes, QueueStats& stats, bool locked) {
  if (locked) {
    Merge(lane.queue, stats, &lane, bytes, false);
    return;
  }
  if (!merge_mu_.try_lock()) {
    ++stats.writer_stalls;  // another worker is merging and the writer holds it up: back-pressure
    merge_mu_.lock();
  }
  std::lock_guard lock(merge_mu_, std::adopt_lock);
  Merge(lane.queue, stats, &lane, bytes, false);
}

void OrderedSink::TryMerge(uint32_t queue, QueueStats& stats) {
  if (!merge_mu_.try_lock()) return;  // the worker merging now takes this queue's records too
  std::lock_guard lock(merge_mu_, std::adopt_lock);
  Merge(queue, stats, nullptr, 0, false);
}

void OrderedSink::QueueActive(uint32_t queue, bool active) {
  if (queue < lanes_.size()) lanes_[queue]->active.store(active, std::memory_order_release);
}

void OrderedSink::Idle(uint32_t queue, QueueStats& stats) {
  Lane& lane = *lanes_[queue];
  // The worker found its ring empty after its previous call returned: every block the kernel retired before
  // then was consumed, so every packet stamped before (then - lateness) has been staged.
  if (lane.last_call_end != kNever) {
    const int64_t bound = lane.last_call_end - options_.lateness_ns;
    if (bound > lane.complete_local) {
      lane.complete_local = bound;
      lane.complete_ns.store(bound, std::memory_order_release);
    }
  }
  // A busy queue's worker merges on every batch; an idle worker merging too would only take the lock (and
  // the copy into the file) from it. Idle workers merge when nobody has for a while: when all are quiet.
  if (Steady() - last_merge_ns_.load(std::memory_order_relaxed) >= kIdleMergeAfterNs) TryMerge(queue, stats);
  downstream_.Idle(queue, stats);
  lane.last_call_end = Wall();
}

size_t OrderedSink::Merge(uint32_t queue, QueueStats& stats, Lane* force, uint32_t bytes, bool all,
                          PacketBatch incoming) {
  const size_t n = lanes_.size();
  uint64_t tails[64];
  std::vector<uint64_t> more_tails;  // beyond 64 queues (several interfaces); never in the common case
  if (n > 64) more_tails.resize(n);
  uint64_t* tail = n > 64 ? more_tails.data() : tails;
  int64_t watermark = INT64_MAX;
  for (size_t l = 0; l < n; ++l) {
    // complete_ns is stored after tail: a tail read after it covers every record that bound speaks for.
    int64_t complete = lanes_[l]->complete_ns.load(std::memory_order_acquire);
    if (!lanes_[l]->active.load(std::memory_order_acquire)) complete = INT64_MAX;
    if (l == queue && !incoming.empty()) complete = std::max(complete, incoming.back().timestamp_ns());
    watermark = std::min(watermark, complete);
    tail[l] = lanes_[l]->tail.load(std::memory_order_acquire);
    pending_head_[l] = lanes_[l]->head.load(std::memory_order_relaxed);
  }
  const int64_t now = Steady();
  last_merge_ns_.store(now, std::memory_order_relaxed);
  const int64_t hold_until = now - options_.max_hold_ns;
  size_t taken = 0;  // records of `incoming` handed on
  int64_t incoming_ts = incoming.empty() ? 0 : incoming[0].timestamp_ns();
  bool counted = false;
  // Once every queue is complete past what was written, no queue is being hurried any more.
  if (watermark >= last_emitted_ns_) std::fill(bypass_.begin(), bypass_.end(), 0);
  if (!incoming.empty() && bypass_[queue] != 0 && incoming.back().timestamp_ns() > watermark) {
    // This queue's staging filled up while it waited for another (force, below): staging more of it would
    // only copy records that cannot wait long enough either. Its batches go straight out, with every
    // staged record older than them, until the others catch up.
    watermark = incoming.back().timestamp_ns();
    forced_.fetch_add(1, std::memory_order_relaxed);
    counted = true;
  }
  while (true) {
    size_t best = n;
    int64_t best_ts = 0;
    for (size_t l = 0; l < n; ++l) {
      int64_t ts;
      if (pending_head_[l] != tail[l])
        ts = lanes_[l]->meta[pending_head_[l] & lanes_[l]->mask].ts;
      else if (l == queue && taken < incoming.size())  // the caller's batch follows its staged records
        ts = incoming_ts;
      else
        continue;
      if (best == n || ts < best_ts) {
        best = l;
        best_ts = ts;
      }
    }
    if (best == n) break;
    Lane& from = *lanes_[best];
    const bool fresh = pending_head_[best] == tail[best];  // from `incoming`: staged just now, never late
    const int64_t staged_at = fresh ? INT64_MAX : from.meta[pending_head_[best] & from.mask].staged_at;
    if (!all && best_ts > watermark && staged_at > hold_until) {
      // Not due. Only a full lane pushes records out early, just enough to make its room.
      if (force == nullptr) break;
      const uint64_t h = pending_head_[force->queue];  // the room `force` has once out_ is handed on
      const uint64_t freed = h == force->head.load(std::memory_order_relaxed)
                                 ? force->byte_head.load(std::memory_order_relaxed)
                                 : force->meta[(h - 1) & force->mask].byte_end;
      if (RoomWith(*force, force->write_pos, bytes, h, freed)) break;
      if (!counted) forced_.fetch_add(1, std::memory_order_relaxed);
      counted = true;
      bypass_[force->queue] = 1;
    }
    if (best_ts < last_emitted_ns_)
      out_of_order_.fetch_add(1, std::memory_order_relaxed);
    else
      last_emitted_ns_ = best_ts;
    if (fresh) {
      out_.push_back(incoming[taken++]);
      if (taken < incoming.size()) incoming_ts = incoming[taken].timestamp_ns();
    } else {
      out_.push_back(from.views[pending_head_[best]++ & from.mask]);
    }
    if (out_.size() == kOutBatch) Emit(queue, stats);
  }
  Emit(queue, stats);
  return taken;
}

// Hands out_ to the downstream sink as `queue` (the merging worker's own: FileSink's per-queue state is used
// by the thread that owns the queue), then gives the lanes their room back.
void OrderedSink::Emit(uint32_t queue, QueueStats& stats) {
  if (out_.empty()) return;
  QueueStats downstream;
  downstream_.Consume(queue, PacketBatch(out_), downstream);
  lost_.fetch_add(downstream.sink_dropped, std::memory_order_relaxed);
  stats.writer_stalls += downstream.writer_stalls;
  for (size_t l = 0; l < lanes_.size(); ++l) {
    Lane& lane = *lanes_[l];
    const uint64_t h = pending_head_[l];
    if (h == lane.head.load(std::memory_order_relaxed)) continue;
    lane.byte_head.store(lane.meta[(h - 1) & lane.mask].byte_end, std::memory_order_release);
    lane.head.store(h, std::memory_order_release);
  }
  out_.clear();
}

Status OrderedSink::Finish() {
  {
    std::lock_guard lock(merge_mu_);
    if (finished_) return finish_status_;
    finished_ = true;
    QueueStats unused;  // no worker runs any more: the stalls of this last merge belong to none
    Merge(0, unused, nullptr, 0, true);
  }
  finish_status_ = downstream_.Finish();
  return finish_status_;
}

}  // namespace ringdump
