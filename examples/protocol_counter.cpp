// protocol_counter: the embedding example of docs/embedding.md. Counts packets per IP protocol on an
// interface for a few seconds, with the engine's zero-copy batch callback, then prints the counts and the
// engine's counters.   usage: protocol_counter IFACE [SECONDS] [FILTER]
#include <ringdump/capture.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s IFACE [SECONDS] [FILTER]\n", argv[0]);
    return 2;
  }
  ringdump::CaptureConfig config;
  config.interface = argv[1];
  config.filter = argc > 3 ? argv[3] : "";
  config.queues = 1;
  config.ring.retire_timeout_ms = 10;

  std::array<std::atomic<uint64_t>, 256> per_protocol{};  // IPv4 protocol number -> packets
  ringdump::CallbackSink sink([&](uint32_t, ringdump::PacketBatch batch) {
    for (const ringdump::PacketView& p : batch)  // Ethernet + IPv4: the protocol byte is at offset 23
      if (p.caplen > 23 && p.data[12] == 0x08 && p.data[13] == 0x00) per_protocol[p.data[23]]++;
  });

  auto capture = ringdump::Capture::Open(config);
  if (!capture.ok()) {
    std::fprintf(stderr, "protocol_counter: %s\n", capture.error().message().c_str());
    return 1;
  }
  if (auto started = capture.value()->Start(sink); !started.ok()) return 1;
  std::this_thread::sleep_for(std::chrono::seconds(argc > 2 ? std::atoi(argv[2]) : 5));
  (void)capture.value()->Stop();

  for (int proto = 0; proto < 256; ++proto)
    if (per_protocol[proto] != 0) std::printf("ip proto %3d: %llu packets\n", proto, (unsigned long long)per_protocol[proto].load());
  auto total = capture.value()->stats().Total();
  std::printf("received by filter %llu, dropped by kernel %llu, delivered %llu\n",
              (unsigned long long)total.kernel_received, (unsigned long long)total.kernel_dropped,
              (unsigned long long)total.packets_written);
  return 0;
}
