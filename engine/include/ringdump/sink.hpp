// Where a capture's packets go. Workers call Consume() with the packets of one ring block; the block is
// returned to the kernel right after Consume() returns, so a sink copies what it keeps.
// Files (FileSink, file_sink.hpp) are one sink, an embedding program's callback (CallbackSink) another.
#pragma once

#include <cstdint>
#include <functional>

#include "ringdump/packet.hpp"
#include "ringdump/result.hpp"
#include "ringdump/stats.hpp"

namespace ringdump {

class PacketSink {
 public:
  virtual ~PacketSink() = default;

  // Called by the worker of queue `queue` (0-based) only; distinct queues call concurrently.
  // The sink adds what it did to `stats` (packets_written, bytes_written, sink_dropped, writer_stalls).
  virtual void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) = 0;

  // Called by the worker of `queue` when it has had nothing to do for a while (poll timeout): a chance
  // to reap completions and honour flush timeouts.
  virtual void Idle(uint32_t /*queue*/, QueueStats& /*stats*/) {}

  // Called once, after every worker has stopped: finish in-flight work, make the output complete.
  virtual Status Finish() { return Ok(); }

  // A sink asks the capture to stop (count reached, fatal write error) by returning true.
  virtual bool WantsStop() const { return false; }
};

// Hands each batch to a function: the embedding API's zero-copy path.
using BatchCallback = std::function<void(uint32_t queue, PacketBatch batch)>;

class CallbackSink final : public PacketSink {
 public:
  explicit CallbackSink(BatchCallback callback) : callback_(std::move(callback)) {}
  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override {
    callback_(queue, batch);
    stats.packets_written += batch.size();
  }

 private:
  BatchCallback callback_;
};

}  // namespace ringdump
