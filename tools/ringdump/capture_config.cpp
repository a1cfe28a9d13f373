// Defaults and their reasons are in docs/architecture.md ("Ring and buffer sizes").
#include "capture_config.hpp"

#include <fstream>
#include <sstream>

#include "cpu_topology.hpp"
#include "netns.hpp"

namespace ringdump::cli {
namespace {

constexpr uint32_t kWriteBlockSize = 4u << 20;   // 4 MiB blocks: thousands of packets per wake-up
constexpr uint32_t kWriteBlockCount = 16;        // 64 MiB per queue: ~50 ms of 10 Gbit/s
constexpr uint32_t kPrintBlockSize = 256u << 10;  // printing is slow anyway; small blocks hand over sooner
constexpr uint32_t kPrintBlockCount = 16;

Result<FanoutMode> ParseFanout(const std::string& text) {
  if (text.empty() || text == "hash") return FanoutMode::kHash;
  if (text == "lb") return FanoutMode::kLoadBalance;
  if (text == "cpu") return FanoutMode::kCpu;
  if (text == "qm") return FanoutMode::kQueueMapping;
  if (text == "rollover") return FanoutMode::kRollover;
  if (text == "random") return FanoutMode::kRandom;
  return Error("unknown fanout mode '" + text + "' (--fanout: hash, lb, cpu, qm, rollover or random)");
}

// -B KiB is the ring size of each queue, as tcpdump's is its one buffer: blocks of at most the default size,
// at least 4 of them.
RingConfig RingFromBufferSize(uint64_t kib, RingConfig ring) {
  uint64_t bytes = kib * 1024;
  uint32_t block = ring.block_size;
  while (block > 65536 && uint64_t{block} * 4 > bytes) block /= 2;
  ring.block_size = block;
  ring.block_count = static_cast<uint32_t>(std::max<uint64_t>(bytes / block, 4));
  return ring;
}

}  // namespace

Result<std::string> FilterExpression(const CliOptions& options) {
  if (options.filter_file.empty()) return options.filter;
  std::ifstream in(options.filter_file);
  if (!in) return Error("can't open " + options.filter_file + ": No such file or directory");
  std::stringstream text;
  text << in.rdbuf();
  std::string expression = text.str();
  // tcpdump reads the whole file; comments are not part of the syntax. Newlines are spaces to libpcap.
  return expression;
}

Result<std::string> ResolveNetns(const CliOptions& options) {
  if (!options.netns.empty()) return options.netns;
  if (options.netns_pid != 0) return NetnsPathOfPid(options.netns_pid);
  if (!options.container.empty()) return NetnsPathOfContainer(options.container);
  return std::string();
}

Result<CaptureConfig> MakeCaptureConfig(const CliOptions& options, const std::string& interface, bool printing) {
  CaptureConfig config;
  config.interface = interface;
  auto netns = ResolveNetns(options);
  if (!netns.ok()) return std::move(netns).error();
  config.netns = netns.value();
  auto filter = FilterExpression(options);
  if (!filter.ok()) return std::move(filter).error();
  config.filter = filter.value();
  config.snaplen = options.snaplen.value_or(0) == 0 ? 262144 : static_cast<uint32_t>(*options.snaplen);
  config.promiscuous = !options.no_promiscuous;
  if (options.direction == "in") config.direction = CaptureDirection::kIn;
  if (options.direction == "out") config.direction = CaptureDirection::kOut;
  config.packet_limit = static_cast<uint64_t>(options.count);
  config.duration_seconds = options.duration_seconds;

  auto fanout = ParseFanout(options.fanout);
  if (!fanout.ok()) return std::move(fanout).error();
  config.fanout = fanout.value();
  if (!options.cpus.empty()) {
    auto cpus = ParseCpuList(options.cpus);
    if (!cpus.ok()) return std::move(cpus).error();
    config.cpus = cpus.value();
  }
  // Printing keeps packets in order: one queue unless asked. Writing: one queue per core.
  config.queues = options.queues != 0 ? options.queues : (printing ? 1 : AvailableCores());

  RingConfig ring;
  ring.block_size = printing ? kPrintBlockSize : kWriteBlockSize;
  ring.block_count = printing ? kPrintBlockCount : kWriteBlockCount;
  ring.retire_timeout_ms = (printing || options.packet_buffered) ? 10 : 100;
  if (options.immediate_mode) ring.retire_timeout_ms = 1;
  if (options.buffer_kib) ring = RingFromBufferSize(static_cast<uint64_t>(*options.buffer_kib), ring);
  if (options.block_kib != 0) ring.block_size = options.block_kib * 1024;
  if (options.block_timeout_ms != 0) ring.retire_timeout_ms = options.block_timeout_ms;
  config.ring = ring;
  return config;
}

WriterConfig MakeWriterConfig(const CliOptions& options) {
  WriterConfig writer;
  writer.path = options.write_file;
  writer.precision = options.precision;
  writer.packet_buffered = options.packet_buffered;
  writer.direct_io = !options.no_direct_io;
  writer.format = options.pcapng ? FileFormat::kPcapng : FileFormat::kPcap;
  return writer;
}

}  // namespace ringdump::cli
