// A sink that prints each packet as tcpdump does (live capture without -w), optionally in front of another
// sink (--print with -w). One queue only: the printer keeps per-stream state and lines must stay in order.
// When standard output cannot be written (`ringdump -l | head -1` once head has exited: SIGPIPE is ignored,
// so the write fails with EPIPE), the sink stops printing and asks the capture to stop; Finish() then
// returns tcpdump's "Unable to write output: Broken pipe" (Error::Kind::kOutput, exit status 14).
#pragma once

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "printer.hpp"
#include "ringdump/sink.hpp"

namespace ringdump::cli {

// The errno of a failed write to `out`, 0 while every write has succeeded. stdio keeps only a flag: the
// errno is the thread's, read right after the call that flushed (EIO if it was lost).
inline int StreamWriteError(FILE* out) {
  if (!std::ferror(out)) return 0;
  return errno != 0 ? errno : EIO;
}

// tcpdump's message for it (print.c, ndo_printf).
inline Error OutputError(int err) {
  return Error(std::string("Unable to write output: ") + std::strerror(err), Error::Kind::kOutput);
}

class PrintSink final : public PacketSink {
 public:
  PrintSink(const print::PrintOptions& options, int dlt, bool line_buffered, PacketSink* next)
      : printer_(options, dlt, stdout), line_buffered_(line_buffered), next_(next) {}

  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override {
    if (output_errno_.load(std::memory_order_relaxed) == 0) {
      errno = 0;
      for (const PacketView& p : batch) printer_.Print(p);
      if (line_buffered_) std::fflush(stdout);
      CheckOutput();
    }
    if (next_ != nullptr) {
      next_->Consume(queue, batch, stats);
    } else {
      stats.packets_written += batch.size();
    }
  }
  void QueueActive(uint32_t queue, bool active) override {
    if (next_ != nullptr) next_->QueueActive(queue, active);
  }
  void Idle(uint32_t queue, QueueStats& stats) override {
    if (output_errno_.load(std::memory_order_relaxed) == 0) {
      errno = 0;
      std::fflush(stdout);
      CheckOutput();
    }
    if (next_ != nullptr) next_->Idle(queue, stats);
  }
  Status Finish() override {
    if (output_errno_.load(std::memory_order_relaxed) == 0) {
      errno = 0;
      std::fflush(stdout);
      CheckOutput();
    }
    Status next = next_ != nullptr ? next_->Finish() : Ok();
    if (const int err = output_errno_.load(std::memory_order_relaxed); err != 0) return OutputError(err);
    return next;
  }
  bool WantsStop() const override {
    return output_errno_.load(std::memory_order_relaxed) != 0 || (next_ != nullptr && next_->WantsStop());
  }

 private:
  void CheckOutput() {
    if (const int err = StreamWriteError(stdout); err != 0) output_errno_.store(err, std::memory_order_relaxed);
  }

  print::Printer printer_;
  bool line_buffered_;
  PacketSink* next_;
  std::atomic<int> output_errno_{0};  // set by the worker, read by WantsStop() from the capture's threads
};

}  // namespace ringdump::cli
