// One worker thread per queue: waits for ring blocks, walks them, hands the packets to the sink, gives the
// blocks back. Its counters are published after every block for Capture::stats() to read from other threads.
#pragma once

#include <pcap/pcap.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "block_walk.hpp"
#include "decap.hpp"
#include "packet_socket.hpp"
#include "ringdump/sink.hpp"
#include "ringdump/stats.hpp"

namespace ringdump {

// What the workers of one capture share: the stop protocol and the exact packet budget (-c).
class WorkerControl {
 public:
  explicit WorkerControl(uint64_t packet_limit) : unlimited_(packet_limit == 0), budget_(packet_limit) {}

  // What the capture's waiting thread is woken for (bits of one futex word, so no wake is missed).
  static constexpr uint32_t kStopEvent = 1;
  static constexpr uint32_t kGrowEvent = 2;  // a worker asks for the standby queues (grow_queues)

  // Async-signal-safe (an atomic or and a futex wake): SIGINT handlers call it.
  void RequestStop() { Raise(kStopEvent); }
  void RequestGrow() { Raise(kGrowEvent); }
  bool stop_requested() const { return (events_.load(std::memory_order_acquire) & kStopEvent) != 0; }
  // Sleeps until RequestStop() or until deadline_ns (CLOCK_MONOTONIC; 0: none), without waking up in
  // between. Returns stop_requested().
  bool WaitForStop(int64_t deadline_ns) const { return (WaitForEvents(kStopEvent, deadline_ns) & kStopEvent) != 0; }
  // Sleeps until one of the events in `mask` was raised or until deadline_ns; returns the raised events
  // (0: the deadline passed). Events stay raised.
  uint32_t WaitForEvents(uint32_t mask, int64_t deadline_ns) const;
  // Set by the capture once the kernel queues nothing more: workers drain what the ring holds, then leave.
  void BeginDrain(int64_t deadline_ns) {
    drain_deadline_ns_.store(deadline_ns, std::memory_order_release);
  }
  int64_t drain_deadline_ns() const { return drain_deadline_ns_.load(std::memory_order_acquire); }

  // Takes up to `wanted` packets from the budget; returns how many may be delivered.
  size_t Claim(size_t wanted);
  bool budget_exhausted() const { return !unlimited_ && budget_.load(std::memory_order_acquire) == 0; }

 private:
  void Raise(uint32_t event);
  mutable std::atomic<uint32_t> events_{0};  // kStopEvent | kGrowEvent; the futex word WaitForEvents sleeps on
  std::atomic<int64_t> drain_deadline_ns_{0};
  const bool unlimited_;
  std::atomic<uint64_t> budget_;
};

// Counters one worker publishes (relaxed atomics: each is exact on its own; a snapshot is not a transaction).
struct PublishedStats {
  std::atomic<uint64_t> packets_seen{0}, packets_written{0}, bytes_written{0}, sink_dropped{0},
      filtered_out{0}, writer_stalls{0}, blocks{0}, decap_unmatched{0}, after_end{0};
  void Store(const QueueStats& s);
  void Load(QueueStats& s) const;
};

struct WorkerSetup {
  uint32_t queue = 0;
  int cpu = -1;                         // -1: not pinned
  BlockWalkOptions walk;
  std::shared_ptr<bpf_program> userspace_filter;  // set when the kernel cannot run the filter (or --decap)
  DecapSpec decap;                      // tunnel to strip before the user-space filter
  LinkType outer_link = LinkType::kEthernet;
  bool keep_unmatched = false;
  int poll_timeout_ms = 100;
  bool confine_syscalls = false;        // seccomp allow-list on this thread (engine/src/seccomp_filter.hpp)
  // Standby queues wait for this worker's load (CaptureConfig::grow_queues): it asks for them
  // (WorkerControl::RequestGrow) once its CPU time was more than grow_busy_percent of a window (a quarter
  // second). -1: it does not watch.
  int grow_busy_percent = -1;
};

class Worker {
 public:
  Worker(const WorkerSetup& setup, PacketSocket& socket, PacketSink& sink, WorkerControl& control);

  // The thread body; returns when the capture stops.
  void Run();
  void Snapshot(QueueStats& out) const { published_.Load(out); }

 private:
  size_t FilterInUserSpace(size_t count);
  size_t DecapsulateAll(size_t count);
  void WaitForBlock();
  void WatchLoad();

  WorkerSetup setup_;
  PacketSocket& socket_;
  PacketSink& sink_;
  WorkerControl& control_;
  std::vector<PacketView> views_;  // sized once for the fullest block
  QueueStats local_;
  PublishedStats published_;
  bool watching_ = false;     // setup_.grow_busy_percent >= 0 and the request not sent yet
  int64_t window_start_ns_ = 0;  // CLOCK_MONOTONIC
  int64_t window_cpu_ns_ = 0;    // this thread's CPU clock at window_start_ns_
};

}  // namespace ringdump
