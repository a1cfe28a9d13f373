// FileSink's writes and their completions: submitting a full chunk on the submitting worker's io_uring,
// reading each completion once, resubmitting after short writes and -EAGAIN, recording the first fatal
// error. A chunk is only ever written whole at its aligned offset, so O_DIRECT alignment always holds.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>
#include <thread>

#include "file_sink.hpp"
#include "file_sink_queue.hpp"
#include "sys/errors.hpp"

namespace ringdump {
namespace {

constexpr uint32_t kDirectAlign = 4096;

int64_t SteadyNowNs() {
  using std::chrono::steady_clock;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

void FileSink::SubmitChunk(uint32_t queue, ChunkSlot& slot) {
  QueueState& q = *queues_[queue];
  std::lock_guard lock(q.mu);
  slot.written = 0;
  slot.attempts = 0;
  if (latency_) {  // once per chunk: the latency counts from the first submit, retries included
    slot.submitted_ns = SteadyNowNs();
    slot.submitted_by = queue;
  }
  SubmitLocked(q, slot);
}

// Writes the chunk from slot.written to its end. After a short write the retry starts at the last aligned
// offset (rewriting a few bytes) so an O_DIRECT retry is still aligned.
void FileSink::SubmitLocked(QueueState& q, ChunkSlot& slot) {
  const bool direct = direct_.load(std::memory_order_relaxed);
  const int fd = direct ? files_.direct_fd.get() : files_.fd.get();
  const uint64_t chunk = slot.ready_for.load(std::memory_order_relaxed);
  slot.write_from = direct ? slot.written / kDirectAlign * kDirectAlign : slot.written;
  const uint32_t size = pool_->chunk_size() - slot.write_from;
  const uint64_t offset = pool_->StartOf(chunk) + slot.write_from;
  if (hooks_.discard_writes) return CompleteLocked(q, slot, static_cast<int>(size));
  if (!q.ring.valid()) {  // no io_uring: the same logic, synchronously
    const ssize_t res = pwrite(fd, slot.data + slot.write_from, size, static_cast<off_t>(offset));
    return CompleteLocked(q, slot, res < 0 ? -errno : static_cast<int>(res));
  }
  io_uring* ring = q.ring.get();
  // The ring has chunk_count entries and a chunk has at most one write in flight: there is always room.
  io_uring_sqe* sqe = io_uring_get_sqe(ring);
  if (sqe == nullptr && io_uring_submit(ring) >= 0) sqe = io_uring_get_sqe(ring);  // defensive: never seen
  if (sqe == nullptr) return Fail(Error("io_uring submission queue full").Context(files_.name()));
  if (fixed_buffers_) {
    io_uring_prep_write_fixed(sqe, fd, slot.data + slot.write_from, size, offset, static_cast<int>(slot.index));
  } else {
    io_uring_prep_write(sqe, fd, slot.data + slot.write_from, size, offset);
  }
  io_uring_sqe_set_data(sqe, &slot);
  q.inflight.fetch_add(1, std::memory_order_relaxed);
  int res;
  while ((res = io_uring_submit(ring)) < 0 && (res == -EINTR || res == -EAGAIN || res == -EBUSY))
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  if (res < 0) {
    q.inflight.fetch_sub(1, std::memory_order_relaxed);
    Fail(sys::CqeError("io_uring_submit", res).Context(files_.name()));
  }
}

void FileSink::CompleteLocked(QueueState& q, ChunkSlot& slot, int res) {
  const uint64_t chunk = slot.ready_for.load(std::memory_order_relaxed);
  if (hooks_.write_result) res = hooks_.write_result(chunk, slot.attempts, res);
  ++slot.attempts;
  const uint32_t wanted = pool_->chunk_size() - slot.write_from;
  if (res >= 0 && static_cast<uint32_t>(res) >= wanted) {
    if (latency_ && slot.submitted_ns != 0)
      latency_->Observe(slot.submitted_by, SteadyNowNs() - slot.submitted_ns);
    return pool_->MarkWritten(slot);
  }
  if (slot.attempts < kMaxWriteAttempts) {
    if (res == -EAGAIN || res == -EINTR) return SubmitLocked(q, slot);
    if (res > 0) {  // short write: the rest follows
      slot.written = slot.write_from + static_cast<uint32_t>(res);
      return SubmitLocked(q, slot);
    }
    if (res == -EINVAL && files_.direct_fd.valid()) {
      // O_DIRECT opened but the filesystem refuses these writes: continue buffered (bounded by
      // kMaxWriteAttempts).
      direct_.store(false, std::memory_order_relaxed);
      return SubmitLocked(q, slot);
    }
  }
  if (res == -ENOSPC && FillWhatFits(slot, chunk)) return pool_->MarkWritten(slot);
  const uint64_t offset = pool_->StartOf(chunk) + slot.write_from;
  Error error =
      res < 0 ? sys::CqeError("write at offset " + std::to_string(offset), res)
              : Error("write at offset " + std::to_string(offset) + " makes no progress", Error::Kind::kIo);
  Fail(std::move(error).Context(files_.name()), chunk);
}

// The disk is full: one large (O_DIRECT) write is refused whole, but smaller buffered writes may still fit.
// Puts as much of the chunk on the file as it takes, so the file keeps every whole record that fits (as
// tcpdump's stdio writes do), and records the progress in slot.written for the cut at Finish(). True if
// the whole chunk got written after all.
bool FileSink::FillWhatFits(ChunkSlot& slot, uint64_t chunk) {
  constexpr uint32_t kPiece = 64 * 1024;
  const uint64_t start = pool_->StartOf(chunk);
  while (slot.written < pool_->chunk_size()) {
    const uint32_t n = std::min(kPiece, pool_->chunk_size() - slot.written);
    ssize_t done = pwrite(files_.fd.get(), slot.data + slot.written, n, static_cast<off_t>(start + slot.written));
    int res = done < 0 ? -errno : static_cast<int>(done);
    if (hooks_.write_result) res = hooks_.write_result(chunk, slot.attempts, res);
    ++slot.attempts;
    if (res <= 0) return false;
    slot.written += static_cast<uint32_t>(res);
  }
  return true;
}

void FileSink::ReapLocked(QueueState& q, bool wait) {
  if (!q.ring.valid()) return;
  io_uring* ring = q.ring.get();
  io_uring_cqe* cqe = nullptr;
  while (q.inflight.load(std::memory_order_relaxed) != 0) {
    const int res = wait ? io_uring_wait_cqe(ring, &cqe) : io_uring_peek_cqe(ring, &cqe);
    if (res == -EINTR) continue;
    if (res < 0) return;  // -EAGAIN from peek: nothing completed yet
    auto* slot = static_cast<ChunkSlot*>(io_uring_cqe_get_data(cqe));
    const int written = cqe->res;  // read once
    io_uring_cqe_seen(ring, cqe);
    q.inflight.fetch_sub(1, std::memory_order_relaxed);
    CompleteLocked(q, *slot, written);
  }
}

void FileSink::ReapOwn(uint32_t queue) {
  QueueState& q = *queues_[queue];
  std::lock_guard lock(q.mu);
  ReapLocked(q, false);
}

// A worker waiting for a buffer reaps its own ring, then any other ring that is free: the completion it
// waits for may sit on the ring of a worker that is idle or gone.
void FileSink::ReapAny(uint32_t queue) {
  ReapOwn(queue);
  for (auto& q : queues_) {
    if (q->inflight.load(std::memory_order_relaxed) == 0) continue;
    std::unique_lock lock(q->mu, std::try_to_lock);
    if (lock.owns_lock()) ReapLocked(*q, false);
  }
}

bool FileSink::WaitOwn(uint32_t queue) {
  QueueState& q = *queues_[queue];
  std::lock_guard lock(q.mu);
  if (!q.ring.valid() || q.inflight.load(std::memory_order_relaxed) == 0) return false;
  __kernel_timespec timeout{.tv_sec = 0, .tv_nsec = 200'000};
  io_uring_cqe* cqe = nullptr;
  if (io_uring_wait_cqe_timeout(q.ring.get(), &cqe, &timeout) == 0) ReapLocked(q, false);
  return true;
}

void FileSink::DrainAll() {
  for (auto& q : queues_) {
    std::lock_guard lock(q->mu);
    ReapLocked(*q, true);
  }
}

void FileSink::Fail(Error error, std::optional<uint64_t> chunk) {
  // The frontier is bounded before failed_ is published: a worker that sees failed_ (acquire) also sees every
  // buffer recycled before, so it gives up only on a buffer that will never come (see AcquireChunk).
  if (pool_ != nullptr) chunk ? pool_->StopAt(*chunk) : pool_->StopHere();
  std::lock_guard lock(error_mu_);
  if (!error_) error_ = std::move(error);
  failed_.store(true, std::memory_order_release);
}

}  // namespace ringdump
