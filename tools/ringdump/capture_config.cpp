// Defaults and their reasons are in docs/architecture.md ("Ring and buffer sizes").
#include "capture_config.hpp"

#include <grp.h>
#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cpu_topology.hpp"
#include "netns.hpp"
#include "rotation.hpp"
#include "stop_time.hpp"

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

Result<DecapConfig> ParseDecap(const std::string& spec) {
  auto bad = [&](const std::string& why) {
    return Error("invalid --decap " + spec + ": " + why + " (vxlan[@PORT][:VNI,...], geneve[@PORT][:VNI,...], gre[:KEY,...])",
                 Error::Kind::kBadArgument);
  };
  DecapConfig decap;
  std::string name = spec.substr(0, spec.find_first_of("@:"));
  if (name == "vxlan") decap.tunnel = DecapConfig::Tunnel::kVxlan;
  else if (name == "geneve") decap.tunnel = DecapConfig::Tunnel::kGeneve;
  else if (name == "gre" || name == "erspan") decap.tunnel = DecapConfig::Tunnel::kGre;
  else return bad("unknown tunnel '" + name + "'");
  std::string rest = spec.substr(name.size());
  auto number = [](const std::string& text, uint64_t max, uint64_t* out) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
    *out = std::stoull(text);
    return *out <= max;
  };
  if (!rest.empty() && rest[0] == '@') {
    if (decap.tunnel == DecapConfig::Tunnel::kGre) return bad("GRE has no UDP port");
    size_t end = rest.find(':');
    uint64_t port = 0;
    if (!number(rest.substr(1, end == std::string::npos ? std::string::npos : end - 1), 65535, &port) || port == 0)
      return bad("bad port");
    decap.udp_port = static_cast<uint16_t>(port);
    rest = end == std::string::npos ? "" : rest.substr(end);
  }
  if (!rest.empty()) {
    if (rest[0] != ':' || rest.size() == 1) return bad("expected ':' and a list of ids");
    std::stringstream list(rest.substr(1));
    std::string item;
    const uint64_t max = decap.tunnel == DecapConfig::Tunnel::kGre ? 0xffffffffull : 0xffffffull;
    while (std::getline(list, item, ',')) {
      uint64_t id = 0;
      if (!number(item, max, &id)) return bad("bad id '" + item + "'");
      decap.ids.push_back(static_cast<uint32_t>(id));
    }
  }
  return decap;
}

Result<RotationConfig> MakeRotationConfig(const CliOptions& options) {
  RotationConfig r;
  r.seconds = options.rotate_seconds;
  r.file_bytes = static_cast<uint64_t>(options.rotate_file_bytes);
  r.file_limit = static_cast<uint32_t>(options.file_limit);
  r.align = options.align;
  r.post_rotate_command = options.post_rotate_command;
  if (!options.max_files.empty()) {
    char* end = nullptr;
    unsigned long n = std::strtoul(options.max_files.c_str(), &end, 10);
    if (*end != '\0' || n == 0 || n > 100000000)
      return Error("invalid --max-files " + options.max_files + " (a count of files, at least 1)");
    r.max_files = static_cast<uint32_t>(n);
  }
  if (!options.max_age.empty()) {
    auto age = ParseAge(options.max_age);
    if (!age.ok()) return Error("--max-age: " + age.error().message());
    r.max_age_seconds = age.value();
  }
  if (!options.max_total_size.empty()) {
    auto size = ParseSize(options.max_total_size);
    if (!size.ok()) return Error("--max-total-size: " + size.error().message());
    r.max_total_bytes = size.value();
  }
  if ((r.retention() || r.align || !r.post_rotate_command.empty()) && !r.active())
    return Error("--max-files, --max-age, --max-total-size, --align and -z need -G or -C", Error::Kind::kBadArgument);
  if (r.align && r.seconds == 0) return Error("--align needs -G", Error::Kind::kBadArgument);
  if (r.active() && options.write_file.empty()) return Error("-G and -C need -w", Error::Kind::kBadArgument);
  if (r.active() && options.write_file == "-")
    return Error("-G and -C need a file name with -w, not standard output", Error::Kind::kBadArgument);
  return r;
}

Result<double> SecondsUntil(const std::string& when, time_t now) {
  auto stop = ResolveStopAt(when, now);
  if (!stop.ok()) return std::move(stop).error();
  return static_cast<double>(stop->at - now);
}

Result<int> ResolveGroup(const std::string& name) {
  if (struct group* g = getgrnam(name.c_str())) return static_cast<int>(g->gr_gid);
  char* end = nullptr;
  long gid = std::strtol(name.c_str(), &end, 10);
  if (!name.empty() && *end == '\0' && gid >= 0) return static_cast<int>(gid);
  return Error("unknown group '" + name + "' (--group)", Error::Kind::kBadArgument);
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
  if (!options.decap.empty()) {
    auto decap = ParseDecap(options.decap);
    if (!decap.ok()) return std::move(decap).error();
    config.decap = decap.value();
    config.decap.keep_unmatched = options.decap_keep;
    config.decap.outer_filter = options.outer_filter;
  } else if (options.decap_keep || !options.outer_filter.empty()) {
    return Error("--decap-keep and --outer-filter go with --decap", Error::Kind::kBadArgument);
  }
  config.snaplen = options.snaplen.value_or(0) == 0 ? 262144 : static_cast<uint32_t>(*options.snaplen);
  if (!options.data_link_type.empty()) config.dlt = pcap_datalink_name_to_val(options.data_link_type.c_str());
  config.promiscuous = !options.no_promiscuous;
  if (options.direction == "in") config.direction = CaptureDirection::kIn;
  if (options.direction == "out") config.direction = CaptureDirection::kOut;
  config.packet_limit = static_cast<uint64_t>(options.count);
  config.duration_seconds = options.duration_seconds;
  // Writing files: the workers need only the file sink's calls. Printing may resolve names (sockets): not then.
  config.confine_workers = !printing;
  if (!options.stop_at.empty()) {
    auto until = SecondsUntil(options.stop_at, time(nullptr));
    if (!until.ok()) return std::move(until).error();
    if (config.duration_seconds == 0 || until.value() < config.duration_seconds) config.duration_seconds = until.value();
  }

  auto fanout = ParseFanout(options.fanout);
  if (!fanout.ok()) return std::move(fanout).error();
  config.fanout = fanout.value();
  if (!options.cpus.empty()) {
    auto cpus = ParseCpuList(options.cpus);
    if (!cpus.ok()) return std::move(cpus).error();
    config.cpus = cpus.value();
  }
  // Printing keeps packets in order: one queue unless asked. Writing: up to one queue per core, but only
  // the first starts; the others join when its worker's load passes --queue-load (a second ring and worker
  // cost more than they save at the rates one core handles: docs/performance.md, 2026-12-04).
  config.queues = options.queues != 0 ? options.queues : (printing ? 1 : AvailableCores());
  config.grow_queues = options.queues == 0 && !printing && options.fanout.empty();
  config.grow_busy_percent = options.queue_load;

  RingConfig ring;
  ring.block_size = printing ? kPrintBlockSize : kWriteBlockSize;
  ring.block_count = printing ? kPrintBlockCount : kWriteBlockCount;
  ring.retire_timeout_ms = (printing || options.packet_buffered) ? 10 : 100;
  if (options.immediate_mode) ring.retire_timeout_ms = 1;
  if (options.buffer_kib) ring = RingFromBufferSize(static_cast<uint64_t>(*options.buffer_kib), ring);
  if (options.block_kib != 0) ring.block_size = options.block_kib * 1024;
  if (options.block_timeout_ms != 0) ring.retire_timeout_ms = options.block_timeout_ms;
  config.ring = ring;
  // The first queue keeps the full ring (config.first_ring unset). An 8 MiB one would halve the setup CPU
  // (the kernel zeroes the ring: ~3 ms per MiB on this guest when the host must back the pages) but lost up
  // to 2 % of 1518-byte frames at the generator's maximum where 64 MiB lost none (docs/performance.md,
  // 2026-12-04).
  return config;
}

WriterConfig MakeWriterConfig(const CliOptions& options) {
  WriterConfig writer;
  writer.path = options.write_file;
  writer.precision = options.precision;
  writer.packet_buffered = options.packet_buffered;
  writer.direct_io = !options.no_direct_io;
  writer.format = options.pcapng ? FileFormat::kPcapng : FileFormat::kPcap;
  writer.write_index = true;  // .NAME.ridx beside every finished file, for ringdump query
  // "-w x.pcapng" selects pcapng by its extension, as dumpcap and Wireshark name their files.
  const std::string ext = ".pcapng";
  if (writer.path.size() > ext.size() && writer.path.compare(writer.path.size() - ext.size(), ext.size(), ext) == 0)
    writer.format = FileFormat::kPcapng;
  return writer;
}

}  // namespace ringdump::cli
