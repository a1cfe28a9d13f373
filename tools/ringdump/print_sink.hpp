// A sink that prints each packet as tcpdump does (live capture without -w), optionally in front of another
// sink (--print with -w). One queue only: the printer keeps per-stream state and lines must stay in order.
#pragma once

#include <cstdio>
#include <memory>

#include "printer.hpp"
#include "ringdump/sink.hpp"

namespace ringdump::cli {

class PrintSink final : public PacketSink {
 public:
  PrintSink(const print::PrintOptions& options, int dlt, bool line_buffered, PacketSink* next)
      : printer_(options, dlt, stdout), line_buffered_(line_buffered), next_(next) {}

  void Consume(uint32_t queue, PacketBatch batch, QueueStats& stats) override {
    for (const PacketView& p : batch) printer_.Print(p);
    if (line_buffered_) std::fflush(stdout);
    if (next_ != nullptr) {
      next_->Consume(queue, batch, stats);
    } else {
      stats.packets_written += batch.size();
    }
  }
  void Idle(uint32_t queue, QueueStats& stats) override {
    std::fflush(stdout);
    if (next_ != nullptr) next_->Idle(queue, stats);
  }
  Status Finish() override {
    std::fflush(stdout);
    return next_ != nullptr ? next_->Finish() : Ok();
  }
  bool WantsStop() const override { return next_ != nullptr && next_->WantsStop(); }

 private:
  print::Printer printer_;
  bool line_buffered_;
  PacketSink* next_;
};

}  // namespace ringdump::cli
