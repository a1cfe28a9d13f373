// The /metrics families a fleet of captures needs beyond the queue counters (docs/statistics.md, "Metrics
// for a fleet"): the interface of each queue, the chunk write latency histogram, the newest packet written,
// and for a file set (-C/-G) its rotations, retention deletions and what the store holds on disk (bytes,
// files, the oldest packet kept). Nothing here runs per packet: the latency is observed per chunk by
// FileSink, the newest timestamp per batch by a thin sink in front of the capture's, and the store is
// scanned by a thread of its own when the set changes (at most once a second), never by a scrape.
//
// Lifetime: make it after the output sinks (it reads the RotatingSink) and before the StatsReporter whose
// /metrics renders it; both orders are then right on every return path.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "capture_file_info.hpp"
#include "ringdump/config.hpp"
#include "ringdump/sink.hpp"
#include "ringdump/write_latency.hpp"
#include "rotating_sink.hpp"
#include "stats_rows.hpp"

namespace ringdump::cli {

// What the store (the file set on disk) holds, as last scanned.
struct StoreSnapshot {
  uint64_t files = 0;
  uint64_t bytes = 0;
  // The first packet of the oldest file; its modification time where its first record cannot be read.
  std::optional<FileTime> oldest_packet;
  bool oldest_from_mtime = false;
};

struct FleetSnapshot {
  std::vector<std::string> queue_interfaces;  // per queue (the capture's order): the interface label
  std::vector<WriteLatencyHistogram::Counts> write_latency;  // per queue; empty: no chunked file output
  bool file_set = false;                                     // -C/-G: the set's families are shown
  uint64_t files_rotated = 0;             // files of the set completed (closed and renamed)
  uint64_t files_deleted = 0;             // files of the set deleted by retention
  std::optional<StoreSnapshot> store;     // not scanned yet: the store gauges are left out
  std::optional<FileTime> newest_packet;  // the newest packet timestamp written; none yet: left out
};

// The fleet families in Prometheus text format, after FormatPrometheusMetrics' (pure; unit-tested).
std::string FormatFleetMetrics(const FleetSnapshot& snapshot);

// Scans a file set's directory with the set's own matcher (RetentionSweeper: only its files count).
StoreSnapshot ScanStore(const RetentionSweeper& sweeper);

// In front of the capture's sink: after each batch the sink accepted packets of, remembers the batch's last
// timestamp (one relaxed store per batch, per queue: no shared cache line between queues).
class NewestPacketSink final : public PacketSink {
 public:
  NewestPacketSink(PacketSink& inner, uint32_t queues);
  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override;
  void Idle(uint32_t queue, QueueStats& stats) override { inner_.Idle(queue, stats); }
  void QueueActive(uint32_t queue, bool active) override { inner_.QueueActive(queue, active); }
  Status Finish() override { return inner_.Finish(); }
  bool WantsStop() const override { return inner_.WantsStop(); }
  // The newest timestamp over every queue (none before the first accepted batch).
  std::optional<FileTime> newest() const;

 private:
  struct alignas(64) Slot {
    std::atomic<int64_t> ns{0};
  };
  PacketSink& inner_;
  std::vector<std::unique_ptr<Slot>> slots_;
};

class FleetMetrics {
 public:
  // `interfaces`: each capture's interface name and queue count, in capture order (queues are numbered
  // across them, as in the stats rows). `write_latency`: the histogram the files write into (may be null).
  FleetMetrics(const std::vector<std::pair<std::string, uint32_t>>& interfaces,
               std::shared_ptr<WriteLatencyHistogram> write_latency);
  ~FleetMetrics();  // stops the store scanner
  FleetMetrics(const FleetMetrics&) = delete;
  FleetMetrics& operator=(const FleetMetrics&) = delete;

  // The capture's sink seen through the newest-timestamp watcher; valid as long as this object.
  PacketSink& Watch(PacketSink& inner);
  // Reports `set` (must outlive this object) and scans its files (-w pattern and rotation flags) from now.
  void WatchFileSet(const RotatingSink* set, const std::string& pattern, const RotationConfig& rotation);

  FleetSnapshot Take() const;
  // What /metrics answers: the queue counters with interface labels, then the fleet families.
  std::string Render(const StatsSnapshot& snapshot) const;

 private:
  void ScanLoop(std::unique_ptr<RetentionSweeper> sweeper);

  std::vector<std::string> queue_interfaces_;
  std::shared_ptr<WriteLatencyHistogram> write_latency_;
  std::unique_ptr<NewestPacketSink> watcher_;
  const RotatingSink* set_ = nullptr;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;               // guarded by mu_
  std::optional<StoreSnapshot> store_;  // guarded by mu_
  std::thread scanner_;
};

}  // namespace ringdump::cli
