// Configuration of a capture: one value object, validated once (Validate()), then read-only.
// Sub-structs go by const& to the part of the engine that owns them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

enum class FanoutMode { kHash, kLoadBalance, kCpu, kQueueMapping, kRollover, kRandom };
enum class CaptureDirection { kInOut, kIn, kOut };  // tcpdump -Q
enum class TimestampPrecision { kMicro, kNano };
enum class FileFormat { kPcap, kPcapng };

// The TPACKET_V3 receive ring of one queue. Defaults and their reasons: docs/architecture.md.
struct RingConfig {
  uint32_t block_size = 4u << 20;  // bytes per block: large, so a block holds thousands of packets
  uint32_t block_count = 16;       // blocks per queue (ring bytes = size * count per queue)
  uint32_t retire_timeout_ms = 100;  // the kernel hands over a partly filled block after this long
};

// Where and how records are written.
struct WriterConfig {
  std::string path;                 // output file; "-" is standard output
  FileFormat format = FileFormat::kPcap;
  TimestampPrecision precision = TimestampPrecision::kMicro;
  bool direct_io = true;            // O_DIRECT where the filesystem allows it
  bool packet_buffered = false;     // -U: every block is written out as soon as it is copied
  uint32_t chunk_size = 4u << 20;   // bytes per write buffer (a multiple of 4096)
  // Write buffers per output file (the pool, touched once). 0: automatic, max(8, 2 x queues + 2), so each
  // queue can fill one chunk while its previous one is being written, however many queues share the file.
  uint32_t chunk_count = 0;
  uint32_t file_mode = 0600;        // packets are sensitive
  int file_group = -1;              // >= 0: files belong to this group and are 0640 (readers in a group)
  // .NAME.ridx beside each finished regular file: its time range and seek table, for `ringdump query`
  // (engine/src/capture_index.hpp). Built per batch while writing; not for streams, -U or a failed file.
  bool write_index = false;
};

// Stripping the tunnel of mirrored traffic: the inner Ethernet frame is written, with the outer timestamp.
struct DecapConfig {
  enum class Tunnel { kNone, kVxlan, kGeneve, kGre };
  Tunnel tunnel = Tunnel::kNone;
  uint16_t udp_port = 0;              // 0: the tunnel's standard port (VXLAN 4789, GENEVE 6081)
  std::vector<uint32_t> ids;          // VNIs (VXLAN, GENEVE) or GRE keys / ERSPAN session ids; empty: any
  bool keep_unmatched = false;        // write frames that are not this tunnel as they came (else count them)
  std::string outer_filter;           // extra kernel filter on the outer packet (tcpdump syntax)
};

// When to switch output files, how to name them, what to delete (tcpdump's -G/-C/-W, plus retention).
struct RotationConfig {
  int64_t seconds = 0;             // -G: a new file every this many seconds (the name is strftime'd)
  uint64_t file_bytes = 0;         // -C: a new file once this many bytes are written (tcpdump: "> C")
  uint32_t file_limit = 0;         // -W: with -C a ring of this many files; with -G alone, stop after this many
  bool align = false;              // --align: -G intervals start at multiples of -G on the local wall clock
  uint32_t max_files = 0;          // --max-files: keep at most this many files of the set
  int64_t max_age_seconds = 0;     // --max-age: delete files of the set older than this
  uint64_t max_total_bytes = 0;    // --max-total-size: keep the set under this many bytes
  std::string post_rotate_command; // -z: run `COMMAND FILE` after each file is complete (no shell)
  bool active() const { return seconds > 0 || file_bytes > 0; }
  bool retention() const { return max_files > 0 || max_age_seconds > 0 || max_total_bytes > 0; }
};

struct CaptureConfig {
  std::string interface;            // name ("eth0", "any") or index ("3")
  std::string netns;                // network namespace to capture in (/run/netns/NAME, /proc/PID/ns/net);
                                    // empty: the caller's. Only the sockets live there; files stay where asked.
  std::string filter;               // tcpdump filter expression; empty captures everything
  int dlt = -1;                     // data link type to ask the device for (tcpdump -y); -1: the default
  uint32_t snaplen = 262144;        // bytes kept per packet (tcpdump's default; 0 means the default)
  bool promiscuous = true;          // tcpdump -p turns it off
  CaptureDirection direction = CaptureDirection::kInOut;
  uint32_t queues = 1;              // sockets in one fanout group, a worker thread each
  // Start with queue 0 only; the others (their rings, workers) start when it needs them: its worker was
  // busy for more than grow_busy_percent of a quarter second.
  // The queues then share the traffic by flow (fanout_program.hpp), whatever `fanout` says.
  bool grow_queues = false;
  uint32_t grow_busy_percent = 50;
  // With grow_queues, queue 0's ring (block_count 0, the default: `ring`). The kernel zeroes every ring page
  // when the ring is made, at a cost that grows with its size; a smaller first ring saves that but must
  // carry every burst until the others have started (the CLI keeps the full ring).
  RingConfig first_ring{0, 0, 0};
  FanoutMode fanout = FanoutMode::kHash;
  std::vector<int> cpus;            // cores for the workers; empty: chosen with hwloc
  RingConfig ring;
  DecapConfig decap;                // with a tunnel, `filter` applies to the inner frame (in user space)
  uint64_t packet_limit = 0;        // stop after exactly this many packets were delivered (0: no limit)
  double duration_seconds = 0;      // stop after this long (0: no limit)
  bool confine_workers = false;     // seccomp: worker threads may only make the system calls a file sink needs

  // Checks ranges and combinations; the message names the offending field.
  Status Validate() const;
};

}  // namespace ringdump
