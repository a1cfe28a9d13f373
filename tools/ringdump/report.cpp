#include "report.hpp"

#include <cinttypes>
#include <cstdio>

namespace ringdump::cli {
namespace {

const char* Plural(uint64_t n) { return n == 1 ? "" : "s"; }

}  // namespace

int ReportError(const Error& error) {
  std::fflush(stdout);
  std::fprintf(stderr, "ringdump: %s\n", error.message().c_str());
  return error.kind() == Error::Kind::kOutput ? kExitOutputFailed : 1;
}

void PrintSummary(const CaptureStats& stats, bool per_queue, uint64_t lost_after_accept) {
  QueueStats t = stats.Total();
  // "captured" as tcpdump counts it: packets handed to the output (and, here, not lost by a failed write).
  uint64_t captured = t.packets_written - std::min(t.packets_written, lost_after_accept);
  std::fprintf(stderr, "%" PRIu64 " packet%s captured\n", captured, Plural(captured));
  std::fprintf(stderr, "%" PRIu64 " packet%s received by filter\n", t.kernel_received, Plural(t.kernel_received));
  std::fprintf(stderr, "%" PRIu64 " packet%s dropped by kernel\n", t.kernel_dropped, Plural(t.kernel_dropped));
  if (t.sink_dropped != 0)
    std::fprintf(stderr, "%" PRIu64 " packet%s dropped by the writer\n", t.sink_dropped, Plural(t.sink_dropped));
  if (t.decap_unmatched != 0)
    std::fprintf(stderr, "%" PRIu64 " packet%s not of the --decap tunnel\n", t.decap_unmatched, Plural(t.decap_unmatched));
  if (!per_queue) return;
  std::fprintf(stderr, "%-6s %12s %12s %10s %12s %14s %10s %8s\n", "queue", "received", "kernel-drop", "freezes",
               "written", "bytes", "w-dropped", "stalls");
  for (size_t q = 0; q < stats.queues.size(); ++q) {
    const QueueStats& s = stats.queues[q];
    std::fprintf(stderr, "%-6zu %12" PRIu64 " %12" PRIu64 " %10" PRIu64 " %12" PRIu64 " %14" PRIu64 " %10" PRIu64
                 " %8" PRIu64 "\n",
                 q, s.kernel_received, s.kernel_dropped, s.freeze_count, s.packets_written, s.bytes_written,
                 s.sink_dropped, s.writer_stalls);
  }
}

}  // namespace ringdump::cli
