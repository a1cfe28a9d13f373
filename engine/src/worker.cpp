// Worker::Run is the hot path of the engine: block -> walk -> sink -> release, once per block.
#include "worker.hpp"

#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <ctime>

#include "cpu_topology.hpp"
#include "seccomp_filter.hpp"

namespace ringdump {
namespace {

int64_t NowNs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

int64_t ThreadCpuNs() {  // a system call (the vDSO does not serve thread clocks): once per window only
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

uint32_t* FutexWord(std::atomic<uint32_t>& word) {
  static_assert(sizeof(std::atomic<uint32_t>) == sizeof(uint32_t) && std::atomic<uint32_t>::is_always_lock_free);
  return reinterpret_cast<uint32_t*>(&word);
}

}  // namespace

void WorkerControl::Raise(uint32_t event) {
  events_.fetch_or(event, std::memory_order_acq_rel);
  syscall(SYS_futex, FutexWord(events_), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

uint32_t WorkerControl::WaitForEvents(uint32_t mask, int64_t deadline_ns) const {
  while (true) {
    const uint32_t seen = events_.load(std::memory_order_acquire);
    if ((seen & mask) != 0) return seen;
    timespec left{};
    timespec* timeout = nullptr;
    if (deadline_ns != 0) {
      const int64_t ns = deadline_ns - NowNs();
      if (ns <= 0) return 0;
      left.tv_sec = ns / 1000000000;
      left.tv_nsec = ns % 1000000000;
      timeout = &left;
    }
    // Returns at once if the word changed since it was read (EAGAIN), on a wake, a signal or the timeout:
    // look again. An event raised elsewhere (a bit outside `mask`) only costs one more look.
    syscall(SYS_futex, FutexWord(events_), FUTEX_WAIT_PRIVATE, seen, timeout, nullptr, 0);
  }
}

size_t WorkerControl::Claim(size_t wanted) {
  if (unlimited_) return wanted;
  uint64_t left = budget_.load(std::memory_order_acquire);
  while (left > 0) {
    uint64_t take = left < wanted ? left : wanted;
    if (budget_.compare_exchange_weak(left, left - take, std::memory_order_acq_rel)) return take;
  }
  return 0;
}

void PublishedStats::Store(const QueueStats& s) {
  packets_seen.store(s.packets_seen, std::memory_order_relaxed);
  packets_written.store(s.packets_written, std::memory_order_relaxed);
  bytes_written.store(s.bytes_written, std::memory_order_relaxed);
  sink_dropped.store(s.sink_dropped, std::memory_order_relaxed);
  filtered_out.store(s.filtered_out, std::memory_order_relaxed);
  writer_stalls.store(s.writer_stalls, std::memory_order_relaxed);
  blocks.store(s.blocks, std::memory_order_relaxed);
  decap_unmatched.store(s.decap_unmatched, std::memory_order_relaxed);
  after_end.store(s.after_end, std::memory_order_relaxed);
}

void PublishedStats::Load(QueueStats& s) const {
  s.packets_seen = packets_seen.load(std::memory_order_relaxed);
  s.packets_written = packets_written.load(std::memory_order_relaxed);
  s.bytes_written = bytes_written.load(std::memory_order_relaxed);
  s.sink_dropped = sink_dropped.load(std::memory_order_relaxed);
  s.filtered_out = filtered_out.load(std::memory_order_relaxed);
  s.writer_stalls = writer_stalls.load(std::memory_order_relaxed);
  s.blocks = blocks.load(std::memory_order_relaxed);
  s.decap_unmatched = decap_unmatched.load(std::memory_order_relaxed);
  s.after_end = after_end.load(std::memory_order_relaxed);
}

Worker::Worker(const WorkerSetup& setup, PacketSocket& socket, PacketSink& sink, WorkerControl& control)
    : setup_(setup),
      socket_(socket),
      sink_(sink),
      control_(control),
      views_(MaxPacketsPerBlock(socket.ring().block_size())) {}

void Worker::Run() {
  // Named so that per-thread CPU (/proc/PID/task/*/comm, top -H, the e2e benchmark) tells the queues apart.
  char name[16];
  std::snprintf(name, sizeof(name), "rd-queue-%u", setup_.queue);
  (void)pthread_setname_np(pthread_self(), name);
  if (setup_.cpu >= 0) (void)PinCurrentThread(setup_.cpu);  // best effort: an unpinned worker still works
  // After pinning (hwloc reads /sys): from here on this thread may only make the calls the hot path needs.
  if (setup_.confine_syscalls) (void)ConfineWorkerThread();
  RxRing& ring = socket_.ring();
  watching_ = setup_.grow_busy_percent >= 0;
  window_start_ns_ = watching_ ? NowNs() : 0;
  window_cpu_ns_ = watching_ ? ThreadCpuNs() : 0;
  while (true) {
    BlockLease block = ring.TryAcquireNext();
    if (!block) {
      // Leave when the budget is spent, or when stopping and the ring has been drained.
      if (control_.budget_exhausted()) break;
      int64_t deadline = control_.drain_deadline_ns();
      if (deadline != 0 && NowNs() >= deadline) break;
      WaitForBlock();
      continue;
    }
    BlockWalkResult walk = WalkBlock(block.data(), block.size(), setup_.walk, views_);
    size_t count = walk.count;
    if (setup_.decap.tunnel != DecapConfig::Tunnel::kNone) count = DecapsulateAll(count);
    if (setup_.userspace_filter) count = FilterInUserSpace(count);
    count = control_.Claim(count);
    if (count > 0) sink_.Consume(setup_.queue, PacketBatch(views_.data(), count), local_);
    block.reset();  // the packets are copied: give the block back to the kernel now
    local_.packets_seen += walk.count;
    local_.blocks += 1;
    published_.Store(local_);
    if (control_.budget_exhausted() || sink_.WantsStop()) control_.RequestStop();
    if (watching_) WatchLoad();
  }
  sink_.Idle(setup_.queue, local_);
  published_.Store(local_);
}

// The load is this thread's CPU time over a quarter second of wall time (one clock read per ring block, the
// thread's CPU clock once per window). CPU time, not the time spent on blocks: waiting for the disk (writer
// back-pressure) is not load a second worker could take. Nor the ring's backlog: that comes from a stall
// (the machine busy), and making the second ring then cost more packets than it saved: the kernel zeroes
// its 64 MiB next to this worker (docs/performance.md, 2026-12-04).
void Worker::WatchLoad() {
  constexpr int64_t kWindowNs = 250'000'000;
  const int64_t now = NowNs();
  const int64_t elapsed = now - window_start_ns_;
  if (elapsed < kWindowNs) return;
  const int64_t cpu = ThreadCpuNs();
  if ((cpu - window_cpu_ns_) * 100 >= elapsed * setup_.grow_busy_percent) {
    control_.RequestGrow();
    watching_ = false;
    return;
  }
  window_start_ns_ = now;
  window_cpu_ns_ = cpu;
}

// Keeps, in place, the views the user-space filter accepts; counts the others.
size_t Worker::FilterInUserSpace(size_t count) {
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    const PacketView& v = views_[i];
    pcap_pkthdr hdr{};
    hdr.caplen = v.caplen;
    hdr.len = v.len;
    if (pcap_offline_filter(setup_.userspace_filter.get(), &hdr, v.data) != 0)
      views_[kept++] = v;
    else
      ++local_.filtered_out;
  }
  return kept;
}

// Narrows each view to its inner frame, in place; counts (or keeps, with --decap-keep) the others.
size_t Worker::DecapsulateAll(size_t count) {
  size_t kept = 0;
  for (size_t i = 0; i < count; ++i) {
    PacketView v = views_[i];
    if (Decapsulate(setup_.decap, setup_.outer_link, v) == DecapOutcome::kInner || setup_.keep_unmatched)
      views_[kept++] = v;
    else
      ++local_.decap_unmatched;
  }
  return kept;
}

void Worker::WaitForBlock() {
  pollfd pfd{socket_.fd(), POLLIN | POLLERR, 0};
  int timeout = control_.drain_deadline_ns() != 0 ? 10 : setup_.poll_timeout_ms;
  (void)poll(&pfd, 1, timeout);
  sink_.Idle(setup_.queue, local_);
  published_.Store(local_);
  // A stop the sink decided on another thread (the closer reached -W on a quiet link, a write failed in a
  // completion reaped here) is seen within one poll timeout, traffic or not.
  if (sink_.WantsStop()) control_.RequestStop();
}

}  // namespace ringdump
