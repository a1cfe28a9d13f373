// FileSink's interface statistics blocks: when a pcapng file is finished (at the end of the capture, and at
// each rotation of a file set) its last blocks are one ISB per interface, from the counters the creator's
// InterfaceStatsSource reads then (the capture's kernel counters and the writer's drops), so Wireshark's
// capture file properties and capinfos show what was lost. Workers have stopped writing to this file when
// Finish() runs, so the blocks go through the same chunk/stream paths as records, from queue 0.
#include <algorithm>
#include <chrono>
#include <cstring>

#include "file_sink.hpp"
#include "file_sink_queue.hpp"

namespace ringdump {

void FileSink::AppendStatistics() {
  if (failed_.load(std::memory_order_relaxed)) return;  // the file ends at its last whole record instead
  std::vector<PcapngInterfaceStats> stats = stats_source_();
  if (stats.empty()) return;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now).count();
  std::vector<uint8_t> bytes;
  for (PcapngInterfaceStats& s : stats) {
    if (s.sec == 0 && s.nsec == 0) {  // the source left the time to us
      s.sec = now_ns / 1'000'000'000;
      s.nsec = static_cast<uint32_t>(now_ns % 1'000'000'000);
    }
    const size_t at = bytes.size();
    bytes.resize(at + PcapngInterfaceStatisticsSize(s));
    EncodePcapngInterfaceStatistics(bytes.data() + at, s, config_.precision);
  }
  if (ordered_) {
    iovec iov{bytes.data(), bytes.size()};
    (void)WriteStream({&iov, 1});
    return;
  }
  AppendChunked(bytes);
}

// One block run appended at the end of the stream: reserved like a batch, copied chunk after chunk; it does
// not count as a record (lost_after_accept counts packets), but marks where it starts for a cut after a
// failed write, like a record split across chunks.
void FileSink::AppendChunked(std::span<const uint8_t> bytes) {
  const uint32_t size = pool_->chunk_size();
  const uint64_t start = next_pos_.fetch_add(bytes.size(), std::memory_order_relaxed);
  uint64_t pos = start;
  QueueStats ignored;
  bool first = true;
  while (!bytes.empty()) {
    const uint64_t chunk = pos / size;
    const uint32_t offset = static_cast<uint32_t>(pos % size);
    if (!AcquireChunk(0, chunk, ignored)) return;
    ChunkSlot& slot = pool_->SlotOf(chunk);
    if (!first) slot.head_record.store(start, std::memory_order_relaxed);  // cut before the whole run
    const uint32_t part = static_cast<uint32_t>(std::min<size_t>(bytes.size(), size - offset));
    std::memcpy(slot.data + offset, bytes.data(), part);
    PublishSegment(0, chunk, part, 0);
    bytes = bytes.subspan(part);
    pos += part;
    first = false;
  }
}

}  // namespace ringdump
