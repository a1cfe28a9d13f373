// The engine: builds the queues (socket + ring + worker) of a capture from a CaptureConfig, in the order that
// keeps packets from being queued unfiltered or twice, runs the workers, stops them without losing what the
// rings hold, and adds up the counters.
#include "ringdump/capture.hpp"

#include <net/if.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "block_walk.hpp"
#include "cpu_topology.hpp"
#include "decap.hpp"
#include "fanout_program.hpp"
#include "link_type.hpp"
#include "netns.hpp"
#include "packet_socket.hpp"
#include "pcap_device.hpp"
#include "pcap_live_capture.hpp"
#include "ring_memory.hpp"
#include "worker.hpp"

namespace ringdump {
namespace {

int64_t MonotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

class CaptureImpl final : public Capture {
 public:
  static Result<std::unique_ptr<Capture>> Build(const CaptureConfig& config);
  ~CaptureImpl() override {
    if (!threads_.empty()) (void)Stop();
  }

  LinkType link_type() const override { return link_type_; }
  uint32_t snaplen() const override { return snaplen_; }
  const std::string& interface_name() const override { return device_name_; }
  Status Start(PacketSink& sink) override;
  void RequestStop() override { control_.RequestStop(); }
  bool StopRequested() const override { return control_.stop_requested(); }
  Status Wait() override;
  CaptureStats stats() override;

 private:
  explicit CaptureImpl(const CaptureConfig& config) : config_(config), control_(config.packet_limit) {}
  Status OpenQueues(const PcapDevice& device);
  Status SetUpFilters(const PcapDevice& device);
  Status SwapInFilter(PacketSocket& socket);
  void StartWorker(uint32_t queue);
  Status Grow();
  void RefreshKernelCounters();

  CaptureConfig config_;
  std::string device_name_;
  LinkType link_type_ = LinkType::kEthernet;
  uint32_t snaplen_ = 0;
  DeviceFilter filter_;
  LinkType outer_link_type_ = LinkType::kEthernet;  // what the sockets see (differs from link_type_ with --decap)
  std::vector<uint32_t> decap_ids_;                  // sorted, for DecapSpec
  DecapSpec decap_;
  std::vector<sock_filter> fanout_program_;          // --decap: the inner-flow fanout (fanout_program.hpp)
  BlockWalkOptions walk_;
  std::vector<int> cpus_;
  std::vector<PacketSocket> sockets_;
  // Reserved for every queue at Start(), so a queue started late never moves them: stats() reads the
  // first active_ workers from other threads.
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::atomic<uint32_t> active_{0};   // queues with a worker (all but the standby ones of grow_queues)
  std::atomic<bool> running_{false};  // between Start() and the workers' join (threads_ is the Wait() thread's)
  int ifindex_ = 0;
  uint16_t group_ = 0;
  bool growing_ = false;  // config_.grow_queues with more than one queue
  PacketSink* sink_ = nullptr;
  WorkerControl control_;
  int64_t started_ns_ = 0;
  Status grow_status_ = Ok();  // why the standby queues did not start, if so (not fatal; not reported yet)

  std::mutex counters_mutex_;  // kernel counters reset on read: one reader at a time accumulates them
  std::vector<KernelCounters> kernel_;
};

Result<std::unique_ptr<Capture>> CaptureImpl::Build(const CaptureConfig& config) {
  RINGDUMP_TRY(config.Validate(), "capture configuration");
  std::unique_ptr<CaptureImpl> capture(new CaptureImpl(config));
  // The device, the filter and the sockets belong to the target namespace; nothing else does.
  auto netns = ScopedNetns::Enter(config.netns);
  if (!netns.ok()) return std::move(netns).error();
  auto device = PcapDevice::Open(config.interface, config.snaplen, config.dlt);
  if (!device.ok()) return std::move(device).error();
  capture->device_name_ = device->name();
  capture->link_type_ = LinkTypeFromDlt(device->dlt());
  capture->snaplen_ = device->snaplen();
  RINGDUMP_TRY(capture->SetUpFilters(device.value()), capture->device_name_);
  RINGDUMP_TRY(capture->OpenQueues(device.value()), capture->device_name_);
  return std::unique_ptr<Capture>(std::move(capture));
}

// Without --decap the expression runs in the kernel (libpcap's program). With it, the kernel selects the tunnel's
// packets (and --outer-filter), and the expression runs in user space on the inner Ethernet frame.
Status CaptureImpl::SetUpFilters(const PcapDevice& device) {
  outer_link_type_ = link_type_;
  const DecapConfig& decap = config_.decap;
  if (decap.tunnel == DecapConfig::Tunnel::kNone) {
    auto filter = device.CompileFilter(config_.filter, /*optimize=*/true);
    if (!filter.ok()) return std::move(filter).error();
    filter_ = std::move(filter).value();
    return Ok();
  }
  if (decap.keep_unmatched && outer_link_type_ != LinkType::kEthernet)
    return Error("--decap-keep needs an Ethernet device (the file holds Ethernet frames)", Error::Kind::kBadArgument);
  auto outer = device.CompileFilter(OuterFilterExpression(decap), /*optimize=*/true);
  if (!outer.ok()) return std::move(outer).error().Context("--outer-filter");
  filter_ = std::move(outer).value();
  filter_.userspace_program.reset();
  if (filter_.needs_userspace) return Error("the outer filter cannot run in the kernel on this device");
  if (!config_.filter.empty()) {
    auto inner = CompileOfflineFilter(config_.filter, DLT_EN10MB, snaplen_, /*optimize=*/true);
    if (!inner.ok()) return std::move(inner).error();
    filter_.userspace_program = inner.value();
  }
  decap_ids_ = decap.ids;
  std::sort(decap_ids_.begin(), decap_ids_.end());
  decap_.tunnel = decap.tunnel;
  decap_.udp_port = decap.udp_port != 0 ? decap.udp_port : DefaultTunnelPort(decap.tunnel);
  decap_.ids = decap_ids_.data();
  decap_.ids_count = decap_ids_.size();
  link_type_ = LinkType::kEthernet;  // the records are the inner frames
  return Ok();
}

Status CaptureImpl::OpenQueues(const PcapDevice& device) {
  const bool any = device_name_ == "any";
  const bool cooked = any || outer_link_type_ == LinkType::kLinuxSll || outer_link_type_ == LinkType::kLinuxSll2;
  int ifindex = 0;
  if (!any) {
    ifindex = static_cast<int>(if_nametoindex(device_name_.c_str()));
    if (ifindex == 0) return Error("No such device exists", Error::Kind::kNoSuchDevice);
  }
  ifindex_ = ifindex;
  growing_ = config_.grow_queues && config_.queues > 1;
  (void)device;
  walk_.link_type = outer_link_type_;
  walk_.cooked = cooked;
  walk_.snaplen = snaplen_;
  walk_.direction = config_.direction;
  walk_.loopback_ifindex = static_cast<int>(if_nametoindex("lo"));
  if (decap_.tunnel != DecapConfig::Tunnel::kNone) fanout_program_ = InnerFlowFanoutProgram(decap_.tunnel, decap_.udp_port);
  cpus_ = config_.cpus.empty() ? ChooseWorkerCpus(config_.queues, device_name_) : config_.cpus;

  // Every ring is mapped in full at once: refuse what the machine cannot hold before making the first.
  if (Status fits = CheckRingMemory(config_.queues, config_.ring, AvailableMemoryBytes()); !fits.ok()) return fits;
  uint16_t group = 0;
  for (uint32_t q = 0; q < config_.queues; ++q) {
    const std::string where = "queue " + std::to_string(q);
    auto socket = PacketSocket::Create(cooked);
    if (!socket.ok()) return std::move(socket).error();
    PacketSocket& s = socket.value();
    if (growing_ && q > 0) {
      // A standby queue: the socket only (it needs CAP_NET_RAW, which -Z may drop); ring and bind in Grow().
      sockets_.push_back(std::move(s));
      continue;
    }
    const bool first = growing_ && config_.first_ring.block_count != 0;
    if (Status ring = s.SetupRing(first ? config_.first_ring : config_.ring, kFrameHeadroom); !ring.ok()) {
      if (ring.error().kind() == Error::Kind::kNoMemory)
        return RingAllocationError(q, config_.queues, config_.ring, ring.error());
      return std::move(ring).error().Context(where);
    }
    RINGDUMP_TRY(s.AttachDropAll(), where);  // until Start(): nothing is queued, nothing counted
    if (config_.direction == CaptureDirection::kIn) RINGDUMP_TRY(s.IgnoreOutgoing(), where);
    RINGDUMP_TRY(s.Bind(ifindex), where);
    if (growing_) {
      auto joined = s.JoinSteeredFanout(0, /*new_group=*/true, config_.queues);  // no program yet: all to this queue
      if (!joined.ok()) return std::move(joined).error().Context(where);
      group = joined.value();
    } else if (config_.queues > 1) {
      // --decap with hash fanout: queues by the inner flow, both directions together (fanout_program.hpp).
      const bool inner = decap_.tunnel != DecapConfig::Tunnel::kNone && config_.fanout == FanoutMode::kHash;
      auto joined = inner ? s.JoinFanoutProgram(group, fanout_program_, /*new_group=*/q == 0, config_.queues)
                          : s.JoinFanout(group, config_.fanout, /*new_group=*/q == 0, config_.queues);
      if (!joined.ok()) return std::move(joined).error().Context(where);
      group = joined.value();
    }
    if (q == 0 && config_.promiscuous && !any) RINGDUMP_TRY(s.EnablePromiscuous(ifindex), where);
    sockets_.push_back(std::move(s));
  }
  group_ = group;
  kernel_.resize(sockets_.size());
  return Ok();
}

Status CaptureImpl::SwapInFilter(PacketSocket& socket) {
  if (filter_.kernel_program.empty()) return socket.DetachFilter();
  return socket.AttachFilter(filter_.kernel_program);
}

void CaptureImpl::StartWorker(uint32_t q) {
  WorkerSetup setup;
  setup.queue = q;
  setup.cpu = cpus_.empty() ? -1 : cpus_[q % cpus_.size()];
  setup.walk = walk_;
  setup.userspace_filter = filter_.userspace_program;
  setup.decap = decap_;
  setup.outer_link = outer_link_type_;
  setup.keep_unmatched = config_.decap.keep_unmatched;
  setup.confine_syscalls = config_.confine_workers;
  setup.poll_timeout_ms = static_cast<int>(std::min<uint32_t>(config_.ring.retire_timeout_ms, 100));
  if (growing_ && q == 0) setup.grow_busy_percent = static_cast<int>(config_.grow_busy_percent);
  workers_.push_back(std::make_unique<Worker>(setup, sockets_[q], *sink_, control_));
  threads_.emplace_back([worker = workers_.back().get()] { worker->Run(); });
  active_.store(q + 1, std::memory_order_release);
}

// The standby queues join while queue 0 takes every packet (the group has no program): each gets its ring,
// binds with the drop-all filter (so, for the moment it is outside the group, it queues nothing), joins, gets
// the real filter and its worker. Only then does the program spread the flows over all of them: no packet
// reaches a socket that is not ready, none is seen by two. Called by the thread in Wait(), never by a worker.
Status CaptureImpl::Grow() {
  for (uint32_t q = active_.load(std::memory_order_relaxed); q < sockets_.size(); ++q) {
    const std::string where = "queue " + std::to_string(q);
    PacketSocket& s = sockets_[q];
    RINGDUMP_TRY(s.SetupRing(config_.ring, kFrameHeadroom), where);
    RINGDUMP_TRY(s.AttachDropAll(), where);
    if (config_.direction == CaptureDirection::kIn) RINGDUMP_TRY(s.IgnoreOutgoing(), where);
    RINGDUMP_TRY(s.Bind(ifindex_), where);
    auto joined = s.JoinSteeredFanout(group_, /*new_group=*/false, config_.queues);
    if (!joined.ok()) return std::move(joined).error().Context(where);
    RINGDUMP_TRY(SwapInFilter(s), where);
    sink_->QueueActive(q, true);
    StartWorker(q);
  }
  // --decap: by the inner connection (fanout_program.hpp), as a capture with its queues from the start.
  const std::vector<sock_filter> spread =
      decap_.tunnel != DecapConfig::Tunnel::kNone ? fanout_program_ : FlowSpreadProgram();
  return sockets_[0].SetFanoutProgram(spread);
}

Status CaptureImpl::Start(PacketSink& sink) {
  if (!threads_.empty()) return Error("capture already started");
  sink_ = &sink;
  const uint32_t starting = growing_ ? 1 : static_cast<uint32_t>(sockets_.size());
  // Every socket that starts is in the fanout group now: swap the drop-all filter for the real one.
  for (uint32_t q = 0; q < starting; ++q) RINGDUMP_TRY(SwapInFilter(sockets_[q]), device_name_);
  workers_.reserve(sockets_.size());
  threads_.reserve(sockets_.size());
  started_ns_ = MonotonicNs();
  for (uint32_t q = starting; q < sockets_.size(); ++q) sink.QueueActive(q, false);  // standby: no worker yet
  for (uint32_t q = 0; q < starting; ++q) StartWorker(q);
  running_.store(true, std::memory_order_release);
  return Ok();
}

Status CaptureImpl::Wait() {
  if (threads_.empty()) return Ok();
  // Asleep until a stop (signal, -c, the writer, RequestStop) or the end of --duration: no periodic wakeups.
  const int64_t duration_ns = static_cast<int64_t>(config_.duration_seconds * 1e9);
  const int64_t deadline = duration_ns > 0 ? started_ns_ + duration_ns : 0;
  // With standby queues, also woken once when queue 0 asks for them.
  uint32_t mask = WorkerControl::kStopEvent | (growing_ ? WorkerControl::kGrowEvent : 0);
  while (true) {
    const uint32_t events = control_.WaitForEvents(mask, deadline);
    if (events == 0) control_.RequestStop();  // --duration is over
    if (events == 0 || (events & WorkerControl::kStopEvent) != 0) break;
    mask = WorkerControl::kStopEvent;
    // A queue that cannot start leaves the capture as it was (queue 0 takes every packet): not fatal.
    grow_status_ = Grow();
  }
  // Stop the kernel from queueing more, then let the workers drain what the rings hold: a partly filled block
  // is handed over by the kernel at the next retire timeout.
  RefreshKernelCounters();
  for (auto& s : sockets_) (void)s.AttachDropAll();
  control_.BeginDrain(MonotonicNs() + int64_t{config_.ring.retire_timeout_ms} * 2'000'000 + 20'000'000);
  for (auto& t : threads_) t.join();
  threads_.clear();
  running_.store(false, std::memory_order_release);
  RefreshKernelCounters();
  return sink_->Finish();
}

void CaptureImpl::RefreshKernelCounters() {
  std::lock_guard lock(counters_mutex_);
  for (size_t q = 0; q < sockets_.size(); ++q) {
    auto read = sockets_[q].ReadStatistics();
    if (!read.ok()) continue;
    kernel_[q].packets += read->packets;
    kernel_[q].drops += read->drops;
    kernel_[q].freezes += read->freezes;
  }
}

CaptureStats CaptureImpl::stats() {
  if (running_.load(std::memory_order_acquire)) RefreshKernelCounters();
  CaptureStats out;
  out.queues.resize(sockets_.size());
  std::lock_guard lock(counters_mutex_);
  for (size_t q = 0; q < sockets_.size(); ++q) {
    QueueStats& s = out.queues[q];
    if (q < active_.load(std::memory_order_acquire)) workers_[q]->Snapshot(s);
    s.kernel_received = kernel_[q].packets;
    s.kernel_dropped = kernel_[q].drops;
    s.freeze_count = kernel_[q].freezes;
  }
  return out;
}

}  // namespace

// Devices only libpcap's own modules can read (nflog, usbmon, ...) take PcapLiveCapture; the rest the engine.
Result<std::unique_ptr<Capture>> Capture::Open(const CaptureConfig& config) {
  if (IsPcapOnlyDevice(config.interface)) return OpenPcapLiveCapture(config);
  return CaptureImpl::Build(config);
}

}  // namespace ringdump
