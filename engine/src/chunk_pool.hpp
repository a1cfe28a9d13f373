// The pool of chunk buffers behind FileSink's "stream of aligned chunks" (docs: design.md, The data path).
// The output file is one byte stream cut into chunks of chunk_size bytes; stream chunk i is assembled in
// buffer i % count. Workers copy records into a chunk concurrently (their byte ranges were reserved with one
// fetch_add), the last one to complete a chunk submits its write, and the buffer is handed to chunk
// i + count only after chunk i and every chunk before it were written: buffers are recycled in stream order.
// That order gives an exact, cheap account of what the file holds if a write fails (the "frontier").
#pragma once

#include <sys/uio.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// One buffer of the pool and the chunk it currently holds.
struct ChunkSlot {
  uint8_t* data = nullptr;  // chunk_size bytes, 4096-aligned (O_DIRECT)
  uint32_t index = 0;       // position in the pool: the io_uring registered-buffer index
  // The stream chunk this buffer holds now. Workers may copy into the buffer for chunk c only once
  // ready_for == c (acquire); it is advanced (release) when the previous occupant has been written.
  std::atomic<uint64_t> ready_for{0};
  std::atomic<uint32_t> filled{0};   // bytes copied so far; who brings it to chunk_size submits the write
  std::atomic<uint32_t> records{0};  // records that start in this chunk (exact loss accounting)
  // Stream offset where the record holding the chunk's first byte starts: the chunk's start, or earlier when
  // a record spans into it. If this chunk cannot be written, the file is cut there.
  std::atomic<uint64_t> head_record{0};
  // Stream offset of the first record that starts in this chunk (after the one spanning into it, if any):
  // where a walk over the chunk's own records begins when only part of it reached the file.
  std::atomic<uint64_t> first_record{0};
  // Write progress, touched only by the thread holding the ring the write was submitted on.
  uint32_t written = 0;     // bytes of the chunk known to be on the file
  uint32_t write_from = 0;  // chunk offset of the write in flight
  uint32_t attempts = 0;    // writes issued for this chunk (retries after short writes and -EAGAIN)
  bool done = false;        // written, waiting for the frontier; guarded by ChunkPool's mutex
  // The write latency histogram's stamp (steady clock at the first submit) and the submitting queue.
  int64_t submitted_ns = 0;
  uint32_t submitted_by = 0;
};

class ChunkPool {
 public:
  // Allocates count buffers of chunk_size bytes (posix_memalign 4096) and touches every page once, so the
  // hot path never faults. chunk_size must be a multiple of 4096.
  static Result<std::unique_ptr<ChunkPool>> Create(uint32_t chunk_size, uint32_t count);

  uint32_t chunk_size() const { return chunk_size_; }
  uint32_t count() const { return count_; }
  ChunkSlot& SlotOf(uint64_t chunk) { return slots_[chunk % count_]; }
  // The buffers, one iovec each, in slot order (for io_uring_register_buffers).
  std::vector<iovec> Buffers() const;
  uint64_t StartOf(uint64_t chunk) const { return chunk * chunk_size_; }

  // The chunk in `slot` is entirely on the file. Advances the frontier over every written chunk in stream
  // order and recycles their buffers (once per chunk, not per packet: a mutex is fine here).
  void MarkWritten(ChunkSlot& slot);

  // After a fatal error: the frontier will not pass `chunk` (the chunk that failed), or stays where it is.
  // Buffers past it are never recycled, so a worker that gives up waiting for one (its record incomplete)
  // always sits beyond the point where the file is cut.
  void StopAt(uint64_t chunk);
  void StopHere();

  // The first chunk not yet known to be written, and how many records start before it.
  struct Frontier {
    uint64_t chunk = 0;
    uint64_t records_before = 0;
  };
  Frontier frontier() const;

  // Calls write(data) for the first `bytes` of `chunk` if its buffer still holds that chunk, with recycling
  // held off meanwhile (the flush timeout writes a partial chunk from here). Returns write's result, or 0 if
  // the buffer has moved on.
  template <typename Write>
  int WithChunk(uint64_t chunk, Write&& write) {
    std::lock_guard lock(mu_);
    ChunkSlot& slot = SlotOf(chunk);
    if (slot.ready_for.load(std::memory_order_acquire) != chunk) return 0;
    return write(slot.data);
  }

  ~ChunkPool();

 private:
  ChunkPool(uint32_t chunk_size, uint32_t count);
  void Recycle(ChunkSlot& slot, uint64_t next_chunk);

  const uint32_t chunk_size_;
  const uint32_t count_;
  uint8_t* memory_ = nullptr;  // count_ * chunk_size_ bytes, freed with free()
  std::unique_ptr<ChunkSlot[]> slots_;
  mutable std::mutex mu_;
  Frontier frontier_;              // guarded by mu_
  uint64_t limit_ = ~uint64_t{0};  // the frontier stops here; guarded by mu_
};

}  // namespace ringdump
