// The index beside a capture file (DIR/.NAME.ridx for DIR/NAME): the file's earliest and latest timestamps,
// its packet count, its interfaces' link types and clocks, and a sparse seek table, so `ringdump query` can
// leave a file unopened when it is wholly outside the window and start reading it near the window when not.
// Format and why: docs/architecture.md ("The capture index").
//
// The seek table does not assume the file is in time order (with several capture queues it is not): it
// cuts the file into intervals of about kIndexIntervalBytes at record boundaries and stores, per interval,
// its first record's offset and the earliest and latest timestamp in it. A reader starts at the first
// interval whose latest timestamp is at or after the window's start, skips intervals wholly outside the
// window, and knows, after reading interval i, that nothing later in the file is earlier than the smallest
// earliest-timestamp of the intervals after i (how capture_query.cpp bounds its reorder buffer).
//
// The seam with the writer: an IndexBuilder fed every record in file order (cheap: no allocation but the
// vector's growth, one entry per interval), then WriteIndexFile when the file is closed (or now and then for
// the file being written: a partial index, valid for a prefix of a file that may have grown since).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

inline constexpr uint32_t kIndexIntervalBytes = 4u << 20;

// One interval of the file: the records starting in [offset, next entry's offset).
struct SeekEntry {
  uint64_t offset = 0;  // of the interval's first record
  int64_t min_ts_ns = 0;
  int64_t max_ts_ns = 0;
  uint32_t packets = 0;
};

// An interface as the file header describes it (pcap: one; pcapng: those before the first packet).
struct IndexedInterface {
  uint32_t link_type = 0;  // LINKTYPE_
  uint32_t snaplen = 0;
  uint64_t ticks_per_second = 1000000;
};

struct CaptureIndex {
  // Which file this describes (filled by WriteIndexFile / BuildIndexByScan from the file itself).
  uint64_t device = 0;
  uint64_t inode = 0;
  uint64_t file_bytes = 0;  // the file's size when indexed
  int64_t mtime_ns = 0;
  uint32_t head_crc = 0;  // CRC-32 of the first head_bytes (uncompressed) bytes of the file
  uint32_t head_bytes = 0;
  bool partial = false;     // written for a file still being written: it covers [0, indexed_bytes) only
  bool compressed = false;  // the file is gzip'd; offsets are in the decompressed stream
  std::vector<IndexedInterface> interfaces;

  // What the file holds.
  uint64_t data_start = 0;     // offset of the first record
  uint64_t indexed_bytes = 0;  // end of the last whole record indexed
  uint64_t packets = 0;
  int64_t min_ts_ns = 0;  // earliest timestamp (the "first" packet in time); 0 when packets == 0
  int64_t max_ts_ns = 0;  // latest
  bool in_order = true;   // every record's timestamp is at or after the one before it in the file
  bool seekable = true;   // false: pcapng interface blocks after data_start (read from data_start)
  uint32_t interval_bytes = kIndexIntervalBytes;
  std::vector<SeekEntry> entries;

  // End (exclusive) of the bytes of entry i.
  uint64_t EntryEnd(size_t i) const { return i + 1 < entries.size() ? entries[i + 1].offset : indexed_bytes; }
};

// The timestamps of a batch of records, gathered while the writer walks the batch anyway.
struct BatchTimes {
  int64_t min = INT64_MAX, max = INT64_MIN, first = 0, last = INT64_MIN;
  bool sorted = true;  // in order among themselves
  uint32_t count = 0;
  void Add(int64_t ts) {
    if (count++ == 0) first = ts;
    if (ts < min) min = ts;
    if (ts > max) max = ts;
    sorted = sorted && ts >= last;
    last = ts;
  }
};

class IndexBuilder {
 public:
  explicit IndexBuilder(uint32_t interval_bytes = kIndexIntervalBytes);
  // Continues an index (a partial one, to extend it over what was written since).
  explicit IndexBuilder(CaptureIndex resume);

  // One record, in file order: its timestamp, the offset where it starts and its size in the file.
  void Add(int64_t ts_ns, uint64_t offset, uint32_t record_bytes) {
    if (index_.entries.empty() || offset - index_.entries.back().offset >= index_.interval_bytes) {
      index_.entries.push_back({offset, ts_ns, ts_ns, 0});
      if (index_.packets == 0) index_.data_start = offset;
    }
    SeekEntry& e = index_.entries.back();
    if (ts_ns < e.min_ts_ns) e.min_ts_ns = ts_ns;
    if (ts_ns > e.max_ts_ns) e.max_ts_ns = ts_ns;
    ++e.packets;
    if (index_.packets != 0 && ts_ns < last_ts_) index_.in_order = false;
    last_ts_ = ts_ns;
    ++index_.packets;
    index_.indexed_bytes = offset + record_bytes;
  }
  // The writer's per-batch form of Add: `times.count` records laid end to end from `offset` (a record
  // boundary), `bytes` in all, in file order.
  void AddBatch(const BatchTimes& times, uint64_t offset, uint64_t bytes) {
    if (index_.entries.empty() || offset - index_.entries.back().offset >= index_.interval_bytes) {
      index_.entries.push_back({offset, times.min, times.max, 0});
      if (index_.packets == 0) index_.data_start = offset;
    }
    SeekEntry& e = index_.entries.back();
    if (times.min < e.min_ts_ns) e.min_ts_ns = times.min;
    if (times.max > e.max_ts_ns) e.max_ts_ns = times.max;
    e.packets += times.count;
    if (!times.sorted || (index_.packets != 0 && times.first < last_ts_)) index_.in_order = false;
    last_ts_ = times.last;
    index_.packets += times.count;
    index_.indexed_bytes = offset + bytes;
  }
  // For scans of pcapng files with interface blocks after the first packet.
  void SetSeekable(bool seekable) { index_.seekable = seekable; }
  CaptureIndex Finish();

 private:
  CaptureIndex index_;
  int64_t last_ts_ = 0;
};

// DIR/.NAME.ridx for DIR/NAME; for the file being written, DIR/.NAME.part, the index of its final name
// (DIR/.NAME.ridx), so nothing needs renaming when the capture file is.
std::string IndexPathFor(const std::string& capture_path);

// The index's bytes (little-endian; see docs/architecture.md) and back. Decode checks magic, version, length
// and CRC-32; it does not look at any capture file.
std::vector<uint8_t> EncodeIndex(const CaptureIndex& index);
Result<CaptureIndex> DecodeIndex(std::span<const uint8_t> bytes);

// Fills the identity fields (device, inode, size, mtime, head CRC, compressed, interfaces) from the file.
Status FillIndexIdentity(const std::string& capture_path, CaptureIndex* index);

// Writes IndexPathFor(capture_path): the identity filled from the file, under a temporary name, fsync'd,
// renamed over the old index. `index.partial` should be set for the file still being written.
Status WriteIndexFile(const std::string& capture_path, const CaptureIndex& index);

// The valid index of `capture_path`, or an error saying why there is none usable (absent, corrupt, or the
// capture file changed since: other inode, size or mtime; a partial index only needs the file not to have
// shrunk and its first bytes unchanged). For NAME.gz without .NAME.gz.ridx, .NAME.ridx is accepted when it
// describes the content (gzip's recorded size and the first bytes match): `-z gzip` leaves it so.
Result<CaptureIndex> ReadIndexFile(const std::string& capture_path);

// Reads the whole file (pcap, pcapng, gzip'd or not) and indexes it, up to its last whole record.
Result<CaptureIndex> BuildIndexByScan(const std::string& capture_path);
// Extends a partial index over the records written after its indexed_bytes.
Result<CaptureIndex> ExtendIndexByScan(const std::string& capture_path, CaptureIndex partial);

}  // namespace ringdump
