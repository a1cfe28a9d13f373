// FileSink's per-queue state, shared by the files that implement FileSink (not part of its interface).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "file_sink.hpp"
#include "sys/uring_queue.hpp"

namespace ringdump {

struct FileSink::QueueState {
  // Guards the ring and the write progress of the chunks submitted on it. Its worker takes it to submit
  // and reap (uncontended); another worker that waits for a buffer may try_lock it to reap on its behalf.
  std::mutex mu;
  sys::UringQueue ring;  // not valid: io_uring unavailable, chunks are written with pwrite(2) at once
  std::atomic<uint32_t> inflight{0};
  std::unique_ptr<uint8_t[]> stream_buffer;  // ordered path: records of one Consume(), chunk_size bytes
  // One record encoded whole, when it must be split across chunks or is larger than stream_buffer. Sized for
  // the snaplen at Create; grown only for a packet longer than the snaplen (which the engine never hands).
  std::vector<uint8_t> scratch;
};

}  // namespace ringdump
