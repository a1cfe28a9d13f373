// ChunkPool: allocation of the chunk buffers and the in-order recycling frontier (see chunk_pool.hpp).
#include "chunk_pool.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "sys/errors.hpp"

namespace ringdump {

ChunkPool::ChunkPool(uint32_t chunk_size, uint32_t count)
    : chunk_size_(chunk_size), count_(count), slots_(std::make_unique<ChunkSlot[]>(count)) {}

ChunkPool::~ChunkPool() { std::free(memory_); }

Result<std::unique_ptr<ChunkPool>> ChunkPool::Create(uint32_t chunk_size, uint32_t count) {
  if (chunk_size == 0 || chunk_size % 4096 != 0 || chunk_size > (1u << 30))
    return Error("write chunk size must be a multiple of 4096 bytes, at most 1 GiB",
                 Error::Kind::kBadArgument);
  if (count == 0) return Error("at least one write chunk is needed", Error::Kind::kBadArgument);
  std::unique_ptr<ChunkPool> pool(new ChunkPool(chunk_size, count));
  const size_t bytes = size_t{chunk_size} * count;
  void* memory = nullptr;
  if (int err = posix_memalign(&memory, 4096, bytes); err != 0)
    return sys::ErrnoError("write buffers (" + std::to_string(bytes) + " bytes)", err);
  pool->memory_ = static_cast<uint8_t*>(memory);
  std::memset(memory, 0, bytes);  // fault every page in now, not in the hot path
  for (uint32_t i = 0; i < count; ++i) {
    pool->slots_[i].data = pool->memory_ + size_t{i} * chunk_size;
    pool->slots_[i].index = i;
    pool->Recycle(pool->slots_[i], i);
  }
  return pool;
}

std::vector<iovec> ChunkPool::Buffers() const {
  std::vector<iovec> buffers(count_);
  for (uint32_t i = 0; i < count_; ++i) buffers[i] = {slots_[i].data, chunk_size_};
  return buffers;
}

void ChunkPool::Recycle(ChunkSlot& slot, uint64_t next_chunk) {
  slot.filled.store(0, std::memory_order_relaxed);
  slot.records.store(0, std::memory_order_relaxed);
  slot.head_record.store(StartOf(next_chunk), std::memory_order_relaxed);
  slot.first_record.store(StartOf(next_chunk), std::memory_order_relaxed);
  slot.written = slot.write_from = slot.attempts = 0;
  slot.done = false;
  // Publishes the reset state together with the permission to copy.
  slot.ready_for.store(next_chunk, std::memory_order_release);
}

void ChunkPool::MarkWritten(ChunkSlot& slot) {
  std::lock_guard lock(mu_);
  slot.done = true;
  while (frontier_.chunk < limit_) {
    ChunkSlot& next = SlotOf(frontier_.chunk);
    if (!next.done || next.ready_for.load(std::memory_order_relaxed) != frontier_.chunk) break;
    frontier_.records_before += next.records.load(std::memory_order_relaxed);
    ++frontier_.chunk;
    Recycle(next, frontier_.chunk - 1 + count_);
  }
}

void ChunkPool::StopAt(uint64_t chunk) {
  std::lock_guard lock(mu_);
  limit_ = std::min(limit_, std::max(chunk, frontier_.chunk));
}

void ChunkPool::StopHere() {
  std::lock_guard lock(mu_);
  limit_ = std::min(limit_, frontier_.chunk);
}

ChunkPool::Frontier ChunkPool::frontier() const {
  std::lock_guard lock(mu_);
  return frontier_;
}

}  // namespace ringdump
