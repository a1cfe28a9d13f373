// FileSink: the pcap file writer. Workers of every queue append to ONE file without a global lock: each batch
// reserves its byte range of the file with one fetch_add and copies its records there; the file is assembled
// in aligned chunks (chunk_pool.hpp) that are written whole, at chunk-aligned offsets, through io_uring (one
// ring per queue; O_DIRECT where the filesystem allows). The file is written under a hidden temporary name
// and renamed at Finish(); after a write error it is cut back to the last whole record that reached the disk.
// Standard output, other non-seekable outputs and -U (packet_buffered) take a simple ordered path instead:
// write(2) of each batch under a mutex, so the file is a valid pcap file at every moment (a reader following
// it with `tail -f` never meets a hole another queue has not filled yet).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "capture_index.hpp"
#include "chunk_pool.hpp"
#include "file_sink_output.hpp"
#include "pcapng_format.hpp"
#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"
#include "ringdump/result.hpp"
#include "ringdump/sink.hpp"
#include "ringdump/stats.hpp"
#include "ringdump/write_latency.hpp"

namespace ringdump {

// Writes of one chunk (retries after short writes and -EAGAIN) before it counts as failed.
inline constexpr uint32_t kMaxWriteAttempts = 64;
// Records copied into a chunk that is not full yet reach the file about this long after they arrived (checked
// in Consume() and Idle()), so a slow capture does not sit in memory for minutes. Not more often: a worker
// idles between almost every two ring blocks, and each flush writes bytes a second time.
inline constexpr int64_t kFlushIntervalNs = 1'000'000'000;

// The pool size when WriterConfig::chunk_count is 0: every queue can fill a chunk while another of its own is
// in flight, so adding queues does not add back-pressure.
uint32_t AutomaticChunkCount(uint32_t queues);

// FileSinkTestHooks::write_result's `attempt` for a flush-timeout write of a partial chunk.
inline constexpr uint32_t kFlushWrite = ~0u;

// Seams for fault-injection tests; the defaults change nothing.
struct FileSinkTestHooks {
  // Called with the result of every chunk write (an io_uring completion's res, or the final tail write's byte
  // count / -errno) before the sink looks at it; returns the result to use instead (a short count, -EAGAIN,
  // -EIO, -ENOSPC...). `chunk` is the stream chunk index, `attempt` 0 for its first write.
  // Partial-chunk flushes (the flush timeout) call it with attempt == kFlushWrite.
  // On the ordered path it is called before each flush with (flush index, 0, bytes); a negative result makes
  // the flush write half its bytes and then fail with that error.
  std::function<int(uint64_t chunk, uint32_t attempt, int res)> write_result;
  bool refuse_direct_io = false;  // behave as if O_DIRECT were refused with EINVAL
  bool disable_uring = false;     // behave as if io_uring were unavailable: synchronous pwrite(2)
  bool unregistered_buffers = false;  // behave as if io_uring_register_buffers failed: plain writes
  // Benchmarks of the copy path alone (bench/hot_path_bench): a full chunk's write "completes" at once
  // without a system call, so encoder, chunk pool and recycling run as usual but no byte reaches the file.
  bool discard_writes = false;
  int64_t flush_interval_ns = kFlushIntervalNs;  // the flush timeout
};

// The counters of each interface of a pcapng file, read when the file is finished: one interface statistics
// block each (interface_id = position in the file's interface list). Called from Finish(), on whatever thread
// finishes the file; it must not call back into the sink.
using InterfaceStatsSource = std::function<std::vector<PcapngInterfaceStats>()>;

class FileSink final : public PacketSink {
 public:
  // Opens config.path (see OpenOutput) and writes the pcap header. `queues` workers will call Consume().
  // On failure nothing is left on disk. config.format chooses pcap or pcapng (one interface, id 0).
  static Result<std::unique_ptr<FileSink>> Create(const WriterConfig& config, LinkType link_type,
                                                  uint32_t snaplen, uint32_t queues);
  // The same, describing the interface fully: pcapng files then carry its name, description and filter in
  // their interface description block (interface.precision is taken from config.precision).
  static Result<std::unique_ptr<FileSink>> Create(const WriterConfig& config, PcapngInterface interface,
                                                  uint32_t queues, FileSinkTestHooks hooks = {});
  static Result<std::unique_ptr<FileSink>> Create(const WriterConfig& config, LinkType link_type,
                                                  uint32_t snaplen, uint32_t queues, FileSinkTestHooks hooks);
  // Several interfaces (pcapng only; a pcap file can describe one): an interface description block each, in
  // this order, and each packet's enhanced packet block names PacketView::interface_id. `stats`, if set,
  // gives the interface statistics blocks written at Finish() (pcapng only; after a write error none is).
  static Result<std::unique_ptr<FileSink>> Create(const WriterConfig& config,
                                                  std::vector<PcapngInterface> interfaces, uint32_t queues,
                                                  InterfaceStatsSource stats, FileSinkTestHooks hooks = {});
  ~FileSink() override;  // runs Finish() if nobody did

  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override;
  void Idle(uint32_t queue, QueueStats& stats) override;
  // Waits for every write, writes the tail, syncs, renames. Returns the first write error (naming the file),
  // if any; the file is then complete up to its last whole record. Later calls return the same status.
  Status Finish() override;
  bool WantsStop() const override { return failed_.load(std::memory_order_relaxed); }

  bool direct_io_active() const { return direct_.load(std::memory_order_relaxed); }
  bool uring_active() const { return uring_active_; }
  // Chunk writes use io_uring registered buffers (write_fixed: no page pinning per write).
  bool fixed_buffers_active() const { return fixed_buffers_; }
  // The ordered path is in use (standard output, pipes, devices, -U).
  bool ordered() const { return ordered_; }
  // Records Consume() accepted (counted in packets_written) that are not in the file because a write failed.
  // Exact once Finish() has returned.
  uint64_t lost_after_accept() const { return lost_after_accept_; }
  const std::string& path() const { return files_.path; }
  // What was done at Create() with a crashed run's file found at the hidden name ("" if there was none).
  const std::string& note() const { return files_.note; }

  // For file sets (RotatingSink; file_sink_rotation.cpp), which make the next file ahead of time under a
  // placeholder name: the bytes its header takes; the name it gets at Finish() (set before any Consume();
  // ignored for outputs written in place); and giving up a file that was never used (its writes waited for,
  // closed and removed; Finish() then does nothing).
  uint64_t header_bytes() const { return header_.size(); }
  void Retarget(const std::string& path);
  void Discard();

  // Every full chunk's write latency goes to `histogram` from now on (call before the first Consume();
  // nullptr: none). A file set's files share one, so it outlives any single file.
  void ObserveWriteLatency(std::shared_ptr<WriteLatencyHistogram> histogram) {
    latency_ = std::move(histogram);
  }

 private:
  struct QueueState;
  template <typename Format>
  class Appender;

  FileSink(const WriterConfig& config, FileSinkTestHooks hooks);
  Status Open(const std::vector<PcapngInterface>& interfaces, uint32_t queues);
  // Appends the interface statistics blocks (file_sink_statistics.cpp); workers have stopped.
  void AppendStatistics();
  void AppendChunked(std::span<const uint8_t> bytes);

  // Chunked path (file_sink.cpp).
  template <typename Format>
  void ConsumeChunks(uint32_t queue, PacketBatch batch, QueueStats& stats);
  bool AcquireChunk(uint32_t queue, uint64_t chunk, QueueStats& stats);
  void PublishSegment(uint32_t queue, uint64_t chunk, uint32_t bytes, uint32_t records);
  void MaybeFlush();
  void FlushPartialChunk();
  // Completions (file_sink_completion.cpp). "Locked": the caller holds q.mu.
  void SubmitChunk(uint32_t queue, ChunkSlot& slot);
  void SubmitLocked(QueueState& q, ChunkSlot& slot);
  void CompleteLocked(QueueState& q, ChunkSlot& slot, int res);
  bool FillWhatFits(ChunkSlot& slot, uint64_t chunk);
  void ReapLocked(QueueState& q, bool wait);
  void ReapOwn(uint32_t queue);
  void ReapAny(uint32_t queue);
  // Waits (bounded, 200 µs) for a completion on the queue's own ring and reaps it. False if nothing of its
  // own is in flight.
  bool WaitOwn(uint32_t queue);
  void DrainAll();
  // Records the first fatal error and asks the capture to stop. `chunk`: the chunk whose write failed.
  void Fail(Error error, std::optional<uint64_t> chunk = std::nullopt);
  Status FinishChunked();
  void WriteTail(uint64_t chunk, uint32_t size);
  // Ordered path (file_sink_stream.cpp).
  void ConsumeStream(uint32_t queue, PacketBatch batch, QueueStats& stats);
  template <typename Format>
  void ConsumeOrdered(uint32_t queue, PacketBatch batch, QueueStats& stats);
  bool WriteStream(std::span<iovec> iov);
  Status FinishOrdered();

  const WriterConfig config_;
  const FileSinkTestHooks hooks_;
  InterfaceStatsSource stats_source_;
  OutputFiles files_;
  std::vector<uint8_t> header_;  // the file's first bytes (pcap header, or pcapng section + interface)
  std::unique_ptr<ChunkPool> pool_;
  std::vector<std::unique_ptr<QueueState>> queues_;
  bool uring_active_ = false;
  bool fixed_buffers_ = false;  // every queue's ring has the pool registered
  std::atomic<bool> direct_{false};  // writes go through files_.direct_fd (cleared if O_DIRECT writes fail)

  alignas(64) std::atomic<uint64_t> next_pos_{0};  // the next unreserved byte of the stream
  alignas(64) std::atomic<uint64_t> accepted_{0};  // records copied by Consume()
  std::atomic<int64_t> next_flush_ns_{0};          // steady clock: when the partial chunk is due on the file
  // Steady clock: when the chunk being filled started (the previous one was completed). A chunk younger than
  // the flush interval holds no record that old, so the flush leaves it to its own write.
  std::atomic<int64_t> chunk_started_ns_{0};
  std::atomic<uint64_t> flushed_to_{0};            // stream offset the partial flushes have reached
  std::atomic<bool> failed_{false};
  std::mutex error_mu_;
  std::optional<Error> error_;    // the first fatal error; guarded by error_mu_
  bool ordered_ = false;          // write(2) in order instead of chunks
  std::mutex stream_mu_;          // orders whole flushes on the ordered path
  uint64_t ordered_end_ = 0;      // bytes of whole flushes on the file (ordered path); guarded by stream_mu_
  uint64_t ordered_flushes_ = 0;  // flushes so far (test hook index); guarded by stream_mu_

  std::mutex index_mu_;                 // orders reservations with their index entries (only with an index)
  std::unique_ptr<IndexBuilder> index_;  // config.write_index on a regular file: .NAME.ridx at Finish()

  bool finished_ = false;
  Status finish_status_;
  uint64_t lost_after_accept_ = 0;
  std::shared_ptr<WriteLatencyHistogram> latency_;  // set before the first Consume(), or null
};

}  // namespace ringdump
