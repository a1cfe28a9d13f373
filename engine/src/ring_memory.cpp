// Ring sizes and their messages (see ring_memory.hpp).
#include "ring_memory.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ringdump {
namespace {

uint64_t RingBytes(const RingConfig& ring) { return uint64_t{ring.block_size} * ring.block_count; }

std::string Sizes(uint32_t queues, const RingConfig& ring) {
  return std::to_string(queues) + (queues == 1 ? " queue x " : " queues x ") + FormatBytes(RingBytes(ring)) +
         " = " + FormatBytes(RingBytes(ring) * queues);
}

}  // namespace

std::string FormatBytes(uint64_t bytes) {
  static const char* const kUnits[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int unit = 0;
  while (v >= 1024 && unit < 4) {
    v /= 1024;
    ++unit;
  }
  char text[32];
  if (unit == 0 || v >= 100 || v == static_cast<double>(static_cast<uint64_t>(v)))
    std::snprintf(text, sizeof text, "%.0f %s", v, kUnits[unit]);
  else
    std::snprintf(text, sizeof text, "%.1f %s", v, kUnits[unit]);
  return text;
}

uint64_t AvailableMemoryBytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream fields(line.substr(13));
    uint64_t kib = 0;
    if (fields >> kib) return kib * 1024;
  }
  return 0;
}

Status CheckRingMemory(uint32_t queues, const RingConfig& ring, uint64_t available) {
  if (available == 0 || RingBytes(ring) * queues <= available) return Ok();
  return Error("ring memory: " + Sizes(queues, ring) + ", more than the " + FormatBytes(available) +
                   " of memory available",
               Error::Kind::kNoMemory);
}

Error RingAllocationError(uint32_t queue, uint32_t queues, const RingConfig& ring, const Error& cause) {
  return Error("cannot allocate " + FormatBytes(RingBytes(ring)) + " of ring memory for queue " +
                   std::to_string(queue) + " (" + Sizes(queues, ring) + "): " + cause.message(),
               Error::Kind::kNoMemory);
}

}  // namespace ringdump
