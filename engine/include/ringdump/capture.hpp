// The capture engine: AF_PACKET sockets with TPACKET_V3 rings in one fanout group, a pinned worker thread
// per queue, the filter run in the kernel. Typical use (docs/embedding.md):
//
//   ringdump::CaptureConfig config;
//   config.interface = "eth0";
//   auto capture = ringdump::Capture::Open(config);          // sockets, rings, filter: may fail
//   ringdump::CallbackSink sink([](uint32_t q, ringdump::PacketBatch b) { /* look at b */ });
//   capture.value()->Start(sink);
//   ...  capture.value()->stats();
//   capture.value()->Stop();                                  // joins the workers, finishes the sink
#pragma once

#include <memory>
#include <string>

#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"
#include "ringdump/result.hpp"
#include "ringdump/sink.hpp"
#include "ringdump/stats.hpp"

namespace ringdump {

class Capture {
 public:
  // Opens and configures every socket and ring; no packet is delivered before Start().
  static Result<std::unique_ptr<Capture>> Open(const CaptureConfig& config);
  virtual ~Capture() = default;

  // What every record will look like: the sink's file header needs these.
  virtual LinkType link_type() const = 0;
  virtual uint32_t snaplen() const = 0;
  virtual const std::string& interface_name() const = 0;

  // Starts the workers. `sink` must outlive the capture (or the Stop() call).
  virtual Status Start(PacketSink& sink) = 0;

  // Asks the workers to stop; safe from any thread and from a signal handler.
  virtual void RequestStop() = 0;
  // True once the capture wants to stop (limit reached, duration over, sink asked, RequestStop()).
  virtual bool StopRequested() const = 0;
  // Blocks until the workers have stopped (by themselves or after RequestStop()), then finishes the sink.
  // Returns the sink's or a worker's error, if any.
  virtual Status Wait() = 0;
  // RequestStop() + Wait().
  Status Stop() {
    RequestStop();
    return Wait();
  }

  // Counters of every queue; callable at any time from any thread. Kernel counters are refreshed on each call.
  virtual CaptureStats stats() = 0;
};

}  // namespace ringdump
