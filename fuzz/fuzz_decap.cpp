// Harness: Decapsulate on hostile frames. Input: byte 0 picks the tunnel and the outer link type, bytes 1-2 a
// UDP port, bytes 3-6 one id (used when byte 0 says so), the rest is the captured frame (exactly caplen bytes
// on the heap). Checks the contract: on kInner the narrowed view lies inside the original bytes.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "decap.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 7) return 0;
  using Tunnel = ringdump::DecapConfig::Tunnel;
  static constexpr Tunnel kTunnels[] = {Tunnel::kVxlan, Tunnel::kGeneve, Tunnel::kGre, Tunnel::kNone};
  static constexpr ringdump::LinkType kOuter[] = {ringdump::LinkType::kEthernet, ringdump::LinkType::kRaw,
                                                  ringdump::LinkType::kLinuxSll,
                                                  ringdump::LinkType::kLinuxSll2, ringdump::LinkType::kNull};
  ringdump::DecapSpec spec;
  spec.tunnel = kTunnels[data[0] & 3];
  uint16_t port = uint16_t(data[1] | (data[2] << 8));
  if (spec.tunnel == Tunnel::kVxlan || spec.tunnel == Tunnel::kGeneve) {
    spec.udp_port = port != 0 ? port : ringdump::DefaultTunnelPort(spec.tunnel);
  }
  uint32_t id;
  std::memcpy(&id, data + 3, 4);
  if (data[0] & 4) {
    spec.ids = &id;
    spec.ids_count = 1;
  }
  ringdump::LinkType outer = kOuter[(data[0] >> 3) % 5];
  std::vector<uint8_t> frame(data + 7, data + size);
  ringdump::PacketView v;
  v.data = frame.data();
  v.caplen = uint32_t(frame.size());
  v.len = v.caplen + (data[0] >> 7) * 64;
  ringdump::DecapOutcome r = ringdump::Decapsulate(spec, outer, v);
  if (r == ringdump::DecapOutcome::kInner) {
    const uint8_t* begin = frame.data();
    const uint8_t* end = begin + frame.size();
    if (v.data < begin || v.data > end || v.caplen > size_t(end - v.data) || v.caplen > v.len) abort();
  }
  return 0;
}
