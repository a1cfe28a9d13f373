// Counters of a running capture, readable at any time from any thread (Capture::stats()).
// Kernel counters are accumulated: PACKET_STATISTICS resets on every read, the engine adds them up.
#pragma once

#include <cstdint>
#include <vector>

namespace ringdump {

struct QueueStats {
  // Kernel side (PACKET_STATISTICS, accumulated). tp_packets already includes tp_drops, so
  // kernel_received counts every packet that passed the filter, whether it reached the ring or not.
  uint64_t kernel_received = 0;  // packets that passed the in-kernel filter ("received by filter")
  uint64_t kernel_dropped = 0;   // of those, dropped because the ring was full
  uint64_t freeze_count = 0;     // times the TPACKET_V3 queue froze (tp_freeze_q_cnt)
  // User side.
  uint64_t packets_seen = 0;     // packets walked out of ring blocks
  uint64_t packets_written = 0;  // packets handed to the sink and accepted (written or in flight)
  uint64_t bytes_written = 0;    // record bytes (headers included) handed to the sink
  uint64_t sink_dropped = 0;     // packets the sink could not write (I/O error, disk full)
  uint64_t filtered_out = 0;     // packets rejected by a user-space filter (when the kernel cannot filter)
  uint64_t writer_stalls = 0;    // times a worker waited for a free write buffer (back-pressure)
  uint64_t blocks = 0;           // ring blocks processed
  uint64_t decap_unmatched = 0;  // packets that were not the configured tunnel (--decap)
  // Packets that arrived after the output had ended by design (the -W file limit was reached) and were
  // therefore not written: not a loss, never counted in sink_dropped.
  uint64_t after_end = 0;
};

struct CaptureStats {
  std::vector<QueueStats> queues;
  QueueStats Total() const {
    QueueStats t;
    for (const auto& q : queues) {
      t.kernel_received += q.kernel_received;
      t.kernel_dropped += q.kernel_dropped;
      t.freeze_count += q.freeze_count;
      t.packets_seen += q.packets_seen;
      t.packets_written += q.packets_written;
      t.bytes_written += q.bytes_written;
      t.sink_dropped += q.sink_dropped;
      t.filtered_out += q.filtered_out;
      t.writer_stalls += q.writer_stalls;
      t.blocks += q.blocks;
      t.decap_unmatched += q.decap_unmatched;
      t.after_end += q.after_end;
    }
    return t;
  }
};

}  // namespace ringdump
