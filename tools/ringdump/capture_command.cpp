// The live capture command: config, engine, sink, signals, tcpdump's stderr lines and summary.
#include "capture_command.hpp"

#include <pcap/pcap.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "capture_config.hpp"
#include "file_sink.hpp"
#include "fleet_metrics.hpp"
#include "interface_sink.hpp"
#include "netns.hpp"
#include "ordered_sink.hpp"
#include "pcap_endpoint.hpp"
#include "pcap_device.hpp"
#include "print_options.hpp"
#include "print_sink.hpp"
#include "privileges.hpp"
#include "report.hpp"
#include "stats_reporter.hpp"
#include "stop_time.hpp"
#include "timestamp_types.hpp"
#include "ringdump/capture.hpp"
#include "rotating_sink.hpp"

namespace ringdump::cli {
namespace {

// The only globals: what the signal handlers stop and rotate (one capture per interface).
constexpr size_t kMaxInterfaces = 64;
std::atomic<Capture*> g_captures[kMaxInterfaces];
std::atomic<RotatingSink*> g_rotating{nullptr};

void OnRotateSignal(int) {
  if (RotatingSink* r = g_rotating.load()) r->RequestRotate();
}
void OnStopSignal(int) {
  for (auto& c : g_captures)
    if (Capture* capture = c.load()) capture->RequestStop();
}

void PublishCaptures(const std::vector<std::unique_ptr<Capture>>& captures) {
  for (size_t k = 0; k < kMaxInterfaces; ++k)
    g_captures[k].store(k < captures.size() ? captures[k].get() : nullptr);
}

void InstallSignalHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  struct sigaction rotate {};
  rotate.sa_handler = OnRotateSignal;
  sigemptyset(&rotate.sa_mask);
  sigaction(SIGHUP, &rotate, nullptr);
  sigaction(SIGUSR2, &rotate, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a closed pipe shows up as a write error, reported and counted
}

// Enters the namespace of --netns/--netns-pid/--container for the scope of a command that looks at devices.
Result<ScopedNetns> EnterRequestedNetns(const CliOptions& options) {
  auto path = ResolveNetns(options);
  if (!path.ok()) return std::move(path).error();
  return ScopedNetns::Enter(path.value());
}

Result<std::string> DefaultInterface() {
  char ebuf[PCAP_ERRBUF_SIZE];
  pcap_if_t* devices = nullptr;
  if (pcap_findalldevs(&devices, ebuf) < 0) return Error(ebuf);
  if (devices == nullptr) return Error("no interfaces available for capture");
  std::string name = devices->name;
  pcap_freealldevs(devices);
  return name;
}

// The libpcap DLT_ value of a file's LINKTYPE_ (they differ for raw IP: LINKTYPE_RAW 101, DLT_RAW 12), for
// pcap's names and the printer.
int DltOf(LinkType link) { return link == LinkType::kRaw ? DLT_RAW : static_cast<int>(link); }

std::string LinkTypeText(int dlt) {
  const char* name = pcap_datalink_val_to_name(dlt);
  if (name == nullptr) return "link-type " + std::to_string(dlt);
  return std::string("link-type ") + name + " (" + pcap_datalink_val_to_description(dlt) + ")";
}

// -i eth0 -i eth1 and -i eth0,eth1: every interface named, in order (the pcapng interface ids).
std::vector<std::string> InterfaceList(const CliOptions& options) {
  std::vector<std::string> list;
  for (const std::string& arg : options.interfaces) {
    size_t start = 0;
    while (start <= arg.size()) {
      const size_t comma = arg.find(',', start);
      const size_t end = comma == std::string::npos ? arg.size() : comma;
      if (end > start) list.push_back(arg.substr(start, end - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return list;
}

struct WallTime {
  int64_t sec = 0;
  uint32_t nsec = 0;
};
WallTime WallNow() {
  const int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  return {ns / 1'000'000'000, static_cast<uint32_t>(ns % 1'000'000'000)};
}

// The pcapng interface statistics blocks of a file: per capture (interface k), since the capture started.
// isb_ifrecv = packets the kernel filter accepted, isb_ifdrop = ring drops (the kernel), isb_osdrop =
// packets the writer could not write, isb_usrdeliv = packets written.
InterfaceStatsSource MakeStatsSource(std::vector<Capture*> captures, bool kernel_filter,
                                     std::shared_ptr<WallTime> start) {
  return [captures = std::move(captures), kernel_filter, start] {
    std::vector<PcapngInterfaceStats> out;
    for (size_t k = 0; k < captures.size(); ++k) {
      const QueueStats total = captures[k]->stats().Total();
      PcapngInterfaceStats s = PcapngStatsFromCapture(total, kernel_filter, start->sec, start->nsec, 0, 0,
                                                      static_cast<uint32_t>(k));
      s.os_dropped = total.sink_dropped;
      out.push_back(s);
    }
    return out;
  };
}

PcapngInterface DescribeInterface(const Capture& capture, const CaptureConfig& config) {
  PcapngInterface interface;
  interface.link_type = capture.link_type();
  interface.snaplen = capture.snaplen();
  interface.name = capture.interface_name();
  interface.filter = config.filter;
  return interface;
}

// After -Z: every file ringdump writes is created under a hidden name and renamed when complete, both in the
// -w directory, so the user needs to be able to create files there (tcpdump, which writes in place, can open
// its first file with root's rights). Says plainly who lacks which right, instead of "open .f.pcap.part:
// Permission denied" from the middle of the writer.
Status CheckUserCanWrite(const std::string& user, const std::string& path) {
  if (path == "-") return Ok();
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return Ok();  // a FIFO or device: written in place
  if (access(dir.c_str(), W_OK | X_OK) == 0) return Ok();
  return Error("-Z " + user + ": user " + user + " cannot create files in " + dir + " (" + std::strerror(errno) +
                   "); ringdump writes each file under a hidden name there and renames it when complete, so " +
                   dir + " must be writable by " + user,
               Error::Kind::kBadArgument);
}

}  // namespace

// Runs one capture per interface into `shared` (the file or file set) and waits for all: each capture is
// waited for on its own thread (its Wait() enforces its duration), and when any of them stops, all stop.
// The shared sink is finished once, after the last.
Status RunSeveral(std::vector<std::unique_ptr<Capture>>& captures, const std::vector<CaptureConfig>& configs,
                  PacketSink& shared, int64_t count, const std::function<void()>& announce) {
  SharedPacketLimit limit(count > 0 ? static_cast<uint64_t>(count) : 0);
  std::vector<std::unique_ptr<InterfaceSink>> fronts;
  uint32_t base = 0;
  for (size_t k = 0; k < captures.size(); ++k) {
    fronts.push_back(
        std::make_unique<InterfaceSink>(shared, base, static_cast<uint16_t>(k), configs[k].queues, limit));
    base += configs[k].queues;
  }
  size_t started = 0;
  Status status = Ok();
  for (; started < captures.size(); ++started) {
    status = captures[started]->Start(*fronts[started]);
    if (!status.ok()) break;
  }
  if (!status.ok())
    for (size_t k = 0; k < started; ++k) captures[k]->RequestStop();
  else
    announce();
  std::vector<Status> results(started, Ok());
  std::vector<std::thread> waiters;
  for (size_t k = 0; k < started; ++k)
    waiters.emplace_back([&, k] {
      results[k] = captures[k]->Wait();
      for (size_t j = 0; j < started; ++j) captures[j]->RequestStop();
    });
  for (auto& t : waiters) t.join();
  Status finished = shared.Finish();
  for (auto& r : results)
    if (status.ok() && !r.ok()) status = r;
  if (status.ok() && !finished.ok()) status = finished;
  return status;
}

int RunCaptureCommand(const CliOptions& options) {
  const bool writing = !options.write_file.empty();
  const bool printing = !writing || options.print_while_writing;
  std::vector<std::string> interfaces = InterfaceList(options);
  if (interfaces.empty()) {
    auto netns = EnterRequestedNetns(options);
    if (!netns.ok()) return ReportError(netns.error());
    auto found = DefaultInterface();
    if (!found.ok()) return ReportError(found.error());
    interfaces.push_back(found.value());
  }
  const bool several = interfaces.size() > 1;
  if (several) {
    if (interfaces.size() > kMaxInterfaces)
      return ReportError(
          Error("at most " + std::to_string(kMaxInterfaces) + " interfaces", Error::Kind::kBadArgument));
    if (printing)
      return ReportError(
          Error("printing packets of several interfaces is not supported: write them with -w FILE.pcapng",
                Error::Kind::kBadArgument));
    if (MakeWriterConfig(options).format != FileFormat::kPcapng)
      return ReportError(
          Error("capturing on several interfaces needs pcapng: use --pcapng or a .pcapng file name",
                Error::Kind::kBadArgument));
  }

  if (!options.stop_at.empty()) {  // the resolved moment: a time of day already past means tomorrow
    const time_t now = time(nullptr);
    auto stop = ResolveStopAt(options.stop_at, now);
    if (!stop.ok()) return ReportError(stop.error());
    std::fprintf(stderr, "ringdump: %s\n", DescribeStopTime(stop.value(), now).c_str());
  }
  std::vector<std::unique_ptr<Capture>> captures;
  std::vector<CaptureConfig> configs;
  for (const std::string& name : interfaces) {
    auto config = MakeCaptureConfig(options, name, printing);
    if (!config.ok()) return ReportError(config.error());
    if (several) config->packet_limit = 0;  // -c counts over every interface: InterfaceSink's shared limit
    if (!options.time_stamp_type.empty()) {  // -j: as tcpdump, a type the device lacks is a warning
      auto checked = CheckTimeStampType(name, options.time_stamp_type);
      if (!checked.ok()) return ReportError(checked.error());
      if (!checked.value().empty()) std::fprintf(stderr, "ringdump: %s\n", checked.value().c_str());
    }
    auto opened = Capture::Open(config.value());
    if (!opened.ok() && opened.error().kind() == Error::Kind::kNoMemory)  // the rings: the two flags that size them
      return ReportError(Error(opened.error().message() + "; use fewer --queues or a smaller -B"));
    if (!opened.ok()) return ReportError(opened.error());
    if (!options.data_link_type.empty())  // -y, as tcpdump reports it
      std::fprintf(stderr, "ringdump: data link type %s\n", pcap_datalink_val_to_name(config->dlt));
    captures.push_back(std::move(opened).value());
    configs.push_back(std::move(config).value());
  }
  Capture* const capture = captures.front().get();
  const CaptureConfig* const config = &configs.front();
  const int dlt = DltOf(capture->link_type());

  auto rotation = MakeRotationConfig(options);
  if (!rotation.ok()) return ReportError(rotation.error());

  // The sockets are open: give up root before any file is created (tcpdump -Z).
  if (!options.user.empty()) {
    Status dropped = DropPrivileges(options.user);
    if (!dropped.ok()) return ReportError(dropped.error());
    std::fprintf(stderr, "dropped privs to %s\n", options.user.c_str());
    if (writing) {
      Status can_write = CheckUserCanWrite(options.user, options.write_file);
      if (!can_write.ok()) return ReportError(can_write.error());
    }
  }

  auto start_time = std::make_shared<WallTime>(WallNow());
  std::unique_ptr<FileSink> file;
  std::unique_ptr<RotatingSink> rotating;
  std::unique_ptr<OrderedSink> ordered;
  PacketSink* output = nullptr;
  std::shared_ptr<WriteLatencyHistogram> write_latency;
  if (writing) {
    WriterConfig writer = MakeWriterConfig(options);
    if (!options.group.empty()) {
      auto gid = ResolveGroup(options.group);
      if (!gid.ok()) return ReportError(gid.error());
      writer.file_group = gid.value();
    }
    std::vector<PcapngInterface> described;
    std::vector<Capture*> raw;
    uint32_t queues = 0;
    for (size_t k = 0; k < captures.size(); ++k) {
      described.push_back(DescribeInterface(*captures[k], configs[k]));
      raw.push_back(captures[k].get());
      queues += configs[k].queues;
    }
    InterfaceStatsSource stats = writer.format == FileFormat::kPcapng
                                     ? MakeStatsSource(raw, !config->filter.empty(), start_time)
                                     : nullptr;
    write_latency = std::make_shared<WriteLatencyHistogram>(queues);  // /metrics (fleet_metrics.hpp)
    auto factory = [writer, described, queues, stats, write_latency](const std::string& path) {
      WriterConfig one = writer;
      one.path = path;
      auto made = FileSink::Create(one, described, queues, stats);
      if (made.ok()) made.value()->ObserveWriteLatency(write_latency);
      return made;
    };
    if (rotation->active()) {
      auto created = RotatingSink::Create(writer, rotation.value(), factory, [](const std::string& line) {
        std::fprintf(stderr, "ringdump: %s\n", line.c_str());
      });
      if (!created.ok()) return ReportError(created.error());
      rotating = std::move(created).value();
      output = rotating.get();
    } else {
      auto created = factory(writer.path);
      if (!created.ok()) return ReportError(created.error());
      file = std::move(created).value();
      if (!file->note().empty()) std::fprintf(stderr, "ringdump: %s\n", file->note().c_str());
      output = file.get();
    }
    // Several queues (or interfaces) into one file: merged into timestamp order first (ordered_sink.hpp).
    if (queues > 1) {
      uint32_t snaplen = 0;
      for (const auto& c : captures) snaplen = std::max(snaplen, c->snaplen());
      ordered = std::make_unique<OrderedSink>(
          *output, OrderedSinkOptionsFor(config->ring, queues, snaplen, writer.format));
      output = ordered.get();
    }
  }
  std::unique_ptr<PrintSink> printer;
  if (printing) {
    print::PrintOptions print_options = MakePrintOptions(options, dlt);
    print_options.background_names = true;  // live: a slow DNS server must not stall the capture
    printer = std::make_unique<PrintSink>(print_options, dlt, options.line_buffered, output);
  }
  // The fleet's /metrics families (after the sinks it reads, before the reporter that renders it).
  std::vector<std::pair<std::string, uint32_t>> queue_counts;
  for (size_t k = 0; k < captures.size(); ++k)
    queue_counts.emplace_back(captures[k]->interface_name(), configs[k].queues);
  FleetMetrics fleet(queue_counts, write_latency);
  if (rotating) fleet.WatchFileSet(rotating.get(), options.write_file, rotation.value());
  PacketSink& sink = fleet.Watch(printer ? static_cast<PacketSink&>(*printer) : *output);

  // tcpdump's lines; printed once every capture is started, so a packet sent after "listening on" is captured.
  auto announce = [&] {
    if (!writing && options.verbose == 0)
      std::fprintf(stderr, "ringdump: verbose output suppressed, use -v[v]... for full protocol decode\n");
    else
      std::fprintf(stderr, "ringdump: ");
    for (const auto& c : captures)
      std::fprintf(stderr, "%slistening on %s, %s, snapshot length %u bytes\n",
                   &c == &captures.front() ? "" : "ringdump: ", c->interface_name().c_str(),
                   LinkTypeText(DltOf(c->link_type())).c_str(), c->snaplen());
    std::fflush(stderr);
  };

  // Interval rows (--stats-interval/--stats-file) and the live status line on a terminal.
  std::atomic<bool> sink_finished{false};
  StatsReporter reporter(
      options,
      [&captures] {
        CaptureStats all;
        for (const auto& c : captures) {
          CaptureStats one = c->stats();
          all.queues.insert(all.queues.end(), one.queues.begin(), one.queues.end());
        }
        return all;
      },
      [&file, &rotating, &sink_finished] {
        // The file being written counts too, until the sink has finished (then all are completed).
        if (rotating) return rotating->files_completed() + (sink_finished.load() ? 0 : 1);
        return file ? uint64_t{1} : uint64_t{0};
      });
  reporter.SetMetricsRenderer([&fleet](const StatsSnapshot& now) { return fleet.Render(now); });
  if (Status reporting = reporter.Start(); !reporting.ok()) return ReportError(reporting.error());
  {  // GET /pcap: `ringdump query` over this capture's -w set (pcap_endpoint.hpp)
    PcapStore store;
    store.write_path = options.write_file;
    if (rotation->active()) {
      auto sweeper = std::make_shared<RetentionSweeper>(options.write_file, rotation.value());
      store.member = [sweeper](const std::string& name) { return sweeper->Matches(name); };
    }
    store.dlt = dlt;
    store.snaplen = capture->snaplen();
    RegisterPcapEndpoint(reporter.http(), std::move(store));
  }

  PublishCaptures(captures);
  g_rotating.store(rotating.get());
  InstallSignalHandlers();
  *start_time = WallNow();
  Status finished = Ok();
  if (!several) {
    Status started = capture->Start(sink);
    if (!started.ok()) return ReportError(started.error());
    reporter.SetCapturing(true);  // /readyz
    announce();
    finished = capture->Wait();
  } else {
    finished = RunSeveral(captures, configs, sink, options.count, [&] {
      reporter.SetCapturing(true);
      announce();
    });
  }
  sink_finished.store(true);
  reporter.Stop();
  PublishCaptures({});
  g_rotating.store(nullptr);

  CaptureStats stats;
  for (const auto& c : captures) {
    CaptureStats one = c->stats();
    stats.queues.insert(stats.queues.end(), one.queues.begin(), one.queues.end());
  }
  const uint64_t lost = (file ? file->lost_after_accept() : rotating ? rotating->lost_after_accept() : 0) +
                        (ordered ? ordered->lost_after_accept() : 0);
  if (ordered && ordered->records_out_of_order() > 0)
    std::fprintf(stderr, "ringdump: %llu packets written out of time order (a queue was later than %u ms)\n",
                 static_cast<unsigned long long>(ordered->records_out_of_order()),
                 2 * config->ring.retire_timeout_ms + 20);
  stats.queues.front().sink_dropped += lost;
  std::fflush(stdout);
  if (rotating && rotating->file_limit_reached())
    std::fprintf(stderr, "Maximum file limit reached: %lld\n", static_cast<long long>(options.file_limit));
  PrintSummary(stats, options.verbose > 0, lost);
  if (!finished.ok()) return ReportError(finished.error());
  return 0;
}

int RunDumpFilterCommand(const CliOptions& options) {
  auto expression = FilterExpression(options);
  if (!expression.ok()) return ReportError(expression.error());
  const bool optimize = !options.dont_optimize;
  const uint32_t snaplen =
      options.snaplen.value_or(0) == 0 ? 262144 : static_cast<uint32_t>(*options.snaplen);
  if (options.interfaces.empty()) {
    int dlt = DLT_EN10MB;
    if (!options.data_link_type.empty())
      dlt = pcap_datalink_name_to_val(options.data_link_type.c_str());
    else
      std::fprintf(stderr, "Warning: assuming Ethernet\n");
    auto program = CompileOfflineFilter(expression.value(), dlt, snaplen, optimize);
    if (!program.ok()) return ReportError(program.error());
    bpf_dump(program.value().get(), options.dump_filter);
    return 0;
  }
  auto netns = EnterRequestedNetns(options);
  if (!netns.ok()) return ReportError(netns.error());
  auto device = PcapDevice::Open(
      options.interfaces.front(), snaplen,
      options.data_link_type.empty() ? -1 : pcap_datalink_name_to_val(options.data_link_type.c_str()));
  if (!device.ok()) return ReportError(device.error());
  auto text = device->DumpFilter(expression.value(), optimize, options.dump_filter);
  if (!text.ok()) return ReportError(text.error());
  std::fputs(text.value().c_str(), stdout);
  return 0;
}

int RunListInterfacesCommand(const CliOptions& options) {
  auto netns = EnterRequestedNetns(options);
  if (!netns.ok()) return ReportError(netns.error());
  auto list = PcapDevice::ListDevices();
  if (!list.ok()) return ReportError(list.error());
  std::fputs(list.value().c_str(), stdout);
  return 0;
}

int RunListDataLinkTypesCommand(const CliOptions& options) {
  auto netns = EnterRequestedNetns(options);
  if (!netns.ok()) return ReportError(netns.error());
  std::string interface = options.interfaces.empty() ? "" : options.interfaces.front();
  if (interface.empty()) {
    auto found = DefaultInterface();
    if (!found.ok()) return ReportError(found.error());
    interface = found.value();
  }
  char ebuf[PCAP_ERRBUF_SIZE];
  pcap_t* p = pcap_create(interface.c_str(), ebuf);
  if (p == nullptr || pcap_activate(p) < 0) {
    auto device = PcapDevice::Open(interface, 0);  // for tcpdump's message
    if (p) pcap_close(p);
    return ReportError(device.ok() ? Error("cannot open " + interface) : device.error());
  }
  int* dlts = nullptr;
  int n = pcap_list_datalinks(p, &dlts);
  std::printf("Data link types for %s (use option -y to set):\n", interface.c_str());
  for (int i = 0; i < n; ++i) {
    const char* name = pcap_datalink_val_to_name(dlts[i]);
    if (name != nullptr)
      std::printf("  %s (%s)\n", name, pcap_datalink_val_to_description(dlts[i]));
    else
      std::printf("  DLT %d\n", dlts[i]);
  }
  pcap_free_datalinks(dlts);
  pcap_close(p);
  return 0;
}

}  // namespace ringdump::cli
