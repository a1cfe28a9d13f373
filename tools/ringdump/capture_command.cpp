// The live capture command: config, engine, sink, signals, tcpdump's stderr lines and summary.
#include "capture_command.hpp"

#include <pcap/pcap.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

#include "capture_config.hpp"
#include "file_sink.hpp"
#include "netns.hpp"
#include "pcap_device.hpp"
#include "print_options.hpp"
#include "print_sink.hpp"
#include "privileges.hpp"
#include "report.hpp"
#include "rotating_sink.hpp"
#include "ringdump/capture.hpp"

namespace ringdump::cli {
namespace {

// The only globals: what the signal handlers stop and rotate.
std::atomic<Capture*> g_capture{nullptr};
std::atomic<RotatingSink*> g_rotating{nullptr};

void OnRotateSignal(int) {
  if (RotatingSink* r = g_rotating.load()) r->RequestRotate();
}
void OnStopSignal(int) {
  if (Capture* c = g_capture.load()) c->RequestStop();
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

std::string LinkTypeText(int dlt) {
  const char* name = pcap_datalink_val_to_name(dlt);
  if (name == nullptr) return "link-type " + std::to_string(dlt);
  return std::string("link-type ") + name + " (" + pcap_datalink_val_to_description(dlt) + ")";
}

}  // namespace

int RunCaptureCommand(const CliOptions& options) {
  const bool writing = !options.write_file.empty();
  const bool printing = !writing || options.print_while_writing;
  std::string interface;
  if (!options.interfaces.empty()) {
    interface = options.interfaces.front();
  } else {
    auto netns = EnterRequestedNetns(options);
    if (!netns.ok()) return ReportError(netns.error());
    auto found = DefaultInterface();
    if (!found.ok()) return ReportError(found.error());
    interface = found.value();
  }
  if (options.interfaces.size() > 1) return ReportError(Error("capturing on several interfaces (-i ... -i ...) is not supported yet"));

  auto config = MakeCaptureConfig(options, interface, printing);
  if (!config.ok()) return ReportError(config.error());
  auto opened = Capture::Open(config.value());
  if (!opened.ok()) return ReportError(opened.error());
  std::unique_ptr<Capture> capture = std::move(opened).value();
  const int dlt = static_cast<int>(capture->link_type());

  auto rotation = MakeRotationConfig(options);
  if (!rotation.ok()) return ReportError(rotation.error());

  // The sockets are open: give up root before any file is created (tcpdump -Z).
  if (!options.user.empty()) {
    Status dropped = DropPrivileges(options.user);
    if (!dropped.ok()) return ReportError(dropped.error());
    std::fprintf(stderr, "dropped privs to %s\n", options.user.c_str());
  }

  std::unique_ptr<FileSink> file;
  std::unique_ptr<RotatingSink> rotating;
  PacketSink* output = nullptr;
  if (writing) {
    const WriterConfig writer = MakeWriterConfig(options);
    const LinkType link = capture->link_type();
    const uint32_t snaplen = capture->snaplen(), queues = config->queues;
    auto factory = [writer, link, snaplen, queues](const std::string& path) {
      WriterConfig one = writer;
      one.path = path;
      return FileSink::Create(one, link, snaplen, queues);
    };
    if (rotation->active()) {
      auto created = RotatingSink::Create(writer, rotation.value(), factory,
                                          [](const std::string& line) { std::fprintf(stderr, "ringdump: %s\n", line.c_str()); });
      if (!created.ok()) return ReportError(created.error());
      rotating = std::move(created).value();
      output = rotating.get();
    } else {
      auto created = factory(writer.path);
      if (!created.ok()) return ReportError(created.error());
      file = std::move(created).value();
      output = file.get();
    }
  }
  std::unique_ptr<PrintSink> printer;
  if (printing) printer = std::make_unique<PrintSink>(MakePrintOptions(options, dlt), dlt, options.line_buffered, output);
  PacketSink& sink = printer ? static_cast<PacketSink&>(*printer) : *output;

  if (!writing && options.verbose == 0)
    std::fprintf(stderr, "ringdump: verbose output suppressed, use -v[v]... for full protocol decode\n");
  else
    std::fprintf(stderr, "ringdump: ");
  std::fprintf(stderr, "listening on %s, %s, snapshot length %u bytes\n", capture->interface_name().c_str(),
               LinkTypeText(dlt).c_str(), capture->snaplen());
  std::fflush(stderr);

  g_capture.store(capture.get());
  g_rotating.store(rotating.get());
  InstallSignalHandlers();
  Status started = capture->Start(sink);
  if (!started.ok()) return ReportError(started.error());
  Status finished = capture->Wait();
  g_capture.store(nullptr);
  g_rotating.store(nullptr);

  CaptureStats stats = capture->stats();
  const uint64_t lost = file ? file->lost_after_accept() : rotating ? rotating->lost_after_accept() : 0;
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
  const uint32_t snaplen = options.snaplen.value_or(0) == 0 ? 262144 : static_cast<uint32_t>(*options.snaplen);
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
  auto device = PcapDevice::Open(options.interfaces.front(), snaplen,
                                 options.data_link_type.empty()
                                     ? -1
                                     : pcap_datalink_name_to_val(options.data_link_type.c_str()));
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
