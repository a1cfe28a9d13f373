// FileSink setup, the hot path (Consume: reserve, copy, publish) and Finish. Completions are in
// file_sink_completion.cpp, the ordered path for pipes in file_sink_stream.cpp.
#include "file_sink.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <thread>

#include "capture_index.hpp"
#include "file_sink_format.hpp"
#include "file_sink_queue.hpp"
#include "stream_copy.hpp"
#include "sys/errors.hpp"

namespace ringdump {
namespace {

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

uint32_t AutomaticChunkCount(uint32_t queues) { return std::max(8u, 2 * queues + 2); }

FileSink::FileSink(const WriterConfig& config, FileSinkTestHooks hooks)
    : config_(config), hooks_(std::move(hooks)) {}

FileSink::~FileSink() {
  if (!finished_) (void)Finish();
}

Result<std::unique_ptr<FileSink>> FileSink::Create(const WriterConfig& config, LinkType link_type,
                                                   uint32_t snaplen, uint32_t queues) {
  return Create(config, link_type, snaplen, queues, FileSinkTestHooks{});
}

Result<std::unique_ptr<FileSink>> FileSink::Create(const WriterConfig& config, LinkType link_type,
                                                   uint32_t snaplen, uint32_t queues,
                                                   FileSinkTestHooks hooks) {
  PcapngInterface interface;
  interface.link_type = link_type;
  interface.snaplen = snaplen;
  return Create(config, std::move(interface), queues, std::move(hooks));
}

Result<std::unique_ptr<FileSink>> FileSink::Create(const WriterConfig& config, PcapngInterface interface,
                                                   uint32_t queues, FileSinkTestHooks hooks) {
  return Create(config, std::vector<PcapngInterface>{std::move(interface)}, queues, nullptr,
                std::move(hooks));
}

Result<std::unique_ptr<FileSink>> FileSink::Create(const WriterConfig& config,
                                                   std::vector<PcapngInterface> interfaces, uint32_t queues,
                                                   InterfaceStatsSource stats, FileSinkTestHooks hooks) {
  if (interfaces.empty())
    return Error("the file writer needs at least one interface", Error::Kind::kBadArgument);
  if (interfaces.size() > 1 && config.format != FileFormat::kPcapng)
    return Error("capturing on several interfaces needs pcapng: use --pcapng or a .pcapng file name",
                 Error::Kind::kBadArgument);
  for (auto& interface : interfaces) interface.precision = config.precision;
  std::unique_ptr<FileSink> sink(new FileSink(config, std::move(hooks)));
  sink->stats_source_ = std::move(stats);
  if (Status status = sink->Open(interfaces, queues); !status.ok()) {
    DiscardOutput(sink->files_);
    sink->finished_ = true;
    return std::move(status).error();
  }
  return sink;
}

Status FileSink::Open(const std::vector<PcapngInterface>& interfaces, uint32_t queues) {
  if (queues == 0) return Error("the file writer needs at least one queue", Error::Kind::kBadArgument);
  if (config_.chunk_size == 0 || config_.chunk_size % 4096 != 0)
    return Error("write chunks must be a multiple of 4096 bytes", Error::Kind::kBadArgument);
  const uint32_t chunk_count = config_.chunk_count != 0 ? config_.chunk_count : AutomaticChunkCount(queues);
  auto files = OpenOutput(config_, config_.direct_io && !hooks_.refuse_direct_io);
  if (!files.ok()) return std::move(files).error();
  files_ = std::move(files).value();
  ordered_ = files_.streaming || config_.packet_buffered;
  if (ordered_) files_.direct_fd.reset();
  if (config_.write_index && !ordered_) index_ = std::make_unique<IndexBuilder>();
  direct_.store(files_.direct_fd.valid());
  if (!ordered_) {  // the ordered path needs no offsets, hence no pool
    auto pool = ChunkPool::Create(config_.chunk_size, chunk_count);
    if (!pool.ok()) return std::move(pool).error().Context(files_.name());
    pool_ = std::move(pool).value();
  }

  header_ = FileHeader(config_.format, interfaces);
  uint32_t snaplen = 0;  // the largest record any interface can produce sizes the scratch buffers
  for (const auto& interface : interfaces)
    snaplen = std::max(snaplen, interface.snaplen == 0 ? kPcapDefaultSnaplen : interface.snaplen);
  if (header_.size() > config_.chunk_size) return Error("file header larger than a write chunk");
  uring_active_ = !ordered_ && !hooks_.disable_uring;
  for (uint32_t q = 0; q < queues; ++q) {
    auto& state = queues_.emplace_back(std::make_unique<QueueState>());
    state->scratch.resize(MaxRecordSize(snaplen));
    if (ordered_) {
      state->stream_buffer = std::make_unique<uint8_t[]>(config_.chunk_size);
    } else if (uring_active_) {
      auto ring = sys::UringQueue::Create(chunk_count);
      if (ring.ok()) state->ring = std::move(ring).value();
      uring_active_ = ring.ok();  // e.g. disabled by sysctl or seccomp: synchronous writes still work
    }
  }
  if (!uring_active_)
    for (auto& state : queues_) state->ring = sys::UringQueue();
  // The pool registered with every ring once: each O_DIRECT write then skips pinning its 1024 pages (the
  // kernel's get_user_pages was 13 % of the disk profile). Refused (RLIMIT_MEMLOCK for a user without
  // CAP_IPC_LOCK, an old kernel): plain writes, the same otherwise.
  fixed_buffers_ = uring_active_ && !hooks_.unregistered_buffers;
  if (fixed_buffers_) {
    const std::vector<iovec> buffers = pool_->Buffers();
    for (auto& state : queues_)
      fixed_buffers_ = fixed_buffers_ && io_uring_register_buffers(state->ring.get(), buffers.data(),
                                                                   static_cast<unsigned>(buffers.size())) == 0;
  }

  if (ordered_) {
    iovec iov{header_.data(), header_.size()};
    if (Status status = WriteFully(files_.fd.get(), {&iov, 1}); !status.ok())
      return std::move(status).error().Context(files_.name());
    ordered_end_ = header_.size();
    return Ok();
  }
  // The header is the first bytes of chunk 0; the first record starts right after it.
  ChunkSlot& first = pool_->SlotOf(0);
  std::memcpy(first.data, header_.data(), header_.size());
  first.filled.store(static_cast<uint32_t>(header_.size()), std::memory_order_relaxed);
  first.head_record.store(header_.size(), std::memory_order_relaxed);
  first.first_record.store(header_.size(), std::memory_order_relaxed);
  next_pos_.store(header_.size(), std::memory_order_relaxed);
  next_flush_ns_.store(NowNs() + hooks_.flush_interval_ns, std::memory_order_relaxed);
  chunk_started_ns_.store(NowNs(), std::memory_order_relaxed);
  return Ok();
}

// Copies one batch's records into the stream range reserved for it, chunk after chunk. A record may span
// chunks; each chunk's part of the batch (a "segment") is published with one atomic add.
template <typename Format>
class FileSink::Appender {
 public:
  Appender(FileSink& sink, uint32_t queue, QueueStats& stats)
      : sink_(sink),
        queue_(queue),
        stats_(stats),
        size_(sink.pool_->chunk_size()),
        scratch_(sink.queues_[queue]->scratch) {}

  bool Begin(uint64_t pos) {
    chunk_ = pos / size_;
    cur_ = begin_ = static_cast<uint32_t>(pos % size_);
    return Enter(false);
  }

  // False if the sink failed while this record waited for a buffer: the record was not written.
  bool Append(const PacketView& packet) {
    const size_t record = Format::Size(packet);
    if (record <= size_ - cur_) {  // the common case: the whole record fits in this chunk
      Format::Encode(base_ + cur_, packet, sink_.config_.precision);
      cur_ += static_cast<uint32_t>(record);
      ++records_;
      return true;
    }
    if (cur_ == size_ && !Next(false)) return false;  // the record starts exactly at the next chunk
    record_start_ = sink_.pool_->StartOf(chunk_) + cur_;
    record_end_ = record_start_ + record;
    ++records_;
    if (scratch_.size() < record) scratch_.resize(record);  // longer than the snaplen: never from the engine
    Format::Encode(scratch_.data(), packet, sink_.config_.precision);
    return Put(scratch_.data(), record);
  }

  void End() {
    if (holding_) sink_.PublishSegment(queue_, chunk_, cur_ - begin_, records_);
  }

 private:
  bool Put(const uint8_t* src, size_t n) {
    while (n > 0) {
      if (cur_ == size_ && !Next(true)) return false;
      const size_t part = std::min<size_t>(n, size_ - cur_);
      std::memcpy(base_ + cur_, src, part);
      cur_ += static_cast<uint32_t>(part);
      src += part;
      n -= part;
    }
    return true;
  }

  bool Next(bool mid_record) {
    sink_.PublishSegment(queue_, chunk_, cur_ - begin_, records_);
    ++chunk_;
    cur_ = begin_ = records_ = 0;
    return Enter(mid_record);
  }

  bool Enter(bool mid_record) {
    holding_ = sink_.AcquireChunk(queue_, chunk_, stats_);
    if (!holding_) return false;
    ChunkSlot& slot = sink_.pool_->SlotOf(chunk_);
    if (mid_record) {
      slot.head_record.store(record_start_, std::memory_order_relaxed);
      slot.first_record.store(record_end_, std::memory_order_relaxed);
    }
    base_ = slot.data;
    return true;
  }

  FileSink& sink_;
  const uint32_t queue_;
  QueueStats& stats_;
  const uint32_t size_;        // chunk size
  uint64_t chunk_ = 0;         // stream chunk being filled
  uint8_t* base_ = nullptr;    // its buffer
  uint32_t begin_ = 0;         // where this batch's segment starts in it
  uint32_t cur_ = 0;           // next byte to fill
  uint32_t records_ = 0;       // records starting in the segment
  uint64_t record_start_ = 0;  // stream offset of the record being split across chunks
  uint64_t record_end_ = 0;    // and where it ends
  bool holding_ = false;       // chunk_ was acquired and its segment is not published yet
  std::vector<uint8_t>& scratch_;
};

void FileSink::Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  if (ordered_) return ConsumeStream(queue, batch, stats);
  if (config_.format == FileFormat::kPcapng) return ConsumeChunks<PcapngRecords>(queue, batch, stats);
  // O_DIRECT chunks go to the disk by DMA: copy into them with non-temporal stores. Page-cache writes
  // (tmpfs, --no-direct-io) copy the chunk again right away, from the cache, so plain stores there.
  if (direct_.load(std::memory_order_relaxed)) return ConsumeChunks<PcapStreamRecords>(queue, batch, stats);
  ConsumeChunks<PcapRecords>(queue, batch, stats);
}

template <typename Format>
void FileSink::ConsumeChunks(uint32_t queue, PacketBatch batch, QueueStats& stats) {
  if (batch.empty()) return;
  if (failed_.load(std::memory_order_relaxed)) {
    stats.sink_dropped += batch.size();
    return;
  }
  uint64_t bytes = 0;
  uint64_t pos = 0;
  if (index_) {
    // One walk for the sizes and the index's timestamps; the index needs the batches in file order, so the
    // reservation and its entry go under one (uncontended) lock.
    BatchTimes times;
    for (const PacketView& packet : batch) {
      bytes += Format::Size(packet);
      times.Add(packet.timestamp_ns());
    }
    std::lock_guard lock(index_mu_);
    pos = next_pos_.fetch_add(bytes, std::memory_order_relaxed);
    index_->AddBatch(times, pos, bytes);
  } else {
    for (const PacketView& packet : batch) bytes += Format::Size(packet);
    pos = next_pos_.fetch_add(bytes, std::memory_order_relaxed);
  }

  Appender<Format> appender(*this, queue, stats);
  size_t copied = 0;
  uint64_t copied_bytes = 0;
  if (appender.Begin(pos)) {
    for (const PacketView& packet : batch) {
      if (!appender.Append(packet)) break;
      ++copied;
      copied_bytes += Format::Size(packet);
    }
    appender.End();
  }
  accepted_.fetch_add(copied, std::memory_order_relaxed);
  stats.packets_written += copied;
  stats.bytes_written += copied_bytes;
  stats.sink_dropped += batch.size() - copied;
  if (queues_[queue]->inflight.load(std::memory_order_relaxed) != 0) ReapOwn(queue);
  MaybeFlush();
}

void FileSink::Idle(uint32_t queue, QueueStats& /*stats*/) {
  if (ordered_) return;
  ReapOwn(queue);
  MaybeFlush();
}

// One clock read per batch; one thread wins the flush when it is due, and flushes only a chunk that has been
// filling for longer than the interval (while chunks complete faster, their own writes keep the file current
// and a flush would only write the same bytes twice).
void FileSink::MaybeFlush() {
  const int64_t now = NowNs();
  int64_t due = next_flush_ns_.load(std::memory_order_relaxed);
  if (now < due) return;
  const int64_t started = chunk_started_ns_.load(std::memory_order_relaxed);
  if (now - started < hooks_.flush_interval_ns) {  // look again when the chunk is as old as the interval
    next_flush_ns_.compare_exchange_strong(due, started + hooks_.flush_interval_ns);
    return;
  }
  if (next_flush_ns_.compare_exchange_strong(due, now + hooks_.flush_interval_ns)) FlushPartialChunk();
}

// The flush timeout: writes the new bytes of the chunk being filled through the buffered descriptor (it is
// written whole later). Only when every byte reserved so far is copied: then [chunk start, pos) is final.
void FileSink::FlushPartialChunk() {
  const uint64_t pos = next_pos_.load(std::memory_order_acquire);
  if (failed_.load(std::memory_order_relaxed)) return;
  const uint64_t chunk = pos / pool_->chunk_size();
  const uint64_t start = std::max(pool_->StartOf(chunk), flushed_to_.load(std::memory_order_relaxed));
  if (pos <= start) return;  // nothing new, or the previous chunk is whole and its own write is under way
  const int res = pool_->WithChunk(chunk, [&](const uint8_t* data) {
    // An unchanged next_pos_ around the read of `filled` means no batch reserved beyond pos meanwhile, so
    // filled == pos - start says every reserved byte of the chunk was copied.
    const uint64_t chunk_start = pool_->StartOf(chunk);
    if (pool_->SlotOf(chunk).filled.load(std::memory_order_acquire) != pos - chunk_start) return 0;
    if (next_pos_.load(std::memory_order_acquire) != pos) return 0;
    int written = PwriteFully(files_.fd.get(), data + (start - chunk_start), pos - start, start);
    if (hooks_.write_result) written = std::min(0, hooks_.write_result(chunk, kFlushWrite, written));
    if (written == 0) flushed_to_.store(pos, std::memory_order_relaxed);
    return written;
  });
  if (res < 0) Fail(sys::CqeError("write at offset " + std::to_string(start), res).Context(files_.name()));
}

bool FileSink::AcquireChunk(uint32_t queue, uint64_t chunk, QueueStats& stats) {
  ChunkSlot& slot = pool_->SlotOf(chunk);
  if (slot.ready_for.load(std::memory_order_acquire) == chunk) return true;
  ++stats.writer_stalls;  // back-pressure: every buffer is still being filled or written
  while (slot.ready_for.load(std::memory_order_acquire) != chunk) {
    // After a failure the buffer may never come back; one look more, as it may have come just before.
    if (failed_.load(std::memory_order_acquire))
      return slot.ready_for.load(std::memory_order_acquire) == chunk;
    ReapAny(queue);
    // Sleep until a write of our own completes; only when none is ours, a short blind sleep (the write
    // holding the buffer back is on another worker's ring, and that worker reaps it or we try again).
    if (slot.ready_for.load(std::memory_order_acquire) != chunk && !WaitOwn(queue))
      std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
  return true;
}

void FileSink::PublishSegment(uint32_t queue, uint64_t chunk, uint32_t bytes, uint32_t records) {
  if (bytes == 0) return;
  StreamFence();  // the segment's non-temporal stores are visible before the chunk can be submitted
  ChunkSlot& slot = pool_->SlotOf(chunk);
  slot.records.fetch_add(records, std::memory_order_relaxed);
  const uint32_t filled = slot.filled.fetch_add(bytes, std::memory_order_acq_rel) + bytes;
  if (filled == pool_->chunk_size()) {
    chunk_started_ns_.store(NowNs(), std::memory_order_relaxed);  // once per chunk
    SubmitChunk(queue, slot);
  }
}

Status FileSink::Finish() {
  if (finished_) return finish_status_;
  finished_ = true;
  if (stats_source_ && config_.format == FileFormat::kPcapng) AppendStatistics();
  Status status = ordered_ ? FinishOrdered() : FinishChunked();
  if (files_.data_lost) lost_after_accept_ = accepted_.load();  // kept under no name: all of it is lost
  if (!status.ok()) Fail(std::move(status).error());
  if (index_ && status.ok() && !failed_.load()) {
    // Best effort: without its index a file is still read (query scans it, --repair rebuilds the index).
    std::lock_guard lock(index_mu_);
    (void)WriteIndexFile(files_.path, index_->Finish());
  }
  std::lock_guard lock(error_mu_);
  if (error_) finish_status_ = *error_;
  return finish_status_;
}

// The last chunk is not whole, so not block-aligned: it goes through the buffered descriptor, synchronously,
// with the same retry rules as a completion.
void FileSink::WriteTail(uint64_t chunk, uint32_t size) {
  const uint8_t* data = pool_->SlotOf(chunk).data;
  const uint64_t start = pool_->StartOf(chunk);
  uint32_t done = 0;
  for (uint32_t attempt = 0; done < size; ++attempt) {
    const ssize_t n = pwrite(files_.fd.get(), data + done, size - done, static_cast<off_t>(start + done));
    int res = n < 0 ? -errno : static_cast<int>(n);
    if (hooks_.write_result) res = hooks_.write_result(chunk, attempt, res);
    if (res > 0) {
      done += static_cast<uint32_t>(res);
    } else if (attempt >= kMaxWriteAttempts || (res != -EAGAIN && res != -EINTR)) {
      pool_->SlotOf(chunk).written = done;  // these bytes are on the file: whole records among them are kept
      const std::string what = "write at offset " + std::to_string(start + done);
      Fail((res < 0 ? sys::CqeError(what, res) : Error(what + " makes no progress", Error::Kind::kIo))
               .Context(files_.name()),
           chunk);
      return;
    }
  }
}

Status FileSink::FinishChunked() {
  DrainAll();
  const uint64_t end = next_pos_.load(std::memory_order_relaxed);
  const ChunkPool::Frontier frontier = pool_->frontier();
  const uint64_t last = end / pool_->chunk_size();  // the chunk holding the tail (maybe empty)
  const int fd = files_.fd.get();
  if (!failed_.load() && frontier.chunk == last && end > pool_->StartOf(last)) {
    WriteTail(last, static_cast<uint32_t>(end - pool_->StartOf(last)));
  } else if (!failed_.load() && frontier.chunk != last) {
    Fail(Error("chunk " + std::to_string(frontier.chunk) + " was never written").Context(files_.name()));
  }
  uint64_t keep = end;
  uint64_t kept_records = accepted_.load();
  if (failed_.load()) {
    // Everything before the first chunk that did not reach the file is there, and so is the part of that
    // chunk a short write or the flush timeout put on the file before the error: cut at the last record
    // that ends within what is there. The header is rewritten in case chunk 0 itself was lost.
    ChunkSlot& bad = pool_->SlotOf(frontier.chunk);
    const uint64_t start = pool_->StartOf(frontier.chunk);
    uint64_t durable = start + bad.written;
    const uint64_t flushed = flushed_to_.load(std::memory_order_relaxed);
    if (flushed > start && flushed <= start + pool_->chunk_size()) durable = std::max(durable, flushed);
    durable = std::min(durable, end);
    keep = std::min(end, bad.head_record.load(std::memory_order_relaxed));
    kept_records = frontier.records_before - (keep < start ? 1 : 0);
    const uint64_t first = bad.first_record.load(std::memory_order_relaxed);
    if (first >= start && durable >= first) {  // the record spanning into the chunk is whole on the file
      const WholeRecords whole = LastWholeRecord(config_.format, bad.data, start, first, durable);
      keep = whole.end;
      kept_records = frontier.records_before + whole.count;
    }
    if (frontier.chunk == 0 && kept_records == 0 &&
        PwriteFully(fd, header_.data(), header_.size(), 0) != 0) {
      // Not even the header fits (the disk is full): leave no file that only looks like a capture.
      lost_after_accept_ = accepted_.load();
      DiscardOutput(files_);
      return Ok();  // error_ holds the write error
    }
  }
  lost_after_accept_ = accepted_.load() - kept_records;
  if (ftruncate(fd, static_cast<off_t>(keep)) < 0) Fail(sys::LastError("ftruncate").Context(files_.name()));
  return CommitOutput(files_);
}

}  // namespace ringdump
