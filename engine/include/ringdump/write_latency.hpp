// The latency of chunk writes, per queue, as a histogram with fixed (Prometheus-style) buckets: from the
// moment a full chunk is first submitted (io_uring, or pwrite(2) without it) to the moment its last byte is
// known to be on the file, retries after short writes included. One observation per chunk (a megabyte or
// more of records), never per packet: a steady clock read at submit and at completion, and three relaxed
// atomic additions. Readable at any time from any thread (Snapshot()); a file set's files share one.
//
// Usage: make one for the capture's number of queues, hand it to every FileSink (ObserveWriteLatency), read
// it when /metrics is scraped.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace ringdump {

class WriteLatencyHistogram {
 public:
  // Upper bounds of the buckets, in seconds (the last bucket, +Inf, is implicit): 100 µs to 10 s covers a
  // page-cache write (tens of µs) up to a device that stalls.
  static constexpr std::array<double, 16> kBounds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  static constexpr size_t kBuckets = kBounds.size() + 1;  // + Inf

  explicit WriteLatencyHistogram(uint32_t queues) : queues_(queues > 0 ? queues : 1) {
    for (auto& q : queues_) q = std::make_unique<PerQueue>();
  }
  WriteLatencyHistogram(const WriteLatencyHistogram&) = delete;
  WriteLatencyHistogram& operator=(const WriteLatencyHistogram&) = delete;

  uint32_t queues() const { return static_cast<uint32_t>(queues_.size()); }

  // One chunk written by `queue` in `ns` nanoseconds. A queue beyond the histogram's counts as the last.
  void Observe(uint32_t queue, int64_t ns) {
    if (ns < 0) ns = 0;
    PerQueue& q = *queues_[queue < queues_.size() ? queue : queues_.size() - 1];
    size_t b = 0;
    while (b < kBounds.size() && static_cast<double>(ns) > kBounds[b] * 1e9) ++b;
    q.buckets[b].fetch_add(1, std::memory_order_relaxed);
    q.sum_ns.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
  }

  // One queue's counts: buckets[i] are the observations in bucket i alone (not cumulative).
  struct Counts {
    std::array<uint64_t, kBuckets> buckets{};
    uint64_t sum_ns = 0;
    uint64_t count() const {
      uint64_t n = 0;
      for (uint64_t b : buckets) n += b;
      return n;
    }
  };
  std::vector<Counts> Snapshot() const {
    std::vector<Counts> out(queues_.size());
    for (size_t q = 0; q < queues_.size(); ++q) {
      for (size_t b = 0; b < kBuckets; ++b)
        out[q].buckets[b] = queues_[q]->buckets[b].load(std::memory_order_relaxed);
      out[q].sum_ns = queues_[q]->sum_ns.load(std::memory_order_relaxed);
    }
    return out;
  }

 private:
  struct alignas(64) PerQueue {  // one cache line set per queue: queues never write each other's
    std::array<std::atomic<uint64_t>, kBuckets> buckets{};
    std::atomic<uint64_t> sum_ns{0};
  };
  std::vector<std::unique_ptr<PerQueue>> queues_;
};

}  // namespace ringdump
