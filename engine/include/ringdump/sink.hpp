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

  // Whether queue `queue` has a running worker. Every queue is active unless the engine says otherwise: a
  // queue kept in standby (the default capture starts its second queue only under load) is announced inactive
  // before any packet is handed over, and active right before its worker starts. Sinks that merge queues by
  // time must not wait for an inactive one. A sink that wraps another passes it on.
  virtual void QueueActive(uint32_t /*queue*/, bool /*active*/) {}
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
