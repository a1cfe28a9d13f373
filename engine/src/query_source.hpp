// One capture file as a source of `ringdump query`'s merge: its matching packets in the window, in
// timestamp order, even when the file itself is not in order (several capture queues write one file).
//
// How the disorder is bounded: the source reads the file one index interval (about 4 MiB) at a time and
// keeps the matching packets in a small heap. After interval k it knows from the index that no packet still
// unread is earlier than S(k) = the smallest earliest-timestamp of the intervals after k, so it releases
// everything in the heap up to S(k). For a file in order that is every packet of the interval (the heap holds
// one interval at most); for a disordered file it holds the packets later than S(k), i.e. as many intervals
// as the disorder spans. Only matching packets are copied (into one arena per interval).
#pragma once

#include <pcap/pcap.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "capture_index.hpp"
#include "capture_reader.hpp"
#include "ringdump/result.hpp"

namespace ringdump {

// The filter expression compiled once per link type (libpcap's code depends on it), on demand.
class FilterSet {
 public:
  FilterSet(std::string expression, bool optimize)
      : expression_(std::move(expression)), optimize_(optimize) {}
  ~FilterSet();
  FilterSet(const FilterSet&) = delete;
  FilterSet& operator=(const FilterSet&) = delete;
  // nullptr (and ok) when there is no expression: everything matches. Errors are kBadFilter.
  Result<const bpf_program*> For(int dlt);
  bool empty() const { return expression_.empty(); }

 private:
  std::string expression_;
  bool optimize_;
  std::map<int, bpf_program> programs_;
};

struct QueryWindow {
  int64_t after_ns = INT64_MIN;   // inclusive
  int64_t before_ns = INT64_MAX;  // exclusive
  bool Contains(int64_t ts) const { return ts >= after_ns && ts < before_ns; }
  bool Overlaps(int64_t min_ts, int64_t max_ts) const { return max_ts >= after_ns && min_ts < before_ns; }
};

// A packet the source releases; `data` is valid until the next Pop().
struct SourcePacket {
  int64_t ts_ns = 0;
  uint64_t seq = 0;  // file order, for equal timestamps
  uint32_t batch = 0;
  uint32_t at = 0;  // offset in the batch's bytes
  uint32_t caplen = 0;
  uint32_t len = 0;
  uint32_t interface = 0;
  uint32_t epb_flags = 0;
};

class FileSource {
 public:
  FileSource(std::string path, CaptureIndex index, const QueryWindow& window);

  // No packet of this file in the window is earlier (the index says so, before the file is opened).
  int64_t lower_bound() const { return lower_bound_; }
  // Bytes of the file this source will read.
  uint64_t planned_bytes() const { return planned_bytes_; }
  const std::string& path() const { return path_; }
  const CaptureIndex& index() const { return index_; }

  // Opens the file and resolves the filter of each of its interfaces.
  Status Open(FilterSet& filters);
  bool opened() const { return reader_.has_value(); }
  const std::vector<CaptureInterface>& interfaces() const { return reader_->interfaces(); }

  // The earliest packet not yet popped, or nullptr when the file has no more.
  Result<const SourcePacket*> Peek();
  const uint8_t* DataOf(const SourcePacket& p) const { return batches_[p.batch].bytes.data() + p.at; }
  void Pop();
  // Frees the reader and buffers (after the last packet or an error).
  void Close();

 private:
  Status LoadInterval(size_t k);
  uint32_t NewBatch();

  struct Batch {
    std::vector<uint8_t> bytes;
    uint32_t live = 0;
  };
  std::string path_;
  CaptureIndex index_;
  QueryWindow window_;
  std::vector<size_t> intervals_;    // entries of index_ to read, in file order
  std::vector<int64_t> suffix_min_;  // suffix_min_[k]: smallest min_ts of intervals_[k..]; INT64_MAX past
  size_t next_ = 0;                  // next interval to load
  int64_t lower_bound_ = INT64_MAX;
  uint64_t planned_bytes_ = 0;
  std::optional<CaptureReader> reader_;
  std::vector<const bpf_program*> filter_of_;  // per reader interface
  FilterSet* filters_ = nullptr;
  std::vector<SourcePacket> heap_;
  std::vector<Batch> batches_;
  std::vector<uint32_t> free_batches_;
  uint64_t seq_ = 0;
};

}  // namespace ringdump
