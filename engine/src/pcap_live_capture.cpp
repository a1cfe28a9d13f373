// PcapLiveCapture: a Capture over libpcap's own capture modules (see pcap_live_capture.hpp). Packets are
// copied into a batch buffer by the dispatch callback (pcap's buffer is valid only in the callback) and
// handed to the sink after each pcap_dispatch. RequestStop() is async-signal-safe: it sets a flag; the worker
// sees it within the read timeout (pcap_breakloop is not called from a signal handler).
#include "pcap_live_capture.hpp"

#include <pcap/pcap.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "link_type.hpp"
#include "netns.hpp"

namespace ringdump {
namespace {

constexpr int kReadTimeoutMs = 100;
constexpr int kBatch = 256;  // packets per pcap_dispatch

int64_t MonotonicNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct PcapCloser {
  void operator()(pcap_t* p) const { pcap_close(p); }
};

class PcapLiveCapture final : public Capture {
 public:
  explicit PcapLiveCapture(const CaptureConfig& config) : config_(config) {}
  ~PcapLiveCapture() override {
    if (thread_.joinable()) (void)Stop();
  }
  Status Open();

  LinkType link_type() const override { return link_type_; }
  uint32_t snaplen() const override { return snaplen_; }
  const std::string& interface_name() const override { return config_.interface; }
  Status Start(PacketSink& sink) override;
  void RequestStop() override { stop_.store(true, std::memory_order_release); }
  bool StopRequested() const override { return stop_.load(std::memory_order_acquire); }
  Status Wait() override;
  CaptureStats stats() override;

 private:
  void Run();
  static void OnPacket(u_char* user, const pcap_pkthdr* header, const u_char* bytes);

  CaptureConfig config_;
  std::unique_ptr<pcap_t, PcapCloser> pcap_;
  LinkType link_type_ = LinkType::kEthernet;
  uint32_t snaplen_ = 0;
  bool nano_ = false;
  bool nonblocking_ = false;  // poll(2) the selectable descriptor, then pcap_dispatch without blocking
  PacketSink* sink_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> done_{false};
  std::optional<Error> error_;  // the worker's; read after join

  // The worker's batch: the views point into `data_` (offsets fixed up before delivery).
  std::vector<uint8_t> data_;
  std::vector<PacketView> views_;
  std::vector<size_t> offsets_;
  uint64_t budget_left_ = 0;

  std::mutex stats_mu_;
  QueueStats stats_;  // user-side counters (the worker's); kernel ones from pcap_stats
  uint64_t last_recv_ = 0, last_drop_ = 0;
};

Status PcapLiveCapture::Open() {
  auto netns = ScopedNetns::Enter(config_.netns);
  if (!netns.ok()) return std::move(netns).error();
  char ebuf[PCAP_ERRBUF_SIZE] = {};
  pcap_.reset(pcap_create(config_.interface.c_str(), ebuf));
  if (!pcap_) return Error(ebuf, Error::Kind::kNoSuchDevice);
  pcap_t* p = pcap_.get();
  pcap_set_snaplen(p, static_cast<int>(config_.snaplen == 0 ? 262144 : config_.snaplen));
  pcap_set_promisc(p, config_.promiscuous ? 1 : 0);
  pcap_set_timeout(p, kReadTimeoutMs);
  // Keep the kernel's nanoseconds where the module offers them; records are converted by the writer.
  nano_ = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) == 0;
  const int activated = pcap_activate(p);
  if (activated < 0) {
    std::string message = pcap_geterr(p);
    if (message.empty()) message = pcap_statustostr(activated);
    return Error(config_.interface + ": " + message,
                 activated == PCAP_ERROR_NO_SUCH_DEVICE ? Error::Kind::kNoSuchDevice : Error::Kind::kIo);
  }
  if (config_.direction != CaptureDirection::kInOut &&
      pcap_setdirection(p, config_.direction == CaptureDirection::kIn ? PCAP_D_IN : PCAP_D_OUT) < 0)
    return Error(config_.interface + ": " + pcap_geterr(p), Error::Kind::kBadArgument);
  // Some modules (nflog, nfqueue) block in recv() regardless of the read timeout: with a selectable
  // descriptor the worker polls it with a timeout and reads without blocking, so a stop is seen promptly.
  if (pcap_get_selectable_fd(p) >= 0 && pcap_setnonblock(p, 1, ebuf) == 0) nonblocking_ = true;
  link_type_ = LinkTypeFromDlt(pcap_datalink(p));
  snaplen_ = static_cast<uint32_t>(pcap_snapshot(p));
  bpf_program program{};
  if (pcap_compile(p, &program, config_.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) < 0)
    return Error(pcap_geterr(p), Error::Kind::kBadArgument);
  const int set = pcap_setfilter(p, &program);
  pcap_freecode(&program);
  if (set < 0) return Error(pcap_geterr(p), Error::Kind::kBadArgument);
  if (config_.decap.tunnel != DecapConfig::Tunnel::kNone)
    return Error("--decap needs an AF_PACKET interface", Error::Kind::kBadArgument);
  budget_left_ = config_.packet_limit;
  return Ok();
}

Status PcapLiveCapture::Start(PacketSink& sink) {
  if (thread_.joinable()) return Error("capture already started");
  sink_ = &sink;
  thread_ = std::thread([this] { Run(); });
  return Ok();
}

void PcapLiveCapture::OnPacket(u_char* user, const pcap_pkthdr* header, const u_char* bytes) {
  auto* self = reinterpret_cast<PcapLiveCapture*>(user);
  PacketView view;
  view.caplen = header->caplen;
  view.len = header->len;
  view.sec = header->ts.tv_sec;
  view.nsec = static_cast<uint32_t>(self->nano_ ? header->ts.tv_usec : header->ts.tv_usec * 1000);
  self->offsets_.push_back(self->data_.size());
  self->data_.insert(self->data_.end(), bytes, bytes + header->caplen);
  self->views_.push_back(view);
}

void PcapLiveCapture::Run() {
  const int64_t duration_ns = static_cast<int64_t>(config_.duration_seconds * 1e9);
  const int64_t started = MonotonicNs();
  QueueStats local;
  while (!StopRequested()) {
    data_.clear();
    views_.clear();
    offsets_.clear();
    if (nonblocking_) {
      pollfd pfd{pcap_get_selectable_fd(pcap_.get()), POLLIN, 0};
      if (poll(&pfd, 1, kReadTimeoutMs) == 0) {
        sink_->Idle(0, local);
        if (sink_->WantsStop()) RequestStop();  // decided on another thread: seen without traffic
        if (duration_ns > 0 && MonotonicNs() - started >= duration_ns) RequestStop();
        continue;
      }
    }
    const int n =
        pcap_dispatch(pcap_.get(), kBatch, &PcapLiveCapture::OnPacket, reinterpret_cast<u_char*>(this));
    if (n < 0) {
      if (n != PCAP_ERROR_BREAK)
        error_ = Error(config_.interface + ": " + pcap_geterr(pcap_.get()), Error::Kind::kIo);
      break;
    }
    size_t count = views_.size();
    if (config_.packet_limit != 0) {
      count = std::min<uint64_t>(count, budget_left_);
      budget_left_ -= count;
    }
    for (size_t i = 0; i < count; ++i) views_[i].data = data_.data() + offsets_[i];
    local.packets_seen += views_.size();
    if (count > 0) {
      ++local.blocks;
      sink_->Consume(0, PacketBatch(views_.data(), count), local);
    } else {
      sink_->Idle(0, local);
    }
    {
      std::lock_guard lock(stats_mu_);
      stats_ = local;
    }
    if ((config_.packet_limit != 0 && budget_left_ == 0) || sink_->WantsStop()) RequestStop();
    if (duration_ns > 0 && MonotonicNs() - started >= duration_ns) RequestStop();
  }
  done_.store(true, std::memory_order_release);
}

Status PcapLiveCapture::Wait() {
  if (!thread_.joinable()) return Ok();
  while (!done_.load(std::memory_order_acquire)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (StopRequested()) break;
  }
  thread_.join();
  (void)stats();  // the last kernel counters, before the sink's statistics blocks read them
  Status finished = sink_->Finish();
  if (error_) return *error_;
  return finished;
}

CaptureStats PcapLiveCapture::stats() {
  CaptureStats out;
  out.queues.resize(1);
  std::lock_guard lock(stats_mu_);
  out.queues[0] = stats_;
  pcap_stat ps{};
  if (pcap_ && pcap_stats(pcap_.get(), &ps) == 0) {
    last_recv_ = ps.ps_recv;
    last_drop_ = ps.ps_drop;
  }
  out.queues[0].kernel_received = last_recv_;
  out.queues[0].kernel_dropped = last_drop_;
  return out;
}

}  // namespace

bool IsPcapOnlyDevice(const std::string& name) {
  for (const char* prefix : {"nflog", "nfqueue", "usbmon", "dbus-", "bluetooth", "rdma", "snoop"})
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

Result<std::unique_ptr<Capture>> OpenPcapLiveCapture(const CaptureConfig& config) {
  RINGDUMP_TRY(config.Validate(), "capture configuration");
  auto capture = std::make_unique<PcapLiveCapture>(config);
  if (Status opened = capture->Open(); !opened.ok()) return std::move(opened).error();
  return std::unique_ptr<Capture>(std::move(capture));
}

}  // namespace ringdump
