// ringdump-gen: a bounded frame generator for ringdump's tests, demo and benchmarks. Sends --count frames
// (never more; --seconds bounds the time) on one interface of the current network namespace; every frame
// carries "RDSEQ" + a sequence number so a receiver can find gaps and duplicates. Reports on stderr.
#include <signal.h>

#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <variant>

#include "frame.hpp"
#include "gen_options.hpp"
#include "packet_sender.hpp"

namespace {

volatile sig_atomic_t g_stop = 0;

void OnSignal(int) { g_stop = 1; }

constexpr size_t kMaxBatch = 256;

}  // namespace

int main(int argc, char** argv) {
  using namespace ringdump::gen;
  using Clock = std::chrono::steady_clock;

  auto parsed = ParseGenOptions(argc, argv);
  if (auto* err = std::get_if<OptionError>(&parsed)) {
    std::fprintf(stderr, "ringdump-gen: %s\n(ringdump-gen -h lists the options)\n", err->message.c_str());
    return 2;
  }
  GenOptions opt = std::get<GenOptions>(std::move(parsed));
  if (opt.help) {
    std::fputs(GenUsage().c_str(), stdout);
    return 0;
  }

  std::string error;
  auto iface = LookUpInterface(opt.interface, &error);
  if (!iface) {
    std::fprintf(stderr, "ringdump-gen: %s\n", error.c_str());
    return 1;
  }
  if (!opt.src_mac_given) opt.spec.src_mac = iface->mac;
  size_t max_size = 0;
  for (size_t s : opt.sizes) max_size = s > max_size ? s : max_size;
  // The kernel accepts up to MTU + link header (+ one tag) from a packet socket.
  // The kernel allows the 4 extra bytes for an 802.1Q tag only (packet_extra_vlan_len_allowed), not 802.1ad.
  bool extra_tag = opt.spec.vlan && opt.spec.vlan->tpid == kTpid8021Q;
  size_t limit = static_cast<size_t>(iface->mtu) + 14 + (extra_tag ? 4 : 0);
  if (max_size > limit) {
    std::fprintf(stderr, "ringdump-gen: --size: %zu exceeds what %s carries (MTU %d: at most %zu bytes)\n",
                 max_size, opt.interface.c_str(), iface->mtu, limit);
    return 2;
  }

  std::vector<FrameTemplate> templates;
  for (size_t s : opt.sizes) templates.emplace_back(opt.spec, s);

  PacketSender sender;
  error = sender.Open(*iface, opt.interface, opt.method, opt.qdisc_bypass, max_size);
  if (!error.empty()) {
    std::fprintf(stderr, "ringdump-gen: %s\n", error.c_str());
    return 1;
  }

  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(opt.seconds));
  uint64_t sent = 0, bytes = 0;
  bool timed_out = false;
  while (sent < opt.count && !g_stop && error.empty()) {
    auto now = Clock::now();
    if (now >= deadline) {
      timed_out = true;
      break;
    }
    uint64_t batch = opt.count - sent < kMaxBatch ? opt.count - sent : kMaxBatch;
    if (opt.rate_pps > 0) {
      // Frames due by now: one at t = 0, then one every 1/rate seconds.
      double elapsed = std::chrono::duration<double>(now - start).count();
      double due = std::floor(elapsed * opt.rate_pps) + 1;
      if (due <= static_cast<double>(sent)) {
        double wait = (static_cast<double>(sent) / opt.rate_pps) - elapsed;
        std::this_thread::sleep_for(std::chrono::duration<double>(wait < 0.05 ? wait : 0.05));
        continue;
      }
      uint64_t allowed = static_cast<uint64_t>(due) - sent;
      batch = allowed < batch ? allowed : batch;
    }
    uint64_t base = sent;
    size_t n = sender.Send(
        batch,
        [&](size_t k, uint8_t* buf) {
          uint64_t i = base + k;
          const FrameTemplate& t = templates[i % templates.size()];
          t.Write(opt.seq_start + i, static_cast<uint16_t>(opt.spec.src_port + i % opt.flows), buf);
          return t.size();
        },
        &error);
    for (uint64_t i = base; i < base + n; ++i) bytes += templates[i % templates.size()].size();
    sent += n;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!opt.quiet || !error.empty() || sent < opt.count) {
    double rate = seconds > 0 ? static_cast<double>(sent) / seconds : 0;
    std::fprintf(stderr,
                 "ringdump-gen: sent %" PRIu64 " frames (%" PRIu64
                 " bytes) in %.3f seconds: %.0f frames/s, "
                 "%.1f Mbit/s [%s%s]\n",
                 sent, bytes, seconds, rate,
                 seconds > 0 ? static_cast<double>(bytes) * 8 / seconds / 1e6 : 0.0, sender.method_name(),
                 sender.qdisc_bypass() ? ", qdisc bypass" : "");
  }
  if (!error.empty()) {
    std::fprintf(stderr, "ringdump-gen: %s\n", error.c_str());
    return 1;
  }
  if (sent < opt.count) {
    std::fprintf(stderr, "ringdump-gen: stopped by %s after %" PRIu64 " of %" PRIu64 " frames\n",
                 timed_out ? "--seconds" : "a signal", sent, opt.count);
    return timed_out ? 0 : 130;
  }
  return 0;
}
