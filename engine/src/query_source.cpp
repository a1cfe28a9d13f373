// FilterSet and FileSource (see query_source.hpp).
#include "query_source.hpp"

#include <algorithm>
#include <cstring>

namespace ringdump {
namespace {

// Min-heap on (timestamp, file order).
bool Later(const SourcePacket& a, const SourcePacket& b) {
  return a.ts_ns != b.ts_ns ? a.ts_ns > b.ts_ns : a.seq > b.seq;
}

}  // namespace

FilterSet::~FilterSet() {
  for (auto& [dlt, program] : programs_) pcap_freecode(&program);
}

Result<const bpf_program*> FilterSet::For(int dlt) {
  if (expression_.empty()) return static_cast<const bpf_program*>(nullptr);
  auto it = programs_.find(dlt);
  if (it != programs_.end()) return static_cast<const bpf_program*>(&it->second);
  pcap_t* dead = pcap_open_dead(dlt, 262144);
  if (dead == nullptr) return Error("pcap_open_dead failed", Error::Kind::kBadFilter);
  bpf_program program{};
  if (pcap_compile(dead, &program, expression_.c_str(), optimize_ ? 1 : 0, PCAP_NETMASK_UNKNOWN) < 0) {
    Error error(pcap_geterr(dead), Error::Kind::kBadFilter);
    pcap_close(dead);
    const char* name = pcap_datalink_val_to_name(dlt);
    return std::move(error).Context(std::string("link-type ") + (name ? name : std::to_string(dlt)));
  }
  pcap_close(dead);
  return static_cast<const bpf_program*>(&programs_.emplace(dlt, program).first->second);
}

FileSource::FileSource(std::string path, CaptureIndex index, const QueryWindow& window)
    : path_(std::move(path)), index_(std::move(index)), window_(window) {
  const size_t n = index_.entries.size();
  size_t last = n;  // the last interval that overlaps the window
  for (size_t i = 0; i < n; ++i) {
    const SeekEntry& e = index_.entries[i];
    if (!window_.Overlaps(e.min_ts_ns, e.max_ts_ns)) continue;
    if (index_.seekable) intervals_.push_back(i);
    last = i;
    lower_bound_ = std::min(lower_bound_, std::max(e.min_ts_ns, window_.after_ns));
  }
  // Without a usable seek table (interfaces described mid-file) every interval up to the last is read.
  if (!index_.seekable && last != n)
    for (size_t i = 0; i <= last; ++i) intervals_.push_back(i);
  suffix_min_.assign(intervals_.size() + 1, INT64_MAX);
  for (size_t k = intervals_.size(); k-- > 0;) {
    suffix_min_[k] = std::min(suffix_min_[k + 1], index_.entries[intervals_[k]].min_ts_ns);
    planned_bytes_ += index_.EntryEnd(intervals_[k]) - index_.entries[intervals_[k]].offset;
  }
}

Status FileSource::Open(FilterSet& filters) {
  auto reader = CaptureReader::Open(path_);
  if (!reader.ok()) return std::move(reader).error();
  reader_.emplace(std::move(reader).value());
  filters_ = &filters;
  for (const CaptureInterface& i : reader_->interfaces()) {
    auto program = filters.For(i.dlt());
    if (!program.ok()) return std::move(program).error().Context(path_);
    filter_of_.push_back(program.value());
  }
  return Ok();
}

uint32_t FileSource::NewBatch() {
  if (!free_batches_.empty()) {
    const uint32_t b = free_batches_.back();
    free_batches_.pop_back();
    return b;
  }
  batches_.emplace_back();
  return uint32_t(batches_.size() - 1);
}

Status FileSource::LoadInterval(size_t k) {
  const size_t entry = intervals_[k];
  RINGDUMP_TRY(reader_->Seek(index_.entries[entry].offset, index_.EntryEnd(entry)), path_);
  const uint32_t b = NewBatch();
  Batch& batch = batches_[b];
  RecordView r;
  for (;;) {
    auto more = reader_->Next(&r);
    if (!more.ok()) return std::move(more).error().Context(path_);
    if (!more.value()) break;
    if (!window_.Contains(r.ts_ns)) continue;
    if (r.interface >= filter_of_.size()) {  // described after the seek point (late pcapng interface block)
      auto program = filters_->For(reader_->interfaces()[r.interface].dlt());
      if (!program.ok()) return std::move(program).error().Context(path_);
      filter_of_.resize(reader_->interfaces().size(), program.value());
      filter_of_[r.interface] = program.value();
    }
    if (const bpf_program* f = filter_of_[r.interface]) {
      pcap_pkthdr h{};
      h.caplen = r.caplen;
      h.len = r.len;
      if (pcap_offline_filter(f, &h, r.data) == 0) continue;
    }
    SourcePacket p;
    p.ts_ns = r.ts_ns;
    p.seq = seq_++;
    p.batch = b;
    p.at = uint32_t(batch.bytes.size());
    p.caplen = r.caplen;
    p.len = r.len;
    p.interface = r.interface;
    p.epb_flags = r.epb_flags;
    batch.bytes.insert(batch.bytes.end(), r.data, r.data + r.caplen);
    ++batch.live;
    heap_.push_back(p);
    std::push_heap(heap_.begin(), heap_.end(), Later);
  }
  if (batch.live == 0) free_batches_.push_back(b);
  return Ok();
}

Result<const SourcePacket*> FileSource::Peek() {
  for (;;) {
    // Everything not yet read is at or after suffix_min_[next_]: the heap's top is safe up to there.
    if (!heap_.empty() && heap_.front().ts_ns <= suffix_min_[next_]) return &heap_.front();
    if (next_ >= intervals_.size()) return heap_.empty() ? nullptr : &heap_.front();
    if (Status s = LoadInterval(next_); !s.ok()) return std::move(s).error();
    ++next_;
  }
}

void FileSource::Pop() {
  std::pop_heap(heap_.begin(), heap_.end(), Later);
  const uint32_t b = heap_.back().batch;
  heap_.pop_back();
  if (--batches_[b].live == 0) {
    batches_[b].bytes.clear();
    free_batches_.push_back(b);
  }
}

void FileSource::Close() {
  reader_.reset();
  heap_.clear();
  batches_.clear();
  free_batches_.clear();
}

}  // namespace ringdump
