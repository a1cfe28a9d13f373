// FleetMetrics (see fleet_metrics.hpp): the formatter, the newest-timestamp watcher and the store scanner.
#include "fleet_metrics.hpp"

#include <chrono>
#include <cinttypes>
#include <cstdio>

#include "first_packet_time.hpp"

namespace ringdump::cli {
namespace {

// Rescans of the store: when the set's counters change (a file completed or deleted), checked this often,
// and at least every kStoreRescan (another process may have removed or compressed files).
constexpr auto kStorePoll = std::chrono::seconds(1);
constexpr auto kStoreRescan = std::chrono::seconds(30);
// Files read per scan looking for the oldest packet (past empty ones); each read is one 64 KiB pread at most.
constexpr size_t kStoreFilesProbed = 64;

std::string Seconds(const FileTime& t) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%" PRId64 ".%09u", t.sec, t.nsec);
  return buf;
}

void Family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void Sample(std::string& out, const std::string& name, const std::string& labels, const std::string& value) {
  out += name;
  if (!labels.empty()) out += "{" + labels + "}";
  out += " " + value + "\n";
}

void LatencyHistogram(std::string& out, const FleetSnapshot& s) {
  const std::string name = "ringdump_write_latency_seconds";
  Family(out, name.c_str(), "histogram",
         "Chunk write latency: first submit to the last byte on the file, retries included.");
  for (size_t q = 0; q < s.write_latency.size(); ++q) {
    const auto& counts = s.write_latency[q];
    const std::string labels = PrometheusQueueLabels(q, s.queue_interfaces);
    uint64_t cumulative = 0;
    for (size_t b = 0; b < WriteLatencyHistogram::kBuckets; ++b) {
      cumulative += counts.buckets[b];
      char le[32];
      if (b < WriteLatencyHistogram::kBounds.size())
        std::snprintf(le, sizeof(le), "%g", WriteLatencyHistogram::kBounds[b]);
      else
        std::snprintf(le, sizeof(le), "+Inf");
      Sample(out, name + "_bucket", labels + ",le=\"" + le + "\"", std::to_string(cumulative));
    }
    char sum[48];
    std::snprintf(sum, sizeof(sum), "%.9f", static_cast<double>(counts.sum_ns) / 1e9);
    Sample(out, name + "_sum", labels, sum);
    Sample(out, name + "_count", labels, std::to_string(cumulative));
  }
}

}  // namespace

std::string FormatFleetMetrics(const FleetSnapshot& s) {
  std::string out;
  if (!s.write_latency.empty()) LatencyHistogram(out, s);
  if (s.newest_packet) {
    Family(out, "ringdump_newest_packet_timestamp_seconds", "gauge",
           "Timestamp of the newest packet handed to the output (seconds since the epoch).");
    Sample(out, "ringdump_newest_packet_timestamp_seconds", "", Seconds(*s.newest_packet));
  }
  if (!s.file_set) return out;
  Family(out, "ringdump_files_rotated_total", "counter", "Files of the set completed (closed and renamed).");
  Sample(out, "ringdump_files_rotated_total", "", std::to_string(s.files_rotated));
  Family(out, "ringdump_files_deleted_total", "counter", "Files of the set deleted by retention.");
  Sample(out, "ringdump_files_deleted_total", "", std::to_string(s.files_deleted));
  if (!s.store) return out;
  Family(out, "ringdump_store_bytes", "gauge", "Bytes of the set's completed files on disk.");
  Sample(out, "ringdump_store_bytes", "", std::to_string(s.store->bytes));
  Family(out, "ringdump_store_files", "gauge", "Completed files of the set on disk.");
  Sample(out, "ringdump_store_files", "", std::to_string(s.store->files));
  if (s.store->oldest_packet) {
    Family(
        out, "ringdump_store_oldest_packet_timestamp_seconds", "gauge",
        "First packet of the oldest file of the set (its mtime when unreadable), seconds since the epoch.");
    Sample(out, "ringdump_store_oldest_packet_timestamp_seconds", "", Seconds(*s.store->oldest_packet));
    Family(out, "ringdump_store_oldest_from_mtime", "gauge",
           "1 when the oldest timestamp is the oldest file's mtime (its first record was unreadable).");
    Sample(out, "ringdump_store_oldest_from_mtime", "", s.store->oldest_from_mtime ? "1" : "0");
  }
  return out;
}

StoreSnapshot ScanStore(const RetentionSweeper& sweeper) {
  StoreSnapshot store;
  const std::vector<RetentionSweeper::SetFile> files = sweeper.List();  // oldest first
  for (const auto& f : files) store.bytes += f.bytes;
  store.files = files.size();
  // Oldest first; files without any packet (a quiet -G interval) hold nothing old: the next one is asked.
  for (size_t i = 0; i < files.size() && i < kStoreFilesProbed; ++i) {
    const FirstPacket first = ReadFirstPacket(files[i].path);
    if (first.kind == FirstPacket::Kind::kNone) continue;
    if (first.kind == FirstPacket::Kind::kPacket) {
      store.oldest_packet = first.time;
    } else {
      store.oldest_packet = FileTime{files[i].mtime, 0};  // unreadable: its mtime, the documented fallback
      store.oldest_from_mtime = true;
    }
    break;
  }
  return store;
}

NewestPacketSink::NewestPacketSink(PacketSink& inner, uint32_t queues) : inner_(inner) {
  for (uint32_t q = 0; q < (queues > 0 ? queues : 1); ++q) slots_.push_back(std::make_unique<Slot>());
}

void NewestPacketSink::Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  const uint64_t before = stats.packets_written;
  inner_.Consume(queue, batch, stats);
  if (stats.packets_written == before || batch.empty()) return;
  const PacketView& last = batch[batch.size() - 1];
  Slot& slot = *slots_[queue < slots_.size() ? queue : slots_.size() - 1];
  const int64_t ns = last.timestamp_ns();
  if (ns > slot.ns.load(std::memory_order_relaxed)) slot.ns.store(ns, std::memory_order_relaxed);
}

std::optional<FileTime> NewestPacketSink::newest() const {
  int64_t newest = 0;
  for (const auto& slot : slots_) newest = std::max(newest, slot->ns.load(std::memory_order_relaxed));
  if (newest == 0) return std::nullopt;
  return FileTime{newest / 1000000000, static_cast<uint32_t>(newest % 1000000000)};
}

FleetMetrics::FleetMetrics(const std::vector<std::pair<std::string, uint32_t>>& interfaces,
                           std::shared_ptr<WriteLatencyHistogram> write_latency)
    : write_latency_(std::move(write_latency)) {
  for (const auto& [name, queues] : interfaces)
    for (uint32_t q = 0; q < queues; ++q) queue_interfaces_.push_back(name);
}

FleetMetrics::~FleetMetrics() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (scanner_.joinable()) scanner_.join();
}

PacketSink& FleetMetrics::Watch(PacketSink& inner) {
  watcher_ = std::make_unique<NewestPacketSink>(inner, static_cast<uint32_t>(queue_interfaces_.size()));
  return *watcher_;
}

void FleetMetrics::WatchFileSet(const RotatingSink* set, const std::string& pattern,
                                const RotationConfig& rotation) {
  set_ = set;
  if (set_ == nullptr || scanner_.joinable()) return;
  scanner_ =
      std::thread(&FleetMetrics::ScanLoop, this, std::make_unique<RetentionSweeper>(pattern, rotation));
}

void FleetMetrics::ScanLoop(std::unique_ptr<RetentionSweeper> sweeper) {
  uint64_t seen = ~uint64_t{0};
  auto last_scan = std::chrono::steady_clock::time_point();
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const uint64_t changes = set_->files_completed() + set_->files_deleted();
    const auto now = std::chrono::steady_clock::now();
    if (changes != seen || now - last_scan >= kStoreRescan) {
      lock.unlock();
      StoreSnapshot store = ScanStore(*sweeper);  // directory I/O: never under the lock a scrape takes
      lock.lock();
      store_ = store;
      seen = changes;
      last_scan = now;
    }
    wake_.wait_for(lock, kStorePoll, [&] { return stopping_; });
  }
}

FleetSnapshot FleetMetrics::Take() const {
  FleetSnapshot s;
  s.queue_interfaces = queue_interfaces_;
  if (write_latency_) s.write_latency = write_latency_->Snapshot();
  if (watcher_) s.newest_packet = watcher_->newest();
  if (set_) {
    s.file_set = true;
    s.files_rotated = set_->files_completed();
    s.files_deleted = set_->files_deleted();
    std::lock_guard lock(mu_);
    s.store = store_;
  }
  return s;
}

std::string FleetMetrics::Render(const StatsSnapshot& snapshot) const {
  return FormatPrometheusMetrics(snapshot, queue_interfaces_) + FormatFleetMetrics(Take());
}

}  // namespace ringdump::cli
