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
  uint32_t chunk_count = 8;         // write buffers per output file (the pool, touched once)
  uint32_t file_mode = 0600;        // packets are sensitive
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

struct CaptureConfig {
  std::string interface;            // name ("eth0", "any") or index ("3")
  std::string netns;                // network namespace to capture in (/run/netns/NAME, /proc/PID/ns/net);
                                    // empty: the caller's. Only the sockets live there; files stay where asked.
  std::string filter;               // tcpdump filter expression; empty captures everything
  uint32_t snaplen = 262144;        // bytes kept per packet (tcpdump's default; 0 means the default)
  bool promiscuous = true;          // tcpdump -p turns it off
  CaptureDirection direction = CaptureDirection::kInOut;
  uint32_t queues = 1;              // sockets in one fanout group, a worker thread each
  FanoutMode fanout = FanoutMode::kHash;
  std::vector<int> cpus;            // cores for the workers; empty: chosen with hwloc
  RingConfig ring;
  DecapConfig decap;                // with a tunnel, `filter` applies to the inner frame (in user space)
  uint64_t packet_limit = 0;        // stop after exactly this many packets were delivered (0: no limit)
  double duration_seconds = 0;      // stop after this long (0: no limit)

  // Checks ranges and combinations; the message names the offending field.
  Status Validate() const;
};

}  // namespace ringdump
